"""Linear time on hostile input: each pathological shape of issue 18 (item 3) at 10k, 100k
and 1M characters, timed, with the ratio of each time to the one 10× smaller.

    .venv/bin/python bench/bench_linear.py [--sizes 10000 100000 1000000] [--only SHAPE] [--limit 60]

A linear pass shows ratios near 10 (some less: fixed costs; some more: caches); a
quadratic one about 100. A run past ``--limit`` seconds is not repeated at the next size.
The tests (tests/test_linear.py) count work instead of timing it.
"""

from __future__ import annotations

import argparse
import time

HAN = "习近平主席会见越南国家主席武文赏中国共产党中央委员会总书记国务院总理李强北京上海广州"


def _han(n: int) -> str:
    return (HAN * (n // len(HAN) + 1))[:n]


SHAPES = {
    # name: (function name, text of about n characters)
    "normalise: letter run + ' а'": ("normalise", lambda n: "a" * n + " а"),
    "normalise: DNA line + α-helix": ("normalise", lambda n: "ACGT" * (n // 4) + " α-helix"),
    "normalise: spaces + fullwidth ！": ("normalise", lambda n: " " * n + "！"),
    "fold: letter run + U+0301": ("fold", lambda n: "x" * n + "\u0301"),
    "fold: ð × n": ("fold", lambda n: "ð" * n),
    "fold: U+0301 × n": ("fold", lambda n: "\u0301" * n),
    "normalise: ð × n": ("normalise", lambda n: "ð" * n),
    "normalise: U+0301 × n": ("normalise", lambda n: "a" + "\u0301" * n),
    "link: ð × n": ("link", lambda n: "ð" * n),
    "link: U+0301 × n": ("link", lambda n: "\u0301" * n),
    "link: Han, no punctuation": ("link", _han),
    # the passes after the scan: compounds, bodies with their place, names read whole, short forms
    "link: 中越 × n": ("link", lambda n: "中越" * (n // 2)),
    "link: 高平省委 × n": ("link", lambda n: "高平省委" * (n // 4)),
    "link: Việt - Trung chain": ("link", lambda n: " - ".join(["Việt", "Trung"] * (n // 12))),
    "link: capitalised run": ("link", lambda n: " ".join(["Nguyen", "Van", "Son"] * (n // 15))),
    "link: bare gate names": ("link", lambda n: ("cặp cửa khẩu Trà Lĩnh – Long Bang – Tân Thanh, " * (n // 46 + 1))[:n]),
    "link: a name and its short forms": ("link", lambda n: ("Wang Ning met Wang Yi. Wang said. " * (n // 34 + 1))[:n]),
    # UTF-8 read as windows-1252 with misplaced marks: every moved word is checked against the mojibake
    "normalise: mojibake, marks moved": ("normalise", lambda n: ("Thuỷ ".encode().decode("latin-1") + "hoà " * 3) * (n // 20)),
    "link: small units, no cue": ("link", lambda n: ("鼓楼 铁西 Hải Sơn Maguan " * (n // 24 + 1))[:n]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--only", help="only the shapes whose name contains this")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds past which a shape stops growing")
    arguments = parser.parse_args()

    import toolkit

    functions = {"normalise": toolkit.normalise, "fold": toolkit.fold, "link": toolkit.link}
    toolkit.link("Hà Nội")  # load the lexicon and its index first
    print(f"{'shape':36}" + "".join(f"{size:>12,}" for size in arguments.sizes) + "   ratios")
    for name, (function_name, make) in SHAPES.items():
        if arguments.only and arguments.only not in name:
            continue
        function = functions[function_name]
        times: list[float] = []
        for size in arguments.sizes:
            if times and times[-1] > arguments.limit:
                break
            text = make(size)
            started = time.perf_counter()
            function(text)
            times.append(time.perf_counter() - started)
        cells = "".join(f"{seconds:>11.3f}s" for seconds in times) + "".join(" " * 11 + "-" for _ in arguments.sizes[len(times):])
        ratios = " ".join(f"{later / earlier:6.1f}" for earlier, later in zip(times, times[1:]) if earlier > 0)
        print(f"{name:36}{cells}   {ratios}", flush=True)


if __name__ == "__main__":
    main()
