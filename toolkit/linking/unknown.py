"""Proposing person and place names the lexicons lack, and linking the ones a reading reaches.

- Vietnamese: by default, runs of two to four capitalised syllables without a title in front
  (``vietnamese_capitalised_names``: a regular expression, corpus speed); with ``ner=True``,
  underthesea's NER (PER and LOC spans, milliseconds a sentence; its CRF model ships inside the
  wheel). ``bench/bench_linking.py`` measures both, and how far their proposals agree.
- Chinese: jieba's part-of-speech tags (``nr`` person, ``ns`` place) after it has learnt the
  lexicon's names, plus a common surname followed by a one- or two-character word (jieba often
  cuts an unknown name after the surname: 刘/海星).
- English: capitalised runs of two or three words that read as a Chinese name in pinyin or
  start with a Vietnamese surname, or that stand right after a title (``Mr``, ``Ambassador``).

A Chinese name whose Hán-Việt reading is a lexicon name links to it (苏林 → ``to lam`` → Tô Lâm:
Vietnamese persons written in Chinese characters); the rest get ``entity=None`` and a cluster
key (``clustering.py``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from toolkit.text.keys import search_key
from toolkit.linking import context
from toolkit.linking.clustering import cluster_key
from toolkit.text.script import HAN_CHARACTER, is_han_char
from toolkit.linking.mentions import Mention
from toolkit.linking.spans import TakenSpans

NER_SCORE = 0.5
GUESS_SCORE = 0.4
READING_SCORE = 0.8

# the commonest Vietnamese surnames, folded (General Statistics Office surname shares: these
# cover nine in ten Vietnamese); an unmarked capitalised run starting with one reads as a name
VIETNAMESE_SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly luong to luu dinh trinh mai "
    "dao cao ha ta lam doan trieu quach thai vuong truong".split()
    # and those of the northern minorities (Hmong, Dao, Thai), whose names the border news is full of
    + "hau giang lo sung vang thao mua lau".split()
    # and less common Kinh and Tày–Nùng ones (Kiều, Khuất, Nông, Thạch, Giáp…)
    + "kieu khuat chu mac nong quan thach giap tieu ung".split()
)
# capitalised words that start sentences and headings, never names
_NOT_NAMES = frozenset(
    "the a an and of in on at to for by with from as is are was were be this that these those it its she "
    "they we our their his her mr ms mrs dr chinese vietnamese president ambassador minister".split()
)
_CAPITALISED_RUN = re.compile(r"\b[A-ZÀ-Ỹ][\w’'-]*(?:[ \u00a0]+[A-ZÀ-Ỹ][\w’'-]*)*")
# characters that are surnames but far more often words joining a sentence: 和 (and), 与, 同
FUNCTION_CHARACTERS = frozenset("和与同在是的了对向将把被从为于及")
# 西南, 东北: jieba tags compass words as places; 西北部 is a region, not a ministry
COMPASS_CHARACTERS = frozenset("东西南北中")
# digits and the characters of a count: 四省, 两国, 25日 are counts and dates, not names
COUNTING_CHARACTERS = frozenset("0123456789一二三四五六七八九十百千两几多")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")


def unknown_mentions(text: str, lang: str, index, known: list[Mention], ner: bool = False) -> list[Mention]:
    """Mentions of names the lexicon lacks (or reaches only through a Hán-Việt reading).

    Vietnamese names are proposed from capitalised syllable runs (``vietnamese_capitalised_names``),
    or with ``ner=True`` by underthesea's NER (``vietnamese_names``: milliseconds a sentence)."""
    taken = TakenSpans((m.start, m.end) for m in known)
    if lang == "zh":
        proposals = chinese_names(text, index.lexicon)
        if not text.isascii():
            # names in Latin letters inside Chinese text: 阮禄(Nguyen Loc), 拜登(Joe Biden)
            proposals += english_names(text, taken)
    elif lang == "vi":
        proposals = vietnamese_names(text, taken) if ner else vietnamese_capitalised_names(text)
    else:
        proposals = english_names(text, taken)
    found: list[Mention] = []
    for start, end, entity_type, score in sorted(proposals):
        start, end = _trim(text, start, end)
        if end - start < 2 or taken.overlaps(start, end):
            continue
        written = text[start:end]
        if _is_title(written):
            continue
        mention = _through_reading(written, start, end, index) or Mention(
            start, end, written, None, entity_type, score, cluster_key(written)
        )
        found.append(mention)
        taken.add(start, end)
    return found


def _is_title(written: str) -> bool:
    """``Tong Bi`` (of an unaccented ``Tong Bi thu``) or ``Chu tich`` is a title, not a name."""
    key = search_key(written)
    return any(title == key or title.startswith(key + " ") for title in context.TITLES)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _through_reading(written: str, start: int, end: int, index) -> Mention | None:
    if not all(is_han_char(c) for c in written):
        return None
    from toolkit.chinese.readings import hanviet_keys

    for key in hanviet_keys(written, "name"):
        people = [c for c in index.candidates(key) if c.type == "person"]
        if len(people) == 1:
            return Mention(start, end, written, people[0].entity, "person", READING_SCORE, people[0].entity)
    return None


# ----------------------------------------------------------------------------- Vietnamese

@cache
def _underthesea_ner():
    try:
        from underthesea import ner
    except ImportError:
        return None
    return ner


# a capitalised word that does not start its sentence: only sentences with one go through the tagger
_INNER_CAPITAL = re.compile(r"(?<=[^\W\d_])[ ,;:()\"“”'‘’–-]+([A-ZÀ-ỸĐ])")


def vietnamese_names(text: str, taken=None) -> list[tuple[int, int, str, float]]:
    """(start, end, type, score) of PER and LOC spans found by underthesea's NER.

    The tagger is slow (milliseconds a sentence), so it runs only on sentences with a capitalised
    word inside them that no known mention covers."""
    ner = _underthesea_ner()
    if ner is None:
        return [(s, e, "person", GUESS_SCORE) for s, e in capitalised_spans(text, min_words=2, max_words=4)]
    found: list[tuple[int, int, str, float]] = []
    for sentence in _SENTENCE.finditer(text):
        offset = sentence.start()
        if not any(
            taken is None or not taken.overlaps(offset + m.start(1), offset + m.end(1))
            for m in _INNER_CAPITAL.finditer(sentence.group(0))
        ):
            continue
        cursor = sentence.start()
        current: list[Any] | None = None  # [start, end, type, score], its end moved as I- tags come
        for token, *_, tag in ner(sentence.group(0)):
            position = text.find(token, cursor, sentence.end())
            if position < 0:
                continue
            cursor = position + len(token)
            kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
            if kind in ("PER", "LOC") and token[:1].isupper():
                # a name is its capitalised words: "sân bay Nội Bài" proposes Nội Bài
                if current is not None and tag.startswith("I-"):
                    current[1] = cursor
                    continue
                if current:
                    found.append((current[0], current[1], current[2], current[3]))
                current = [position, cursor, "person" if kind == "PER" else "place", NER_SCORE]
            else:
                if current:
                    found.append((current[0], current[1], current[2], current[3]))
                current = None
        if current:
            found.append((current[0], current[1], current[2], current[3]))
    return found


# two to four capitalised syllables in a row; a letter or digit glued before the run excludes it
_VIETNAMESE_RUN = r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{Ll}\p{M}]*(?:[ \u00a0]+\p{Lu}[\p{Ll}\p{M}]*)+(?![\p{L}\p{M}\p{N}])"
# single words (in lower case, marks kept: ``nguyên`` former is not ``Nguyễn``) that stand before
# a name as a title, a rank (``Phó Thủ tướng``, ``Cựu Thủ tướng``) or a sentence's first word
_LEADING_WORDS = frozenset(
    "ông bà anh chị em cô chú bác ngài đồng chí cụ thầy phó cựu tân tại ở và với của cho theo từ "
    "khi nay hôm sáng chiều tối ngày tuần tháng năm sau trước trong ngoài tới đến thăm gặp "
    # and the first words of titles the next word of which is capitalised too: Quyền Bộ
    # trưởng, Chánh Văn phòng, Trưởng Đoàn, Tướng Hứa Thế Hữu
    "quyền chánh trưởng tướng thứ".split()
)

# first words of institutions and documents, whose names go on in lower case (``Bộ Tư pháp``,
# ``Luật Đất đai``, ``Sở Tài chính``): a capitalised run they start is a cut-off title, no name
_INSTITUTION_WORDS = frozenset(
    "bộ sở phòng luật ban cục viện hội trường công đảng nhà ủy uỷ tổng nghị quyết thông chỉ hiến tòa toà "
    "văn ngân tập đài báo học đại trung quân mặt liên".split()
)


@cache
def _vietnamese_run():
    import regex  # the \p{Lu} class; loaded with the first Vietnamese proposal

    return regex.compile(_VIETNAMESE_RUN)


def vietnamese_capitalised_names(text: str) -> list[tuple[int, int, str, float]]:
    """(start, end, type, score) of runs of two to four capitalised syllables, without a title or
    sentence word in front (``Ông Lưu Hải Tinh`` proposes ``Lưu Hải Tinh``): the fast default.

    A run that starts with a common Vietnamese surname is a person, any other a place (most
    capitalised Vietnamese names that are not people's are places; organisations are written
    with lower-case words inside and rarely form such a run)."""
    found = []
    for match in _vietnamese_run().finditer(text):
        words = match.group(0).split()
        start = match.start()
        while words and words[0].lower() in _LEADING_WORDS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else match.end()
            words = words[1:]
        if 2 <= len(words) <= 4 and words[0].lower() not in _INSTITUTION_WORDS:
            kind = "person" if search_key(words[0]) in VIETNAMESE_SURNAMES else "place"
            found.append((start, match.end(), kind, GUESS_SCORE))
        elif len(words) > 4:
            # a place or a body, then a person: "Lạng Sơn Hồ Tiến Thiệu"; the person is the
            # longest tail of two to four syllables that starts with a surname
            for skip in range(len(words) - 4, len(words) - 1):
                if search_key(words[skip]) in VIETNAMESE_SURNAMES:
                    tail = words[skip:]
                    found.append((match.end() - len(" ".join(tail)), match.end(), "person", GUESS_SCORE))
                    break
    return found


def capitalised_spans(text: str, min_words: int = 2, max_words: int = 3):
    """Runs of capitalised words (the fallback proposal without a tagger)."""
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        end = match.end()
        if words and words[-1].endswith(("’s", "'s")):  # Wei Huaxiang’s efforts
            words[-1] = words[-1][:-2]
            end -= 2
        if min_words <= len(words) <= max_words and words[-1]:
            start = match.start() + match.group(0).index(words[0])
            yield start, end


# ----------------------------------------------------------------------------- English

def _reads_as_name(run: str) -> bool:
    words = search_key(run).split()
    if words and words[0] in VIETNAMESE_SURNAMES and all(w.isalpha() for w in words):
        return True
    from toolkit.chinese.romanised import romanised_syllables

    readings = romanised_syllables(run)
    return bool(readings) and 2 <= len(readings[0]) <= 4


def _last_letter_taken(text: str, start: int, end: int, taken: TakenSpans) -> bool:
    last = end
    while last > start and not text[last - 1].isalnum():
        last -= 1
    return last > start and taken.overlaps(last - 1, last)


def english_names(text: str, taken: TakenSpans | None = None) -> list[tuple[int, int, str, float]]:
    """(start, end, type, score) of capitalised runs that read as a person's name; a run that
    overlaps a ``taken`` span (a known mention) is not looked at, as it could not be kept.

    A name often ends a longer capitalised run, after a body or a title ("Secretary of the Lang
    Son Party Committee Lam Thi Phuong Thanh", "Businessman Liu Haixing"): the run's last two to
    four words are tried, longest first."""
    found = []
    for start, end in capitalised_spans(text, min_words=2, max_words=_LONGEST_RUN):
        if taken is not None and _last_letter_taken(text, start, end, taken):
            continue  # every proposal from this run keeps that letter: each would overlap a known name
        run = text[start:end]
        words = run.split()
        if context.title_before(text, start) and len(words) <= 3:
            if _ENGLISH_INSTITUTION_WORDS.isdisjoint(w.lower() for w in words):
                found.append((start, end, "person", GUESS_SCORE))
            continue
        for skip in range(max(0, len(words) - _LONGEST_NAME), len(words) - 1):
            tail = " ".join(words[skip:])
            if _reads_as_name(tail) and _ENGLISH_INSTITUTION_WORDS.isdisjoint(w.lower() for w in words[skip:]):
                found.append((end - len(tail), end, "person", GUESS_SCORE))
                break
    return found


# words of bodies' and offices' names, never of a person's: "Foreign Affairs", "National Defense",
# "Hà Nội People's Committee" (whose first word is a surname) are no people
_ENGLISH_INSTITUTION_WORDS = frozenset(
    "affairs defense defence security committee council government assembly ministry department office "
    "commission party people's people’s national foreign public central provincial municipal city province "
    "district county region autonomous bureau agency".split()
)
_LONGEST_RUN = 16  # capitalised words in a row looked at (a body, a title and a name)
_LONGEST_NAME = 4  # words of a name: Lam Thi Phuong Thanh


# ----------------------------------------------------------------------------- Chinese

def chinese_names(text: str, lexicon) -> list[tuple[int, int, str, float]]:
    """(start, end, type, score) of the person and place names jieba's tagger finds, line by line
    (a line's words are all it holds at once, so a long document costs no more memory than a line)."""
    from toolkit.linking.boundaries import teach_jieba

    teach_jieba(lexicon)
    found: list[tuple[int, int, str, float]] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        if HAN_CHARACTER.search(line):
            found += _chinese_names_in_line(line, line_start)
        line_start += len(line)
    return found


# A surname, then one or two given-name characters (three after 氏 or 文, the Vietnamese middle
# names Thị and Văn: 阮氏黄云); each given character must occur in Chinese given names at least
# this often (parts per million): 进行, 时说 and 关系 are no names, 阮国团 and 吴皇银 are.
_MIN_GIVEN_PPM = 20.0
_VIETNAMESE_MIDDLE = frozenset("氏文")


def _chinese_names_in_line(line: str, offset: int) -> list[tuple[int, int, str, float]]:
    """People and places proposed in one line: a person is name-shaped (``_person_at``) and
    either tagged a person by jieba or written with a title; a place is tagged a place by jieba
    and ends with a place word or final (云南省, 红河), after something that is not a numeral."""
    import jieba.posseg

    from toolkit.designators import place_words
    from toolkit.linking.boundaries import COMMON_WORD, dictionary_frequency

    words = []
    position = 0
    for pair in jieba.posseg.cut(line, HMM=_HMM):
        words.append((position, position + len(pair.word), pair.word, pair.flag))
        position += len(pair.word)
    ends = {end for _, end, _, _ in words}
    person_tagged = [False] * len(line)
    # where a word that is no person's name starts and ends: a name cannot begin inside one,
    # nor begin with one that runs on past its surname (官员|陈德胜: 官 is a surname, 官员 no name)
    word_end_at: dict[int, int] = {}
    for start, end, _, flag in words:
        if flag.startswith("nr"):
            person_tagged[start:end] = [True] * (end - start)
        else:
            word_end_at[start] = end
    finals = place_words().han_place_finals
    found = []
    skip_until = -1
    for start, end, word, flag in words:
        if start < skip_until or not is_han_char(word[0]):
            continue
        person = _person_at(line, start, ends, person_tagged, word_end_at)
        if person is None and flag.startswith("nr") and 3 <= len(word) <= 5 and context.title_before(line, start) is not None:
            person = (end, NER_SCORE)  # a foreign name in characters after a title: 总统特朗普
        if person is not None:
            found.append((offset + start, offset + person[0], "person", person[1]))
            skip_until = person[0]
        elif (flag.startswith("ns") and len(word) >= 2 and word[-1] in finals and all(is_han_char(c) for c in word)
              and word[0] not in COUNTING_CHARACTERS and not set(word[:-1]) <= COMPASS_CHARACTERS
              and dictionary_frequency(word) < COMMON_WORD):
            found.append((offset + start, offset + end, "place", NER_SCORE))
    return found


# jieba's HMM guesses words its dictionary lacks: three quarters of the proposer's time on real
# Chinese news, for the same proposals within a mention in a thousand (bench/eval_realtext.py)
_HMM = False


def _person_at(line: str, start: int, word_ends: set[int], person_tagged: list[bool],
               other_words: dict[int, int]) -> tuple[int, float] | None:
    """The end and score of the person's name that starts at ``line[start]``, or None (the
    longest that fits)."""
    from toolkit.chinese.readings import given_ppm, looks_like_person, surname_ppm
    from toolkit.linking.boundaries import COMMON_WORD, dictionary_frequency

    for surname in (2, 1):
        if start + surname > len(line) or surname_ppm(line[start:start + surname]) < 20.0:
            continue
        for length in (4, 3, 2):
            end = start + length
            given = line[start + surname:end]
            if end > len(line) or not 1 <= len(given) <= 3:
                continue
            if len(given) == 3 and given[0] not in _VIETNAMESE_MIDDLE:
                continue
            if end < len(line) and end not in word_ends and not _ends_before_a_list_word(line, end):
                continue
            name = line[start:end]
            if not all(is_han_char(c) for c in name):
                continue
            if not FUNCTION_CHARACTERS.isdisjoint(given[:-1]) or not all(map(_name_like, given[:-1])):
                continue
            if dictionary_frequency(name) >= COMMON_WORD or not looks_like_person(name):
                continue
            written_with_title = context.title_before(line, start) is not None or context.title_after(line, end) is not None
            if given[-1] in FUNCTION_CHARACTERS or not _name_like(given[-1]):
                # after a title and up to a stop (书记阮文读、, 部长魏凤和。) the name's last character
                # may be rare in Chinese names, or a word of its own elsewhere (和)
                if not written_with_title or (end < len(line) and is_han_char(line[end])):
                    continue
            first_word_end = other_words.get(start)
            if first_word_end is not None and first_word_end > start + surname and not written_with_title:
                continue
            if written_with_title or any(person_tagged[start:end]):
                return end, NER_SCORE
            # no title and no tag: the shape alone, when it is a common one (jieba cut a common
            # surname off what follows, and the given name is made of common given-name characters)
            if (surname == 1 and start + 1 in word_ends and surname_ppm(line[start]) >= _COMMON_NAME_PPM
                    and all(given_ppm(c) >= _COMMON_NAME_PPM for c in given)):
                return end, GUESS_SCORE
        return None
    return None


_COMMON_NAME_PPM = 1000.0


def _name_like(char: str) -> bool:
    from toolkit.chinese.readings import given_ppm

    return char in _VIETNAMESE_MIDDLE or given_ppm(char) >= _MIN_GIVEN_PPM


# characters that follow a name in a list and that jieba may glue to its last character (范清平等:
# 平等 "equal"): a name may end before them though jieba's word runs on
_AFTER_A_NAME = frozenset("等")


def _ends_before_a_list_word(line: str, end: int) -> bool:
    return line[end] in _AFTER_A_NAME


__all__ = [
    "capitalised_spans", "chinese_names", "english_names", "unknown_mentions", "vietnamese_capitalised_names",
    "vietnamese_names",
]
