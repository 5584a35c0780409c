"""``link(text)`` on one long string: peak memory and time against the string's own size (issue 16).

    .venv/bin/python bench/bench_long_string.py [--mb 0.5 2 10] [--runs 3]

Each size runs in a fresh process (a peak RSS is a process's high-water mark, so sizes must not
share one): the VLSP 2013 test text (``bench/vlsp.py``) repeated to that many MB of UTF-8, linked
with the defaults (unknown names on). Reported: the process's RSS once the index is loaded, the
growth while the string is made (the anchor: what the text itself costs), the growth while it is
linked, over the string's UTF-8 size (target ≤ 5×), and seconds per MB (linear: flat across sizes).
Medians of ``--runs`` processes per size, the sizes alternated run by run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ONE_RUN = """
import json, resource, sys, time
sys.path.insert(0, HERE)
from vlsp import vlsp_lines
import toolkit

toolkit.link("Hà Nội")  # the index loaded: what any call pays first
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
loaded = rss()
text = "\\n".join(vlsp_lines())
size = int(MB * 1e6)
text = (text * (size // len(text.encode()) + 1)).encode()[:size].decode(errors="ignore")
with_text = rss()
started = time.perf_counter()
mentions = toolkit.link(text)
took = time.perf_counter() - started
print(json.dumps({"loaded": loaded, "text": with_text - loaded, "link": rss() - with_text, "seconds": took,
                  "mentions": len(mentions), "mb": len(text.encode()) / 1e6}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 2, 10])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[float, list[dict]] = {mb: [] for mb in args.mb}
    for _ in range(args.runs):
        for mb in args.mb:
            code = ONE_RUN.replace("HERE", repr(str(HERE))).replace("MB", repr(mb))
            done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
            results[mb].append(json.loads(done.stdout))
    print(f"link(text) on one string, {args.runs} fresh processes per size: median (min–max)")
    print(f"{'MB':>6} {'RSS loaded':>11} {'text MB':>8} {'link MB':>16} {'link / size':>12} {'s per MB':>9} {'mentions':>9}")
    for mb, runs in results.items():
        grown = [r["link"] for r in runs]
        per_mb = [r["seconds"] / r["mb"] for r in runs]
        print(f"{runs[0]['mb']:6.1f} {statistics.median(r['loaded'] for r in runs):11.0f} "
              f"{statistics.median(r['text'] for r in runs):8.0f} "
              f"{statistics.median(grown):6.0f} ({min(grown):.0f}–{max(grown):.0f}) "
              f"{statistics.median(grown) / runs[0]['mb']:11.1f}× {statistics.median(per_mb):9.2f} {runs[0]['mentions']:9}")


if __name__ == "__main__":
    main()
