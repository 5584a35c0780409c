"""Load the legacy encoding tables from ``lexicons/encodings/*.tsv``.

Each table maps one byte, or a base byte followed by a mark byte, to Unicode text.
Bytes a table does not list are ASCII below 0x80 and undefined above.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from toolkit.resources import lexicon_path
from toolkit.tables import TableError, read_tsv  # a malformed encoding table raises TableError

TABLE_ENCODINGS = ("tcvn3", "tcvn5712", "vni", "viscii", "vps", "bkhcm1", "bkhcm2")
# Detection prior: the rarely used encodings start this many evidence points behind, so a
# short text that reads as Vietnamese in two encodings goes to the common one.
# encodings that extend another and must not compete with it on the same bytes: TCVN 5712 VN1
# holds every letter of VN3 (tcvn3) and adds the toned capitals where VN3 keeps punctuation
VARIANTS = {"tcvn5712": "tcvn3"}
RARITY_PENALTY = {"tcvn3": 0, "tcvn5712": 0, "vni": 0, "viscii": 0, "vps": 1, "bkhcm1": 1, "bkhcm2": 1}
_COLUMNS = ("bytes", "char", "codepoints", "sources", "note")



@dataclass(frozen=True)
class EncodingTable:
    name: str
    single: dict[int, str]  # byte -> text, for every byte whose reading is not ASCII's
    pairs: dict[bytes, str]  # base byte + mark byte -> letter (two-byte encodings)


def _parse_codepoints(field: str) -> str:
    return "".join(chr(int(cp.removeprefix("U+"), 16)) for cp in field.split())


@cache
def load_table(name: str) -> EncodingTable:
    path = lexicon_path("encodings", f"{name}.tsv")
    single: dict[int, str] = {}
    pairs: dict[bytes, str] = {}
    for number, fields in read_tsv(path, _COLUMNS):
        if not fields[3]:
            raise TableError("expected a source", path, number, "sources")
        try:
            seq = bytes.fromhex(fields[0])
            text = _parse_codepoints(fields[2])
        except ValueError as exc:
            raise TableError(str(exc), path, number) from None
        if not text or len(seq) not in (1, 2):
            raise TableError(f"bad row {chr(9).join(fields)!r}", path, number)
        if (seq[0] in single) if len(seq) == 1 else (seq in pairs):
            raise TableError(f"{fields[0]} listed twice", path, number)
        if len(seq) == 1:
            single[seq[0]] = text
        else:
            pairs[seq] = text
    return EncodingTable(name, single, pairs)
