#!/usr/bin/python3
"""Per-topic timelines of a Timeline17 corpus on a Dask cluster.

Two stages, so that the expensive part spreads evenly over the workers:

1. annotate: each task reads a chunk of up to 800 article files, and tags and
   sentence-splits them (annals.annotate); a bad document (unreadable, not
   UTF-8, empty, impossible date) is reported in the task's result and the
   task goes on with the next one.
2. timeline: one task per topic builds annals.Timeline from its chunks'
   AnnotatedDocuments (pickled between processes: a compact byte string).

Every worker imports annals and loads its rules once (AnnalsPlugin), not
per task. Workers read the files themselves, so on a real cluster the
corpus must be at the same path on every machine (shared storage).

Local cluster with 2 worker processes, with annals pip-installed (in a venv
that sees Debian's dask: `python3 -m venv --system-site-packages`, then
`pip install .`; docs/python.md):
  python python/dask_timelines.py --t17 ../shared/data/t17 --workers 2
or with the package of a CMake build folder:
  PYTHONPATH=build-test/python:python /usr/bin/python3 python/dask_timelines.py \\
      --t17 ../shared/data/t17 --workers 2
A running cluster (`dask scheduler` + `dask worker tcp://host:8786 --nthreads 1`
on each machine, with annals and this file importable there):
  ... python/dask_timelines.py --t17 /shared/t17 --scheduler tcp://host:8786
Throughput of 1 and 2 workers (best of --repeat, cluster start excluded):
  ... python/dask_timelines.py --t17 ../shared/data/t17 --bench 1,2
"""
import argparse
import contextlib
import json
import os
import sys
import time

from distributed import Client, LocalCluster, WorkerPlugin

import annals


class AnnalsPlugin(WorkerPlugin):
    """Loads annals once per worker process, when the worker starts."""

    name = "annals"

    def setup(self, worker):
        annals.tag("", "2000-01-01")  # builds the tagger from its compiled-in rules
        worker.annals_pid = os.getpid()


def t17_chunks(root, chunk_size=800):
    """{topic: [[(doc_id, date, path), ...], ...]}: every article file of each
    Timeline17 topic (all sources merged), in chunks of chunk_size."""
    out = {}
    for topic in annals.t17_topics(root):
        files = []
        for source, source_dir in zip(topic["sources"], topic["source_dirs"]):
            inputs = os.path.join(source_dir, "InputDocs")
            for day in sorted(os.listdir(inputs)):
                folder = os.path.join(inputs, day)
                if not os.path.isdir(folder):  # stray files such as .DS_Store
                    continue
                for name in sorted(os.listdir(folder)):
                    path = os.path.join(folder, name)
                    if os.path.isfile(path):
                        files.append((f"{source}/{day}/{name}", day, path))
        out[topic["name"]] = [files[i:i + chunk_size] for i in range(0, len(files), chunk_size)]
    return out


def read_files(chunk):
    """(docs, errors): (id, date, text) of each readable file; one error str
    per file that is not."""
    docs, errors = [], []
    for doc_id, day, path in chunk:
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            errors.append(f"{doc_id}: {e}")
            continue
        if not text.strip():
            errors.append(f"{doc_id}: empty file")
            continue
        docs.append((doc_id, day, text))
    return docs, errors


def annotate_docs(docs, errors=()):
    """Stage 1 on (id, date, text) documents: ([AnnotatedDocument], errors).
    A document annals refuses is reported and skipped."""
    annotated, errors = [], list(errors)
    for i, doc in enumerate(docs):
        try:
            annotated.extend(annals.annotate([doc], threads=1))
        except (TypeError, ValueError) as e:
            doc_id = doc[0] if isinstance(doc, (tuple, list)) and doc else f"#{i}"
            errors.append(f"{doc_id}: " + str(e).replace("docs[0]", "document", 1))
    return annotated, errors


def annotate_files(chunk):
    """Stage 1 on a chunk of files."""
    return annotate_docs(*read_files(chunk))


def build_timeline(topic, parts, options):
    """Stage 2: the topic's timeline from its stage-1 results, as a dict
    (Timeline.to_dict() plus the topic, the errors and the worker's pid)."""
    # In (date, id) order, as load_corpus() gives them: the timeline does
    # not depend on how the documents were chunked.
    docs = sorted((d for annotated, _ in parts for d in annotated), key=lambda d: (d.date, d.id))
    errors = [e for _, errs in parts for e in errs]
    result = annals.Timeline(docs, threads=1, **options).to_dict() if docs else {"entries": []}
    result.update(topic=topic, errors=errors, worker_pid=os.getpid())
    return result


def annotate_and_build(topic, chunk, annotate, options):
    """Both stages in one task, for a topic that fits in one chunk: its
    annotated documents never leave the worker."""
    return build_timeline(topic, [annotate(chunk)], options)


def run(client, chunks, annotate=annotate_files, **options):
    """{topic: timeline dict} for {topic: [chunk, ...]} on `client`.
    Chunks are submitted largest topic first, so that the long tasks start
    early and the small ones fill in. A topic of one chunk is one task;
    shipping annotated documents between workers costs more than it saves."""
    futures = {}
    for topic in sorted(chunks, key=lambda t: -sum(len(c) for c in chunks[t])):
        if len(chunks[topic]) == 1:
            futures[topic] = client.submit(annotate_and_build, topic, chunks[topic][0], annotate,
                                           options, pure=False)
            continue
        parts = [client.submit(annotate, c, pure=False) for c in chunks[topic]]
        futures[topic] = client.submit(build_timeline, topic, parts, options, pure=False)
    return dict(zip(futures, client.gather(list(futures.values()))))


@contextlib.contextmanager
def local_client(workers):
    """A Client of a new LocalCluster with `workers` processes, closed on exit."""
    # One thread per worker process: a worker is a core's worth of annals
    # work, whatever the machine, so 1 vs 2 workers compares 1 vs 2 cores.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.register_worker_plugin(AnnalsPlugin())
        yield client


@contextlib.contextmanager
def remote_client(address):
    """A Client of the running cluster at `address`; the workers must be able
    to import annals and this module."""
    with Client(address) as client:
        client.register_worker_plugin(AnnalsPlugin())
        yield client


def bench(root, worker_counts, repeat, chunk_size):
    chunks = t17_chunks(root, chunk_size)
    files = sum(len(c) for cs in chunks.values() for c in cs)
    mb = sum(os.path.getsize(p) for cs in chunks.values() for c in cs for _, _, p in c) / 1e6
    print(f"{files} files, {mb:.1f} MB, {len(chunks)} topics, chunks of {chunk_size}, "
          f"best of {repeat}")
    print(f"{'workers':<9}{'seconds':>9}{'MB/s':>8}{'docs/s':>9}{'speed-up':>10}")
    base = None
    for n in worker_counts:
        with local_client(n) as client:
            run(client, chunks)  # warm-up: imports, connections
            best = float("inf")
            for _ in range(repeat):
                t0 = time.perf_counter()
                run(client, chunks)
                best = min(best, time.perf_counter() - t0)
        base = base or best
        print(f"{n:<9}{best:9.3f}{mb / best:8.1f}{files / best:9.0f}{base / best:9.2f}x")


def main():
    ap = argparse.ArgumentParser(description="Per-topic timelines of Timeline17 on Dask.")
    ap.add_argument("--t17", default="../shared/data/t17", help="Timeline17 root")
    ap.add_argument("--workers", type=int, default=2, help="local worker processes")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    ap.add_argument("--chunk", type=int, default=800,
                    help="files per annotate task (default 800: on a few workers Dask's per-task "
                         "overhead limits the speed-up; use fewer files for many workers)")
    ap.add_argument("--query", default="", help="keywords of the story")
    ap.add_argument("--dates", type=int, default=0, help="at most this many dates per timeline")
    ap.add_argument("--sentences", type=int, default=0, help="sentences per date")
    ap.add_argument("--bench", help="worker counts to time, e.g. 1,2 (local cluster)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("-o", "--output", help="write the timelines as JSON here")
    args = ap.parse_args()
    if not os.path.isdir(args.t17):
        sys.exit(f"dask_timelines: {args.t17}: not a directory")
    if args.bench:
        bench(args.t17, [int(n) for n in args.bench.split(",")], args.repeat, args.chunk)
        return
    with remote_client(args.scheduler) if args.scheduler else local_client(args.workers) as client:
        workers = len(client.scheduler_info()["workers"])
        t0 = time.perf_counter()
        results = run(client, t17_chunks(args.t17, args.chunk), query=args.query,
                      max_dates=args.dates, sentences_per_date=args.sentences)
        seconds = time.perf_counter() - t0
    for topic, r in sorted(results.items()):
        dates = [e["date"] for e in r["entries"]]
        span = f"{dates[0]}..{dates[-1]}" if dates else "-"
        print(f"{topic:<16} {r.get('documents', 0):5} documents {len(dates):3} dates {span}"
              f"  ({len(r['errors'])} bad documents)")
        for e in r["errors"][:3]:
            print(f"    {e}")
    print(f"{seconds:.2f} s on {workers} workers", file=sys.stderr)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            json.dump(results, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
