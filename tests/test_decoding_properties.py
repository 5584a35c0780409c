"""Properties of the decoder on arbitrary input (hypothesis)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.decoding import DecodeError, Decoded, decode, decode_viqr, legacy_codec, repair_mojibake
from toolkit.decoding.decoder import ENCODINGS
from toolkit.decoding.tables import TABLE_ENCODINGS

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# bytes that look like text often enough to reach the interesting branches
_TEXTISH = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=80).map(lambda s: s.encode("utf-8")),
    st.lists(st.sampled_from([b"a", b" ", b"\n", b"\xb5", b"\xe9", b"\xc3", b"\xa8", b"\xe1\xbb\x87", b"o+", b"^", b".", b"\x00", b"\xff"]), max_size=60).map(b"".join),
)


def _check(result: Decoded) -> None:
    assert isinstance(result.text, str)
    if result.encoding not in ("utf-8", "utf-8-sig", "utf-16"):  # those come back as written
        assert unicodedata.is_normalized("NFC", result.text)
    assert set(result.repairs) >= {"bom", "mojibake", "replaced"}


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ENCODINGS)
@SETTINGS
@given(data=_TEXTISH)
def test_strict_raises_only_decode_error(encoding, data):
    try:
        result = decode(data, encoding)
    except DecodeError as err:
        assert 0 <= err.offset < len(data)
        assert err.line == data[: err.offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        assert f"byte offset {err.offset}" in str(err) and f"line {err.line}" in str(err)
        return
    _check(result)
    assert result.repairs["replaced"] == 0


@pytest.mark.slow
@pytest.mark.parametrize("encoding", ENCODINGS)
@SETTINGS
@given(data=_TEXTISH)
def test_replace_never_raises(encoding, data):
    result = decode(data, encoding, errors="replace")
    _check(result)
    assert result.repairs["replaced"] >= 0


@SETTINGS
@given(text=st.text(max_size=120))
def test_valid_utf8_of_vietnamese_letters_is_never_transcoded(text):
    text = unicodedata.normalize("NFC", "ư " + text)  # holds a Unicode-only Vietnamese letter
    if "\x00" in text:
        return
    result = decode(text.encode("utf-8"))
    assert result.encoding in ("utf-8",) or result.encoding.startswith("utf-8 (read as")


_WORDS = ["Việt", "người", "của", "Hà", "Nội", "café", "Straße", "北京", "😀", "and", "\r\n", " ", ". "]
_PIECES = (
    _WORDS
    + ["".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in w.encode("utf-8")) for w in _WORDS[:6]]
    + [legacy_codec("tcvn3").encode(w).decode("cp1252", "ignore") for w in _WORDS[:5]]
    + [legacy_codec("vni").encode(w).decode("cp1252", "ignore") for w in _WORDS[:5]]
)
_MIXED = st.one_of(st.text(max_size=120), st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))


@SETTINGS
@given(text=_MIXED)
@example(text="Ã\xa0\r¼\rYÒ")  # once repaired, it read as a legacy-font page: repairs now run to the end
def test_repair_mojibake_total_and_idempotent(text):
    repaired, counts = repair_mojibake(text)
    assert isinstance(repaired, str) and counts["mojibake"] >= 0
    if counts["mojibake"] == 0:
        assert repaired == text
    assert repair_mojibake(repaired)[0] == repaired


@SETTINGS
@given(text=st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=120))
def test_viqr_never_crashes_and_keeps_plain_letters(text):
    out = decode_viqr(text)
    assert isinstance(out, str)
    assert sum(c.isascii() and c.isalpha() for c in out) <= sum(c.isalpha() for c in text)


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
@SETTINGS
@given(data=st.binary(max_size=120))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_legacy_decode_then_encode_keeps_defined_letters(name, data):
    codec = legacy_codec(name)
    text, replaced = codec.decode(data, "replace")
    assert unicodedata.is_normalized("NFC", text)
    assert replaced == sum(1 for b in data if b in codec.undefined)
