"""Layer 1 (bytes -> text): legacy tables, detection, mojibake repair, errors."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

import cases
from toolkit.decoding import DecodeError, Decoded, decode, decode_viqr, legacy_codec, repair_mojibake
from toolkit.decoding.decoder import ENCODINGS, canonical_encoding
from toolkit.decoding.tables import TABLE_ENCODINGS, load_table

GAO = Path("/work/shared/external/tamnd-gao/normalize/testdata")
LEGACY = GAO / "legacy"
needs_gao = pytest.mark.skipif(not LEGACY.is_dir(), reason="peer test data /work/shared/external/tamnd-gao is absent")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _letters() -> list[str]:
    """The 134 letters of Vietnamese outside ASCII: 67 lower case and their capitals."""
    lower = [nfc(v + t) for v in "aăâeêioôơuưy" for t in "\u0300\u0301\u0303\u0309\u0323"]
    lower += list("ăâêôơưđ")
    return lower + [c.upper() for c in lower]


LETTERS = _letters()
TONED_CAPITALS = {c for c in LETTERS if c.isupper() and c not in "ĂÂÊÔƠƯĐ"}
UNENCODABLE = {
    "tcvn3": TONED_CAPITALS,  # VN3 draws capitals with a second font
    "bkhcm1": {"Ặ", "Ỵ"},  # its only source gives their codes to Ụ and Ị as well
}

PARAGRAPH = (
    "Sông Hồng bắt nguồn từ Vân Nam và chảy qua các tỉnh phía bắc trước khi đổ ra vịnh Bắc Bộ. "
    "Người Việt đã đắp đê dọc hai bờ từ rất sớm, và hệ thống đê ấy vẫn đang được giữ đến ngày nay. "
    "Một số tài liệu cũ gọi đây là Nhị Hà, tên chữ của con sông trước thế kỷ hai mươi."
)


def test_letter_inventory_is_the_134_letters():
    assert len(LETTERS) == len(set(LETTERS)) == 134
    if LEGACY.is_dir():
        iconv_letters = [line.split()[0] for line in (LEGACY / "viscii.iconv").read_text(encoding="utf-8").splitlines()]
        assert set(iconv_letters) == set(LETTERS)


# ---------------------------------------------------------------- golden bytes


def _golden_pairs():
    if not LEGACY.is_dir():
        return []
    return sorted(LEGACY.glob("*.bytes"))


def _expected(path: Path) -> str:
    return nfc(path.with_suffix(".txt").read_text(encoding="utf-8"))


def _same_document(got: str, expected: str) -> bool:
    # the .txt files were written by a pipeline that also settles line endings and the final newline
    return got.replace("\r\n", "\n").rstrip("\n") == expected.rstrip("\n")


@needs_gao
@pytest.mark.parametrize("path", _golden_pairs(), ids=lambda p: p.name)
def test_golden_bytes_auto_detected(path):
    decoded = decode(path.read_bytes())
    assert decoded.encoding == path.name.split(".")[-2]
    assert _same_document(decoded.text, _expected(path))


@needs_gao
@pytest.mark.parametrize("path", _golden_pairs(), ids=lambda p: p.name)
def test_golden_bytes_explicit_encoding(path):
    encoding = path.name.split(".")[-2]
    decoded = decode(path.read_bytes(), encoding)
    assert decoded.encoding == encoding
    assert decoded.repairs["replaced"] == 0
    assert _same_document(decoded.text, _expected(path))


@needs_gao
def test_golden_set_is_complete():
    names = {p.name.split(".")[-2] for p in _golden_pairs()}
    assert names == {"tcvn3", "vni", "viscii", "vps", "bkhcm1", "bkhcm2"}


@needs_gao
def test_font_cu_tcvn3_mojibake_decodes_to_the_page():
    decoded = decode((GAO / "font-cu.in").read_bytes())
    assert decoded.encoding == "tcvn3 (read as cp1252)"
    assert decoded.is_mojibake
    assert decoded.repairs["mojibake"] > 100
    expected = nfc((GAO / "font-cu.out").read_text(encoding="utf-8"))
    # this layer keeps the CRLF line endings (a later layer settles them); the text is the page
    assert "\r\n" in decoded.text
    assert decoded.text.replace("\r\n", "\n") == expected


@needs_gao
@pytest.mark.parametrize("name", ["bach-khoa", "ban-in", "bao-dien-tu", "dau-cu", "dien-dan"])
def test_other_golden_documents_are_utf8_and_untouched_here(name):
    data = (GAO / f"{name}.in").read_bytes()
    decoded = decode(data)
    assert decoded.encoding in ("utf-8", "utf-8-sig")
    assert decoded.repairs["mojibake"] == 0
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    assert decoded.text == nfc(body.decode("utf-8"))


# ---------------------------------------------------------------- tables


@needs_gao
def test_tcvn3_table_against_iconv_letter_file():
    codec = legacy_codec("tcvn3")
    agree = capital_elsewhere = below_0x80 = 0
    for line in (LEGACY / "tcvn5712-1.iconv").read_text(encoding="utf-8").splitlines():
        letter, code = line.split()
        byte = bytes.fromhex(code)
        got = codec.decode(byte, "replace")[0]
        if got == letter:
            agree += 1
        elif byte[0] < 0x80:
            below_0x80 += 1  # VN1 puts toned capitals on C0 codes; VN3 keeps them ASCII
            assert got == byte.decode("ascii")
        else:
            capital_elsewhere += 1
            assert letter in TONED_CAPITALS
    assert (agree, capital_elsewhere, below_0x80) == (74, 48, 12)


@needs_gao
def test_viscii_table_against_iconv_letter_file():
    codec = legacy_codec("viscii")
    for line in (LEGACY / "viscii.iconv").read_text(encoding="utf-8").splitlines():
        letter, code = line.split()
        assert codec.decode(bytes.fromhex(code))[0] == letter, line
    # the disputed code: RFC 1456 and iconv read 0xA0 as Õ, not as a no-break space
    assert decode(b"\xa0", "viscii").text == "Õ"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv on this machine")
@pytest.mark.parametrize(("ours", "theirs"), [("viscii", "VISCII"), ("tcvn3", "TCVN5712-1")])
def test_tables_against_live_iconv(ours, theirs):
    codec = legacy_codec(ours)
    letters = set(LETTERS)
    checked = 0
    for b in range(0x80, 0x100):
        run = subprocess.run(["iconv", "-f", theirs, "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if run.returncode != 0:
            continue
        theirs_text = run.stdout.decode()
        if ours == "tcvn3" and theirs_text in TONED_CAPITALS:
            continue  # VN1-only
        if theirs_text in letters:
            assert codec.decode(bytes([b]))[0] == theirs_text, hex(b)
            checked += 1
    assert checked == (128 if ours == "viscii" else 74 - 0)


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_every_letter_encodable_except_the_documented_gaps(name):
    codec = legacy_codec(name)
    missing = {c for c in LETTERS if c not in codec.inverse}
    assert missing == UNENCODABLE.get(name, set())


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_every_row_names_a_source_and_reads_back(name):
    table = load_table(name)
    codec = legacy_codec(name)
    for byte, text in table.single.items():
        assert codec.decode(bytes([byte]))[0] == nfc(text)
    for seq, text in table.pairs.items():
        assert codec.decode(seq)[0] == text


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_round_trip_every_letter(name):
    codec = legacy_codec(name)
    letters = [c for c in LETTERS if c not in UNENCODABLE.get(name, set())]
    text = " ".join("".join(letters[i : i + 7]) for i in range(0, len(letters), 7)) + "\n0123 ASCII, (ok)!"
    data = codec.encode(text)
    assert decode(data, name).text == text


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_round_trip_paragraph_and_auto_detection(name):
    codec = legacy_codec(name)
    text = PARAGRAPH if name == "tcvn3" else "ĐỒNG BẰNG SÔNG HỒNG. " + PARAGRAPH
    data = codec.encode(text)
    assert decode(data, name).text == text
    detected = decode(data)
    assert (detected.encoding, detected.text) == (name, text)


def test_two_byte_encodings_write_a_letter_as_base_plus_mark():
    assert legacy_codec("vni").encode("ấ") == b"a\xe1"
    assert legacy_codec("bkhcm2").encode("ấ") == b"\xea\xeb"
    assert decode(b"Vie\xe4t Nam", "vni").text == "Việt Nam"
    # a mark byte with no base before it reads as the character its byte is on its own
    assert decode(b"\xf9 a\xf9", "vni").text == "ù á"


def test_cp1258_decomposed_tones_come_out_nfc():
    data = _cp1258(PARAGRAPH)
    assert b"\xf2" in data  # dot below written as a separate mark byte
    for encoding in ("cp1258", "windows-1258", "auto"):
        decoded = decode(data, encoding)
        assert (decoded.encoding, decoded.text) == ("cp1258", PARAGRAPH)
        assert unicodedata.is_normalized("NFC", decoded.text)


def _cp1258(text: str) -> bytes:
    """Windows' own writing of Vietnamese: precomposed where cp1258 has it, else base + tone."""
    out = bytearray()
    for char in nfc(text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            base = nfc("".join(c for c in decomposed if c not in tone))
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


# ---------------------------------------------------------------- UTF-8 / UTF-16 / BOM


def test_empty_input():
    assert decode(b"") == Decoded("", "utf-8", {"bom": 0, "mojibake": 0, "replaced": 0})
    for name in ENCODINGS:
        assert decode(b"", name).text == ""


def test_plain_utf8_is_returned_as_is():
    data = PARAGRAPH.encode()
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.repairs) == (PARAGRAPH, "utf-8", {"bom": 0, "mojibake": 0, "replaced": 0})


def test_utf8_bom_is_counted_and_removed():
    decoded = decode(b"\xef\xbb\xbf" + PARAGRAPH.encode())
    assert (decoded.text, decoded.encoding, decoded.repairs["bom"]) == (PARAGRAPH, "utf-8-sig", 1)


@pytest.mark.parametrize("codec_name", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec_name):
    bom = b"\xff\xfe" if codec_name.endswith("le") else b"\xfe\xff"
    decoded = decode(bom + PARAGRAPH.encode(codec_name))
    assert (decoded.text, decoded.encoding, decoded.repairs["bom"]) == (PARAGRAPH, "utf-16", 1)
    assert decode(bom + PARAGRAPH.encode(codec_name), "utf16").text == PARAGRAPH


def test_utf8_text_stays_exactly_as_written():
    # NFD or not, UTF-8 text is the character layer's to normalise (with its offset map)
    nfd = unicodedata.normalize("NFD", PARAGRAPH)
    assert decode(nfd.encode()).text == nfd
    assert decode(b"\xef\xbb\xbf" + nfd.encode("utf-8")).text == nfd


# ---------------------------------------------------------------- mojibake


def _misread(text: str, as_: str) -> str:
    """UTF-8 bytes read in a single-byte code page, undefined codes read as C1 controls (as browsers do)."""
    return "".join(bytes([b]).decode(as_, errors="ignore") or chr(b) for b in text.encode("utf-8"))


@pytest.mark.parametrize("misreading", ["cp1252", "latin-1", "cp1258"])
def test_utf8_misread_is_repaired(misreading):
    broken = _misread(PARAGRAPH, misreading)
    assert broken != PARAGRAPH
    repaired, counts = repair_mojibake(broken)
    assert repaired == PARAGRAPH
    assert counts["mojibake"] > 20
    decoded = decode(broken.encode("utf-8"))
    assert decoded.text == PARAGRAPH
    assert decoded.encoding == f"utf-8 (read as {misreading})"


def test_brief_examples():
    assert repair_mojibake("Viá»‡t Nam")[0] == "Việt Nam"
    assert repair_mojibake("Hµ Néi")[0] == "Hà Nội"


def test_mojibake_inside_correct_text_is_repaired_piecewise():
    mixed = "Hà Nội: " + _misread("Người Việt đã đắp đê", "cp1252")
    assert repair_mojibake(mixed)[0] == "Hà Nội: Người Việt đã đắp đê"


def test_double_encoded_utf8_is_repaired():
    twice = _misread(_misread(PARAGRAPH, "cp1252"), "cp1252")
    assert repair_mojibake(twice)[0] == PARAGRAPH


@pytest.mark.parametrize("name", ["tcvn3", "vni", "viscii"])
def test_legacy_font_read_as_cp1252_is_repaired(name):
    crawled = legacy_codec(name).encode(PARAGRAPH).decode("cp1252", errors="ignore")
    repaired, counts = repair_mojibake(crawled)
    assert repaired == PARAGRAPH
    assert counts["mojibake"] > 0
    decoded = decode(crawled.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (PARAGRAPH, f"{name} (read as cp1252)")


NOT_VIETNAMESE = [
    "Le café est très élevé à Paris, où l'été est chaud et où l'on mange des crêpes.",
    "Müller aß Brötchen über der Straße, während die Größe zunahm.",
    "El niño comió piñata en el año pasado, ¿verdad? ¡Sí, señor!",
    "Plain English text, with 'quotes' and a dash - nothing else.",
    "北京是中华人民共和国的首都。习近平主席访问越南。",
    "emoji 😀👍🏽 and symbols € ™ … « »",
    "Ångström, Øresund, Þórr, Œuvre, façade, naïve, coöperate",
    "Ã©tÃ© à Paris",  # UTF-8 French misread: not Vietnamese, so not ours to touch
]


@pytest.mark.parametrize("text", NOT_VIETNAMESE)
def test_non_vietnamese_text_is_left_alone(text):
    assert repair_mojibake(text) == (text, {"mojibake": 0})
    decoded = decode(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding, decoded.repairs["mojibake"]) == (text, "utf-8", 0)


def test_text_with_unicode_only_vietnamese_letters_is_never_transcoded():
    # reads as better Vietnamese through TCVN3, but ư is already a Unicode-only letter
    text = "Hµ Néi vµ ng­êi d©n thành phố"
    assert legacy_codec("tcvn3").from_surface("Hµ Néi vµ") == "Hà Nội và"
    assert repair_mojibake(text)[0] == text


# ---------------------------------------------------------------- VIQR


def test_viqr_explicit():
    data = b"Vie^.t Nam la` mo^.t quo^'c gia o+? ddo^ng Nam A'. Ngu+o+`i Vie^.t no'i tie^'ng Vie^.t."
    assert decode(data, "viqr").text == "Việt Nam là một quốc gia ở đông Nam Á. Người Việt nói tiếng Việt."


def test_viqr_auto_detected():
    data = b"Ngu+o+`i Vie^.t dda~ dda('p dde^ do.c hai bo+` tu+` ra^'t so+'m."
    decoded = decode(data)
    assert (decoded.encoding, decoded.text) == ("viqr", "Người Việt đã đắp đê dọc hai bờ từ rất sớm.")


def test_viqr_escapes_and_punctuation():
    assert decode_viqr("Ca'c ba.n o+? dda^u\\? To^i o+? Ha` No^.i.") == "Các bạn ở đâu? Tôi ở Hà Nội."
    # before a capital or at the end, a final ? or . is punctuation unless the word is a common one;
    # a text that escapes its punctuation (RFC 1456) writes every unescaped one as a tone:
    # khoe?\? is khoẻ?, and the final o+? is ở
    assert decode_viqr("Ba.n khoe? Ca'c ba.n o+?") == "Bạn khoe? Các bạn ơ?"
    assert decode_viqr("Ba.n khoe?\\? Ca'c ba.n o+?") == "Bạn khoẻ? Các bạn ở"
    assert decode_viqr("So+? Ngoa.i giao\\. The^? the^. mo+'i\\.") == "Sở Ngoại giao. Thể thệ mới."
    assert decode_viqr("QDD va` ddi, HDDND") == "QĐ và đi, HĐND"  # DD in an abbreviation in capitals
    assert decode_viqr("ca? nha`") == "cả nhà"
    assert decode_viqr("address, middle") == "address, middle"  # dd only opens a word
    assert decode_viqr("DDa`i") == "Đài"


def test_english_ascii_is_not_read_as_viqr():
    text = "What? I'm fine. See you at 5 p.m. (a+b)^2 is a formula."
    assert decode(text.encode()).text == text


# ---------------------------------------------------------------- errors and names


def test_invalid_utf8_names_offset_and_line():
    data = b"line one\nline two\nbad \xc3\x28 here"
    with pytest.raises(DecodeError) as caught:
        decode(data)
    err = caught.value
    assert (err.offset, err.line) == (22, 3)
    assert "byte offset 22" in str(err) and "line 3" in str(err)
    with pytest.raises(DecodeError) as caught:
        decode(data, "utf-8")
    assert (caught.value.offset, caught.value.line, caught.value.encoding) == (22, 3, "utf-8")


def test_crlf_counts_as_one_line_break():
    with pytest.raises(DecodeError) as caught:
        decode(b"a\r\nb\r\n\xff")
    assert (caught.value.offset, caught.value.line) == (6, 3)


def test_undefined_legacy_byte_raises_with_offset():
    with pytest.raises(DecodeError) as caught:
        decode(b"H\xb5 N\xe9i\n\x81", "tcvn3")
    assert (caught.value.offset, caught.value.line, caught.value.encoding) == (7, 2, "tcvn3")
    decoded = decode(b"H\xb5 N\xe9i\n\x81", "tcvn3", errors="replace")
    assert (decoded.text, decoded.repairs["replaced"]) == ("Hà Nội\n\ufffd", 1)


def test_nul_bytes_are_not_text_in_auto_mode():
    with pytest.raises(DecodeError) as caught:
        decode(b"abc\n\x00def")
    assert (caught.value.offset, caught.value.line) == (4, 2)
    decoded = decode(b"abc\n\x00def", errors="replace")
    assert (decoded.text, decoded.repairs["replaced"]) == ("abc\n\ufffddef", 1)
    assert decode(b"abc\x00", "utf-8").text == "abc\x00"  # an explicit encoding reads what it defines


def test_viqr_rejects_non_ascii():
    with pytest.raises(DecodeError) as caught:
        decode(b"ok \xe9", "viqr")
    assert caught.value.offset == 3


def test_replace_counts_replacements_and_keeps_real_replacement_characters():
    data = "ok \ufffd ".encode() + b"\xff\xfe!"
    decoded = decode(data, "utf-8", errors="replace")
    assert decoded.text == "ok \ufffd \ufffd\ufffd!"
    assert decoded.repairs["replaced"] == 2


def test_decode_error_is_a_value_error_and_pickles():
    err = DecodeError("bad", offset=3, line=1, encoding="utf-8")
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert (again.offset, again.line, again.encoding, str(again)) == (3, 1, "utf-8", str(err))


@pytest.mark.parametrize(
    ("alias", "name"),
    [("ABC", "tcvn3"), ("tcvn", "tcvn3"), ("TCVN5712", "tcvn5712"), ("TCVN5712-1", "tcvn5712"), ("VNI-Windows", "vni"), ("Windows-1258", "cp1258"), ("UTF8", "utf-8"), ("VISCII", "viscii")],
)
def test_encoding_aliases(alias, name):
    assert canonical_encoding(alias) == name


def test_unknown_encoding_lists_the_valid_ones():
    with pytest.raises(ValueError, match="tcvn3.*vni.*viqr") as caught:
        decode(b"x", "koi8-r")
    assert not isinstance(caught.value, DecodeError)
    with pytest.raises(ValueError, match="errors"):
        decode(b"x", errors="ignore")


def test_toolkit_exports_lazily():
    import toolkit

    assert toolkit.decode is decode and toolkit.DecodeError is DecodeError and toolkit.Decoded is Decoded


def test_latin1_french_file_is_not_guessed():
    data = "Le café est très élevé à Paris, où l'été est chaud et où l'on mange des crêpes.".encode("latin-1")
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert caught.value.offset == data.index(b"\xe9")
    assert "encoding=" in str(caught.value)  # tells the caller how to say what it is
    assert decode(data, "cp1258").text == data.decode("cp1258")


def test_detected_legacy_encoding_still_reports_undefined_bytes():
    data = legacy_codec("vni").encode(PARAGRAPH) + b"\n\x81"  # 0x81: no letter in VNI
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert (caught.value.offset, caught.value.line, caught.value.encoding) == (len(data) - 1, 2, "vni")
    decoded = decode(data, errors="replace")
    assert (decoded.encoding, decoded.text, decoded.repairs["replaced"]) == ("vni", PARAGRAPH + "\n\ufffd", 1)


def test_a_byte_vn3_lacks_is_read_as_the_vn1_capital_it_is():
    # TCVN 5712 VN3 leaves 0x81 undefined; VN1, the same standard's full table, reads a capital there
    data = legacy_codec("tcvn3").encode(PARAGRAPH) + b"\n\x81"
    decoded = decode(data)
    assert decoded.encoding == "tcvn5712" and decoded.text.startswith(PARAGRAPH + "\n")
    assert decoded.text[-1] == legacy_codec("tcvn5712").decode(b"\x81", "strict")[0]


@pytest.mark.parametrize("name", TABLE_ENCODINGS)
def test_table_files_name_source_and_licence(name):
    from toolkit.resources import lexicon_path

    header = [line for line in lexicon_path("encodings", f"{name}.tsv").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any(line.startswith("# source: ") for line in header)
    assert any(line.startswith("# licence: ") for line in header)
    assert any("build_tables.py" in line for line in header)


TELEX_PAIRS = Path("/work/shared/external/gonhanh/core/tests/data/vietnamese_telex_pairs.txt")


@pytest.mark.skipif(not TELEX_PAIRS.is_file(), reason="peer syllable inventory (gonhanh) is absent")
def test_every_real_syllable_counts_as_vietnamese_evidence():
    from toolkit.decoding.evidence import word_value

    syllables = {line.split("\t")[1] for line in TELEX_PAIRS.read_text(encoding="utf-8").splitlines() if "\t" in line}
    marked = [s for s in syllables if not s.isascii()]
    assert len(marked) > 5000
    assert [s for s in marked if word_value(s) <= 0] == []
    assert [s for s in marked if word_value(s.upper()) <= 0] == []



@cases.parametrize("western_cp1252.tsv")
def test_western_cp1252_text_never_becomes_vietnamese(lang: str, text: str, expected: str) -> None:
    data = text.encode("cp1252")
    if expected == "text":
        assert decode(data).text == text
        return
    try:
        decoded = decode(data)
    except DecodeError:
        return  # no Vietnamese encoding reads it clearly: the bytes are left to the user
    assert decoded.text == text, (lang, decoded.encoding)  # read as written is no harm; a changed letter is


@needs_gao
def test_tcvn5712_vn1_table_reads_every_letter_of_the_iconv_file():
    codec = legacy_codec("tcvn5712")
    wrong = []
    for line in (LEGACY / "tcvn5712-1.iconv").read_text(encoding="utf-8").splitlines():
        letter, code = line.split()
        if codec.decode(bytes.fromhex(code), "replace")[0] != letter:
            wrong.append((letter, code))
    assert wrong == []  # the toned capitals too, in C0 and on 0x80-0x9F (tcvn3 keeps 60 of them apart)


def test_vn1_text_with_its_capitals_is_detected_and_named():
    text = "Ở HÀ NỘI, NGƯỜI DÂN VUI VẺ. Ở đây có nhiều người Việt và ỦY BAN NHÂN DÂN."
    data = legacy_codec("tcvn5712").encode(text)
    assert decode(data).text == text and decode(data).encoding == "tcvn5712"
    assert decode(data, "tcvn5712-1").text == text and decode(data, "vn1").text == text
    # VN3 on the same bytes keeps Windows punctuation where VN1 has capitals
    assert decode(data, "tcvn3").text != text


def test_the_command_line_offers_every_encoding_the_decoder_reads():
    from toolkit.cli.text import ENCODING_CHOICES

    assert ENCODING_CHOICES == ENCODINGS


def _real_vietnamese_paragraphs() -> list[str]:
    import json

    folder = Path(__file__).resolve().parent / "data" / "realtext"
    return [json.loads(line)["text"] for path in sorted(folder.glob("vi-*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _read_as_cp1252(text: str) -> str:
    """UTF-8 bytes read as windows-1252 (its five unassigned bytes kept as the C1 controls)."""
    return "".join(chr(b) if 0x80 <= b <= 0x9F and bytes([b]) in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
                   else bytes([b]).decode("cp1252") for b in text.encode("utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("misread", ["cp1252 twice", "cp437"])
def test_mojibake_ftfy_knows_is_repaired_in_real_paragraphs(misread: str) -> None:
    paragraphs = _real_vietnamese_paragraphs()
    assert len(paragraphs) > 60
    broken = {
        "cp1252 twice": lambda t: _read_as_cp1252(_read_as_cp1252(t)),
        "cp437": lambda t: t.encode("utf-8").decode("cp437"),
    }[misread]
    assert [t for t in paragraphs if repair_mojibake(broken(t))[0] != t] == []
    assert decode(broken(paragraphs[0]).encode("utf-8")).text == paragraphs[0]


@pytest.mark.parametrize("text", ["Le cafÃ© est bon", "├── src\n│   └── main.py", "Straße und Größe"])
def test_generic_mojibake_repair_needs_vietnamese_gain(text: str) -> None:
    assert repair_mojibake(text) == (text, {"mojibake": 0})
