"""Throughput of toolkit.decoding.decode (MB/s of input bytes), against bytes.decode.

    .venv/bin/python bench/bench_decode.py [--mb 8] [--repeat 5]

Targets: valid UTF-8 within a small factor of ``bytes.decode("utf-8")`` (the CLI runs the
decoder on every file), legacy encodings through translate tables at tens of MB/s.
"""

from __future__ import annotations

import argparse
import time

from toolkit.decoding import decode, legacy_codec

PARAGRAPH = (
    "Sông Hồng bắt nguồn từ Vân Nam và chảy qua các tỉnh phía bắc trước khi đổ ra vịnh Bắc Bộ. "
    "Người Việt đã đắp đê dọc hai bờ từ rất sớm, và hệ thống đê ấy vẫn đang được giữ đến ngày nay. "
    "Một số tài liệu cũ gọi đây là Nhị Hà, tên chữ của con sông trước thế kỷ hai mươi.\n"
)


def best_of(repeat: int, func) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = PARAGRAPH * max(1, int(args.mb * 1_000_000 / len(PARAGRAPH.encode())))
    utf8 = text.encode("utf-8")
    cases = {
        "bytes.decode('utf-8') (anchor)": (utf8, lambda d: d.decode("utf-8")),
        "decode(utf-8, auto)": (utf8, lambda d: decode(d)),
        "decode(ascii, auto)": (text.encode("ascii", "ignore"), lambda d: decode(d)),
    }
    for name in ("tcvn3", "vni", "viscii"):
        data = legacy_codec(name).encode(text)
        cases[f"decode({name}, explicit)"] = (data, lambda d, n=name: decode(d, n))
        cases[f"decode({name}, auto)"] = (data, lambda d: decode(d))
    crawled = legacy_codec("tcvn3").encode(text).decode("cp1252", "ignore").encode("utf-8")
    cases["decode(tcvn3 read as cp1252, auto)"] = (crawled, lambda d: decode(d))
    print(f"{'case':42} {'MB':>6} {'MB/s':>8}")
    for label, (data, func) in cases.items():
        seconds = best_of(args.repeat, lambda: func(data))
        print(f"{label:42} {len(data) / 1e6:6.1f} {len(data) / 1e6 / seconds:8.1f}")


if __name__ == "__main__":
    main()
