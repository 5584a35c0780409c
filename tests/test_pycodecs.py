"""The legacy encodings as Python codecs (toolkit/decoding/pycodecs.py, registered by ``import toolkit``)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

import toolkit  # noqa: F401  (registers the codecs)
from toolkit.decoding.tables import TABLE_ENCODINGS

HERE = Path(__file__).resolve().parent


def _paragraphs() -> list[str]:
    return [json.loads(line)["text"] for path in sorted((HERE / "data" / "realtext").glob("vi-*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _encodable(text: str, name: str) -> str:
    """The text with what the encoding cannot write (curly quotes, dashes) made ASCII."""
    return "".join(c if c.isascii() or c.encode(name, "replace") != b"?" else "-" for c in text)


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_every_legacy_encoding_round_trips_real_paragraphs(name: str):
    for paragraph in _paragraphs()[:20]:
        text = _encodable(paragraph, name)
        assert text.encode(name).decode(name) == text


@pytest.mark.parametrize("name", ["vni", "tcvn3", "viscii", "tcvn5712"])
def test_incremental_decoding_byte_by_byte_equals_decoding_whole(name: str):
    text = _encodable(_paragraphs()[0], name)
    data = text.encode(name)
    decoder = codecs.getincrementaldecoder(name)()
    pieces = [decoder.decode(data[i:i + 1]) for i in range(len(data))] + [decoder.decode(b"", final=True)]
    assert "".join(pieces) == text


def test_open_writes_and_reads_a_legacy_file(tmp_path: Path):
    path = tmp_path / "old.txt"
    with open(path, "w", encoding="vni") as out:
        out.write("Thủy Tiên\nHòa Bình\n")
    assert path.read_bytes() != "Thủy Tiên\nHòa Bình\n".encode("utf-8")
    with open(path, encoding="vni") as back:
        assert back.read() == "Thủy Tiên\nHòa Bình\n"


def test_names_aliases_and_pythons_own_codecs():
    assert codecs.lookup("VNI-Windows").name == "vni" and codecs.lookup("abc").name == "tcvn3"
    assert codecs.lookup("tcvn5712_1").name == "tcvn5712"
    assert codecs.lookup("cp1258").name == "cp1258"  # Python's own comes first
    with pytest.raises(LookupError):
        codecs.lookup("no-such-vietnamese-encoding")


def test_errors_are_pythons_unicode_errors():
    with pytest.raises(UnicodeEncodeError):
        "Ω".encode("tcvn3")
    assert "Ω Hà".encode("tcvn3", "replace") == b"? " + "Hà".encode("tcvn3")
    assert "Ω Hà".encode("tcvn3", "ignore") == b" " + "Hà".encode("tcvn3")
    with pytest.raises(UnicodeDecodeError) as caught:
        b"ab\x81".decode("vni")
    assert caught.value.start == 2
    assert b"ab\x81".decode("vni", "replace") == "ab\ufffd" and b"ab\x81".decode("vni", "ignore") == "ab"


def test_decomposed_text_encodes_as_its_composed_form_under_every_error_handler():
    import unicodedata

    text = unicodedata.normalize("NFD", "Hà Nội Ω")
    assert text.encode("tcvn3", "replace") == "Hà Nội ?".encode("tcvn3")
    assert text.encode("tcvn3", "ignore") == "Hà Nội ".encode("tcvn3")
