"""First touch: what a user meets before any warm loop (issue 16).

    python bench/bench_first_touch.py [--runs 7]

Rows, each the median of ``--runs`` fresh processes with the spread (min–max), the settings
alternated run by run so that a busy neighbour hits them alike:

- ``sinoviet link`` on a one-line Vietnamese file, index cache warm (target ≤ 0.35 s), beside
  ``sinoviet normalise`` on the same file and a bare ``python -c pass`` (the anchors);
- ``link()``'s first call in a fresh process against its second call on the same text
  (target: first ≤ 3× warm, counted without the interpreter's start), on that line and on each
  seed article (a news article is what a warm call is worth reading against: the warm call on one
  line takes a fraction of a millisecond).

The processes run as an installed package runs: with bytecode written and read (the toolkit is
compiled once up front, and ``PYTHONDONTWRITEBYTECODE`` is dropped from their environment), so
that compiling the sources, which an installed wheel never does, is not counted.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LINE = "Thủ tướng Phạm Minh Chính gặp Chủ tịch Tập Cận Bình tại Hà Nội hôm qua.\n"
SINOVIET = [sys.executable, "-m", "toolkit"]
ROOT = Path(__file__).resolve().parents[1]
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
FIRST_CALL = """
import json, time
started = time.perf_counter()
from toolkit import link
imported = time.perf_counter()
link(TEXT)
first = time.perf_counter()
link(TEXT)
second = time.perf_counter()
print(json.dumps({"import": imported - started, "first": first - imported, "warm": second - first}))
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
    return time.perf_counter() - started


def summary(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.0f} ms  ({min(values) * 1000:.0f}–{max(values) * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "toolkit", quiet=1)
    texts = {"one line": LINE} | {seed.stem: seed.read_text(encoding="utf-8") for seed in sorted((ROOT / "seeds").glob("*.txt"))}
    with tempfile.TemporaryDirectory() as folder:
        one_line = Path(folder) / "one.txt"
        one_line.write_text(LINE, encoding="utf-8")
        commands = {
            "python -c pass (anchor)": [sys.executable, "-c", "pass"],
            "sinoviet normalise (anchor)": [*SINOVIET, "normalise", str(one_line)],
            "sinoviet link": [*SINOVIET, "link", str(one_line)],
        }
        timed(commands["sinoviet link"])  # the index cache is warm from here on
        times: dict[str, list[float]] = {name: [] for name in commands}
        calls: dict[str, dict[str, list[float]]] = {text: {"import": [], "first": [], "warm": []} for text in texts}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command))
            for text_name, text in texts.items():
                code = FIRST_CALL.replace("TEXT", repr(text))
                result = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                                        env=ENVIRONMENT)
                for name, value in json.loads(result.stdout).items():
                    calls[text_name][name].append(value)
    print(f"one-line file, index cache warm, {args.runs} runs each: median (min–max)")
    for name, values in times.items():
        print(f"  {name:<30}{summary(values)}")
    for text_name, by_step in calls.items():
        print(f"link() in a fresh process, {text_name} ({len(texts[text_name]):,} characters)")
        for name, values in by_step.items():
            print(f"  {name + (' call' if name != 'import' else ' toolkit'):<30}{summary(values)}")
        ratios = [first / warm for first, warm in zip(by_step["first"], by_step["warm"])]
        print(f"  first / warm: median {statistics.median(ratios):.1f}× (target ≤ 3×)")


if __name__ == "__main__":
    main()
