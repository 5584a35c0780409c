"""An alias table from a lexicon: stored names, then what the normalisers derive from them.

Derived rows: the pinyin and Hán-Việt renderings of the Chinese names ``reads_chinese`` reads
(习近平 → ``Xi Jinping``, ``Tập Cận Bình``), the accent-free and run-together keys the linker
scans for (``ha noi``, ``hanoi``, ``xi jin ping``), and short forms (``Xi``, ``Lâm``) as weak rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from toolkit.aliases.model import AliasRow, AliasTable
from toolkit.text.folding import fold
from toolkit.lexicon.model import reads_chinese  # the one rule for derived readings, shared with the linker

_NAME_KINDS = {"name": "label", "alias": "alias", "abbr": "abbreviation"}
# languages of derived renderings
PINYIN_LANG = "zh-Latn"
HANVIET_LANG = "vi"


def _origin(entity) -> str:
    # the file name and line, not the absolute path: a table must not change with the checkout's place
    return f"lexicon {Path(entity.origins[0]).name}" if entity.origins else "lexicon"


def _written_lang(text: str) -> str:
    from toolkit.linking.keys import is_han_key
    from toolkit.text.script import has_marks

    return "zh" if is_han_key(text) else "vi" if has_marks(text) else "en"


def entity_rows(entity) -> Iterator[AliasRow]:
    """Every row of one entity, stored names first; later rows repeating an earlier alias are dropped."""
    from toolkit.lexicon.model import needs_cue
    from toolkit.linking.keys import entity_keys, is_han_key
    from toolkit.linking.shortforms import short_forms

    seen: set[str] = set()
    origin = _origin(entity)
    # a small unit of a generated gazetteer is linked only with a cue, which a synonym file cannot
    # see: its romanised names only propose it (one-way), or "Đại sứ Hà Vĩ" meets 浉河区 (Sư Hà)
    small = needs_cue(entity.id)

    def row(alias: str, lang: str, kind: str, source: str) -> AliasRow | None:
        if not alias.strip() or alias in seen:
            return None
        seen.add(alias)
        if small and not is_han_key(alias):
            kind = "weak"
        return AliasRow(entity.id, alias, lang, kind, source, 0, entity.type)

    produced: list[AliasRow | None] = []
    for name in entity.names:
        produced.append(row(name.text, name.lang, _NAME_KINDS[name.kind], origin))
    for name in entity.names:
        if name.lang == "zh" and name.kind != "abbr" and reads_chinese(entity) and is_han_key(name.text):
            produced.extend(_readings(entity, name.text, row))
    for key, candidate in entity_keys(entity):
        if key not in seen and fold(key) == key and not is_han_key(key):
            produced.append(row(key, candidate.lang, "fold", f"derived {candidate.origin} key of {candidate.surface}"))
    for folded, written in short_forms(entity):
        produced.append(row(written, _written_lang(written), "weak", f"derived short form of {entity.label}"))
    yield from (r for r in produced if r is not None)


def _readings(entity, hanzi: str, row) -> Iterator[AliasRow | None]:
    from toolkit.chinese import hanviet, pinyin

    kind = "name" if entity.type == "person" else "place"
    yield row(pinyin(hanzi, kind=kind), PINYIN_LANG, "transliteration", f"derived pinyin of {hanzi}")
    yield row(hanviet(hanzi, kind=kind), HANVIET_LANG, "transliteration", f"derived Hán-Việt of {hanzi}")


def table_from_lexicon(lexicon=None) -> AliasTable:
    """The alias table of every entity in ``lexicon`` (``toolkit.Lexicon``; the built-in one when None)."""
    if lexicon is None:
        from toolkit.lexicon import Lexicon

        lexicon = Lexicon.builtin()
    rows: list[AliasRow] = []
    for entity in lexicon:
        rows.extend(entity_rows(entity))
    return AliasTable(rows)


__all__ = ["HANVIET_LANG", "PINYIN_LANG", "entity_rows", "reads_chinese", "table_from_lexicon"]
