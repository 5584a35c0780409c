"""The linker as a spaCy component (toolkit/spacy_pipe.py), with spaCy itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy", reason="spaCy is not installed (it is in the test extras)")

from toolkit import link  # noqa: E402


def _nlp(lang: str, **config):
    options = {"nlp": {"tokenizer": {"use_pyvi": False}}} if lang == "vi" else {}
    nlp = spacy.blank(lang, config=options)
    nlp.add_pipe("sinoviet", config=config)
    return nlp


@pytest.mark.slow  # spaCy and the index in three languages: over 0.3 s
@pytest.mark.parametrize(("lang", "text"), [
    ("vi", "Tổng Bí thư Tô Lâm tiếp Đại sứ Hà Vĩ tại Hà Nội. Ông Lâm nói rằng ông Nguyễn Văn Đốc sẽ tới."),
    ("en", "Vietnam's To Lam met Xi Jinping in Beijing on Tuesday; Xi said trade would grow."),
    ("zh", "习近平在北京会见了越共中央总书记苏林。"),
])
def test_entities_are_the_linkers_mentions_with_their_ids(lang: str, text: str):
    doc = _nlp(lang)(text)
    mentions = link(text)
    assert [(e.start_char, e.end_char) for e in doc.ents] == [(m.start, m.end) for m in mentions]
    assert [e.kb_id_ for e in doc.ents] == [m.entity or m.cluster for m in mentions]
    assert [e._.sinoviet_score for e in doc.ents] == [m.score for m in mentions]


@pytest.mark.slow
def test_context_settles_what_an_entity_ruler_cannot_and_unknown_names_get_their_cluster():
    doc = _nlp("vi")("Đại sứ Hà Vĩ gặp ông Nguyễn Văn Đốc tại Hà Nội. Ông Đốc cảm ơn.")
    by_text = {e.text: e for e in doc.ents}
    assert by_text["Hà Vĩ"].kb_id_ == "person:cn:he-wei-ambassador"  # He Wei: one of two, by the title
    assert by_text["Nguyễn Văn Đốc"]._.sinoviet_entity is None
    assert by_text["Đốc"].kb_id_ == by_text["Nguyễn Văn Đốc"].kb_id_ == by_text["Nguyễn Văn Đốc"]._.sinoviet_cluster
    assert {e.label_ for e in doc.ents} == {"PERSON", "GPE"}


def test_a_token_cut_by_a_mention_is_split():
    doc = _nlp("vi")("Đoàn đến Hà Nội.")
    assert [t.text for t in doc][-2:] == ["Nội", "."] and [e.text for e in doc.ents] == ["Hà Nội"]


@pytest.mark.slow
def test_entities_already_set_are_kept_unless_overwrite():
    nlp = _nlp("en")
    doc = nlp.make_doc("Acme Corp hired staff in Hanoi.")
    doc.ents = [doc.char_span(0, 9, label="ORG")]
    kept = nlp.get_pipe("sinoviet")(doc)
    assert [(e.text, e.label_) for e in kept.ents] == [("Acme Corp", "ORG"), ("Hanoi", "GPE")]
    only_ours = _nlp("en", overwrite=True)
    doc = only_ours.make_doc("Acme Corp hired staff in Hanoi.")
    doc.ents = [doc.char_span(0, 9, label="ORG")]
    assert [e.text for e in only_ours.get_pipe("sinoviet")(doc).ents] == ["Hanoi"]


@pytest.mark.slow
def test_spacy_finds_the_factory_by_entry_point_and_a_saved_pipeline_loads(tmp_path: Path):
    script = (
        "import spacy\n"  # toolkit is not imported: spaCy finds the factory through the entry point
        "nlp = spacy.blank('en'); nlp.add_pipe('sinoviet')\n"
        f"nlp.to_disk({str(tmp_path / 'pipe')!r})\n"
        f"loaded = spacy.load({str(tmp_path / 'pipe')!r})\n"
        "print([e.kb_id_ for e in loaded('To Lam visited Hanoi.').ents])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['person:vn:to-lam', 'place:vn:ha-noi']"
