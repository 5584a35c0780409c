"""Search benchmark: index build throughput and query latency on a corpus of 100+ MB.

The corpus is real text repeated: each generated document is one of the four seed articles
(English news), a window of the VLSP 2013 Vietnamese test text (shipped in the underthesea
wheel, see ``vlsp.py``), and the project's composed Chinese and Vietnamese linking sentences
(``tests/data/linking-gold-*.jsonl``), so the linker, the fold and jieba all see their kind of
text. It is written to a temporary folder and deleted afterwards (never committed).

Build: ``toolkit.search.build_index`` over the folder with ``--workers`` processes (linking and
folding in the workers, SQLite writes in the parent). Queries: 1,000, seeded: 70% renderings of
entities drawn from the alias table (any kind but weak: labels, hanzi, Hán-Việt, accent-free,
run-together), 30% one or two words of the Vietnamese text; each returns its top 10 with
highlights. The machine's load average is printed before and after, since it colours both figures.

    .venv/bin/python bench/bench_search.py [--mb 100] [--workers 2] [--queries 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))


def source_texts() -> tuple[list[str], list[str], list[str]]:
    from vlsp import vlsp_lines

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    composed = []
    for name in ("linking-gold-zh.jsonl", "linking-gold-vi.jsonl"):
        path = REPO / "tests" / "data" / name
        if path.is_file():
            composed += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    return seeds, vlsp_lines(), composed


def write_corpus(folder: Path, megabytes: float) -> tuple[int, int]:
    seeds, lines, composed = source_texts()
    target = int(megabytes * 1_000_000)
    written = files = 0
    window = 200
    while written < target:
        start = (files * 97) % max(1, len(lines) - window)
        parts = [seeds[files % len(seeds)], "\n".join(lines[start:start + window]), "\n".join(composed)]
        data = "\n\n".join(parts).encode("utf-8")
        (folder / f"doc{files:05d}.txt").write_bytes(data)
        written += len(data)
        files += 1
    return files, written


def queries(count: int, seed: int = 13) -> list[str]:
    from toolkit.aliases import table_from_lexicon

    from vlsp import vlsp_lines

    rng = random.Random(seed)
    table = table_from_lexicon()
    renderings = [row.alias for row in table if row.kind != "weak"]
    words = [w for line in vlsp_lines()[:500] for w in line.split() if w.isalpha()]
    out = []
    for _ in range(count):
        if rng.random() < 0.7:
            out.append(rng.choice(renderings))
        else:
            start = rng.randrange(len(words) - 2)
            out.append(" ".join(words[start:start + rng.choice((1, 2))]))
    return out


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=100.0, help="corpus size in MB (default 100)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()

    from toolkit.search import SearchIndex, build_index

    print(f"cpus {os.cpu_count()}, load average before {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="sinoviet-bench-search-") as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        files, size = write_corpus(corpus, args.mb)
        print(f"corpus: {files} files, {size / 1e6:.1f} MB (seeds + VLSP 2013 + composed zh/vi sentences, repeated)")
        index_path = Path(folder) / "index.db"
        started = time.perf_counter()
        report = build_index(index_path, paths=[str(corpus)], workers=args.workers)
        seconds = time.perf_counter() - started
        print(f"index build: {report.documents} documents, {report.bytes / 1e6:.1f} MB in {seconds:.1f} s = "
              f"{report.bytes / 1e6 / seconds:.2f} MB/s with {args.workers} worker(s); "
              f"index {index_path.stat().st_size / 1e6:.0f} MB; load average {os.getloadavg()}")
        batch = queries(args.queries)
        latencies, hits = [], 0
        with SearchIndex(index_path) as index:
            index.search("warm up", limit=10)
            for query in batch:
                started = time.perf_counter()
                hits += len(index.search(query, limit=10))
                latencies.append((time.perf_counter() - started) * 1000)
        print(f"queries: {len(batch)}, top 10 with highlights: p50 {percentile(latencies, 0.5):.1f} ms, "
              f"p95 {percentile(latencies, 0.95):.1f} ms, mean {statistics.fmean(latencies):.1f} ms, "
              f"max {max(latencies):.1f} ms; {hits} hits")
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
