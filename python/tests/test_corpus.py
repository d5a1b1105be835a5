"""annals.load_corpus and annals.t17_topics."""
import datetime
import json

import pytest

import annals


def test_t17_topics(t17):
    topics = {t["name"]: t for t in annals.t17_topics(t17)}
    assert "bpoil" in topics and "MJ" in topics
    assert topics["bpoil"]["sources"] == sorted(topics["bpoil"]["sources"])
    assert len(topics["bpoil"]["sources"]) == len(topics["bpoil"]["source_dirs"]) >= 2
    assert all(p.endswith(".txt") for p in topics["bpoil"]["timelines"])


def test_load_t17_topic_merges_sources(t17):
    c = annals.load_corpus(t17, topic="MJ")
    assert c.name == "MJ" and len(c) == len(c.documents) > 100
    doc_id, dct, text = c.documents[0]
    assert doc_id.startswith("bbc/") and isinstance(dct, datetime.date) and text
    assert [d[1] for d in c.documents] == sorted(d[1] for d in c.documents)
    assert all(s.endswith("empty file") for s in c.skipped)  # the T17 copy has empty files
    assert list(c) == c.documents
    assert repr(c).startswith("<Corpus 'MJ': ")


def test_load_corpus_date_range(t17):
    c = annals.load_corpus(t17 / "MJ_bbc", from_date="2009-06-25", to_date=datetime.date(2009, 6, 30))
    assert len(c) > 0 and c.out_of_range > 0
    assert all(datetime.date(2009, 6, 25) <= d <= datetime.date(2009, 6, 30) for _, d, _ in c)


def test_load_jsonl_reports_bad_lines(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "a", "time": "2013-01-30", "text": "on Monday"}) + "\n"
                 + "not json\n", encoding="utf-8")
    c = annals.load_corpus(str(p))
    assert c.documents == [("a", datetime.date(2013, 1, 30), "on Monday")]
    assert len(c.skipped) == 1 and ":2:" in c.skipped[0]


def test_load_corpus_errors(tmp_path):
    assert annals.load_corpus(tmp_path / "missing").skipped  # reported, not raised
    with pytest.raises(TypeError):
        annals.load_corpus(5)
    with pytest.raises(ValueError, match="is after"):
        annals.load_corpus(tmp_path, from_date="2013-02-01", to_date="2013-01-01")
    with pytest.raises(ValueError):
        annals.load_corpus(tmp_path, topic="bpoil")  # not a T17 root
