"""PostgreSQL full-text search: a synonym dictionary, a thesaurus, unaccent-style rules, and the
SQL that installs them as the text search configuration ``sinoviet``.

Every rendering of an entity becomes one lexeme, the entity's token (``entity_token``:
``sv_place__vn__ha_noi``, never another entity's):
single-word renderings through the synonym dictionary (``sinoviet.syn``: ``hanoi``, ``河内``,
``cpc``), renderings of several words through the thesaurus (``sinoviet.ths``: ``ha noi``,
``tap can binh``). A rendering two entities share maps to both lexemes. ``sinoviet.rules``
(unaccent format) removes Vietnamese marks and ``đ``; it is applied with the ``unaccent()``
function *before* parsing, not as a filtering dictionary, because PostgreSQL does not pass a
filter's output into a thesaurus (``Hà Nội`` would not reach the ``ha noi`` rule).

Copy the three files into ``$(pg_config --sharedir)/tsearch_data/`` and run ``install.sql``. Then::

    to_tsvector('sinoviet', sinoviet_fold(body))        -- or sinoviet_tsvector(body)
    sinoviet_tsquery('Hanoi')                            -- finds Hà Nội, HA NOI, 河内

PostgreSQL's parser keeps an unspaced Chinese run as one word: index Chinese text segmented
(``toolkit.search.segment_han``), as the SQLite index does. Names differing only in i/y
(``Thúy``/``Thúi``) are not merged here, unlike ``toolkit.fold``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from toolkit.exports.groups import TOKEN_PREFIX, entity_token, synonym_groups

NAME = "sinoviet"
# what PostgreSQL's default parser keeps together in one word (letters and digits), roughly
_PARSER_WORDS = re.compile(r"[^\W_]+")
# the Latin blocks whose marked letters the rules fold
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def parser_words(term: str) -> list[str]:
    """The words PostgreSQL sees in a term after ``sinoviet_fold`` (Han runs cut by jieba first,
    as documents are, then every character that is not a letter or digit is a space)."""
    from toolkit.search.segmenting import segment_han

    return _PARSER_WORDS.findall(unaccent_text(segment_han(term)).lower())


def unaccent_rules() -> list[tuple[str, str]]:
    """(character, replacement): every Latin letter with marks, and đ/Đ, to its bare lowercase letter."""
    rules = []
    for start, end in _LATIN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            if not char.isalpha():
                continue
            bare = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            bare = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"}.get(char, bare)
            if bare != char and bare.isascii() and bare.isalpha():
                rules.append((char, bare.lower()))
    return rules


_UNACCENT = {ord(char): bare for char, bare in unaccent_rules()}


def unaccent_text(text: str) -> str:
    """What ``unaccent('sinoviet', text)`` gives in the database (NFC text)."""
    return unicodedata.normalize("NFC", text).translate(_UNACCENT)


def mappings(table) -> tuple[dict[str, list[str]], dict[tuple[str, ...], list[str]]]:
    """(single word -> lexemes, phrase of words -> lexemes) for every rendering."""
    words: dict[str, dict[str, None]] = defaultdict(dict)
    phrases: dict[tuple[str, ...], dict[str, None]] = defaultdict(dict)
    for group in synonym_groups(table, minimum=1):
        target = entity_token(group.entity)
        for term in group.terms:
            tokens = tuple(parser_words(term))
            if not tokens:
                continue
            if len(tokens) == 1:
                words[tokens[0]][target] = None
            else:
                phrases[tokens][target] = None
    return ({w: list(t) for w, t in words.items()}, {p: list(t) for p, t in phrases.items()})


def _syn(words: dict[str, list[str]]) -> str:
    # the synonym template maps one word to one lexeme: a word two entities share goes to the
    # thesaurus instead, which can emit both
    lines = [f"{word} {targets[0]}" for word, targets in sorted(words.items()) if len(targets) == 1]
    return "\n".join(lines) + "\n"


def _ths(words: dict[str, list[str]], phrases: dict[tuple[str, ...], list[str]]) -> str:
    lines = [f"# {NAME} thesaurus: renderings of several words, and words shared by several entities"]
    for word, targets in sorted(words.items()):
        if len(targets) > 1:
            lines.append(f"{word} : {' '.join(targets)}")
    for tokens, targets in sorted(phrases.items()):
        lines.append(f"{' '.join(tokens)} : {' '.join(targets)}")
    return "\n".join(lines) + "\n"


def install_sql(name: str = NAME) -> str:
    return f"""-- Installs the {name} text search configuration. First copy {name}.syn, {name}.ths and
-- {name}.rules into $(pg_config --sharedir)/tsearch_data/.
CREATE EXTENSION IF NOT EXISTS unaccent;
DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE;
DROP TEXT SEARCH DICTIONARY IF EXISTS {name}_thesaurus CASCADE;
DROP TEXT SEARCH DICTIONARY IF EXISTS {name}_synonyms CASCADE;
DROP TEXT SEARCH DICTIONARY IF EXISTS {name}_unaccent CASCADE;
CREATE TEXT SEARCH DICTIONARY {name}_unaccent (TEMPLATE = unaccent, RULES = '{name}');
CREATE TEXT SEARCH DICTIONARY {name}_synonyms (TEMPLATE = synonym, SYNONYMS = '{name}');
CREATE TEXT SEARCH DICTIONARY {name}_thesaurus (TEMPLATE = thesaurus, DICTFILE = '{name}', DICTIONARY = pg_catalog.simple);
CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION {name}
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_part, hword_asciipart, hword_numpart,
                      int, uint, float, sfloat, version
    WITH {name}_thesaurus, {name}_synonyms, pg_catalog.simple;
-- Lower case, marks off, and every character that is not a letter or digit a space: the parser
-- would otherwise read "Land-Sea" as three tokens and "VNA/VNS" as a file path, and phrases
-- would not meet. unaccent() is STABLE (it reads a dictionary); naming the dictionary makes
-- this safe to mark IMMUTABLE.
CREATE OR REPLACE FUNCTION {name}_fold(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(public.unaccent('public.{name}_unaccent'::regdictionary, lower(body)),
                                '[^[:alnum:]]+', ' ', 'g') $$;
CREATE OR REPLACE FUNCTION {name}_tsvector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('public.{name}'::regconfig, public.{name}_fold(body)) $$;
-- A query that is one name (every lexeme an entity lexeme) matches any entity it may name:
-- a rendering shared by two entities (He Wei) finds both; any other query is a phrase.
CREATE OR REPLACE FUNCTION {name}_tsquery(query text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN q::text ~ '^''{TOKEN_PREFIX}[^'']*''( <-> ''{TOKEN_PREFIX}[^'']*'')*$'
                      THEN replace(q::text, '<->', '|')::tsquery ELSE q END
          FROM phraseto_tsquery('public.{name}'::regconfig, public.{name}_fold(query)) AS q $$;
"""


def export(table, name: str = NAME) -> dict[str, str]:
    words, phrases = mappings(table)
    rules = "\n".join(f"{char}\t{bare}" for char, bare in unaccent_rules()) + "\n"
    return {f"{name}.syn": _syn(words), f"{name}.ths": _ths(words, phrases), f"{name}.rules": rules,
            "install.sql": install_sql(name)}


__all__ = ["NAME", "export", "install_sql", "mappings", "parser_words",
           "unaccent_rules", "unaccent_text"]
