"""annals.to_frame() and Timeline.to_frame(): pandas DataFrames of results."""
import datetime
import subprocess
import sys

import pytest

import annals

pd = pytest.importorskip("pandas")

TAG_COLUMNS = ["doc_id", "begin", "end", "text", "type", "value", "mod", "first", "last"]
TIMELINE_COLUMNS = ["date", "date_rank", "date_score", "rank", "text", "doc_id", "published",
                    "score"]


def test_one_row_per_expression_with_its_fields(seed):
    dct, text, _ = seed
    timexes = annals.tag(text, dct)
    frame = annals.to_frame(timexes, doc_id="seed")
    assert list(frame.columns) == TAG_COLUMNS
    assert len(frame) == len(timexes) > 3
    for row, t in zip(frame.itertuples(index=False), timexes):
        assert row.doc_id == "seed"
        assert (row.begin, row.end, row.text, row.type, row.value) == (
            t.begin, t.end, t.text, t.type, t.value)
        assert text[row.begin:row.end] == row.text
        assert row.mod == t.mod
        if t.interval:
            assert (row.first.date(), row.last.date()) == t.interval
        else:
            assert pd.isna(row.first) and pd.isna(row.last)
    assert str(frame["first"].dtype).startswith("datetime64")
    assert frame["begin"].dtype == "int64"


def test_several_documents_keep_their_ids():
    a = annals.tag("He left on Friday.", "2013-01-30")
    b = annals.tag("The talks begin in March 2014 and last two weeks.", "2013-01-30")
    by_dict = annals.to_frame({"a": a, "b": b})
    assert list(by_dict["doc_id"]) == ["a"] * len(a) + ["b"] * len(b)
    pairs = annals.to_frame([("a", a), ("b", b)])
    assert pairs.equals(by_dict)
    docs = annals.annotate([("a", "2013-01-30", "He left on Friday."),
                            ("b", "2013-01-30", "The talks begin in March 2014.")])
    annotated = annals.to_frame(docs)
    assert list(annotated["doc_id"]) == ["a", "b"]
    assert list(annotated["value"]) == ["2013-01-25", "2014-03"]
    assert annotated["last"][1] == pd.Timestamp("2014-03-31")
    assert annals.to_frame(docs[1])["value"].tolist() == ["2014-03"]


def test_empty_results_give_the_columns():
    for empty in ([], {}, annals.tag("No dates here.", "2013-01-30")):
        frame = annals.to_frame(empty)
        assert frame.empty and list(frame.columns) == TAG_COLUMNS


def test_days_outside_pandas_range_are_kept():
    timexes = annals.tag("The castle was built in 1500.", "2013-01-30")
    assert [t.value for t in timexes] == ["1500"]
    frame = annals.to_frame(timexes)
    assert frame["first"][0] == datetime.date(1500, 1, 1)


def test_bad_results_raise_type_error():
    with pytest.raises(TypeError, match=r"results\[0\] is int"):
        annals.to_frame([1, 2])


def test_timeline_frame_one_row_per_sentence():
    docs = [
        ("a", "2013-01-28", "Talks on the Syria crisis will open on Wednesday in Geneva."),
        ("b", "2013-01-30", "The Syria talks opened on Wednesday in Geneva, officials said."),
        ("c", "2013-02-01", "On Wednesday the Syria talks opened; they resume on Monday."),
        ("d", "2013-02-04", "The Syria talks resumed on Monday after the opening on January 30."),
    ]
    t = annals.Timeline(docs, query="syria talks")
    frame = t.to_frame()
    assert list(frame.columns) == TIMELINE_COLUMNS
    assert len(t) > 0
    assert len(frame) == sum(len(e.sentences) for e in t)
    rows = iter(frame.itertuples(index=False))
    for e in t:
        for k, s in enumerate(e.sentences):
            row = next(rows)
            assert row.date.date() == e.date and row.rank == k + 1
            assert (row.text, row.doc_id, row.published.date(), row.score) == (
                s.text, s.doc_id, s.published, s.score)
            assert row.date_score == e.score
            ahead = sum(o.score > e.score or (o.score == e.score and o.date < e.date) for o in t)
            assert row.date_rank == 1 + ahead
    assert sorted(set(frame["date_rank"])) == list(range(1, len(t) + 1))


def test_timeline_without_dates_gives_the_columns():
    t = annals.Timeline([("a", "2013-01-30", "Nothing."), ("b", "2013-01-31", "Else.")],
                        query="absent")
    frame = t.to_frame()
    assert frame.empty and list(frame.columns) == TIMELINE_COLUMNS


def test_without_pandas_a_clear_import_error():
    # A fresh interpreter where `import pandas` fails; annals imports fine.
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import annals\n"
        "try:\n"
        "    annals.to_frame([])\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "needs pandas" in out.stdout and "pip install pandas" in out.stdout


def test_import_does_not_load_pandas():
    code = "import sys, annals; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
