"""Generate the legacy Vietnamese encoding tables in this folder (byte(s) -> Unicode).

Run from the repository root:

    python lexicons/encodings/build_tables.py [--workdir DIR]

Sources, each fetched with its ordinary client (nothing is typed in by hand):

- glibc iconv on this machine (``iconv -f TCVN5712-1`` / ``-f VISCII``, one byte at a time).
- Debian package ``ibus-unikey`` (``apt-get download ibus-unikey``): its engine binary carries
  the vnconv charset tables of the UniKey project (Pham Kim Long) as static arrays.  They are
  found by searching the binary for the first twelve entries of each array (a Unicode table
  of 213 uint16, a block of six 213-byte single-byte tables, a block of four 213-entry
  uint16 double-byte tables, in vnconv's fixed letter order), then read whole.
- PyPI ``viscii-codec`` (a gencodec codec made from the Unicode consortium's VISCII.TXT) and
  PyPI ``viparse`` (hand-verified VPS, VISCII and VNI maps; parsed with ``ast``, never imported).
- Python's own ``cp1252`` codec for the Windows punctuation that the Windows-era fonts kept.

Each output row names every source that gives the same reading; rows where a source
disagrees carry the disagreement in the ``note`` column.  The script is deterministic:
running it again writes the same files byte for byte (given the same package versions).
"""

from __future__ import annotations

import argparse
import ast
import re
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOTAL_VNCHARS = 213  # vnconv: 186 letters in a fixed order, then 27 Windows symbols
LETTERS = 186

UNIKEY_SINGLE = ["tcvn3", "vps", "viscii", "bkhcm1", "vietware-f", "isc"]
UNIKEY_DOUBLE = ["vni", "bkhcm2", "vietware-x", "vni-mac"]

# The first twelve entries of each vnconv array (A a Á á À à Ả ả Ã ã Ạ ạ), used only to find it.
UNICODE_PROBE = struct.pack("<12H", 0x41, 0x61, 0xC1, 0xE1, 0xC0, 0xE0, 0x1EA2, 0x1EA3, 0xC3, 0xE3, 0x1EA0, 0x1EA1)
TCVN3_PROBE = bytes([0x41, 0x61, 0xB8, 0xB8, 0xB5, 0xB5, 0xB6, 0xB6, 0xB7, 0xB7, 0xB9, 0xB9])
VNI_PROBE = struct.pack("<12H", 0x41, 0x61, 0xD941, 0xF961, 0xD841, 0xF861, 0xDB41, 0xFB61, 0xD541, 0xF561, 0xCF41, 0xEF61)

CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, capture_output=True, **kw)


# ---------------------------------------------------------------- sources


def iconv_version() -> str:
    first = run(["iconv", "--version"]).stdout.decode().splitlines()[0]
    m = re.search(r"(\d+\.\d+)\s*$", first)
    return f"iconv-glibc-{m.group(1) if m else 'unknown'}"


def iconv_table(charset: str) -> dict[int, str]:
    """Byte -> text for every byte from 0x80 iconv reads on its own, and ASCII codes it reads otherwise."""
    out: dict[int, str] = {}
    for b in range(256):
        r = subprocess.run(["iconv", "-f", charset, "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        if r.returncode == 0 and r.stdout and (b >= 0x80 or r.stdout.decode() != chr(b)):
            out[b] = r.stdout.decode()
    return out


def fetch_unikey(workdir: Path) -> tuple[str, bytes]:
    debs = sorted(workdir.glob("ibus-unikey_*.deb"))
    if not debs:
        run(["apt-get", "download", "ibus-unikey"], cwd=workdir)
        debs = sorted(workdir.glob("ibus-unikey_*.deb"))
    deb = debs[-1]
    version = deb.name.split("_")[1]
    dest = workdir / "ibus-unikey"
    run(["dpkg-deb", "-x", str(deb), str(dest)])
    binary = dest / "usr/libexec/ibus-engine-unikey"
    return f"unikey-vnconv(ibus-unikey-{version})", binary.read_bytes()


def find_once(blob: bytes, probe: bytes, what: str) -> int:
    if blob.count(probe) != 1:
        sys.exit(f"cannot find the {what} table in the ibus-unikey binary (found {blob.count(probe)})")
    return blob.find(probe)


def unikey_tables(blob: bytes) -> tuple[list[str], dict[str, list[bytes]]]:
    """vnconv's letter order (as Unicode) and each charset's byte string per letter."""
    at = find_once(blob, UNICODE_PROBE, "Unicode")
    order = [chr(c) for c in struct.unpack(f"<{TOTAL_VNCHARS}H", blob[at : at + 2 * TOTAL_VNCHARS])]
    tables: dict[str, list[bytes]] = {}
    at = find_once(blob, TCVN3_PROBE, "single-byte")
    for k, name in enumerate(UNIKEY_SINGLE):
        row = blob[at + k * TOTAL_VNCHARS : at + (k + 1) * TOTAL_VNCHARS]
        tables[name] = [bytes([b]) if b else b"" for b in row]
    at = find_once(blob, VNI_PROBE, "double-byte")
    for k, name in enumerate(UNIKEY_DOUBLE):
        words = struct.unpack(f"<{TOTAL_VNCHARS}H", blob[at + k * 2 * TOTAL_VNCHARS : at + (k + 1) * 2 * TOTAL_VNCHARS])
        # a word is base byte (low) + mark byte (high), the mark being absent for a plain letter
        tables[name] = [bytes([w & 0xFF]) + (bytes([w >> 8]) if w >> 8 else b"") if w else b"" for w in words]
    return order, tables


def fetch_wheel(workdir: Path, name: str) -> tuple[str, zipfile.ZipFile]:
    wheels = sorted(workdir.glob(f"{name.replace('-', '_')}-*.whl"))
    if not wheels:
        run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(workdir), name])
        wheels = sorted(workdir.glob(f"{name.replace('-', '_')}-*.whl"))
    wheel = wheels[-1]
    version = wheel.name.split("-")[1]
    return f"{name}-{version}", zipfile.ZipFile(wheel)


def module_assignment(source: str, variable: str):
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == variable for t in targets):
            return ast.literal_eval(node.value)
    raise KeyError(variable)


def viscii_codec_table(wheel: zipfile.ZipFile) -> dict[int, str]:
    table = module_assignment(wheel.read("viscii/__init__.py").decode(), "decoding_table")
    return {b: ch for b, ch in enumerate(table) if ch != "\ufffe"}


def viparse_byte_table(wheel: zipfile.ZipFile, module: str) -> dict[int, str]:
    pairs = module_assignment(wheel.read(f"viparse/normalize/{module}.py").decode(), "_BYTE_TO_CODEPOINT")
    return {b: chr(cp) for b, cp in pairs}


def viparse_vni_pairs(wheel: zipfile.ZipFile) -> dict[bytes, str]:
    """viparse keys VNI on the cp1252 surface text; turn each key back into bytes."""
    source = wheel.read("viparse/normalize/vni.py").decode()
    tree = ast.parse(source)
    entries: list[tuple[str, str]] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_ENTRIES" for t in node.targets):
            entries = ast.literal_eval(node.value)
    return {surface.encode("cp1252"): unicodedata.normalize("NFC", ch) for surface, ch in entries}


# ---------------------------------------------------------------- tables


class Table:
    """byte sequence -> (text, sources, notes) for one encoding."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: dict[bytes, list] = {}

    def put(self, seq: bytes, text: str, source: str) -> None:
        row = self.rows.get(seq)
        if row is None:
            self.rows[seq] = [text, [source], []]
        elif row[0] == text:
            if source not in row[1]:
                row[1].append(source)
        else:
            raise ValueError(f"{self.name}: {seq.hex()} already {row[0]!r}, {source} says {text!r}")

    def check(self, seq: bytes, text: str | None, source: str) -> None:
        """A secondary source: agree (add its name) or record what it says instead."""
        row = self.rows.get(seq)
        if row is None:
            return
        if text == row[0]:
            if source not in row[1]:
                row[1].append(source)
        else:
            said = "nothing" if text is None else " ".join(f"U+{ord(c):04X}" for c in text)
            row[2].append(f"{source} reads {said}")

    def note(self, seq: bytes, text: str) -> None:
        self.rows[seq][2].append(text)


def pick_lower(order: list[str], seqs: list[bytes]) -> dict[bytes, str]:
    """vnconv gives one byte string per letter; read each byte string back as one letter.

    Where an upper- and a lower-case letter share a byte string the encoding has no capital
    and the byte reads lower case.  Where two different letters share one (BK HCM1 has two
    such codes), the byte reads as the letter whose row it continues (its previous tone form
    one code below), which is how the rest of that table is laid out.
    """
    claims: dict[bytes, list[int]] = {}
    for i in range(LETTERS):
        if seqs[i]:
            claims.setdefault(seqs[i], []).append(i)
    out: dict[bytes, str] = {}
    for seq, idx in claims.items():
        letters = {order[i].lower() for i in idx}
        if len(idx) == 1:
            out[seq] = order[idx[0]]
        elif len(letters) == 1:
            out[seq] = order[idx[0]].lower()
        else:
            fitting = [i for i in idx if len(seq) == 1 and seqs[i - 2] == bytes([seq[0] - 1])]
            out[seq] = order[(fitting or idx)[0]]
    return out


def western(order: list[str], seqs: list[bytes]) -> dict[bytes, str]:
    """The Windows symbols a charset keeps, minus codes its own letters already use
    (vnconv lists 0x80, 0x8E and 0x9E as kept even where a letter sits there)."""
    letters = {seqs[i] for i in range(LETTERS) if seqs[i]}
    return {seqs[i]: order[i] for i in range(LETTERS, TOTAL_VNCHARS) if seqs[i] and seqs[i] not in letters}


def put_western(table: Table, order: list[str], seqs: list[bytes], source: str) -> None:
    """Windows punctuation on 0x80-0x9F; Python's cp1252 codec is the check (vnconv has one typo)."""
    for seq, text in western(order, seqs).items():
        windows = seq.decode("cp1252")
        if text == windows:
            table.put(seq, text, f"{source}; cp1252")
        else:
            table.put(seq, windows, "cp1252")
            table.note(seq, f"{source} reads {codepoints(text)}")


def add_passthrough(table: Table, source: str) -> None:
    """Bytes 0x80-0xFF the encoding leaves unassigned read as the Windows font drew them."""
    for b in range(0x80, 0x100):
        seq = bytes([b])
        if seq in table.rows:
            continue
        if 0x80 <= b <= 0x9F:
            if b in CP1252_UNDEFINED:
                continue
            table.put(seq, seq.decode("cp1252"), f"{source}; cp1252")
        else:
            table.put(seq, seq.decode("latin-1"), f"{source}; latin-1")


def build(workdir: Path) -> dict[str, tuple[Table, list[str]]]:
    iconv = iconv_version()
    unikey, blob = fetch_unikey(workdir)
    order, uk = unikey_tables(blob)
    vc_name, vc_wheel = fetch_wheel(workdir, "viscii-codec")
    vp_name, vp_wheel = fetch_wheel(workdir, "viparse")
    unikey_pass = f"{unikey} passes unassigned bytes through"
    out: dict[str, tuple[Table, list[str]]] = {}

    # TCVN3 (ABC) = TCVN 5712:1993 VN3: the letters of VN1 (glibc's TCVN5712-1) minus the toned
    # capitals, which live in a second font.  0x80-0x9F keep Windows punctuation.
    tc = Table("tcvn3")
    vn1 = iconv_table("TCVN5712-1")
    uk_tcvn3 = pick_lower(order, uk["tcvn3"])
    for b, text in sorted(vn1.items()):
        seq = bytes([b])
        if b < 0x80:
            continue  # VN1's C0 capitals are not part of VN3
        if seq in uk_tcvn3 or unicodedata.combining(text[0]) or not text.isalpha():
            tc.put(seq, text, iconv)
    put_western(tc, order, uk["tcvn3"], unikey)
    for seq, text in uk_tcvn3.items():
        if len(seq) == 1 and seq[0] >= 0x80:
            tc.check(seq, text, unikey)
    vn1_only = [b for b in sorted(vn1) if b >= 0xA0 and bytes([b]) not in tc.rows]
    for b, text in sorted(vn1.items()):
        if b >= 0x80 and bytes([b]) in tc.rows and tc.rows[bytes([b])][0] != text:
            tc.note(bytes([b]), f"{iconv} TCVN5712-1 (VN1) reads {text} U+{ord(text):04X}, a toned capital VN3 does not have")
    for seq, text in uk_tcvn3.items():
        if seq[0] >= 0x80 and seq not in tc.rows:
            raise SystemExit(f"tcvn3: unikey letter {text} at {seq.hex()} missing from iconv")
    out["tcvn3"] = (
        tc,
        [
            "encoding: tcvn3 (TCVN 5712:1993 VN3, the 'ABC' .VnTime single-font encoding)",
            f"source: {iconv} -f TCVN5712-1 (VN1) for the letters VN3 keeps, cross-checked with {unikey} TCVN3;"
            f" 0x80-0x9F Windows punctuation from {unikey} and Python's cp1252",
            "licence: encoding facts; glibc LGPL-2.1+, UniKey vnconv LGPL/GPL (Debian package ibus-unikey), Python PSF",
            "note: VN3 has no toned capitals (they are drawn by a second font with the lower-case codes);"
            " on 0x80-0x9F it keeps Windows punctuation where VN1 has capitals, and the codes VN1 gives"
            f" its other toned capitals ({' '.join(f'{b:02x}' for b in vn1_only)}) are undefined here",
        ],
    )

    # TCVN 5712:1993 VN1 (glibc's TCVN5712-1, what iconv and Mozilla write for "TCVN 5712"): VN3's
    # letters and the toned capitals, in C0 and 0x80-0xFF; read as iconv reads it, byte for byte
    v1 = Table("tcvn5712")
    for b, text in sorted(vn1.items()):
        v1.put(bytes([b]), text, iconv)
    for seq, text in uk_tcvn3.items():
        if seq[0] >= 0xA0 and seq in v1.rows:
            v1.check(seq, text, unikey)
    out["tcvn5712"] = (
        v1,
        [
            "encoding: tcvn5712 (TCVN 5712:1993 VN1: the letters of VN3 and the toned capitals, in C0 and 0x80-0xFF)",
            f"source: {iconv} -f TCVN5712-1, one byte at a time; the lower-case letters cross-checked with {unikey} TCVN3",
            "licence: encoding facts; glibc LGPL-2.1+, UniKey vnconv LGPL/GPL (Debian package ibus-unikey)",
            "note: where VN3 (tcvn3.tsv) keeps Windows punctuation on 0x80-0x9F, VN1 has capitals (0x97 is Ở, not an em dash)",
        ],
    )

    # VISCII (RFC 1456): iconv first, then the VISCII.TXT codec, viparse and unikey.
    vi = Table("viscii")
    for b, text in sorted(iconv_table("VISCII").items()):
        vi.put(bytes([b]), text, iconv)
    vcodec = viscii_codec_table(vc_wheel)
    vparse = viparse_byte_table(vp_wheel, "viscii")
    uk_viscii = {seq: text for seq, text in pick_lower(order, uk["viscii"]).items() if seq[0] >= 0x80 or seq[0] < 0x20}
    for seq in list(vi.rows):
        vi.check(seq, vcodec.get(seq[0]), vc_name)
        if seq[0] >= 0x80:
            vi.check(seq, vparse.get(seq[0], seq.decode("latin-1")), vp_name)  # viparse lists only changed bytes
        vi.check(seq, uk_viscii.get(seq), unikey)
    out["viscii"] = (
        vi,
        [
            "encoding: viscii (VISCII 1.1, RFC 1456)",
            f"source: {iconv} -f VISCII, cross-checked with {vc_name} (VISCII.TXT), {vp_name} and {unikey}",
            "licence: encoding facts; glibc LGPL-2.1+, viscii-codec MIT, viparse MIT, UniKey vnconv LGPL/GPL",
            "note: 0xA0 is Õ in RFC 1456 and iconv; readers that keep Latin-1's no-break space there"
            " (and UniKey, which has no capital Õ) disagree; this table follows the RFC",
        ],
    )

    # VPS: unikey for 0x80-0xFF, viparse for the fourteen capitals VPS puts on C0 codes.
    vps = Table("vps")
    uk_vps = pick_lower(order, uk["vps"])
    vp_vps = viparse_byte_table(vp_wheel, "vps")
    for seq, text in sorted(uk_vps.items()):
        if seq[0] >= 0x80:
            vps.put(seq, text, unikey)
    put_western(vps, order, uk["vps"], unikey)
    for b, text in sorted(vp_vps.items()):
        if b < 0x20:
            vps.put(bytes([b]), text, vp_name)
    add_passthrough(vps, unikey_pass)
    for seq in list(vps.rows):
        if seq[0] >= 0x80:
            vps.check(seq, vp_vps.get(seq[0], seq.decode("latin-1")), vp_name)
    out["vps"] = (
        vps,
        [
            "encoding: vps (Vietnamese Professional System, 8-bit)",
            f"source: {unikey} VPS for 0x80-0xFF; {vp_name} for the capitals on C0 codes (UniKey has none);"
            " cross-checked with each other",
            "licence: encoding facts; UniKey vnconv LGPL/GPL (Debian package ibus-unikey), viparse MIT",
        ],
    )

    # BK HCM1 (single byte, unikey only; it puts six capitals on ASCII punctuation codes).
    bk1 = Table("bkhcm1")
    for seq, text in sorted(pick_lower(order, uk["bkhcm1"]).items()):
        if text != seq.decode("latin-1"):
            bk1.put(seq, text, unikey)
    put_western(bk1, order, uk["bkhcm1"], unikey)
    add_passthrough(bk1, unikey_pass)
    for seq, idx in collisions(uk["bkhcm1"]).items():
        bk1.note(seq, f"{unikey} gives this code to both {' and '.join(order[i] for i in idx)}; read as the letter whose row it continues")
    out["bkhcm1"] = (
        bk1,
        [
            "encoding: bkhcm1 (BK HCM 1, Bach Khoa Ho Chi Minh City, single byte)",
            f"source: {unikey} BKHCM1 (no second implementation exists to check it against)",
            "licence: encoding facts; UniKey vnconv LGPL/GPL (Debian package ibus-unikey)",
            "note: capitals Đ Ý Ỳ Ỷ Ỹ Ấ sit on the ASCII codes } { ^ ` | ~; an explicit bkhcm1 decode reads them so",
        ],
    )

    # Two-byte encodings: VNI-Windows and BK HCM2 (base letter byte + mark byte).
    vp_vni = viparse_vni_pairs(vp_wheel)
    for name, label in (("vni", "vni (VNI-Windows, base letter + mark byte)"), ("bkhcm2", "bkhcm2 (BK HCM 2, base letter + mark byte)")):
        t = Table(name)
        seqs = uk[name]
        for seq, text in sorted(pick_lower(order, seqs).items()):
            if text != seq.decode("latin-1"):
                t.put(seq, text, unikey)
        put_western(t, order, seqs, unikey)
        add_passthrough(t, unikey_pass)
        if name == "vni":
            for seq in list(t.rows):
                if seq in vp_vni:
                    t.check(seq, vp_vni[seq], vp_name)
            for seq, text in vp_vni.items():
                if seq not in t.rows:
                    # seen in real VNI documents: a mark byte on a base unikey writes as one byte
                    t.put(seq, text, vp_name)
                    t.note(seq, f"not in {unikey}, which writes this letter as one byte")
                elif t.rows[seq][0] != text:
                    raise SystemExit(f"vni: {vp_name} reads {seq.hex()} as {text}, unikey does not")
        sources = f"{unikey} {name.upper()}" + (f", cross-checked with {vp_name} (corpus-observed pairs)" if name == "vni" else "")
        out[name] = (
            t,
            [
                f"encoding: {label}",
                f"source: {sources}",
                "licence: encoding facts; UniKey vnconv LGPL/GPL (Debian package ibus-unikey)" + (", viparse MIT" if name == "vni" else ""),
            ],
        )
    return out


def collisions(seqs: list[bytes]) -> dict[bytes, list[int]]:
    claims: dict[bytes, list[int]] = {}
    for i in range(LETTERS):
        if seqs[i]:
            claims.setdefault(seqs[i], []).append(i)
    return {s: idx for s, idx in claims.items() if len({i // 2 for i in idx}) > 1}


def codepoints(text: str) -> str:
    return " ".join(f"U+{ord(c):04X}" for c in text)


def write(name: str, table: Table, header: list[str]) -> None:
    lines = [f"# {h}" for h in header]
    lines.append("# generated by lexicons/encodings/build_tables.py; do not edit by hand")
    lines.append("# bytes not listed: 0x00-0x7F are ASCII, others are undefined in this encoding")
    lines.append("bytes\tchar\tcodepoints\tsources\tnote")
    for seq in sorted(table.rows, key=lambda s: (len(s), s)):
        text, sources, notes = table.rows[seq]
        shown = text if not unicodedata.combining(text[0]) and unicodedata.category(text[0])[0] not in "CZ" else ""
        lines.append("\t".join([seq.hex(), shown, codepoints(text), "; ".join(sources), "; ".join(notes)]))
    (HERE / f"{name}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workdir", type=Path, help="where to keep the downloaded packages (default: a temp dir)")
    args = parser.parse_args()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        tables = build(args.workdir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            tables = build(Path(tmp))
    for name, (table, header) in tables.items():
        write(name, table, header)
        print(f"{name}: {len(table.rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
