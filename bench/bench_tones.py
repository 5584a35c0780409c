"""Throughput of tone-mark placement on real Vietnamese text (VLSP 2013 POS test set).

    .venv/bin/python bench/bench_tones.py [--repeat N] [--no-underthesea]

Reports MB/s (UTF-8 bytes of input per second) for ``place_tones`` on the whole text and line
by line (through each of its two paths too), for ``toolkit.normalise``, and for underthesea's
``text_normalize`` line by line (the anchor: normalise should be at least 10x faster). The first
pass fills the caches and is reported apart ("cold"). The text is in the new style (hoà), so
"new" finds nothing to move and "old" re-places a few hundred words.
"""

from __future__ import annotations

import argparse
import time

from toolkit.vietnamese import place_tones
from toolkit.vietnamese.tones import place_by_chunks, place_by_search
from toolkit.vietnamese.underthesea_data import underthesea_version, vlsp2013_sentences


def _best_seconds(run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-underthesea", action="store_true", help="skip the slow anchor")
    args = parser.parse_args()

    lines = vlsp2013_sentences()
    text = "\n".join(lines)
    megabytes = len(text.encode("utf-8")) / 1e6
    print(f"VLSP 2013 POS test (underthesea {underthesea_version()}): {len(lines)} lines, {megabytes:.2f} MB")

    def report(name: str, seconds: float) -> None:
        print(f"  {name:<44} {megabytes / seconds:8.1f} MB/s  ({seconds * 1000:7.1f} ms)")

    start = time.perf_counter()
    place_tones(text, "new")
    report("place_tones(text, 'new') cold cache", time.perf_counter() - start)
    for style in ("old", "new"):
        report(f"place_tones(text, {style!r})", _best_seconds(lambda s=style: place_tones(text, s), args.repeat))
        report(
            f"place_tones(line, {style!r}) per line",
            _best_seconds(lambda s=style: [place_tones(line, s) for line in lines], args.repeat),
        )
        for path in (place_by_search, place_by_chunks):
            seconds = _best_seconds(lambda p=path, s=style: p(text, s), args.repeat)
            report(f"{path.__name__}(text, {style!r})", seconds)

    from toolkit import normalise

    normalise(text)
    report("toolkit.normalise(line) per line", _best_seconds(lambda: [normalise(line) for line in lines], args.repeat))
    report("toolkit.normalise(text)", _best_seconds(lambda: normalise(text), args.repeat))

    if not args.no_underthesea:
        from underthesea import text_normalize

        seconds = _best_seconds(lambda: [text_normalize(line) for line in lines], 1)
        report("underthesea.text_normalize(line) per line", seconds)


if __name__ == "__main__":
    main()
