"""annals: find and resolve time expressions in dated news; build timelines.

The engine is the C++ extension annals._annals, re-exported here; to_frame()
and Timeline.to_frame() turn results into pandas DataFrames (pandas is
imported only when they are called). `python -m annals tag|timeline` are the
command-line tool's JSON commands on this module.
"""
from . import _annals
from ._annals import (
    AnnotatedDocument,
    Corpus,
    Story,
    Timeline,
    TimelineEntry,
    TimelineSentence,
    Timex,
    __version__,
    annotate,
    language_of,
    load_corpus,
    t17_topics,
    tag,
)
from ._frames import timeline_frame as _timeline_frame
from ._frames import to_frame

__doc__ = _annals.__doc__ + "\n" + (__doc__ or "")
Timeline.to_frame = _timeline_frame

__all__ = [
    "AnnotatedDocument",
    "Corpus",
    "Story",
    "Timeline",
    "TimelineEntry",
    "TimelineSentence",
    "Timex",
    "__version__",
    "annotate",
    "language_of",
    "load_corpus",
    "t17_topics",
    "tag",
    "to_frame",
]
