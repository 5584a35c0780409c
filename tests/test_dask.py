"""Scale-out: picklable batch functions, and the Dask path on a two-process LocalCluster."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from toolkit import fold, normalise
from toolkit.corpus.batch import Folder, MentionFinder, Normaliser
from toolkit.decoding import legacy_codec

LINES = ["Thuỷ điện Hoà Bình khoẻ", "Chủ tịch Tập Cận Bình thăm Hà Nội.", "HÀ NỘI, Việt Nam"]


def test_batch_functions_pickle_as_settings_and_map() -> None:
    for function in (Normaliser("new"), Folder(), MentionFinder(("lexicons/x.tsv",), "vi", False)):
        payload = pickle.dumps(function)
        assert len(payload) < 200  # settings only, no tables
        assert pickle.loads(payload) == function
    normaliser = pickle.loads(pickle.dumps(Normaliser("old")))
    assert normaliser.map_partition([LINES[0], None]) == [normalise(LINES[0]), None]
    records = Folder().map_records([{"text": LINES[2], "id": 7}, {"id": 8}])
    assert records == [{"text": LINES[2], "id": 7, "text_folded": fold(LINES[2])}, {"id": 8, "text_folded": None}]
    with pytest.raises(ValueError):
        Normaliser("modern")


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_frames_for_spark_map_in_pandas() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas is not installed")
    frames = [pandas.DataFrame({"text": LINES[:2]}), pandas.DataFrame({"text": [LINES[2], None]})]
    out = list(Normaliser().frames("text", "clean")(iter(frames)))
    assert list(out[0]["clean"]) == [normalise(t) for t in LINES[:2]]
    assert pandas.isna(out[1]["clean"][1])  # missing stays missing (None or NaN, by pandas version)


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_linker_finds_mentions() -> None:
    mentions = MentionFinder(unknown=False)(LINES[1])
    assert {m["entity"] for m in mentions} >= {"person:cn:xi-jinping", "place:vn:ha-noi"}


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("dask.bag", reason="Dask is not installed (pip install 'sinoviet[dask]')")
    distributed = pytest.importorskip("distributed", reason="distributed is not installed")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.mark.slow
def test_folder_to_normalised_linked_jsonl_on_a_local_cluster(client, tmp_path: Path) -> None:
    from toolkit.corpus import dask as sd

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    big = [LINES[n % 3] + f" {n}" for n in range(3000)]
    (corpus / "a.txt").write_text("\n".join(big) + "\n", encoding="utf-8")
    (corpus / "b.txt").write_bytes(legacy_codec("tcvn3").encode("\n".join(LINES[:1] * 400) + "\n"))
    (corpus / "c.jsonl").write_text(
        json.dumps({"id": 1, "text": LINES[1]}, ensure_ascii=False) + "\n{broken\n", encoding="utf-8"
    )
    records = sd.read_records([str(corpus / "*.txt"), str(corpus / "c.jsonl")], blocksize=8192)
    assert records.npartitions > 5  # a.txt and b.txt are cut into several partitions
    records = sd.normalise_records(records)
    records = sd.link_records(records, field="text_normalised", unknown=False)
    written = sd.write_jsonl(records, tmp_path / "out")
    assert written and all(Path(name).parent == tmp_path / "out" for name in written)

    out = [json.loads(line) for name in sorted(written) for line in Path(name).read_text(encoding="utf-8").splitlines()]
    from_a = [r for r in out if r.get("file", "").endswith("a.txt")]
    assert [r["line"] for r in from_a] == list(range(1, 3001))  # in order, numbered across partitions
    assert [r["text"] for r in from_a] == big
    assert all(r["text_normalised"] == normalise(r["text"]) for r in from_a)
    from_b = [r for r in out if r.get("file", "").endswith("b.txt")]
    assert len(from_b) == 400 and from_b[0]["text_normalised"] == "Thủy điện Hòa Bình khỏe"
    jsonl = [r for r in out if r.get("id") == 1 or r.get("file", "").endswith("c.jsonl")]
    assert jsonl[0]["text_normalised"] == LINES[1]
    assert {m["entity"] for m in jsonl[0]["mentions"]} >= {"person:cn:xi-jinping", "place:vn:ha-noi"}
    assert jsonl[1]["line"] == 2 and jsonl[1]["error"].startswith("not JSON")


@pytest.mark.slow
def test_the_dask_path_gives_the_cli_mentions_on_the_same_files(tmp_path: Path) -> None:
    """The lines of a text file are one document on Dask as in ``sinoviet link``: the short
    forms on later lines (Wang, Xi, Doc) reach the full names on earlier ones in both."""
    import dask
    from typer.testing import CliRunner

    from toolkit.cli import app
    from toolkit.corpus import dask as sd

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Yunnan Party Secretary Wang Ning met President Xi Jinping in Kunming.\n"
        "Xi praised the border trade.\r\n\n"  # CR LF, and below a form feed: line breaks as the CLI counts them
        "Wang said the railway would open. Nguyen Van Doc of Quang Ninh agreed.\n"
        "Doc added that Mong Cai was ready.\x0cHa Noi agreed.\n", encoding="utf-8", newline="")
    (corpus / "b.txt").write_text("Thủ tướng Phạm Minh Chính gặp ông Lưu Ninh.\nÔng Ninh cảm ơn Thủ tướng Chính.\n",
                                  encoding="utf-8")
    result = CliRunner().invoke(app, ["link", str(corpus / "a.txt"), str(corpus / "b.txt")])
    assert result.exit_code == 0, result.output
    from_cli = {(Path(r["file"]).name, r["line"], r["start"], r["end"], r["entity"], r["cluster"])
                for r in map(json.loads, result.stdout.splitlines())}
    with dask.config.set(scheduler="synchronous"):
        records = sd.link_records(sd.read_records(str(corpus / "*.txt")), field="text").compute()
    from_dask = {(Path(r["file"]).name, r["line"], m["start"], m["end"], m["entity"], m["cluster"])
                 for r in records for m in r["mentions"]}
    assert from_dask == from_cli
    assert ("a.txt", 4, 0, 4, None, "nil:wang-ning") in from_dask  # a short form three lines below its name


@pytest.mark.slow  # pandas and the linker's index: over 0.3 s
def test_batch_map_takes_a_series_or_any_iterable_and_keeps_gaps():
    import math

    import pandas as pd

    from toolkit import Folder, MentionFinder, Normaliser

    series = pd.Series(["Hà Nội", None, float("nan"), "Thuỷ"], index=[10, 11, 12, 13])
    folded = Folder().map(series)
    assert list(folded.index) == [10, 11, 12, 13] and folded[10] == "ha noi" and folded[13] == "thuy"
    assert pd.isna(folded[11]) and math.isnan(folded[12])  # gaps stay gaps
    assert series.map(Normaliser()).tolist()[3] == "Thủy"  # the callable itself keeps gaps too
    assert Normaliser("new").map(iter(["Thủy", None])) == ["Thuỷ", None]
    found = MentionFinder().map(["Tô Lâm tới Hà Nội.", None])
    assert [m["entity"] for m in found[0]] == ["person:vn:to-lam", "place:vn:ha-noi"] and found[1] is None
