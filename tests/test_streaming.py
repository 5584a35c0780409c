"""Cutting a byte stream into bounded pieces that decode and transform on their own."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from toolkit import decode, fold, normalise
from toolkit.corpus.batch import Folder, Normaliser
from toolkit.corpus.processors import PerLine, WholeText
from toolkit.decoding import DecodeError, legacy_codec
from toolkit.corpus.streaming import Plan, count_lines, decode_piece, iter_pieces, plan_for

# Layout traps: CRLF, a blank line, a long line, marks to re-place, NFD, invisible characters.
SAMPLE = (
    "Chủ tịch Hồ Chí Minh đến Hà Nội.\r\n\r\n"
    "Thuỷ khoẻ, hoà bình; ông Nguyễn Văn A nói: “Mỹ và Lý”.\n"
    + "Phó Thủ tướng Lê Minh Khái làm việc với tỉnh Quảng Ninh về kinh tế biển " * 40
    + "\nHoa\u0300 Bi\u0300nh\u200b và e\u0301\n"
)


def pieces_of(data: bytes, chunk: int, **options):
    return list(iter_pieces(io.BytesIO(data), chunk_bytes=chunk, **options))


def run_processor(processor, data: bytes, chunk: int) -> str:
    """What the runner writes, stitched the way it stitches (in one process)."""
    out, cut_line_has_words = [], False
    for piece in pieces_of(data, chunk):
        result = processor.process(decode_piece(piece).text, piece)
        text = result.text
        if result.joins_cut_line and cut_line_has_words:
            text = " " + text
        if not piece.ends_mid_line:
            cut_line_has_words = False
        elif result.has_line_break:
            cut_line_has_words = result.tail_has_words
        else:
            cut_line_has_words = cut_line_has_words or result.tail_has_words
        out.append(text)
    return "".join(out)


def fold_lines(text: str) -> str:
    lines = text.splitlines()
    return "\n".join(fold(line) for line in lines) + ("\n" if lines else "")


@pytest.mark.parametrize("chunk", [16, 37, 64, 100, 333, 1000, 4096, 1 << 20])
def test_pieces_rebuild_the_stream_and_respect_the_bound(chunk: int) -> None:
    data = SAMPLE.encode("utf-8")
    pieces = pieces_of(data, chunk)
    assert b"".join(p.data for p in pieces) == data
    assert all(len(p.data) <= chunk for p in pieces)
    assert [p.index for p in pieces] == list(range(len(pieces)))
    assert pieces[-1].is_last and not any(p.is_last for p in pieces[:-1])
    offset, line = 0, 1
    for piece in pieces:
        assert (piece.offset, piece.first_line) == (offset, line)
        piece.data.decode("utf-8")  # no cut inside a UTF-8 sequence
        offset += len(piece.data)
        line += count_lines(piece.data)


def test_cuts_prefer_line_breaks_then_spaces() -> None:
    data = b"aaaa bbbb\ncccc dddd eeee ffff gggg\n"
    pieces = pieces_of(data, 16)
    assert pieces[0].data == b"aaaa bbbb\n" and not pieces[0].ends_mid_line
    assert pieces[1].data == b"cccc dddd eeee " and pieces[1].ends_mid_line
    assert pieces[2].starts_mid_line


def test_a_run_without_whitespace_is_cut_between_characters() -> None:
    data = ("ệ" * 40).encode("utf-8")  # 3 bytes a letter, no space, no line break
    pieces = pieces_of(data, 16)
    assert all(len(p.data) % 3 == 0 for p in pieces)
    assert "".join(p.data.decode("utf-8") for p in pieces) == "ệ" * 40


def test_jsonl_pieces_never_cut_at_spaces() -> None:
    pieces = pieces_of(b'{"text": "a b c d e f g h i j"}\n', 16, cut_at_spaces=False)
    assert len(pieces) > 1 and pieces[0].ends_mid_line and len(pieces[0].data) == 16


@pytest.mark.parametrize("chunk", [16, 50, 128, 700, 5000])
def test_normalising_and_folding_piece_by_piece_equals_the_whole(chunk: int) -> None:
    data = SAMPLE.encode("utf-8")
    assert run_processor(WholeText(Normaliser("old")), data, chunk) == normalise(SAMPLE, "old")
    assert run_processor(WholeText(Normaliser("new")), data, chunk) == normalise(SAMPLE, "new")
    assert run_processor(PerLine(Folder()), data, chunk) == fold_lines(SAMPLE)


def test_a_stream_that_fits_in_one_piece_is_decoded_whole() -> None:
    data = "Hà Nội".encode("utf-8")
    [piece] = pieces_of(data, 1 << 20)
    assert piece.whole and piece.plan is None
    assert decode_piece(piece).text == decode(data).text


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "viscii"])
def test_a_legacy_encoding_found_in_the_prefix_reads_every_piece(encoding: str) -> None:
    text = "Chủ tịch nước đến thăm Hà Nội và Thành phố Hồ Chí Minh.\n" * 200 + "Ok.\n"
    data = legacy_codec(encoding).encode(text)
    pieces = pieces_of(data, 1000)
    assert pieces[0].plan == Plan(encoding)
    assert "".join(decode_piece(p).text for p in pieces) == decode(data).text == text


def test_utf16_streams_in_code_units() -> None:
    text = "Thủy điện Hòa Bình 𠀀.\n" * 100 + "x" * 50
    data = text.encode("utf-16")
    pieces = pieces_of(data, 64)
    assert pieces[0].plan == Plan("utf-16", "utf-16-le")
    assert all(len(p.data) % 2 == 0 for p in pieces)
    assert "".join(decode_piece(p).text for p in pieces) == text


def test_a_bad_byte_in_a_later_piece_names_its_offset_and_line_in_the_whole_stream() -> None:
    good = "Hà Nội là thủ đô.\n".encode("utf-8") * 50
    data = good + b"abc \xff def\n" + good
    failures = []
    for piece in pieces_of(data, 200):
        try:
            decode_piece(piece)
        except DecodeError as error:
            failures.append(error)
    assert failures and failures[0].offset == len(good) + 4 and failures[0].line == 51


def test_plan_from_prefix_is_auto_for_utf8_and_mojibake() -> None:
    assert plan_for("Hà Nội\n".encode("utf-8")) == Plan("auto")
    assert plan_for("Hà Nội\n".encode("utf-8").decode("cp1252").encode("utf-8")) == Plan("auto")
    assert plan_for(b"plain ascii\n", "vni") == Plan("vni")


class CountingStream(io.RawIOBase):
    """An endless-looking single line, generated as it is read; remembers how much was read."""

    def __init__(self, total: int) -> None:
        self.total, self.read_so_far = total, 0
        self.unit = "Thuỷ khoẻ hoà bình Nguyễn ".encode("utf-8")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = min(len(buffer), self.total - self.read_so_far)
        if size <= 0:
            return 0
        start = self.read_so_far % len(self.unit)
        block = (self.unit * (size // len(self.unit) + 2))[start : start + size]
        buffer[:size] = block
        self.read_so_far += size
        return size


@pytest.mark.slow
def test_a_long_single_line_streams_with_bounded_memory() -> None:
    chunk = 64 * 1024
    stream = CountingStream(0)
    total = stream.total = len(stream.unit) * (4 * 1024 * 1024 // len(stream.unit))  # whole words
    processor = WholeText(Normaliser("old"))
    # Tables (tone placement, misplaced-mark finders) are built once per process on first
    # need: a warm-up pass builds them, so what is measured is the streaming itself.
    for piece in iter_pieces(CountingStream(1024 * 1024), chunk_bytes=chunk):
        processor.process(decode_piece(piece).text, piece)
    tracemalloc.start()
    try:
        written = retoned = 0
        for piece in iter_pieces(stream, chunk_bytes=chunk):
            # output starts long before the input ends: never more than about two pieces ahead
            assert stream.read_so_far <= piece.offset + 2 * chunk + 1024 * 1024 + 1
            text = decode_piece(piece).text
            output = processor.process(text, piece).text
            assert "Thuỷ" not in output and output.count("Thủy") == text.count("Thuỷ")
            written += len(output.encode("utf-8"))
            retoned += output.count("Thủy")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stream.read_so_far == total
    assert written == total and retoned > total // 40  # same-length re-toning, in every piece
    assert peak < 24 * chunk, f"peak {peak} bytes for {chunk}-byte pieces of a {total}-byte line"
