"""python/dask_timelines.py on a LocalCluster of 2 worker processes."""
import os

import pytest

pytest.importorskip("distributed")

import annals  # noqa: E402
import dask_timelines as dt  # noqa: E402
from conftest import SEED, read_dated  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with dt.local_client(2) as c:
        yield c


def test_each_worker_loads_annals_once(client):
    pids = client.run(lambda dask_worker: (dask_worker.annals_pid, os.getpid()))
    assert len(pids) == 2
    for plugin_pid, worker_pid in pids.values():
        assert plugin_pid == worker_pid  # the plugin ran in the worker process
    assert len({p for p, _ in pids.values()}) == 2


def test_bad_documents_are_reported_and_work_goes_on(client):
    dct, text, _ = read_dated(SEED)
    good = [(f"seed-{i}", dct, text) for i in range(6)] + [
        ("later", "2013-02-05", "On Monday the talks resumed in Geneva."),
    ]
    bad = [
        ("bad-date", "2013-02-30", "On Monday."),
        ("bad-text", "2013-01-30", b"bytes, not str"),
        ("surrogate", "2013-01-30", "lone \ud800 surrogate"),
        42,
        ("too", "short"),
    ]
    chunks = {"syria": [good[:3] + bad[:2], good[3:] + bad[2:]]}
    result = dt.run(client, chunks, annotate=dt.annotate_docs, max_dates=5)["syria"]
    # A topic of one chunk runs as one task (both stages); same result.
    fused = dt.run(client, {"syria": [good + bad]}, annotate=dt.annotate_docs,
                   max_dates=5)["syria"]
    assert fused["entries"] == result["entries"]
    # (an entry without an id is named by its position in its chunk)
    assert len(fused["errors"]) == len(result["errors"])
    errors = "\n".join(result["errors"])
    assert len(result["errors"]) == len(bad)
    assert "bad-date: document date: '2013-02-30' is not a date" in errors
    assert "bad-text: document text must be str, not bytes" in errors
    assert "surrogate: " in errors
    assert "#5: document: expected an (id, date, text[, lang]) tuple or an AnnotatedDocument, not int" in errors
    assert "too: document: expected an (id, date, text[, lang]) tuple" in errors
    # The good documents made the same timeline as in this process.
    want = annals.Timeline(good, max_dates=5).to_dict()
    assert result["documents"] == want["documents"] > 0
    assert result["entries"] == want["entries"]


def test_t17_topic_timeline_matches_single_process(client, t17):
    chunks = {k: v for k, v in dt.t17_chunks(t17, chunk_size=50).items() if k == "MJ"}
    assert len(chunks["MJ"]) > 2
    result = dt.run(client, chunks)["MJ"]
    corpus = annals.load_corpus(t17, topic="MJ")
    assert len(result["errors"]) == len(corpus.skipped)  # the empty files
    want = annals.Timeline(corpus).to_dict()
    assert result["documents"] == want["documents"] > 100
    assert result["entries"] == want["entries"]
