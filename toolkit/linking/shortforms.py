"""Short forms of people's names: a surname or given name standing for a full name.

Press style: a Chinese person is shortened to the surname (``Xi``, ``ông Tập``, ``习主席``), a
Vietnamese person to the given name (``Lâm``, ``ông Lâm``). A short form links when the document
names the person in full elsewhere, or, with a title right before it (or a Chinese title right
after it), when exactly one office-holder of that title has that short form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from toolkit.text.keys import link_key
from toolkit.linking import context
from toolkit.text.script import HAN_CHARACTER, has_marks, is_han_char
from toolkit.linking.mentions import Mention
from toolkit.linking.spans import TakenSpans

# short forms that are English or Vietnamese words first: "He said", "An", "To"
NOT_SHORT_FORMS = frozenset("he an to so do me no on in or as at be by we us it is ma mo la le ha ho".split())
# marks a short form's key in the alias automaton (shared with full names' keys otherwise)
SHORT_FORM_MARK = "\x00"
ANTECEDENT_SCORE = 0.9
TITLE_ONLY_SCORE = 0.7


@lru_cache(maxsize=4096)
def short_forms(entity) -> tuple[tuple[str, str], ...]:
    """(folded short form, written short form) of a person: the surname of a Chinese person in
    English and Hán-Việt and as a character, the given name of a Vietnamese one."""
    forms: list[tuple[str, str]] = []
    if entity.type != "person":
        return ()
    vietnamese = entity.id.startswith("person:vn:")
    vi, en, zh = entity.name("vi"), entity.name("en"), entity.name("zh")
    if vietnamese:
        for name in (vi, en):
            if name and len(name.split()) >= 2:
                forms.append((link_key(name.split()[-1]), name.split()[-1]))
        return tuple(forms)
    if en and len(en.split()) >= 2:
        forms.append((link_key(en.split()[0]), en.split()[0]))
    if zh and all(is_han_char(c) for c in zh) and len(zh) >= 2:
        from toolkit.chinese.readings import hanviet, hanviet_keys

        keys = hanviet_keys(zh, "name")
        written = hanviet(zh, "name").split()
        if keys and written:
            forms.append((keys[0].split()[0], written[0]))
        forms.append((zh[0], zh[0]))
    return tuple(forms)


def people_short_forms(lexicon) -> dict[str, tuple[tuple[str, str], ...]]:
    """entity id → short forms, for every person of ``lexicon`` who has one (worked out with the
    index and kept in its state, since a Chinese surname's reading needs the Chinese tables)."""
    forms_by_id = {}
    for entity in lexicon:
        if entity.type == "person":
            forms = short_forms(entity)
            if forms:
                forms_by_id[entity.id] = forms
    return forms_by_id


def short_form_keys(forms_by_id: dict[str, tuple[tuple[str, str], ...]]) -> set[str]:
    """Every Latin short form of every person (folded), except words that are short forms of nobody."""
    return {k for forms in forms_by_id.values() for k, _ in forms if not is_han_char(k[:1]) and k not in NOT_SHORT_FORMS}


def office_holders(forms_by_id: dict[str, tuple[tuple[str, str], ...]]) -> dict[str, tuple[str, ...]]:
    """folded short form → office-holders (of the roles table) that have it (kept per index:
    ``AliasIndex.office_holders``)."""
    table: dict[str, list[str]] = {}
    for entity_id in context.roles():
        for key, _ in forms_by_id.get(entity_id, ()):
            table.setdefault(key, [])
            if entity_id not in table[key]:
                table[key].append(entity_id)
    return {key: tuple(ids) for key, ids in table.items()}


def _written_fits(written: str, form: str, marked_text: bool = False) -> bool:
    """Whether ``written`` can be the short form ``form``; in Vietnamese text that writes its
    marks (``marked_text``) a short form written without them is another word (Trong, not Trọng)."""
    if is_han_char(form[:1]):
        return written == form
    if not written[:1].isupper():
        return False
    if has_marks(form) and (has_marks(written) or marked_text):
        return written.casefold() == form.casefold() or written.isupper()
    return True


def _starts_a_word(text: str, start: int, end: int) -> bool:
    """A capitalised syllable that, with the lower-case syllable after it, makes a Vietnamese word
    (Chính phủ, Trung ương, Chủ tịch): the first syllable of a word, not a name."""
    following = _NEXT_WORD.match(text, end)
    if following is None or not following.group(1)[0].islower():
        return False
    from toolkit.vietnamese.underthesea_data import vietnamese_words

    pair = unicodedata.normalize("NFC", f"{text[start:end]} {following.group(1)}".lower())
    return pair in vietnamese_words()



def short_form_mentions(text: str, index, mentions: list[Mention], short_hits=(), has_han: bool | None = None,
                        lang: str | None = None) -> list[Mention]:
    """Mentions of short forms outside the given mentions (which they must not overlap).

    ``short_hits``: (layout, first, last, key) of the Latin short forms the main scan found, in
    scan positions (mapped back here, only when someone in the document or an office-holder has
    that short form); Chinese short forms (a surname character) are looked for here, and taken
    only next to a Chinese title. ``has_han``: whether the text has a Han character (searched
    when None)."""
    # short form → [(the person's cluster, its entity id or None, the form as written)]
    antecedents: dict[str, list[tuple[str, str | None, str]]] = {}
    forms_of = index.short_forms_by_id
    looked_for: set[str] = set()  # forms the main scan does not report: searched here
    written_of: dict[str, set[str]] = {}  # short form → every way the document's people write it
    for mention in mentions:
        if mention.type != "person":
            continue
        if mention.entity is None:
            forms = unknown_person_forms(mention.text, lang)
            looked_for.update(key for key, _ in forms)
        else:
            forms = forms_of.get(mention.entity, ())
            if lang == "en" and mention.entity.startswith("person:vn:"):
                # English also shortens a Vietnamese name to its family name: "Pham said"
                family = mention.text.split()[0]
                if len(mention.text.split()) >= 2 and not is_han_char(family[:1]):
                    forms = (*forms, (link_key(family), family))
                    looked_for.add(link_key(family))
        for key, written in forms:
            if key in index.table and not is_han_char(key[:1]):
                looked_for.add(key)  # a lexicon name too (Hue, Huế): the main scan reports no short form there
            written_of.setdefault(key, set()).add(written)
            choices = antecedents.setdefault(key, [])
            if all(cluster != mention.cluster for cluster, _, _ in choices):
                choices.append((mention.cluster, mention.entity, written))
    holders = index.office_holders
    wanted = sorted((first, last) for _, first, last, key in short_hits if key in antecedents or key in holders)
    spans = short_hits[0][0].spans(wanted) if wanted else []
    if looked_for:
        spans += _written_spans(text, {written for key in looked_for for written in written_of.get(key, ())})
    if has_han if has_han is not None else HAN_CHARACTER.search(text) is not None:
        han_forms = index.han_holder_forms | frozenset(k for k in antecedents if is_han_char(k[:1]))
        if han_forms:
            spans += [(m.start(), m.end()) for m in _han_pattern(han_forms).finditer(text)]
    if not spans:
        return []
    taken = TakenSpans((m.start, m.end) for m in mentions)
    found: list[Mention] = []
    marked_text = lang == "vi" and has_marks(text)
    for start, end in sorted(set(spans)):
        if taken.overlaps(start, end):
            continue
        written = text[start:end]
        han = is_han_char(written[:1])
        if not han and (_in_a_longer_name(text, start, end) or (lang == "vi" and _starts_a_word(text, start, end))):
            continue
        key = written if han else link_key(written)
        choices = antecedents.get(key, [])
        settled = len(choices) == 1 and _written_fits(written, choices[0][2], marked_text)
        if settled and not han and key in index.table and context.title_before(text, start) is None:
            settled = False  # a short form that is a name of its own (Hue, the city) needs a title: Chairman Hue
        # a Latin short form of the one person named in full needs no title (looking costs more
        # than the rest together); a Chinese one needs a title next to it
        offices = None if settled and not han else _offices_around(text, start, end, han)
        if settled and (not han or offices):
            cluster, entity_id, _ = choices[0]
            found.append(Mention(start, end, written, entity_id, "person", ANTECEDENT_SCORE, cluster))
            taken.add(start, end)
            continue
        if len(choices) > 1:
            continue  # two people of the document have this short form: nothing is guessed
        if offices and offices != ("",):
            fitting = [e for e in holders.get(key, ()) if context.office_fit(e, offices) == 1.0]
            if len(fitting) == 1:
                written_forms = dict(forms_of.get(fitting[0], ()))
                if _written_fits(written, written_forms.get(key, written), marked_text):
                    found.append(Mention(start, end, written, fitting[0], "person", TITLE_ONLY_SCORE, fitting[0]))
                    taken.add(start, end)
    return sorted(found, key=lambda m: m.start)


def unknown_person_forms(name: str, lang: str | None) -> tuple[tuple[str, str], ...]:
    """(folded, written) short forms of a person the lexicon lacks, by the shape of the name: a
    Vietnamese name (a Vietnamese surname first) by its given name, and in English by its family
    name too; a Chinese name in pinyin by its surname."""
    from toolkit.linking.unknown import VIETNAMESE_SURNAMES
    from toolkit.linking.whole_names import common_surname_syllables

    words = name.split()
    if len(words) < 2 or is_han_char(name[:1]):
        return ()
    first, last = link_key(words[0]), link_key(words[-1])
    if first in VIETNAMESE_SURNAMES and len(words) >= 3:
        forms = [(last, words[-1])]
        if lang == "en":
            forms.append((first, words[0]))
        return tuple(f for f in forms if f[0] not in NOT_SHORT_FORMS)
    if first in common_surname_syllables() and first not in NOT_SHORT_FORMS:
        return ((first, words[0]),)
    return ()


def _in_a_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right after: Wang in Wang Ning, not a short form standing alone. (A
    capitalised word before says less: a sentence starts so, "Later Xi said"; and the full name
    of a person the lexicon lacks is proposed, and so taken, before short forms are looked for.)"""
    after = _NEXT_WORD.match(text, end)
    return bool(after and after.group(1)[0].isupper())


_NEXT_WORD = re.compile(r"[ \u00a0]([^\W\d_]+)")


def _written_spans(text: str, forms: set[str]) -> list[tuple[int, int]]:
    """Where the written forms stand in the text as whole words."""
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True))) + r")(?![^\W_])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _offices_around(text: str, start: int, end: int, han: bool) -> tuple[str, ...] | None:
    """The offices a title next to a short form names: before it, or for Chinese after it."""
    offices = context.title_before(text, start)
    if han:
        return context.title_after(text, end) or (offices if offices and offices != ("",) else None)
    return offices


@lru_cache(maxsize=256)
def _han_pattern(forms: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, sorted(forms))))


__all__ = ["SHORT_FORM_MARK", "short_form_keys", "short_form_mentions", "short_forms"]
