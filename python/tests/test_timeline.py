"""annals.annotate, AnnotatedDocument and annals.Timeline."""
import datetime
import json
import pickle
import subprocess

import pytest

import annals
from conftest import SEED, read_dated

D = datetime.date

DOCS = [
    ("a", "2013-01-28", "Rebels attacked the airport on Sunday. The attack was repelled."),
    ("b", "2013-01-29", "The airport attack on Sunday killed ten. Talks were due on Wednesday."),
    ("c", "2013-01-30", "Talks began on Wednesday in Paris. Rebels attacked the airport on Sunday."),
    ("d", D(2013, 1, 31), "The talks that began on Wednesday ended without agreement."),
    (5, "2013-02-01", "On January 27, 2013 rebels attacked the airport near the capital."),
]


def test_timeline_of_a_small_story():
    tl = annals.Timeline(DOCS, max_dates=2, sentences_per_date=1)
    assert tl.dates == [D(2013, 1, 27), D(2013, 1, 30)]
    # Articles off the story's keywords (here: "airport") may be left out.
    assert len(tl) == 2 and 3 <= tl.documents <= 5 and tl.sentences >= tl.documents
    first = tl[0]
    assert first.date == D(2013, 1, 27) and first.articles >= 3 and first.mentions >= 3
    assert len(first.sentences) == 1
    s = first.sentences[0]
    assert "airport" in s.text and s.doc_id in {"a", "b", "c", "5"}
    assert isinstance(s.published, D) and s.score > 0
    assert [e.date for e in tl] == tl.dates and tl[-1].date == tl[1].date
    with pytest.raises(IndexError):
        tl[2]
    assert repr(tl) == f"<Timeline 2 dates 2013-01-27..2013-01-30 from {tl.documents} documents>"


def test_to_dict_is_json_ready_and_pickle_round_trips():
    tl = annals.Timeline(DOCS, max_dates=3)
    d = tl.to_dict()
    json.dumps(d)
    assert set(d) == {"documents", "sentences", "entries"}
    assert set(d["entries"][0]) == {"date", "score", "articles", "mentions", "published", "chronology", "sentences"}
    assert set(d["entries"][0]["sentences"][0]) == {"text", "doc_id", "published", "score"}
    back = pickle.loads(pickle.dumps(tl))
    assert back.to_dict() == d
    assert tl.keywords and tl.automatic_keywords  # no query: chosen from the articles
    assert (back.keywords, back.automatic_keywords) == (tl.keywords, True)
    asked = annals.Timeline(DOCS, query="Syria talks")
    assert not asked.automatic_keywords and pickle.loads(pickle.dumps(asked)).keywords == asked.keywords
    assert pickle.loads(pickle.dumps(tl[0])).to_dict() == tl[0].to_dict()
    s = tl[0].sentences[0]
    assert pickle.loads(pickle.dumps(s)).to_dict() == s.to_dict()


def test_options_restrict_the_timeline():
    late = annals.Timeline(DOCS, from_date="2013-01-29", to_date=D(2013, 1, 31))
    assert all(D(2013, 1, 29) <= d <= D(2013, 1, 31) for d in late.dates)
    assert late.documents == 3  # articles published in the range
    talks = annals.Timeline(DOCS, query="talks")
    assert talks.documents == 3  # b, c, d mention talks
    assert annals.Timeline([], max_dates=3).dates == []


def test_annotate_then_timeline_equals_timeline():
    annotated = annals.annotate(DOCS, threads=2)
    assert [a.id for a in annotated] == ["a", "b", "c", "d", "5"]
    a = annotated[2]
    assert a.date == D(2013, 1, 30) and a.text == DOCS[2][2]
    assert [a.text[b:e] for b, e in a.sentences] == [
        "Talks began on Wednesday in Paris.", "Rebels attacked the airport on Sunday."]
    assert [(t.text, t.value) for t in a.timexes] == [("Wednesday", "2013-01-30"), ("Sunday", "2013-01-27")]
    assert repr(a) == "<AnnotatedDocument 'c' 2013-01-30: 2 sentences, 2 timexes>"
    direct = annals.Timeline(DOCS, max_dates=3).to_dict()
    assert annals.Timeline(annotated, max_dates=3).to_dict() == direct
    shipped = pickle.loads(pickle.dumps(annotated))  # as Dask ships them
    assert annals.Timeline(shipped, max_dates=3).to_dict() == direct
    mixed = shipped[:2] + list(DOCS[2:])
    assert annals.Timeline(mixed, max_dates=3).to_dict() == direct


def test_story_builds_what_timeline_builds():
    story = annals.Story(DOCS, threads=2)
    assert len(story) == 5 and repr(story) == "<Story of 5 documents>"
    for kwargs in ({"max_dates": 3}, {"query": "talks"}, {"max_dates": 2, "sentences_per_date": 1},
                   {"from_date": "2013-01-29", "to_date": D(2013, 1, 31)}):
        assert story.timeline(**kwargs).to_dict() == annals.Timeline(DOCS, **kwargs).to_dict()
    with pytest.raises(ValueError, match="after to_date"):
        story.timeline(from_date="2013-02-01", to_date="2013-01-01")
    with pytest.raises(TypeError):
        story.timeline(query=3)


def test_non_ascii_annotated_offsets():
    text = "Ça a commencé — «lundi» — on Monday. Fin 😀 on 5 March 2011."
    a = annals.annotate([("x", "2013-01-30", text)])[0]
    for t in a.timexes:
        assert text[t.begin:t.end] == t.text
    for b, e in a.sentences:
        assert text[b:e].strip() == text[b:e]


def test_threads_do_not_change_the_timeline(seed):
    dct, text, _ = seed
    docs = DOCS + [("seed", dct, text)]
    one = annals.Timeline(docs, threads=1).to_dict()
    assert annals.Timeline(docs, threads=2).to_dict() == one
    assert annals.Timeline(iter(docs), threads=0).to_dict() == one  # any iterable


@pytest.mark.parametrize("docs, kwargs, exc, message", [
    (5, {}, TypeError, "docs must be an iterable of \\(id, date, text\\) tuples, not int"),
    ("abc", {}, TypeError, "docs must be an iterable .* not str"),
    ([("a", "2013-01-30")], {}, TypeError, "docs\\[0\\]: expected an \\(id, date, text\\[, lang\\]\\) tuple .* of length 2"),
    ([DOCS[0], 7], {}, TypeError, "docs\\[1\\]: expected .* not int"),
    ([("a", "2013-01-32", "x")], {}, ValueError, "docs\\[0\\] date: '2013-01-32' is not a date"),
    ([("a", None, "x")], {}, TypeError, "docs\\[0\\] date must be a datetime.date"),
    ([("a", "2013-01-30", b"x")], {}, TypeError, "docs\\[0\\] text must be str, not bytes"),
    ([(None, "2013-01-30", "x")], {}, TypeError, "docs\\[0\\] id must be str or int"),
    (DOCS, {"max_dates": -1}, ValueError, "max_dates must be between 0 and"),
    (DOCS, {"max_dates": 2.5}, TypeError, "max_dates must be int, not float"),
    (DOCS, {"sentences_per_date": True}, TypeError, "sentences_per_date must be int, not bool"),
    (DOCS, {"threads": -2}, ValueError, "threads must be between"),
    (DOCS, {"query": 3}, TypeError, "query must be str"),
    (DOCS, {"from_date": "2013-02-01", "to_date": "2013-01-01"}, ValueError, "is after to_date"),
    (DOCS, {"from_date": "yesterday"}, ValueError, "from_date: 'yesterday' is not a date"),
    (DOCS, {"colour": "red"}, TypeError, ""),
])
def test_bad_arguments(docs, kwargs, exc, message):
    with pytest.raises(exc, match=message):
        annals.Timeline(docs, **kwargs)


def test_annotate_bad_arguments():
    with pytest.raises(TypeError, match="docs\\[1\\]"):
        annals.annotate([DOCS[0], ("x",)])
    with pytest.raises(TypeError, match="threads must be int"):
        annals.annotate(DOCS, threads="2")


def test_damaged_pickle_is_value_error():
    a = annals.annotate(DOCS[:1])[0]
    state = a.__getstate__()
    for damaged in (state[:-1], state[:40], state + b"x"):
        with pytest.raises(ValueError, match="damaged"):
            annals.AnnotatedDocument.__new__(annals.AnnotatedDocument).__setstate__(damaged)


def test_t17_topic(t17):
    corpus = annals.load_corpus(t17, topic="MJ")
    tl = annals.Timeline(corpus, max_dates=10, sentences_per_date=1)
    assert len(tl) == 10 and 0 < tl.documents <= len(corpus)
    assert tl.dates == sorted(tl.dates)
    ids = {doc_id for doc_id, _, _ in corpus}
    assert all(len(e.sentences) == 1 and e.sentences[0].doc_id in ids for e in tl)
    assert D(2009, 6, 25) in tl.dates  # the day Michael Jackson died


def test_same_dates_as_cli(t17, cli):
    if subprocess.run([cli, "timeline", "--help"], capture_output=True).returncode != 0:
        pytest.skip("this annals CLI has no timeline command")
    out = subprocess.run([cli, "timeline", "--format", "json", "--dates", "8", "--sentences", "1",
                          "-q", str(t17 / "MJ_bbc")], check=True, capture_output=True, text=True).stdout
    want = [(d["date"], [s["text"] for s in d["sentences"]]) for d in json.loads(out)["dates"]]
    tl = annals.Timeline(annals.load_corpus(t17, topic="MJ"), max_dates=8, sentences_per_date=1)
    assert [(e["date"], [s["text"] for s in e["sentences"]]) for e in tl.to_dict()["entries"]] == want
