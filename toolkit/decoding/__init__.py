"""Layer 1 of the repair pipeline: bytes to Unicode text.

UTF-8 (with or without BOM), UTF-16 with BOM, windows-1258, and the legacy Vietnamese
encodings TCVN3 (ABC), VNI-Windows, VIQR, VISCII, VPS and BK HCM1/2, detected from
Vietnamese word evidence; plus repair of mojibake (text decoded in the wrong encoding).
"""

from toolkit.decoding.decoder import ENCODINGS, Decoded, canonical_encoding, decode
from toolkit.decoding.errors import DecodeError
from toolkit.decoding.legacy import codec as legacy_codec
from toolkit.decoding.mojibake import repair_mojibake
from toolkit.decoding.viqr import decode_viqr

__all__ = [
    "ENCODINGS",
    "DecodeError",
    "Decoded",
    "canonical_encoding",
    "decode",
    "decode_viqr",
    "legacy_codec",
    "repair_mojibake",
]
