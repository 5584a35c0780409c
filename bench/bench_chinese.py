"""Chinese bridge: match pairs per second, hanviet_candidates calls per second, and the dev-set figures.

    .venv/bin/python bench/bench_chinese.py [--names 2000] [--seed 7]

1. Quality on tests/data/chinese_dev.tsv: recall (same pairs called same) and false-match rate
   (different pairs called same), with the default lexicon and with ``lexicon=None``.
2. Speed: the first call (tables and indexes load), then ``match`` over pairs built from random
   names (common surnames and given-name characters of lexicons/chinese/name_frequencies.tsv,
   rendered as hanzi, pinyin, Hán-Việt and Hán-Việt without diacritics), and
   ``hanviet_candidates`` over their pinyin, each on names not seen before in the run.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO / "tests" / "data" / "chinese_dev.tsv"


def dev_set_figures() -> None:
    from toolkit.chinese.matching import match

    rows = []
    header = None
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    print(f"dev set {DEV_SET.relative_to(REPO)}: {sum(r['expected'] == 'same' for r in rows)} same pairs, "
          f"{sum(r['expected'] == 'different' for r in rows)} different pairs")
    for label, kwargs in (("default lexicon", {}), ("lexicon=None", {"lexicon": None})):
        same = [match(r["a"], r["b"], **kwargs).same for r in rows if r["expected"] == "same"]
        different = [match(r["a"], r["b"], **kwargs).same for r in rows if r["expected"] == "different"]
        print(f"  {label:16} recall {sum(same)}/{len(same)} = {100 * sum(same) / len(same):.1f}%   "
              f"false-match {sum(different)}/{len(different)} = {100 * sum(different) / len(different):.1f}%")


def random_names(count: int, seed: int) -> list[str]:
    from toolkit.chinese.tables import name_frequencies

    rng = random.Random(seed)
    surnames = [c for (c, _), _ in sorted(name_frequencies()["surname"].items(), key=lambda i: -i[1]) if len(c) == 1][:150]
    given = sorted({c for (c, _), _ in sorted(name_frequencies()["given"].items(), key=lambda i: -i[1])[:800]})
    names = set()
    while len(names) < count:
        names.add(rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2)))))
    return sorted(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    start = time.perf_counter()
    from toolkit.chinese import hanviet_candidates
    from toolkit.chinese.matching import match

    match("何炜", "Ha Vi")
    print(f"first match() call, tables and indexes loaded: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    hanviet_candidates("He Wei")
    print(f"first hanviet_candidates() call after that: {time.perf_counter() - start:.2f} s")

    dev_set_figures()

    from toolkit.chinese import hanviet, pinyin
    from toolkit.text.folding import fold

    names = random_names(args.names, args.seed)
    start = time.perf_counter()
    renderings = [(n, pinyin(n, "name"), hanviet(n, "name")) for n in names]
    print(f"rendered {len(names)} random names as pinyin and Hán-Việt in {time.perf_counter() - start:.2f} s")
    rng = random.Random(args.seed + 1)
    labelled = []
    for hanzi, romanised, sino in renderings:
        other = renderings[rng.randrange(len(renderings))]
        labelled += [
            ("hanzi ~ its pinyin", hanzi, romanised),
            ("pinyin ~ its Hán-Việt", romanised, sino),
            ("pinyin ~ its Hán-Việt, no diacritics", romanised, fold(sino)),
            ("hanzi ~ its Hán-Việt", hanzi, sino),
        ]
        if other[0] != hanzi and fold(other[2]) != fold(sino):
            labelled.append(("pinyin ~ another name's Hán-Việt", romanised, other[2]))
    pairs = [(a, b) for _, a, b in labelled]

    start = time.perf_counter()
    verdicts = [match(a, b) for a, b in pairs]
    elapsed = time.perf_counter() - start
    print(f"match: {len(pairs)} pairs in {elapsed:.2f} s = {len(pairs) / elapsed:,.0f} pairs/s "
          "(first pass over unseen names)")
    print("  synthetic pairs from the random names (default lexicon), share called same:")
    for label in dict.fromkeys(label for label, _, _ in labelled):
        got = [v.same for (l, _, _), v in zip(labelled, verdicts) if l == label]
        print(f"    {label:38} {sum(got)}/{len(got)} = {100 * sum(got) / len(got):.1f}%")
    start = time.perf_counter()
    for a, b in pairs:
        match(a, b)
    elapsed = time.perf_counter() - start
    print(f"match: same pairs again = {len(pairs) / elapsed:,.0f} pairs/s (syllable caches warm)")

    romanised_names = [r for _, r, _ in renderings]
    start = time.perf_counter()
    for r in romanised_names:
        hanviet_candidates(r, k=10)
    elapsed = time.perf_counter() - start
    print(f"hanviet_candidates(k=10): {len(romanised_names)} names in {elapsed:.2f} s = "
          f"{len(romanised_names) / elapsed:,.0f} calls/s")


if __name__ == "__main__":
    main()
