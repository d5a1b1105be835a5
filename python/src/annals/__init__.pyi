"""Typed stubs of the `annals` package: the extension module annals._annals
(python/annals_module.cc) it re-exports, and to_frame().

Offsets are code-point indices into the str that was tagged
(text[t.begin:t.end] == t.text); UTF-8 byte offsets, as the CLI prints them,
are byte_begin / byte_end. Dates are accepted as datetime.date (a datetime
counts by its date) or 'YYYY-MM-DD', and returned as datetime.date.
"""
import datetime
import os
from typing import TYPE_CHECKING, Iterable, Iterator, Literal, Mapping, TypedDict, Union

if TYPE_CHECKING:
    import pandas

__version__: str

DateLike = Union[datetime.date, str]
DocType = Literal["news", "narrative"]
# "auto" (detected per text) or a language code; "und": numeric dates only.
Lang = Literal["auto", "en", "es", "fr", "de", "it", "pt", "und"]
LangCode = Literal["en", "es", "fr", "de", "it", "pt", "und"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

class TimexDict(TypedDict):
    begin: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None
    first: str | None
    last: str | None

class Timex:
    """A time expression found in a text, resolved to a TimeML TIMEX3 value."""
    @property
    def begin(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_begin(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> TimexType: ...
    @property
    def value(self) -> str: ...
    @property
    def mod(self) -> str | None: ...
    @property
    def interval(self) -> tuple[datetime.date, datetime.date] | None: ...
    def to_dict(self) -> TimexDict: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

def tag(text: str, dct: DateLike, type: DocType = "news", lang: Lang = "auto") -> list[Timex]:
    """Finds and resolves every time expression of `text` against `dct`, in
    its language (lang='auto': detected, as language_of does).

    Raises TypeError for a non-str text or a dct that is neither a date nor
    a str; ValueError for a malformed dct, an unknown type or lang, or lone
    surrogates in text. Releases the GIL while tagging.
    """

def language_of(text: str) -> LangCode:
    """The language of `text` as tag(lang='auto') detects it ('und': none
    of the covered ones, or too little text)."""

Document = tuple[str, DateLike, str]  # (id, publication date, text)

class Corpus:
    """Dated articles loaded by load_corpus(); iterates its documents."""
    @property
    def name(self) -> str: ...
    @property
    def documents(self) -> list[tuple[str, datetime.date, str]]: ...
    @property
    def skipped(self) -> list[str]: ...
    @property
    def out_of_range(self) -> int: ...
    @property
    def lang(self) -> Lang: ...
    @property
    def languages(self) -> list[LangCode]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[tuple[str, datetime.date, str]]: ...

def load_corpus(
    path: str | os.PathLike[str],
    *,
    topic: str | None = None,
    from_date: DateLike | None = None,
    to_date: DateLike | None = None,
    lang: Lang = "auto",
) -> Corpus: ...

class T17TopicDict(TypedDict):
    name: str
    sources: list[str]
    source_dirs: list[str]
    timelines: list[str]

def t17_topics(path: str | os.PathLike[str]) -> list[T17TopicDict]: ...

class AnnotatedDocument:
    """An article split into sentences and tagged; picklable."""
    @property
    def id(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def text(self) -> str: ...
    @property
    def lang(self) -> LangCode: ...
    @property
    def sentences(self) -> list[tuple[int, int]]: ...
    @property
    def timexes(self) -> list[Timex]: ...

# (id, date, text, lang) names a document's language.
DocumentLike = Union[Document, tuple[str, DateLike, str, str], list[object], AnnotatedDocument]

def annotate(
    docs: Iterable[DocumentLike] | Corpus, *, threads: int = 0, lang: Lang = "auto"
) -> list[AnnotatedDocument]:
    """Splits and tags (id, date, text) documents as news, in input order,
    each in its language (a 4th item, a Corpus's languages, or detected)."""

class TimelineSentenceDict(TypedDict):
    text: str
    doc_id: str
    published: str
    score: float

class TimelineEntryDict(TypedDict):
    date: str
    score: float
    articles: int
    mentions: int
    published: int
    chronology: float
    sentences: list[TimelineSentenceDict]

class TimelineDict(TypedDict):
    documents: int
    sentences: int
    entries: list[TimelineEntryDict]

class TimelineSentence:
    @property
    def text(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def published(self) -> datetime.date: ...
    @property
    def score(self) -> float: ...
    def to_dict(self) -> TimelineSentenceDict: ...

class TimelineEntry:
    @property
    def date(self) -> datetime.date: ...
    @property
    def score(self) -> float: ...
    @property
    def articles(self) -> int: ...
    @property
    def mentions(self) -> int: ...
    @property
    def published(self) -> int: ...
    @property
    def chronology(self) -> float: ...
    @property
    def sentences(self) -> list[TimelineSentence]: ...
    def to_dict(self) -> TimelineEntryDict: ...

class Timeline:
    """The timeline of a story told by dated articles (see `annals timeline`)."""
    def __init__(
        self,
        docs: Iterable[DocumentLike],
        *,
        query: str = "",
        max_dates: int = 0,
        sentences_per_date: int = 0,
        from_date: DateLike | None = None,
        to_date: DateLike | None = None,
        threads: int = 0,
        lang: Lang = "auto",
    ) -> None: ...
    @property
    def entries(self) -> list[TimelineEntry]: ...
    @property
    def dates(self) -> list[datetime.date]: ...
    @property
    def keywords(self) -> list[str]: ...
    @property
    def automatic_keywords(self) -> bool: ...
    @property
    def documents(self) -> int: ...
    @property
    def sentences(self) -> int: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[TimelineEntry]: ...
    def __getitem__(self, index: int) -> TimelineEntry: ...
    def to_dict(self) -> TimelineDict: ...
    def to_frame(self) -> "pandas.DataFrame":
        """One row per sentence: date, date_rank, date_score, rank, text,
        doc_id, published, score. Needs pandas (ImportError otherwise)."""

class Story:
    """A collection annotated and indexed once, for many timelines."""
    def __init__(
        self, docs: Iterable[DocumentLike] | Corpus, *, threads: int = 0, lang: Lang = "auto"
    ) -> None: ...
    def timeline(
        self,
        *,
        query: str = "",
        max_dates: int = 0,
        sentences_per_date: int = 0,
        from_date: DateLike | None = None,
        to_date: DateLike | None = None,
    ) -> Timeline: ...
    def __len__(self) -> int: ...

TagResults = Union[
    list[Timex],
    Mapping[str, list[Timex]],
    Iterable[tuple[str, list[Timex]]],
    AnnotatedDocument,
    Iterable[AnnotatedDocument],
]

def to_frame(results: TagResults, doc_id: str | None = None) -> "pandas.DataFrame":
    """One row per time expression: doc_id, begin, end, text, type, value,
    mod, first, last (datetime64). Needs pandas (ImportError otherwise)."""
