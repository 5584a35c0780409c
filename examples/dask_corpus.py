"""Normalise and link a folder of text or JSONL files on Dask, writing JSONL partitions.

    pip install 'sinoviet[dask]'
    python examples/dask_corpus.py seeds/ out/ [--workers 2] [--scheduler tcp://host:8786]

Without --scheduler a LocalCluster of worker processes is started on this machine.
Each output line is one input line (or JSONL record) with ``text_normalised`` and
``mentions`` added; unreadable lines come out as ``{"file", "line", "error"}`` records.
"""

from __future__ import annotations

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", help="a folder, a file or a glob")
    parser.add_argument("output", help="folder for part-NNNNN.jsonl")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--pattern", default="*.txt", help="files to take from a folder")
    parser.add_argument("--no-link", action="store_true", help="normalise only")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    from toolkit.corpus import dask as sd

    cluster = None if args.scheduler else LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
    with Client(args.scheduler or cluster) as client:
        print(f"dask: {client}")
        records = sd.read_records(args.source, pattern=args.pattern)
        records = sd.normalise_records(records)
        if not args.no_link:
            records = sd.link_records(records, field="text_normalised")
        for name in sd.write_jsonl(records, args.output):
            print(name)
    if cluster is not None:
        cluster.close()


if __name__ == "__main__":
    main()
