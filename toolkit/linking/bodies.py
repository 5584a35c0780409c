"""Organisations named by their place and their body: 高平省委, 越南建设部, 越南外交学院; Tỉnh ủy
Lạng Sơn, Ủy ban nhân dân tỉnh Cao Bằng; Lang Son Party Committee, People's Committee of Lạng Sơn
Province.

Chinese writes a body of a country or province as the place's name followed by the body's words
(越南 + 律师 + 协会). The lexicon knows the famous ones (越南国会, 中国中央电视台); for the rest the
linker would find the place alone and cut the organisation to its country. So a place mention
followed, within a few jieba words, by a word that ends with a body word (``designators.tsv``,
kind ``body``) is proposed whole as an unknown organisation, and the place inside it is no longer
a mention of its own: the outermost name is the mention, as a reader takes it. Vietnamese writes
the body first (a capitalised body word, then at most four words, then the place with its
administrative word); English after the place (``'s``, ``provincial``… between them) or before
it with ``of``.
"""

from __future__ import annotations

import re

from toolkit.designators import place_words
from toolkit.lexicon.model import country_of, is_country
from toolkit.linking import context
from toolkit.linking.clustering import PREFIX, cluster_key
from toolkit.linking.mentions import Mention
from toolkit.linking.unknown import COMPASS_CHARACTERS, COUNTING_CHARACTERS, FUNCTION_CHARACTERS
from toolkit.text.script import is_han_char

BODY_SCORE = 0.5
_WORDS_AFTER_PLACE = 4  # 越南 | 政府 | 办公室: the body's words after the place, at most
_REACH = 12  # characters looked at after the place
# characters that join a sentence, not a name: a body's name never holds them (越南与中国政府)
_JOINING = FUNCTION_CHARACTERS | frozenset("、等也并就")
_SHORTEST_WITH_ONE_CHARACTER_BODY = 3  # 建设部, 公安厅; not 北部, 全部


def _ends_with_body(word: str, bodies: frozenset[str]) -> bool:
    if word in bodies and len(word) > 1:
        return True
    for body in bodies:
        if word.endswith(body) and word != body:
            return len(body) > 1 or len(word) >= _SHORTEST_WITH_ONE_CHARACTER_BODY
    return False


def organisations_of_places(text: str, lang: str, mentions: list[Mention], has_han: bool) -> list[Mention]:
    """``mentions`` with each place that heads (or ends) a body's name replaced by that organisation."""
    if has_han:
        mentions = _han_organisations(text, mentions)
    if lang in ("vi", "en"):
        mentions = _latin_organisations(text, lang, mentions)
    return mentions


# what may stand between a country and one of its bodies in one name: 中国外交部, China's Foreign Ministry
_COUNTRY_TO_BODY = re.compile(r"|['’]s[ \u00a0]+")


def countries_with_their_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """A country written right before a known body of its own is part of the body's name:
    中国外交部 and "China's Foreign Ministry" are the ministry, one mention, not China and it."""
    ordered = sorted(mentions, key=lambda m: m.start)
    merged: list[Mention] = []
    skip = False
    for country, body in zip(ordered, [*ordered[1:], None]):
        if skip:
            skip = False
            continue
        if (body is not None and body.type == "org" and body.entity and is_country(country.entity)
                and country_of(body.entity) == country_of(country.entity or "")
                and _COUNTRY_TO_BODY.fullmatch(text[country.end:body.start])):
            merged.append(Mention(country.start, body.end, text[country.start:body.end], body.entity, "org",
                                  body.score, body.cluster))
            skip = True
            continue
        merged.append(country)
    return merged


def body_cluster(place: Mention, body: str, name: str) -> str:
    """The cluster of a body the lexicon lacks: its place's id and the kind of body, the same
    in every language (高平省委, Tỉnh ủy Cao Bằng and the Cao Bang Party Committee meet); the
    name's own key when the place or the body is not known."""
    kind = place_words().body_kinds.get(re.sub(r"\s+", " ", body.lower().replace("’", "'")))
    if place.entity and kind:
        return f"{PREFIX}{place.entity}:{kind}"
    return cluster_key(name)


def _latin_organisations(text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
    words = place_words()
    ordered = sorted(mentions, key=lambda m: m.start)
    replaced: dict[int, Mention] = {}
    previous_end = 0
    for i, mention in enumerate(ordered):
        following = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        if mention.type == "place":
            start, end = mention.start, mention.end
            body = ""
            if lang == "vi":
                before = words.vietnamese_body_before.search(text, max(previous_end, start - 60), start)
                if before and before.group(1)[0].isupper():
                    start, body = before.start(1), before.group(1)
            else:
                after = words.english_body_after.match(text, end, following)
                before = words.english_body_before.search(text, max(previous_end, start - 60), start)
                if after and after.group(1)[0].isupper():
                    end, body = after.end(1), after.group(1)
                elif before and before.group(1)[0].isupper():
                    start, body = before.start(1), before.group(1)
                    tail = re.match(r"[ \u00a0]+(?:Province|province|City|city)\b", text[end:following])
                    end += tail.end() if tail else 0
            if body:
                name = text[start:end]
                replaced[i] = Mention(start, end, name, None, "org", BODY_SCORE, body_cluster(mention, body, name))
        previous_end = mention.end
    if not replaced:
        return mentions
    return [replaced.get(i, m) for i, m in enumerate(ordered)]


def _han_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    from toolkit.linking.boundaries import word_edges

    bodies = place_words().han_bodies
    starts = {m.start for m in mentions}
    replaced: dict[int, Mention] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    for i, mention in enumerate(ordered):
        if (mention.type != "place" or mention.end - mention.start < 2 or mention.end >= len(text)
                or not is_han_char(text[mention.end])):
            continue  # (a one-character country of a compound, 驻越|大使馆, heads no body)
        run_end = mention.end
        while run_end < len(text) and run_end - mention.end < _REACH and is_han_char(text[run_end]):
            if run_end in starts:
                break  # another name begins: the body is not this place's
            run_end += 1
        body_end = None
        for count, (start, end) in enumerate(word_edges(text, mention.end, run_end)):
            word = text[start:end]
            if count == _WORDS_AFTER_PLACE or not _JOINING.isdisjoint(word):
                break
            if word in context.TITLES or not COUNTING_CHARACTERS.isdisjoint(word):
                break  # an office, or a count (边境四省, 两国): a description, not a name
            if _ends_with_body(word, bodies) and not set(word[:-1]) <= COMPASS_CHARACTERS:
                body_end = end
                continue
            if body_end is not None:
                break  # a name ends with its body words (河内国会大楼会见国会: at the first 国会)
            # jieba keeps a body and its office together (省委书记): the body ends the name
            leading = max((b for b in bodies if len(b) > 1 and word.startswith(b)), key=len, default=None)
            if leading is not None:
                body_end = start + len(leading)
                break
        if body_end is None:
            continue
        name = text[mention.start:body_end]
        ending = max((b for b in bodies if name.endswith(b)), key=len, default="")
        replaced[i] = Mention(mention.start, body_end, name, None, "org", BODY_SCORE, body_cluster(mention, ending, name))
    if not replaced:
        return mentions
    return [replaced.get(i, m) for i, m in enumerate(ordered)]


__all__ = ["BODY_SCORE", "countries_with_their_bodies", "organisations_of_places"]
