#!/usr/bin/python3
"""Tagging throughput of the Python module against the C++ paths, on T17.

Every Timeline17 article (<root>/<Topic>_<source>/InputDocs/<date>/<file>) is
tagged with its folder date as document date, as bench/tag_throughput does:

  python   annals.tag() on 1 thread, and on N Python threads (GIL released)
  cli      `annals tag --format json --input jsonl` over a JSONL file of the
           same documents (parsing JSON and writing JSON lines included)
  c++      bench/tag_throughput (the library alone, texts in memory), when
           the binary is given

Usage (from the repository root, with annals pip-installed, or after building
build-test/ with PYTHONPATH=build-test/python):
  PYTHONPATH=build-test/python /usr/bin/python3 python/bench_tag.py \\
      [--t17 ../shared/data/t17] [--cli build-test/annals] \\
      [--cxx build-test/bench/tag_throughput] [--repeat 3] [--threads 2]

Texts are held in memory before timing; figures are the best of --repeat.
"""
import argparse
import concurrent.futures
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

import annals


def load_t17(root):
    """[(id, date, text)] of every T17 article; invalid UTF-8 becomes U+FFFD."""
    docs = []
    for topic in sorted(os.listdir(root)):
        inputs = os.path.join(root, topic, "InputDocs")
        if not os.path.isdir(inputs):
            continue
        for day in sorted(os.listdir(inputs)):
            try:
                dct = datetime.date.fromisoformat(day)
            except ValueError:
                continue
            folder = os.path.join(inputs, day)
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as f:
                    text = f.read().decode("utf-8", errors="replace")
                docs.append((f"{topic}/{day}/{name}", dct, text))
    return docs


def best_of(repeat, fn):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def tag_all(docs):
    return sum(len(annals.tag(text, dct)) for _, dct, text in docs)


def tag_threads(docs, threads):
    # Every N-th document per thread; annals.tag releases the GIL.
    chunks = [docs[i::threads] for i in range(threads)]
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(tag_all, chunks))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--t17", default="../shared/data/t17")
    ap.add_argument("--cli", help="annals binary (for the JSONL comparison)")
    ap.add_argument("--cxx", help="bench/tag_throughput binary")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if not os.path.isdir(args.t17):
        sys.exit(f"bench_tag: {args.t17}: not a directory (Timeline17 root)")

    docs = load_t17(args.t17)
    mb = sum(len(t.encode("utf-8")) for _, _, t in docs) / 1e6
    annals.tag("", "2000-01-01")  # load the rules outside the timing
    print(f"{len(docs)} documents, {mb:.1f} MB, best of {args.repeat} runs")
    print(f"{'path':<28}{'seconds':>9}{'MB/s':>8}{'docs/s':>9}{'timexes':>9}")

    def row(name, seconds, found):
        print(f"{name:<28}{seconds:9.3f}{mb / seconds:8.1f}{len(docs) / seconds:9.0f}{found:>9}")

    row("python annals.tag, 1 thread", *best_of(args.repeat, lambda: tag_all(docs)))
    if args.threads > 1:
        row(f"python, {args.threads} threads",
            *best_of(args.repeat, lambda: tag_threads(docs, args.threads)))

    if args.cli:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
            for doc_id, dct, text in docs:
                f.write(json.dumps({"id": doc_id, "time": dct.isoformat(), "text": text}) + "\n")
            f.flush()

            def run_cli():
                out = subprocess.run([args.cli, "tag", "--format", "json", "--input", "jsonl", f.name],
                                     check=True, capture_output=True, text=True).stdout
                return sum(len(json.loads(line)["timexes"]) for line in out.splitlines())

            # Process start-up and JSON in/out are part of what the CLI costs.
            row("cli tag --input jsonl", *best_of(args.repeat, run_cli))
    if args.cxx:
        print("\nC++ library benchmark (raw bytes, texts in memory):")
        sys.stdout.flush()
        subprocess.run([args.cxx, args.t17, "--repeat", str(args.repeat)], check=True)


if __name__ == "__main__":
    main()
