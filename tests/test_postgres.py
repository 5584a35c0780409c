"""PostgreSQL, live: the exported dictionaries installed in a real server, and to_tsvector /
to_tsquery searches that find every rendering of a name.

The server comes from ``SINOVIET_PG_DSN`` (``.ci/postgres.sh start`` exports it) or, when that is
unset, from ``.ci/postgres.sh start --no-install`` run here. The dictionary files go into the
server's ``tsearch_data`` folder (``SINOVIET_PG_TSEARCH_DATA``), which must be writable. Outside
CI the tests skip with the reason when either is missing; in CI (``CI=true``) they fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, seed_entity_documents

from toolkit.aliases import AliasTable
from toolkit.exports import postgres
from toolkit.exports.groups import entity_token
from toolkit.search import segment_han

pytestmark = pytest.mark.slow  # starts a PostgreSQL server

SCRIPT = REPO / ".ci" / "postgres.sh"
DOCUMENTS = {
    "vi.txt": "Thủ tướng đến HÀ NỘI hôm qua. Tại đây, Đại sứ Hà Vĩ phát biểu; ông Tập Cận Bình gửi thư.",
    "zh.txt": "越南河内市长会见了中国驻越南大使何炜。习近平致信。",
    "en.txt": "Ambassador He Wei flew to Hanoi; Xi Jinping sent a letter.",
    "other.txt": "Đà Nẵng đón khách du lịch.",
}


def unavailable(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"no PostgreSQL for the live tests: {reason}")


def _exports(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        if line.startswith("export ") and "=" in line:
            name, value = line.removeprefix("export ").split("=", 1)
            values[name] = value.strip("'")
    return values


@pytest.fixture(scope="module")
def server():
    if shutil.which("psql") is None:
        unavailable("the psql client is not installed")
    settings = {name: os.environ[name] for name in ("SINOVIET_PG_DSN", "SINOVIET_PG_TSEARCH_DATA")
                if os.environ.get(name)}
    started = None
    if "SINOVIET_PG_DSN" not in settings:
        result = subprocess.run(["bash", str(SCRIPT), "start", "--no-install"], capture_output=True, text=True,
                                timeout=120)
        if result.returncode != 0:
            unavailable(f"SINOVIET_PG_DSN is unset and .ci/postgres.sh could not start a server: "
                        f"{result.stderr.strip().splitlines()[-1:]}")
        settings = _exports(result.stdout)
        started = settings.get("SINOVIET_PG_DATA")
    try:
        yield settings["SINOVIET_PG_DSN"], Path(settings.get("SINOVIET_PG_TSEARCH_DATA", ""))
    finally:
        if started:
            subprocess.run(["bash", str(SCRIPT), "stop", started], capture_output=True, timeout=120)


def psql(dsn: str, script: str) -> list[list[str]]:
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", dsn],
                            input=script, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def table(builtin_alias_table) -> AliasTable:
    return builtin_alias_table


@contextlib.contextmanager
def exported(server, table: AliasTable, name: str):
    """The table's dictionaries installed under ``name``; removed afterwards."""
    dsn, tsearch = server
    if not os.access(tsearch, os.W_OK):
        unavailable(f"the server's tsearch_data folder {tsearch} is not writable here "
                    "(set SINOVIET_PG_TSEARCH_DATA, or run as its owner)")
    files = postgres.export(table, name)
    copied = []
    try:
        for file_name, text in files.items():
            if file_name != "install.sql":
                (tsearch / file_name).write_text(text, encoding="utf-8")
                copied.append(tsearch / file_name)
        psql(dsn, files["install.sql"])
        yield dsn
    finally:
        psql(dsn, f"DROP TABLE IF EXISTS {name}_docs; DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE;"
                  f"DROP FUNCTION IF EXISTS {name}_tsquery, {name}_tsvector, {name}_fold;"
                  f"DROP TEXT SEARCH DICTIONARY IF EXISTS {name}_thesaurus, {name}_synonyms, {name}_unaccent;")
        for path in copied:
            path.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def installed(server, table):
    """The exported dictionaries under a name of this run, with the test documents indexed."""
    name = f"sinoviet_test_{os.getpid()}"
    with exported(server, table, name) as dsn:
        documents = dict(DOCUMENTS) | {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
        rows = ",\n".join(f"({literal(n)}, {literal(segment_han(text))})" for n, text in documents.items())
        psql(dsn, f"DROP TABLE IF EXISTS {name}_docs; CREATE TABLE {name}_docs(name text, body text, tsv tsvector);\n"
                  f"INSERT INTO {name}_docs(name, body) VALUES {rows};\n"
                  f"UPDATE {name}_docs SET tsv = {name}_tsvector(body);")
        yield dsn, name


def found(installed, queries: list[str]) -> dict[str, set[str]]:
    dsn, name = installed
    values = ",\n".join(f"({number}, {literal(segment_han(q))})" for number, q in enumerate(queries))
    rows = psql(dsn, f"SELECT q.number, d.name FROM (VALUES {values}) AS q(number, text) "
                     f"JOIN {name}_docs AS d ON d.tsv @@ {name}_tsquery(q.text);")
    out: dict[str, set[str]] = {q: set() for q in queries}
    for number, document in rows:
        out[queries[int(number)]].add(document)
    return out


def test_every_rendering_of_hanoi_finds_every_document(installed):
    queries = ["Hà Nội", "ha noi", "HA NOI", "Hanoi", "hanoi", "河内"]
    for query, documents in found(installed, queries).items():
        assert {"vi.txt", "zh.txt", "en.txt"} <= documents, query
        assert "other.txt" not in documents


def test_he_wei_and_xi_jinping_in_every_script(installed):
    results = found(installed, ["He Wei", "Hà Vĩ", "何炜", "Xi Jinping", "Tập Cận Bình", "习近平", "tap can binh"])
    for query, documents in results.items():
        assert {"vi.txt", "zh.txt", "en.txt"} <= documents, query


def test_plain_words_are_folded_phrases(installed):
    results = found(installed, ["du lịch", "du lich", "khách du lịch"])
    assert all(documents == {"other.txt"} for documents in results.values())


def test_the_dictionary_folds_in_the_database(installed):
    dsn, name = installed
    ((vector,),) = psql(dsn, f"SELECT {name}_tsvector('Thủ đô HÀ NỘI có ĐƯỜNG phố');")
    assert vector == f"'co':4 'do':2 'duong':5 'pho':6 '{entity_token('place:vn:ha-noi')}':3 'thu':1"


def test_every_rendering_of_every_seed_entity_finds_every_document_mentioning_it(installed, table):
    files = seed_entity_documents()
    queries = sorted({r for entity in files for r in table.renderings(entity)})
    results = found(installed, queries)
    misses = [(entity, rendering, document) for entity, documents in sorted(files.items())
              for rendering in table.renderings(entity) for document in sorted(documents - results[rendering])]
    assert misses == [], "\n".join(map(str, misses))


def test_two_ids_that_differ_only_in_punctuation_stay_two_lexemes_live(server):
    from toolkit.aliases import AliasRow

    name = f"sinoviet_test_ids_{os.getpid()}"
    table = AliasTable([AliasRow("org:x:a-b", "Alphaville", "en", "label", "test", 0, "org"),
                        AliasRow("org:x:a.b", "Betatown", "en", "label", "test", 0, "org")])
    with exported(server, table, name) as dsn:
        rows = psql(dsn, f"SELECT {name}_tsvector('Alphaville')::text, {name}_tsvector('Betatown')::text, "
                         f"{name}_tsvector('Alphaville') @@ {name}_tsquery('Betatown');")
    alpha, beta, crossed = rows[0]
    assert alpha == f"'{entity_token('org:x:a-b')}':1" and beta == f"'{entity_token('org:x:a.b')}':1"
    assert alpha != beta and crossed == "f"


# --- the managed-server route: one SQL file, run by a role that is not a superuser ---------------

@pytest.fixture(scope="module")
def managed(server, table):
    """``postgres-managed``'s install.sql run by a plain role (CREATE on one schema, no superuser,
    nothing in tsearch_data), with the test documents indexed by its tsvector function."""
    from toolkit.exports import postgres_managed

    dsn, _ = server
    name = f"sinoviet_managed_{os.getpid()}"
    role, schema = f"{name}_user", f"{name}_schema"
    psql(dsn, f"CREATE ROLE {role} NOSUPERUSER NOCREATEDB NOCREATEROLE; CREATE SCHEMA {schema} AUTHORIZATION {role};")
    documents = dict(DOCUMENTS) | {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    rows = ",\n".join(f"({literal(n)}, {literal(segment_han(text))})" for n, text in documents.items())
    as_role = f"SET ROLE {role}; SET search_path = {schema};\n"
    try:
        psql(dsn, as_role + postgres_managed.install_sql(table, name))
        psql(dsn, as_role + f"CREATE TABLE {name}_docs(name text, body text, "
                            f"tsv tsvector GENERATED ALWAYS AS ({name}_tsvector(body)) STORED);\n"
                            f"INSERT INTO {name}_docs(name, body) VALUES {rows};")
        yield dsn, name, as_role
    finally:
        psql(dsn, f"DROP SCHEMA IF EXISTS {schema} CASCADE; DROP ROLE IF EXISTS {role};")


def found_managed(managed, queries: list[str]) -> dict[str, set[str]]:
    dsn, name, as_role = managed
    values = ",\n".join(f"({number}, {literal(segment_han(q))})" for number, q in enumerate(queries))
    rows = psql(dsn, as_role + f"SELECT q.number, d.name FROM (VALUES {values}) AS q(number, text) "
                               f"JOIN {name}_docs AS d ON d.tsv @@ {name}_tsquery(q.text);")
    out: dict[str, set[str]] = {q: set() for q in queries}
    for number, document in rows:
        out[queries[int(number)]].add(document)
    return out


def test_managed_route_finds_every_rendering_in_every_script(managed):
    queries = ["Hà Nội", "HA NOI", "Hanoi", "河内", "He Wei", "Hà Vĩ", "何炜", "Xi Jinping", "Tập Cận Bình", "习近平"]
    for query, documents in found_managed(managed, queries).items():
        assert {"vi.txt", "zh.txt", "en.txt"} <= documents, query
        assert "other.txt" not in documents, query


def test_managed_route_keeps_plain_words_phrases_and_weak_forms_one_way(managed):
    dsn, name, as_role = managed
    results = found_managed(managed, ["du lịch", "khách du lịch", "lịch du"])
    assert results["du lịch"] == results["khách du lịch"] == {"other.txt"} and results["lịch du"] == set()
    ((weak, strong),) = psql(dsn, as_role + f"SELECT {name}_tsquery('Xi')::text, {name}_tsquery('Xi Jinping')::text;")
    assert "'xi' <-> 'jinping'" in weak and "'xi'" in weak.split(" | ")  # a weak form gains the names
    assert "'xi'" not in strong.split(" | ")  # a name never gains the weak form
    ((vector,),) = psql(dsn, as_role + f"SELECT {name}_tsvector('Thủ đô HÀ NỘI có ĐƯỜNG phố');")
    assert vector == "'co':5 'do':2 'duong':6 'ha':3 'noi':4 'pho':7 'thu':1"


def test_managed_route_finds_every_seed_entity_by_every_rendering(managed, table):
    files = seed_entity_documents()
    queries = sorted({r for entity in files for r in table.renderings(entity)})
    results = found_managed(managed, queries)
    misses = [(entity, rendering, document) for entity, documents in sorted(files.items())
              for rendering in table.renderings(entity) for document in sorted(documents - results[rendering])]
    assert misses == [], "\n".join(map(str, misses))
