"""Start-up cost: ``import toolkit`` against a bare interpreter (target: ≤ 150 ms above it).

    python bench/bench_import.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def best_time(code: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare = best_time("pass", args.runs)
    for label, code in (
        ("import toolkit", "import toolkit"),
        ("import toolkit + fold + normalise", "import toolkit; toolkit.fold('Hà Nội'); toolkit.normalise('Thuỷ')"),
        ("sinoviet --help", "import sys; sys.argv=['sinoviet','--help']\ntry:\n from toolkit.cli import main; main()\nexcept SystemExit: pass"),
    ):
        best, median = best_time(code, args.runs)
        print(f"{label:38s} best {1000 * (best - bare[0]):6.1f} ms  median {1000 * (median - bare[1]):6.1f} ms above bare python")


if __name__ == "__main__":
    main()
