"""What the grown lexicon costs: the built-in lexicon without and with the gazetteer files
(12-world-cities, 22-vn-communes, 23-vn-districts, 32-cn-divisions and the curated 45, 46, 47, 61), side by
side in one run.

For each, in fresh processes (medians of --runs): the alias index built with no cache, the
size of its cache file, the index restored from that file, the process's peak RSS, and link
speed (MB/s of UTF-8) on the real-text development paragraphs of every language, unknown names on.

    python bench/bench_lexicon_scale.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ("12-world-cities.tsv", "22-vn-communes.tsv", "23-vn-districts.tsv", "32-cn-divisions.tsv",
             "45-sea-features.tsv", "46-landmarks.tsv", "47-rivers-mountains.tsv", "61-media.tsv")


def _paths(which: str) -> list[Path]:
    from toolkit.lexicon import builtin_paths

    return [p for p in builtin_paths() if which == "new" or p.name not in GAZETTEER]


def _paragraphs() -> list[list[str]]:
    """The paragraphs of each development set."""
    return [[json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for path in sorted((ROOT / "tests" / "data" / "realtext").glob("*.jsonl"))]


def worker(which: str, step: str) -> None:
    import resource

    from toolkit.lexicon import Lexicon
    from toolkit.linking import link
    from toolkit.linking.automaton import alias_index

    lexicon = Lexicon.load(*_paths(which))
    started = time.perf_counter()
    index = alias_index(lexicon)
    index.automata("x", False)  # the automata are built (or restored) on first use
    seconds = time.perf_counter() - started
    result = {"entities": len(lexicon), "keys": len(index), step: seconds}
    if step == "restore":
        sets = _paragraphs()
        for paragraphs in sets:
            link(paragraphs[0], lexicon=index)  # warm in every language: jieba, readings, word lists
        texts = [text for paragraphs in sets for text in paragraphs]
        size = sum(len(t.encode("utf-8")) for t in texts)
        started = time.perf_counter()
        for text in texts:
            link(text, lexicon=index)
        result["link_mb_s"] = size / 1e6 / (time.perf_counter() - started)
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _run(which: str, step: str, cache: str) -> dict:
    env = {**os.environ, "SINOVIET_CACHE_DIR": cache, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, "--worker", which, step], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", nargs=2, metavar=("WHICH", "STEP"))
    options = parser.parse_args()
    if options.worker:
        worker(*options.worker)
        return
    rows = {}
    for which in ("old", "new"):
        builds, restores, speeds, rss, sizes = [], [], [], [], []
        for _ in range(options.runs):
            with tempfile.TemporaryDirectory() as cache:
                os.chmod(cache, 0o700)
                built = _run(which, "build", cache)
                files = list(Path(cache).glob("alias-index-*.json"))
                sizes.append(sum(f.stat().st_size for f in files) / 1e6)
                restored = _run(which, "restore", cache)
            builds.append(built["build"])
            restores.append(restored["restore"])
            speeds.append(restored["link_mb_s"])
            rss.append(restored["rss_mb"])
        rows[which] = (built["entities"], built["keys"], statistics.median(builds), statistics.median(sizes),
                       statistics.median(restores), statistics.median(rss), statistics.median(speeds))
    print(f"medians of {options.runs} fresh processes each")
    print("lexicon   entities    keys   build s   cache MB   restore s   peak RSS MB   link MB/s (real text)")
    for which, (entities, keys, build, size, restore, peak, speed) in rows.items():
        print(f"{which:8} {entities:9,} {keys:7,} {build:9.2f} {size:10.1f} {restore:11.2f} {peak:13.0f} {speed:11.3f}")


if __name__ == "__main__":
    main()
