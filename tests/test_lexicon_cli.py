"""``sinoviet lexicon check`` and ``sinoviet lexicon show``, run on a typer app of their own."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from toolkit.cli import lexicon as lexicon_cli
from toolkit.lexicon import Lexicon


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A stand-in for the sinoviet app."""

    lexicon_cli.register(app)
    return app


@pytest.fixture(scope="module")
def builtin() -> Lexicon:
    return Lexicon.builtin()


def run(app, *args: str):
    return CliRunner().invoke(app, ["lexicon", *args])


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_check_counts_the_builtin_lexicons_per_file_and_type(app, builtin):
    result = run(app, "check")
    assert result.exit_code == 0, result.output
    counts = builtin.counts()
    expected_total = f"total: {len(builtin)} entities: " + " ".join(f"{t}={n}" for t, n in counts.items())
    assert expected_total in result.output
    assert "50-people.tsv: person=" in result.output
    assert "21-vn-places-names.tsv: person=0 place=0 org=0 other=0, extends " in result.output
    assert f"ambiguous names: {len(builtin.ambiguities)}" in result.output
    assert "place:cn:taiyuan" in result.output and "place:vn:thai-nguyen" in result.output


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_check_with_a_user_file_counts_it_too(app, tmp_path, builtin):
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\ttype\ten\tsource\nperson:xx:someone\tperson\tSome One\tmy notes\n", encoding="utf-8")
    result = run(app, "check", str(mine))
    assert result.exit_code == 0, result.output
    assert "mine.tsv: person=1 place=0 org=0 other=0" in result.output
    assert f"total: {len(builtin) + 1} entities" in result.output


def test_check_without_builtin_only_reads_the_given_files(app, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "id\ttype\ten\tsource\nplace:aa\tplace\tSpringfield\tx\nplace:bb\tplace\tSpringfield\ty\n", encoding="utf-8"
    )
    result = run(app, "check", "--no-builtin", str(mine))
    assert result.exit_code == 0, result.output
    assert "total: 2 entities: person=0 place=2 org=0 other=0" in result.output
    assert "ambiguous names: 1" in result.output
    assert "springfield\tplace:aa | place:bb" in result.output


def test_check_exits_1_with_file_and_line_on_a_malformed_file(app, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# mine\nid\ttype\ten\tsource\nplace:aa\tplace\tSpringfield\n", encoding="utf-8")
    result = run(app, "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: expected 4 tab-separated columns" in result.output


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_show_prints_every_fact_of_an_entity(app):
    result = run(app, "show", "place:vn:pre2025:ha-giang")
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.output.splitlines() if line.strip())
    assert lines["id"].strip() == "place:vn:pre2025:ha-giang"
    assert lines["vi"].strip() == "Hà Giang" and lines["zh"].strip() == "河江"
    assert "vi:Tỉnh Hà Giang" in lines["aliases"]
    assert lines["successor"].strip() == "place:vn:tuyen-quang (Tuyên Quang)"
    assert lines["parent"].strip() == "place:vn (Việt Nam)"
    assert lines["valid"].strip() == "… to 2025-06-30"
    assert "Resolution 202/2025/QH15" in result.output and "20-vn-provinces.tsv:" in result.output


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_show_accepts_a_name_and_lists_every_entity_bearing_it(app):
    result = run(app, "show", "重庆")
    assert result.exit_code == 0, result.output
    assert "place:cn:chongqing" in result.output and "place:vn:district:trung-khanh" in result.output


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_show_reads_user_lexicons_and_fails_on_unknown_ids(app, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\ttype\ten\tsource\nperson:xx:someone\tperson\tSome One\tmy notes\n", encoding="utf-8")
    found = run(app, "show", "--lexicon", str(mine), "person:xx:someone")
    assert found.exit_code == 0 and "my notes" in found.output
    missing = run(app, "show", "person:xx:someone")
    assert missing.exit_code == 1
    assert "no entity has the id or name 'person:xx:someone'" in missing.output


def test_check_takes_user_files_as_lexicon_options_too(app, tmp_path):
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\ttype\ten\tsource\norg:xx:club\torg\tClub\tmy notes\n", encoding="utf-8")
    result = run(app, "check", "--no-builtin", "--lexicon", str(mine))
    assert result.exit_code == 0, result.output
    assert "total: 1 entities: person=0 place=0 org=1 other=0" in result.output
