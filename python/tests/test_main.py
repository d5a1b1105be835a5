"""python -m annals tag|timeline: the same JSON as the CLI for the same input,
the CLI's exit statuses, and --help."""
import json
import os
import subprocess
import sys

import pytest

from conftest import REPO, SEED

EXAMPLES = sorted(str(p) for p in (REPO / "examples").glob("*.txt"))


def py_annals(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "annals", *args], input=stdin,
                          capture_output=True, cwd=REPO)


def cli_annals(cli, *args, stdin=None):
    return subprocess.run([cli, *args], input=stdin, capture_output=True, cwd=REPO)


@pytest.fixture(scope="module")
def jsonl(tmp_path_factory):
    """A small JSONL: articles (non-ASCII, quotes, newlines), a bad line, a
    blank line and an impossible date."""
    lines = [
        {"id": "a", "time": "2013-01-30", "text": "Talks open on Wednesday in Genève, \"soon\"."},
        {"id": "b", "time": "2013-02-01T10:00:00Z",
         "text": "Syria talks resumed on Monday.\nThey ended in March 2014, officials said."},
        {"id": "c", "time": "2013-02-04", "text": "The Syria talks, first held on January 30, "
                                                  "resume next week; the Syria envoy said so."},
    ]
    path = tmp_path_factory.mktemp("jsonl") / "docs.jsonl"
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    body += "{not json\n\n" + json.dumps({"id": "d", "time": "2013-02-30", "text": "x"}) + "\n"
    body += json.dumps({"id": "e", "time": "2013-02-05", "text": "Syria talks on Friday."}) + "\n"
    path.write_text(body, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args", [
    ["tag", "--format", "json", *EXAMPLES],
    ["tag", "--format", "json", "--type", "narrative", str(SEED)],
    ["tag", "--format", "json", "--dct", "2014-06-01", str(SEED)],
    ["tag", "--format", "json", "--input", "plain", "--dct", "2013-01-30", str(SEED)],
])
def test_tag_matches_cli(cli, args):
    want, got = cli_annals(cli, *args), py_annals(*args)
    assert want.returncode == got.returncode == 0
    assert got.stdout == want.stdout and want.stdout.count(b"\n") >= 1


def test_tag_jsonl_matches_cli_bad_lines_included(cli, jsonl):
    for args in (["tag", "--format", "json", jsonl], ["tag", "--format", "json", "--input", "jsonl", "-"]):
        stdin = open(jsonl, "rb").read() if args[-1] == "-" else None
        want, got = cli_annals(cli, *args, stdin=stdin), py_annals(*args, stdin=stdin)
        assert want.returncode == got.returncode == 0
        assert got.stdout == want.stdout
        out = [json.loads(line) for line in got.stdout.splitlines()]
        assert len(out) == 7  # one output line per input line
        assert [o.get("error") is not None for o in out] == [False] * 3 + [True] * 3 + [False]


def test_tag_stdin_and_failures_match_cli(cli, tmp_path):
    seed = SEED.read_bytes()
    want, got = cli_annals(cli, "tag", "--format", "json", stdin=seed), py_annals("tag", stdin=seed)
    assert want.returncode == got.returncode == 0 and got.stdout == want.stdout
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"date 2013-01-30\nabc \xff def\n")
    nodate = tmp_path / "nodate.txt"
    nodate.write_text("On Monday.", encoding="utf-8")
    for args in ([str(bad), str(SEED)], [str(nodate)], [str(tmp_path / "missing.txt")]):
        want = cli_annals(cli, "tag", "--format", "json", *args)
        got = py_annals("tag", *args)
        assert want.returncode == got.returncode == 1, args
        assert got.stdout == want.stdout
        assert got.stderr.startswith(b"annals tag: ")


@pytest.mark.parametrize("extra", [[], ["--query", "syria talks", "--dates", "3"],
                                   ["--from", "2013-01-31", "--sentences", "1"]])
def test_timeline_jsonl_matches_cli(cli, jsonl, extra):
    args = ["timeline", "--format", "json", "--threads", "1", *extra, jsonl]
    want, got = cli_annals(cli, *args), py_annals(*args)
    assert want.returncode == got.returncode == 0, got.stderr
    assert got.stdout == want.stdout
    out = json.loads(got.stdout)
    assert out["articles"] > 0 and len(out["skipped"]) == 3


def test_timeline_of_one_article_and_of_examples_match_cli(cli):
    for paths in ([str(SEED)], [str(REPO / "examples")], [str(SEED), str(SEED)]):
        args = ["timeline", "--format", "json", *paths]
        want, got = cli_annals(cli, *args), py_annals(*args)
        assert want.returncode == got.returncode == 0
        assert got.stdout == want.stdout, paths
    events = json.loads(py_annals("timeline", "--format", "json", str(SEED)).stdout)["events"]
    assert len(events) > 3


def test_timeline_of_t17_topic_matches_cli(cli, t17):
    sources = [str(t17 / "MJ_bbc")]
    args = ["timeline", "--format", "json", "--dates", "10", *sources]
    want, got = cli_annals(cli, *args), py_annals(*args)
    assert want.returncode == got.returncode == 0
    assert got.stdout == want.stdout


def test_exit_statuses_and_help(cli, tmp_path):
    assert py_annals().returncode == 2
    assert py_annals("frobnicate").returncode == 2
    for args in (["tag", "--dct", "2013-13-01", str(SEED)], ["tag", "--type", "poem"],
                 ["timeline"], ["timeline", "--dates", "0", str(SEED)],
                 ["timeline", "--from", "2013-02-01", "--to", "2013-01-01", str(SEED)]):
        got = py_annals(*args)
        assert got.returncode == 2, args
        assert cli_annals(cli, *args).returncode == 2, args
        assert b"usage:" in got.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert py_annals("timeline", str(empty)).returncode == cli_annals(
        cli, "timeline", str(empty)).returncode == 1
    for args in (["--help"], ["tag", "--help"], ["timeline", "--help"]):
        got = py_annals(*args)
        assert got.returncode == 0 and b"usage: python -m annals" in got.stdout
    assert b"Exit status" in py_annals("tag", "--help").stdout
    assert b"--query" in py_annals("timeline", "--help").stdout


def test_output_file(tmp_path):
    out = tmp_path / "out.jsonl"
    got = py_annals("tag", "-o", str(out), str(SEED))
    assert got.returncode == 0 and got.stdout == b""
    assert json.loads(out.read_text(encoding="utf-8"))["id"] == str(SEED)
    assert os.path.getsize(out) > 100
