"""PostgreSQL full-text search on a managed server: one SQL file, a table of renderings and a
query-rewriting function, nothing in the server's share folder and no superuser.

Managed PostgreSQL (RDS, Cloud SQL, Azure, Supabase…) lets a user create tables and functions
but not put dictionary files into ``tsearch_data``, which the ``postgres`` format needs. Here
documents are indexed as plain folded words and the *query* carries the synonyms:

- ``NAME_terms(entity, term, key, weak)``: every rendering of every entity; ``key`` is the
  rendering folded in the database by ``NAME_fold`` (a generated column), so a query and the
  table are folded by the same function. Han renderings are stored segmented by jieba, as the
  documents must be (``toolkit.search.segment_han``).
- ``NAME_fold(text)``: NFC, lower case, Vietnamese and other Latin marks off (``đ`` → ``d``)
  with the built-in ``translate()``, every character that is not a letter or digit a space.
  No extension is needed (``unaccent`` is not used).
- ``NAME_tsvector(body)``: ``to_tsvector('simple', NAME_fold(body))``.
- ``NAME_tsquery(query)``: when the folded query is a rendering of one or more entities, the
  OR of the phrases of every rendering of those entities (``Hanoi`` → ``'ha' <-> 'noi' |
  'hanoi' | '河内'``); otherwise the query as a phrase. A weak form (``Xi``) expands to its
  names; a name never expands to a weak form, so ``Xi Jinping`` does not find every Xi.

::

    psql "$DSN" -f install.sql
    ALTER TABLE docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS (sinoviet_tsvector(body)) STORED;
    CREATE INDEX ON docs USING gin (tsv);
    SELECT title FROM docs WHERE tsv @@ sinoviet_tsquery('Hanoi');   -- Hà Nội, HA NOI, 河内

Needs PostgreSQL 13 or later (``normalize()``) in a UTF-8 database, and CREATE on the schema.
"""

from __future__ import annotations

from toolkit.exports.groups import synonym_groups, weak_mappings
from toolkit.exports.postgres import NAME, unaccent_rules

_ROWS_PER_INSERT = 1000


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def term_rows(table) -> list[tuple[str, str, bool]]:
    """(entity, term as stored, weak) for every rendering: names and keys of every entity, and
    the weak forms the exports keep one-way (``weak_mappings``), Han segmented like documents."""
    from toolkit.search.segmenting import segment_han

    def segmented(term: str) -> str:
        return " ".join(segment_han(term).split())

    rows: dict[tuple[str, str, bool], None] = {}
    for group in synonym_groups(table, minimum=1):
        for term in group.terms:
            rows[(group.entity, segmented(term), False)] = None
    for mapping in weak_mappings(table):
        for entity in mapping.entities:
            rows[(entity, segmented(mapping.term), True)] = None
    return list(rows)


def fold_translation() -> tuple[str, str]:
    """The ``translate(text, from, to)`` strings that take every marked Latin letter (and đ, Đ)
    to its bare lower-case letter: the same rules as the ``postgres`` format's unaccent file,
    capitals included because ``lower()`` leaves non-ASCII letters alone under the C locale."""
    rules = unaccent_rules()
    return "".join(char for char, _ in rules), "".join(bare for _, bare in rules)


def install_sql(table, name: str = NAME) -> str:
    source, target = fold_translation()
    lines = [
        f"-- Installs the {name} search functions and their table of renderings (no files, no extension).",
        "BEGIN;",
        f"DROP FUNCTION IF EXISTS {name}_tsquery(text), {name}_tsvector(text);",
        f"DROP TABLE IF EXISTS {name}_terms;",
        f"DROP FUNCTION IF EXISTS {name}_fold(text);",
        # translate() and regexp_replace() are immutable, so the fold can index a generated column
        f"CREATE FUNCTION {name}_fold(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT",
        f"    AS $$ SELECT btrim(regexp_replace(translate(lower(normalize(body, NFC)), {_literal(source)}, {_literal(target)}),",
        "                                      '[^[:alnum:]]+', ' ', 'g')) $$;",
        f"CREATE FUNCTION {name}_tsvector(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE",
        f"    AS $$ SELECT to_tsvector('pg_catalog.simple'::regconfig, {name}_fold(body)) $$;",
        f"CREATE TABLE {name}_terms (",
        "    entity text NOT NULL,",
        "    term text NOT NULL,",
        "    weak boolean NOT NULL,",
        f"    key text GENERATED ALWAYS AS ({name}_fold(term)) STORED",
        ");",
    ]
    rows = term_rows(table)
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        values = ",\n".join(f"({_literal(entity)}, {_literal(term)}, {'true' if weak else 'false'})"
                            for entity, term, weak in rows[start:start + _ROWS_PER_INSERT])
        lines.append(f"INSERT INTO {name}_terms (entity, term, weak) VALUES\n{values};")
    lines += [
        f"DELETE FROM {name}_terms WHERE key = '';",
        f"CREATE INDEX {name}_terms_key ON {name}_terms (key);",
        f"CREATE INDEX {name}_terms_entity ON {name}_terms (entity);",
        f"ANALYZE {name}_terms;",
        # STABLE, not IMMUTABLE: the answer depends on the table
        f"CREATE FUNCTION {name}_tsquery(query text) RETURNS tsquery LANGUAGE sql STABLE PARALLEL SAFE AS $$",
        f"    WITH asked AS (SELECT {name}_fold(query) AS key),",
        f"    named AS (SELECT DISTINCT t.entity FROM {name}_terms AS t JOIN asked USING (key)),",
        "    renderings AS (",
        f"        SELECT t.key FROM {name}_terms AS t JOIN named USING (entity) WHERE NOT t.weak",
        "        UNION SELECT key FROM asked)",
        "    SELECT string_agg('(' || phraseto_tsquery('pg_catalog.simple'::regconfig, key)::text || ')', ' | '"
        " ORDER BY key)::tsquery",
        "    FROM renderings WHERE key <> ''",
        "$$;",
        "COMMIT;",
    ]
    return "\n".join(lines) + "\n"


def export(table, name: str = NAME) -> dict[str, str]:
    return {"install.sql": install_sql(table, name)}


__all__ = ["export", "fold_translation", "install_sql", "term_rows"]
