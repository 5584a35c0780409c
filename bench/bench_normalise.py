"""Throughput of normalise and fold on real Vietnamese text, against the anchors.

    python bench/bench_normalise.py [--repeat N]

Measured in one run on the VLSP 2013 test text (bench/vlsp.py):
- normalise(line) vs underthesea.text_normalize(line), line by line (target: ≥ 10×);
- fold(line) vs unidecode(line), line by line (target: ≥ 2×);
and the same on an NFD, new-tone-style copy of the text (every syllable needs work).
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vlsp import vlsp_lines  # noqa: E402


def throughput(function, lines: list[str], repeat: int) -> float:
    """Best-of-``repeat`` MB/s of ``function`` applied to every line (UTF-8 bytes in)."""
    size = sum(len(line.encode("utf-8")) for line in lines)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for line in lines:
            function(line)
        best = min(best, time.perf_counter() - started)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from underthesea import text_normalize
    from unidecode import unidecode

    from toolkit import fold, normalise

    lines = vlsp_lines()
    damaged = [unicodedata.normalize("NFD", normalise(line, "new")) for line in lines]
    size = sum(len(line.encode("utf-8")) for line in lines) / 1e6
    print(f"corpus: VLSP 2013 test text, {len(lines)} lines, {size:.2f} MB")

    for label, corpus in (("clean text", lines), ("NFD + new-style tones", damaged)):
        normalise(corpus[0])
        fold(corpus[0])
        ours = throughput(normalise, corpus, args.repeat)
        anchor = throughput(text_normalize, corpus, 1)
        folded = throughput(fold, corpus, args.repeat)
        ascii_anchor = throughput(unidecode, corpus, args.repeat)
        print(f"\n[{label}]")
        print(f"  normalise                   {ours:8.2f} MB/s")
        print(f"  underthesea.text_normalize  {anchor:8.2f} MB/s   ratio {ours / anchor:6.1f}x  (target >= 10x)")
        print(f"  fold                        {folded:8.2f} MB/s")
        print(f"  unidecode                   {ascii_anchor:8.2f} MB/s   ratio {folded / ascii_anchor:6.1f}x  (target >= 2x)")


if __name__ == "__main__":
    main()
