"""The legacy Vietnamese encodings as Python codecs: ``open(path, encoding="tcvn3")``,
``codecs.lookup("vni")``, ``data.decode("viscii")``, ``text.encode("vps")``.

``import toolkit`` registers the search function (cheap: this module and its tables are read
only when a name Python does not know is looked up). The names are the decoder's (``tcvn3``, ``tcvn5712``, ``vni``, ``viscii``, ``vps``,
``bkhcm1``, ``bkhcm2``) and their aliases (``abc``, ``tcvn5712-1``, ``vni-windows``…); Python's
own codecs come first, so no name of theirs is taken. Decoding is the decoder's (NFC text;
``errors`` strict, replace or ignore), encoding its inverse (strict, replace with ``?``, ignore).
The incremental decoder holds back a chunk's last byte until the next chunk comes, since VNI
writes a letter's marks in the byte after it.
"""

from __future__ import annotations

import codecs

from toolkit.decoding.errors import DecodeError

def _table_name(name: str) -> str | None:
    from toolkit.decoding.decoder import canonical_encoding
    from toolkit.decoding.tables import TABLE_ENCODINGS

    try:
        canonical = canonical_encoding(name.replace("_", "-"))
    except ValueError:
        return None
    return canonical if canonical in TABLE_ENCODINGS else None


def _decode(name: str, data: bytes, errors: str) -> str:
    from toolkit.decoding.legacy import codec

    if errors not in ("strict", "replace", "ignore"):
        raise LookupError(f"{name}: unknown error handler {errors!r} (strict, replace or ignore)")
    try:
        text, _ = codec(name).decode(bytes(data), "strict" if errors == "strict" else "replace")
    except DecodeError as error:
        offset = error.offset or 0
        raise UnicodeDecodeError(name, bytes(data), offset, offset + 1, error.reason) from None
    return text.replace("\ufffd", "") if errors == "ignore" else text


def _encode(name: str, text: str, errors: str) -> bytes:
    import unicodedata

    from toolkit.decoding.legacy import codec

    legacy = codec(name)
    text = unicodedata.normalize("NFC", text)  # as legacy.encode reads it, so positions and pieces agree
    try:
        return legacy.encode(text)
    except ValueError:
        if errors not in ("replace", "ignore"):
            if errors != "strict":
                raise LookupError(f"{name}: unknown error handler {errors!r} (strict, replace or ignore)") from None
            position = next(i for i, char in enumerate(text) if char not in legacy.inverse and not char.isascii())
            raise UnicodeEncodeError(name, text, position, position + 1, "not in this encoding") from None
    out = bytearray()
    for char in text:
        try:
            out += legacy.encode(char)
        except ValueError:
            if errors == "replace":
                out += b"?"
    return bytes(out)


def codec_info(name: str) -> codecs.CodecInfo:
    """The ``CodecInfo`` of one of the legacy tables (by its decoder name)."""

    class IncrementalDecoder(codecs.BufferedIncrementalDecoder):
        def _buffer_decode(self, data, errors, final):
            kept = len(data)
            if not final:
                # the last byte may have its mark in the next chunk, and a mark byte its letter
                # in this one: cut before the last letter that is not yet known to be whole
                from toolkit.decoding.legacy import codec

                marks = codec(name).marks
                kept = max(kept - 1, 0)
                while kept and data[kept] in marks:
                    kept -= 1
            return _decode(name, data[:kept], errors), kept

    class IncrementalEncoder(codecs.IncrementalEncoder):
        def encode(self, text, final=False):
            return _encode(name, text, self.errors)

    class StreamReader(codecs.StreamReader):
        def decode(self, data, errors="strict"):
            return _decode(name, data, errors), len(data)

    class StreamWriter(codecs.StreamWriter):
        def encode(self, text, errors="strict"):
            return _encode(name, text, errors), len(text)

    return codecs.CodecInfo(
        name=name,
        encode=lambda text, errors="strict": (_encode(name, text, errors), len(text)),
        decode=lambda data, errors="strict": (_decode(name, data, errors), len(data)),
        incrementalencoder=IncrementalEncoder,
        incrementaldecoder=IncrementalDecoder,
        streamreader=StreamReader,
        streamwriter=StreamWriter,
    )


def search(name: str) -> codecs.CodecInfo | None:
    """The codec search function ``import toolkit`` registers (``toolkit/__init__.py``)."""
    table = _table_name(name)
    return codec_info(table) if table is not None else None


__all__ = ["codec_info", "search"]
