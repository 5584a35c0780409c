"""The linker: keys, offsets into the original text, word edges per script, context cues, homographs,
short forms, unknown names and their clusters, the alias index's cache and pickling."""

from __future__ import annotations

import codecs
import pickle
import subprocess
import sys
import unicodedata

import cases
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lexicon import Lexicon
from toolkit.linking import Mention, alias_index, cluster_key, detect_language, link
from toolkit.linking.keys import entity_keys


def linked(text: str, **options) -> list[tuple[str, str | None]]:
    return [(m.text, m.entity) for m in link(text, **options)]


def entity_of(text: str, written: str, **options) -> str | None:
    found = [m for m in link(text, **options) if m.text == written]
    assert found, f"{written!r} not found in {[m.text for m in link(text, **options)]}"
    return found[0].entity


# ----------------------------------------------------------------------------- keys

@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_keys_cover_folded_joined_pinyin_hanviet_and_hanzi_forms():
    lexicon = Lexicon.builtin()
    xi_keys = {key for key, _ in entity_keys(lexicon["person:cn:xi-jinping"])}
    assert {"xi jinping", "习近平", "tap can binh", "xi jin ping"} <= xi_keys
    hanoi_keys = {key for key, _ in entity_keys(lexicon["place:vn:ha-noi"])}
    assert {"ha noi", "hanoi", "河内"} <= hanoi_keys
    to_lam: dict[str, set[str]] = {}
    for key, candidate in entity_keys(lexicon["person:vn:to-lam"]):
        to_lam.setdefault(key, set()).add(candidate.origin)
    assert to_lam["to lam"] == {"name", "hanviet"} and "苏林" in to_lam


def test_every_rendering_of_the_issue_reaches_one_id():
    renderings = {
        "place:vn:ha-noi": ["Hà Nội", "Ha Noi", "Hanoi", "HÀ NỘI", "河内"],
        "person:cn:xi-jinping": ["Xi Jinping", "习近平", "Tập Cận Bình"],
        "person:vn:to-lam": ["Tô Lâm", "To Lam", "苏林"],
        "org:cn:cpc": ["Communist Party of China", "CPC", "Đảng Cộng sản Trung Quốc", "中国共产党"],
    }
    for entity, names in renderings.items():
        for name in names:
            assert linked(f"Tin: {name} .", unknown=False) == [(name, entity)], name


def test_titled_short_forms_reach_the_office_holder():
    assert entity_of("Hôm nay Chủ tịch Tập phát biểu.", "Tập", unknown=False) == "person:cn:xi-jinping"
    assert entity_of("Today President Xi spoke.", "Xi", unknown=False) == "person:cn:xi-jinping"
    assert entity_of("今天习主席发表讲话。", "习", unknown=False) == "person:cn:xi-jinping"
    # no title, no antecedent: a bare surname is no mention; an honorific is not an office
    assert linked("Xi spoke.", unknown=False) == []
    assert linked("Hôm nay ông Tập phát biểu.", unknown=False) == []


def test_short_forms_reach_a_person_named_in_full_earlier():
    text = "Xi Jinping met Tô Lâm. Later Xi and Lâm held talks; ông Tập smiled."
    mentions = link(text, unknown=False)
    assert [(m.text, m.entity) for m in mentions][2:4] == [("Xi", "person:cn:xi-jinping"), ("Lâm", "person:vn:to-lam")]
    assert all(m.score < 1 for m in mentions[2:])
    # "He" stays a pronoun even after "He Wei"
    assert linked("Ambassador He Wei spoke. He said so.", unknown=False) == [("He Wei", "person:cn:he-wei-ambassador")]


# ----------------------------------------------------------------------------- offsets and word edges

def test_offsets_point_into_the_original_text_whatever_its_form():
    nfd = unicodedata.normalize("NFD", "Ông  Tô Lâm\u00a0tới  HÀ   NỘI\u200b hôm qua")
    mentions = link(nfd, unknown=False)
    assert [nfd[m.start:m.end] for m in mentions] == [m.text for m in mentions]
    assert [unicodedata.normalize("NFC", m.text) for m in mentions] == ["Tô Lâm", "HÀ   NỘI"]


def test_longest_match_wins_and_names_do_not_share_a_space():
    assert linked("the Communist Party of Việt Nam and Việt Nam China", unknown=False) == [
        ("Communist Party of Việt Nam", "org:vn:cpv"), ("Việt Nam", "place:vn"), ("China", "place:cn")]


def test_latin_names_match_whole_words_only():
    assert linked("Chinatown and Vietnamese food", unknown=False) == []
    assert linked("US$3.4 billion for the US", unknown=False) == [("US", "place:us")]


def test_written_form_checks_case_and_marks():
    assert linked("fine china and my world", unknown=False) == []
    assert linked("Mỹ và My", unknown=False) == [("Mỹ", "place:us")]
    assert linked("the cpc and the CPC", unknown=False) == [("CPC", "org:cn:cpc")]
    # a long name is a name in any case
    assert linked("the new western land - sea route", unknown=False)[0][1] == "other:new-western-land-sea-corridor"


def test_chinese_hits_that_cut_a_jieba_word_are_dropped():
    assert linked("越南河内市长会见客人", unknown=False) == [("越南", "place:vn"), ("河内", "place:vn:ha-noi")]


def test_names_do_not_straddle_brackets():
    assert linked("the Communist Party of China (CPC) Central Committee", unknown=False) == [
        ("Communist Party of China", "org:cn:cpc"), ("CPC", "org:cn:cpc")]


# ----------------------------------------------------------------------------- homographs

_CASE_FIELDS = {"text", "written", "entity", "unknown", "cluster", "score_below", "absent"}


@cases.parametrize("linking.jsonl")
def test_linking_cases(case):
    """Homographs resolved by context, unknown names in each language: tests/cases/linking.jsonl."""
    assert {"text", "written", "entity"} <= set(case) <= _CASE_FIELDS, case
    text, written = case["text"], case["written"]
    found = [m for m in link(text, unknown=case.get("unknown", True)) if m.text == written]
    if case.get("absent"):
        assert case["entity"] is None and not found, found
        return
    assert found, f"{written!r} not found in {[m.text for m in link(text)]}"
    assert found[0].entity == case["entity"]
    if "cluster" in case:
        assert found[0].cluster == case["cluster"]
    if "score_below" in case:
        assert found[0].score < case["score_below"]
    if case["entity"] is None:
        # proposing unknown names changes nothing about the known ones, but that a place read
        # as part of an unknown name (高平|省委, Kiều Hải Nam) goes into it, and that a short
        # form two people of the document share (the one known, the other not) links to neither
        with_unknown = link(text)
        unknown_spans = [(m.start, m.end) for m in with_unknown if m.entity is None]
        known = [m.text for m in with_unknown if m.entity]
        alone = [m for m in link(text, unknown=False)
                 if not any(start <= m.start and m.end <= end for start, end in unknown_spans)]
        assert [m.text for m in alone if m.type != "person" or " " in m.text] == [
            t for t in known if any(m.text == t and (m.type != "person" or " " in t) for m in with_unknown)]
        assert set(known) <= {m.text for m in alone}


def test_distinct_characters_are_no_homograph():
    assert linked("何炜和何维", unknown=False) == [("何炜", "person:cn:he-wei-ambassador"), ("何维", "person:cn:he-wei-cppcc")]
    assert link("何炜", unknown=False)[0].score == 1.0


# ----------------------------------------------------------------------------- unknown names

@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_vietnamese_persons_in_chinese_characters_link_through_their_hanviet_reading():
    # 陈德胜 is not in the lexicon; its reading Trần Đức Thắng is
    assert "陈德胜" not in {n.text for n in Lexicon.builtin()["person:vn:tran-duc-thang"].names}
    mention = [m for m in link("越南官员陈德胜访问北京。") if m.text == "陈德胜"][0]
    assert mention.entity == "person:vn:tran-duc-thang" and mention.score < 1


def test_unknown_names_get_one_cluster_across_renderings():
    keys = {cluster_key(name) for name in ("Lưu Hải Tinh", "Liu Haixing", "刘海星", "劉海星")}
    assert keys == {"nil:liu-hai-xing"}
    assert cluster_key("Nguyễn Văn An") == cluster_key("Nguyen Van An") == cluster_key("阮文安")
    assert cluster_key("Lưu Hải Tinh") != cluster_key("Lưu Hải Minh")
    # the pivot is pinyin, so names apart only in same-sounding characters share a key (星/兴 xing):
    # the pinyin rendering could not tell them apart either
    assert cluster_key("刘海兴") == cluster_key("刘海星")


def test_english_capitalised_words_are_not_names_by_themselves():
    assert [m for m in link("Speaking at the event, Strategic Outcomes And Structural Breakthroughs.")] == []


# ----------------------------------------------------------------------------- the API

def test_mention_is_a_frozen_dataclass():
    mention = link("Hà Nội", unknown=False)[0]
    assert mention == Mention(0, 6, "Hà Nội", "place:vn:ha-noi", "place", 1.0, "place:vn:ha-noi")
    with pytest.raises(AttributeError):
        mention.start = 1


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(ValueError, match="lang"):
        link("Hà Nội", lang="fr")
    with pytest.raises(TypeError):
        link(b"Ha Noi")
    assert link("") == [] and link("   \n") == []


def test_detect_language():
    assert detect_language("越南河内市长会见中国客人") == "zh"
    assert detect_language("Chủ tịch nước tiếp đoàn đại biểu tại Hà Nội hôm qua") == "vi"
    assert detect_language("Chinese Ambassador He Wei said in Hà Nội on Monday that") == "en"


@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_a_users_lexicon_adds_entities_and_gets_its_own_index(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("# test lexicon (made up for this test)\nid\ttype\tvi\tzh\tsource\n"
                     "person:vn:luu-hai-tinh\tperson\tLưu Hải Tinh\t刘海星\ttest\n", encoding="utf-8")
    lexicon = Lexicon.builtin(extra)
    assert entity_of("Ông Lưu Hải Tinh tới Hà Nội.", "Lưu Hải Tinh", lexicon=lexicon) == "person:vn:luu-hai-tinh"
    assert entity_of("刘海星来了", "刘海星", lexicon=lexicon, unknown=False) == "person:vn:luu-hai-tinh"
    assert alias_index(lexicon) is not alias_index()
    assert alias_index(lexicon) is alias_index(Lexicon.builtin(extra))  # cached by files and content


@pytest.mark.slow  # over half a second: a sweep or a property run
def test_alias_index_pickles_as_its_files_and_comes_back_equal(tmp_path):
    index = alias_index()
    data = pickle.dumps(index)
    assert len(data) < 20_000  # file paths and a digest, not the automaton
    assert pickle.loads(data) is index  # the same process: the cached index
    extra = tmp_path / "mine.tsv"
    extra.write_text("# test\nid\ttype\ten\tsource\nplace:xx:atlantis\tplace\tAtlantis\ttest\n", encoding="utf-8")
    data = pickle.dumps(alias_index(Lexicon.builtin(extra)))
    extra.write_text("# test\nid\ttype\ten\tsource\nplace:xx:atlantis\tplace\tMu\ttest\n", encoding="utf-8")
    with pytest.raises(ValueError, match="changed"):
        pickle.loads(data)


@pytest.mark.slow
def test_importing_the_linker_loads_no_heavy_library():
    code = ("import sys, toolkit.linking, toolkit.linking.linker, toolkit.cli.link; "
            "print(sorted(m for m in ('ahocorasick', 'jieba', 'underthesea', 'pypinyin') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ----------------------------------------------------------------------------- properties

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Hà Nội Tô Lâm Xi 习近平河内越南 ,.()–\u0301\u200b\nCPC太原重庆He Wei")), max_size=60))
def test_mentions_are_spans_of_the_text_that_do_not_overlap(text):
    mentions = link(text, unknown=False)
    previous_end = 0
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text and mention.text
        assert mention.start >= previous_end
        assert 0 < mention.score <= 1
        previous_end = mention.end


_PIECES = [
    "中", "越", "华", "方", "驻", "访", "大陆", "高平", "省委", "书记", "阮氏黄云", "范清平", "等", "、", "。",
    " ", " - ", "–", "-", "Việt", "Trung", "Nam", "Quốc", "Wang", "Ning", "said", "Tỉnh", "ủy", "Lạng", "Sơn",
    "People's", "Committee", "of", "Province", "Hà", "Nội", "Chairman", "Hue", "Vuong", "Dinh", "ông", "Trọng",
    "Chính", "phủ", "\n", "(", ")", "Nguyen", "Van", "Doc", "quần đảo", "Trường Sa", "Bộ Chính trị", "Thái Kỳ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_every_pass_keeps_mentions_on_their_text_and_apart(text):
    """With unknown names on, every pass after the scan (compounds, bodies, names read whole,
    short forms) gives spans of the text, in order, that do not overlap."""
    previous_end = 0
    for mention in link(text):
        assert text[mention.start:mention.end] == mention.text and mention.text.strip() == mention.text
        assert mention.start >= previous_end
        assert 0 < mention.score <= 1
        previous_end = mention.end


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_link_never_crashes_on_any_string(text):
    for mention in link(text, unknown=False):
        assert text[mention.start:mention.end] == mention.text


# ----------------------------------------------------------------------------- Vietnamese unknown names, fast and NER

@pytest.mark.slow
def test_vietnamese_unknown_names_by_default_come_from_capitalised_runs_without_underthesea():
    import subprocess
    import sys

    code = (
        "import sys; from toolkit.linking import link\n"
        "found = [(m.text, m.cluster) for m in link('Ông Lưu Hải Tinh gặp ông Nguyễn Văn An tại sân bay Nội Bài.')"
        " if m.entity is None]\n"
        "assert found == [('Lưu Hải Tinh', 'nil:liu-hai-xing'), ('Nguyễn Văn An', 'nil:ruan-wen-an'),"
        " ('Nội Bài', 'nil:nei-pai')], found\n"
        "assert 'underthesea' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_capitalised_runs_skip_titles_ranks_and_institutions():
    from toolkit.linking.unknown import vietnamese_capitalised_names

    def proposed(text):
        return [(text[s:e], kind) for s, e, kind, _ in vietnamese_capitalised_names(text)]

    assert proposed("Phó Thủ tướng Bùi Thanh Sơn gặp Bộ Tư pháp về Luật Đất đai.") == [("Bùi Thanh Sơn", "person")]
    assert proposed("Cựu Thủ tướng đến thăm Hải Phòng hôm qua.") == [("Hải Phòng", "place")]
    assert proposed("HÀ NỘI — Bà Trương Vĩ nói") == [("Trương Vĩ", "person")]
    assert proposed("Xe chạy quaHải Phòng") == []  # glued to a word: no run


@pytest.mark.slow
def test_ner_option_proposes_vietnamese_names_with_underthesea():
    pytest.importorskip("underthesea", reason="the NER option needs underthesea")
    text = "Ông Lưu Hải Tinh gặp đối tác tại Hà Nội."
    found = [m for m in link(text, ner=True) if m.entity is None]
    assert [(m.text, m.cluster) for m in found] == [("Lưu Hải Tinh", "nil:liu-hai-xing")]
    assert [m.text for m in link(text, ner=True) if m.entity] == [m.text for m in link(text) if m.entity]


_LAYOUT_TEXTS = [
    "Hà Nội, Việt Nam; “Tô Lâm”  and  Lý Mỹ\nChina's\tQuốc hội. U.S. St. Petersburg",
    "  习近平会见苏林。越南河内市长 ｆｕｌｌ ＣＰＣ Kyoto by my  ",
    "Washington, D.C. -- the US$3.4bn deal; e-mail: a_b@c.d",
    "",
    "   ",
]
# the aligned layout maps what the piece layout maps, faster; a text it cannot align takes
# the piece layout (marks in NFD, invisible characters, look-alikes, ligatures)
_AWKWARD = list("đĐàÀỹỸươƯ’“…习近平，。０ｆ\u0300\u200bоﬁ½")
_LAYOUT_TEXT = st.text(alphabet=st.sampled_from(list("aAyYiIlLmMnNgGhH ,.;-'?_\n\t3") + _AWKWARD), max_size=40)
_MOSTLY_ASCII_TEXT = st.lists(
    st.one_of(st.text(alphabet=st.sampled_from(list("aAyYiIlLmMnNgGqQuU ,.?_\n")), min_size=40, max_size=80),
              st.sampled_from(_AWKWARD)),
    max_size=8,
).map("".join)


def _assert_layouts_agree(text):
    from toolkit.linking.aligned import aligned_key
    from toolkit.linking.scan import AlignedLayout, PieceLayout, layout_of

    aligned = aligned_key(text)
    reference = PieceLayout(text)
    if aligned is None:
        assert isinstance(layout_of(text), PieceLayout)
        return
    assert len(aligned) == len(text)
    fast = AlignedLayout(text, aligned)
    assert fast.hay == reference.hay
    for position in range(1, len(fast.hay) - 1):
        if fast.hay[position] != " ":
            assert fast.original(position, False) == reference.original(position, False)
            assert fast.original(position, True) == reference.original(position, True)
            assert fast.span(position, position) == reference.span(position, position)


@pytest.mark.parametrize("text", _LAYOUT_TEXTS)
def test_aligned_layout_maps_as_the_piece_layout_does(text):
    _assert_layouts_agree(text)


@pytest.mark.slow  # over half a second: a sweep or a property run
@given(st.one_of(_LAYOUT_TEXT, _MOSTLY_ASCII_TEXT))
@settings(max_examples=400, deadline=None)
def test_aligned_layout_agrees_with_the_piece_layout_on_any_text(text):
    _assert_layouts_agree(text)


@pytest.mark.parametrize("text", ["Ha\u0300 No\u0323i", "Hà\u200bNội", "ﬁnance", "Мoscow"])
def test_text_that_folds_other_than_one_to_one_takes_the_piece_layout(text):
    from toolkit.linking.aligned import aligned_key
    from toolkit.linking.scan import PieceLayout, layout_of

    assert aligned_key(text) is None
    assert isinstance(layout_of(text), PieceLayout)


@pytest.mark.parametrize("text", [
    "Hà\u200bNội (TP.HCM) Xi’s 习近平  Thành phố  Hồ Chí Minh, U.S. Lý Mỹ\nChina's\tQuốc hội.",
    "Ha\u0300 No\u0323i – Việt Nam; “Tô Lâm”, 河内市长 and ｆｕｌｌ ＣＰＣ",
])
def test_layout_span_maps_every_scan_position_as_original_does(text):
    from toolkit.linking.scan import PieceLayout

    layout = PieceLayout(text)
    positions = [i for i in range(1, len(layout.hay) - 1) if layout.hay[i] != " "]
    assert positions
    for first in positions:
        assert layout.span(first, first) == (layout.original(first, False), layout.original(first, True))


@given(st.lists(st.one_of(_LAYOUT_TEXT, st.just(" "), st.just("  ")), max_size=12).map("".join),
       st.integers(min_value=1, max_value=12))
@settings(max_examples=200, deadline=None)
@pytest.mark.slow  # a property run
def test_a_piece_layout_made_a_block_at_a_time_is_the_one_made_at_once(text, block):
    """Long texts are split into pieces a block at a time (memory): the blocks' seams, wherever
    they fall, change neither the scan string nor any position's map back."""
    from toolkit.linking import scan

    whole = scan.PieceLayout(text)
    kept, scan._BLOCK = scan._BLOCK, block
    try:
        blocked = scan.PieceLayout(text)
    finally:
        scan._BLOCK = kept
    assert blocked.hay == whole.hay
    assert list(blocked.hay_ends) == list(whole.hay_ends)
    assert [blocked.piece(i) for i in range(len(whole.hay_ends))] == text.split(" ")
    for position in range(1, len(whole.hay) - 1):
        if whole.hay[position] != " ":
            assert blocked.span(position, position) == whole.span(position, position)


# names of the built-in lexicon as news writes them, one with a run of spaces squashed inside it
# ("Bà Rịa - Vũng Tàu"), among words and the separators that leave runs of every length
_SCAN_PIECES = [
    "Hà Nội", "Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu", "Việt Nam", "Trung Quốc", "Xi Jinping", "河内", "越南",
    "Nam", "Hà", "và", "the", " ", ", ", " , ", " ... \n", "  ", "      ", "–", " - ", "\n\n", "(", ")",
]


def _hits_both_ways(text, index=None):
    """The hits of the aligned layout's scan, and the same hits mapped by the piece layout."""
    from toolkit.linking.scan import AlignedLayout, PieceLayout, _key_positions, layout_of

    layout = layout_of(text)
    assert isinstance(layout, AlignedLayout)
    hay = layout.hay
    hits = (hit for automaton in (index or alias_index()).automata(text) for hit in automaton.iter(hay))
    positions = sorted(_key_positions(hay, hits, None, None))
    return layout.hits(positions), PieceLayout(text).hits(positions)


@given(st.lists(st.sampled_from(_SCAN_PIECES), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
@pytest.mark.slow  # over 0.3 s: kept out of the quick subset
def test_the_aligned_layout_finds_each_hit_where_the_piece_layout_maps_it(text):
    found, by_pieces = _hits_both_ways(text)
    assert found == by_pieces


@pytest.mark.parametrize("text", [
    "Tỉnh Bà Rịa - Vũng Tàu, rồi Bà Rịa–Vũng Tàu và Hà Nội",
    "Hà Nội   Bà Rịa - Vũng Tàu",  # the walk's count stops inside the run before the name
    "Hà Nội ...\n  Bà Rịa  -  Vũng Tàu ... \n Hà Nội",
    "Bà Rịa - Vũng Tàu 河内 Bà Rịa–Vũng Tàu",  # the first search lands on the last name's place
])
def test_a_hit_with_a_run_squashed_inside_is_walked_to(text):
    from toolkit.lexicon import Entity, Name
    from toolkit.linking.automaton import AliasIndex

    # the full name only, so that no hit of a shorter name starts where it does
    names = {"place:test:ba-ria-vung-tau": [Name("Bà Rịa–Vũng Tàu", "vi")], "place:test:ha-noi": [Name("Hà Nội", "vi"), Name("河内", "zh")]}
    index = AliasIndex(Lexicon([Entity(id=i, type="place", names=tuple(n), sources=("test",)) for i, n in names.items()]))
    found, by_pieces = _hits_both_ways(text, index)
    assert found == by_pieces
    assert any(text[hit.start:hit.end].startswith("Bà Rịa") and hit.key == "ba ria vung tau" for hit in found)


def test_a_hit_found_verbatim_is_not_walked_to(monkeypatch):
    from toolkit.linking import scan

    def walk(*args):
        raise AssertionError("walked to a hit the search had found")

    monkeypatch.setattr(scan, "_place_after", walk)
    text = "HÀ NỘI — Việt Nam ,  Trung Quốc ... \n  Xi Jinping (Tập Cận Bình) và Tô Lâm; 河内 ."
    found, by_pieces = _hits_both_ways(text)
    assert found == by_pieces and len(found) >= 6


def test_a_place_written_with_a_dash_links_with_its_designator():
    text = "Tỉnh Bà Rịa - Vũng Tàu, rồi Bà Rịa–Vũng Tàu và Hà Nội"
    ba_ria = "place:vn:pre2025:ba-ria-vung-tau"
    assert [(m.text, m.entity) for m in link(text, unknown=False)] == [
        ("Tỉnh Bà Rịa - Vũng Tàu", ba_ria), ("Bà Rịa–Vũng Tàu", ba_ria), ("Hà Nội", "place:vn:ha-noi"),
    ]


def test_english_runs_inside_known_names_are_skipped_without_changing_what_is_proposed():
    """Skipping a capitalised run whose last letter a known mention covers is only a shortcut:
    the unknown names found on the English seeds are the same as when every run is read."""
    from conftest import SEEDS
    from toolkit.linking import unknown
    from toolkit.linking.spans import TakenSpans

    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if detect_language(text) != "en":
            continue
        known = link(text, unknown=False)
        taken = TakenSpans((m.start, m.end) for m in known)
        every = unknown.english_names(text)
        shortcut = unknown.english_names(text, taken)
        assert len(shortcut) < len(every)  # the shortcut did skip runs

        def kept(proposals):  # what unknown_mentions keeps: no overlap with a known mention
            return [p for p in proposals if not taken.overlaps(*unknown._trim(text, p[0], p[1]))]

        assert kept(shortcut) == kept(every)


# ----------------------------------------------------------------------------- the aligned key's codec

def test_the_codec_map_gives_every_vietnamese_letter_and_common_punctuation_a_byte():
    from toolkit.linking.aligned import COMMON_PUNCTUATION, _codec_tables, aligned_character, vietnamese_letters

    letters = vietnamese_letters()
    assert len(letters) == len(set(letters)) == 134
    assert {"ệ", "Ữ", "đ", "Đ", "ằ", "Ỵ", "ơ"} <= set(letters)
    assert not {"î", "ŏ", "ŭ", "ü"} & set(letters)  # a vowel mark Vietnamese does not write
    encoding_map, key_bytes = _codec_tables()  # raises if the map would be a slow dict
    text = "".join(letters) + COMMON_PUNCTUATION
    encoded = codecs.charmap_encode(text, "strict", encoding_map)[0]  # strict: every one has a byte
    assert encoded.translate(key_bytes).decode("ascii") == "".join(map(aligned_character, text))


def test_every_letter_of_a_vietnamese_syllable_inventory_has_a_byte(shared_external):
    from toolkit.linking.aligned import vietnamese_letters

    path = shared_external / "gonhanh" / "core" / "tests" / "data" / "vietnamese_telex_pairs.txt"
    syllables = {line.split("\t")[1] for line in path.read_text(encoding="utf-8").splitlines()}
    used = {c for syllable in syllables for c in syllable + syllable.upper() if not c.isascii()}
    assert used and used <= set(vietnamese_letters())


def test_the_codec_key_is_the_piece_by_piece_key_on_the_seeds_and_vietnamese_news():
    from conftest import SEEDS
    from toolkit.linking.aligned import _ALIGNED_PIECES, _aligned_by_encoding

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("HÀ NỘI – Quốc hội nước Cộng hoà xã hội chủ nghĩa Việt Nam, “Đảng” … Thủ tướng Phạm Minh Chính.")
    for text in texts:
        by_codec = _aligned_by_encoding(text)
        assert by_codec is not None
        assert by_codec == " ".join(map(_ALIGNED_PIECES.__getitem__, text.split(" ")))


def test_text_with_many_characters_outside_the_codec_is_keyed_piece_by_piece():
    from toolkit.linking.aligned import _aligned_by_encoding, aligned_key

    text = "越南河内市长 Tô Lâm 会见了中国国家主席习近平"
    assert _aligned_by_encoding(text) is None
    assert aligned_key(text) == "越南河内市长 To Lam 会见了中国国家主席习近平"


# ----------------------------------------------------------------------------- marks as a cue

def _two_names_one_key():
    from toolkit.lexicon import Entity, Name

    return Lexicon([
        Entity(id="org:test:luong", type="org", names=(Name("Lương Cường", "vi"),), sources=("test",)),
        Entity(id="org:test:luong-other", type="org", names=(Name("Luồng Cường", "vi"),), sources=("test",)),
    ])


def test_the_marks_the_fold_key_drops_still_pick_the_name_written():
    from toolkit.linking.automaton import AliasIndex

    index = AliasIndex(_two_names_one_key())
    for written, expected in (("Lương Cường", "org:test:luong"), ("Luồng Cường", "org:test:luong-other")):
        for other_order in (False, True):
            lexicon = index if not other_order else AliasIndex(Lexicon(reversed(list(_two_names_one_key()))))
            (mention,) = link(f"Hôm qua {written} phát biểu.", unknown=False, lexicon=lexicon)
            assert (mention.text, mention.entity) == (written, expected)
            assert mention.score > 0.5  # the choice is not a tie


def test_a_name_written_without_marks_leaves_the_choice_to_other_cues():
    from toolkit.linking.automaton import AliasIndex

    (mention,) = link("Yesterday Luong Cuong spoke.", unknown=False, lexicon=AliasIndex(_two_names_one_key()))
    assert mention.score <= 0.5  # nothing in the text tells the two apart


def test_toolkit_linker_is_the_linker_with_its_settings_held(tmp_path):
    import toolkit

    text = "Chủ tịch Tô Lâm tiếp Tập Cận Bình tại Hà Nội; ông Nguyễn Văn Bảo phát biểu."
    linker = toolkit.Linker(lang="vi", unknown=False)
    assert isinstance(linker("Hà Nội")[0], Mention)
    assert linker(text) == link(text, "vi", unknown=False)
    assert toolkit.Linker()(text) == link(text)  # unknown names on by default, as link()
    assert linker.index is linker.index  # built once
    again = pickle.loads(pickle.dumps(linker))
    assert again(text) == linker(text) and "_index" not in pickle.dumps(linker).decode("latin-1")
    mine = tmp_path / "mine.tsv"
    mine.write_text("id\ttype\tvi\ten\tzh\taliases\tabbr\tparent\tvalid_from\tvalid_to\tsource\n"
                    "place:vn:ha-noi\tplace\tHà Nội\tHanoi\t河内\t\t\t\t\t\ttest\n", encoding="utf-8")
    own = toolkit.Linker(Lexicon.load(mine), unknown=False)
    assert [m.entity for m in own(text)] == ["place:vn:ha-noi"]
    with pytest.raises(ValueError, match="lang"):
        toolkit.Linker(lang="fr")


def test_traditional_text_is_linked_through_its_simplified_shadow_with_its_own_offsets():
    traditional, simplified = "中共總書記習近平會見蘇林。", "中共总书记习近平会见苏林。"
    found, expected = link(traditional), link(simplified)
    assert [(m.start, m.end, m.entity) for m in found] == [(m.start, m.end, m.entity) for m in expected]
    assert all(m.text == traditional[m.start:m.end] for m in found)
    assert "習近平" in [m.text for m in found]


def test_the_simplified_shadow_keeps_every_offset():
    from toolkit.chinese.script import simplified_shadow

    assert simplified_shadow("河內 Hà Nội 「台灣」") == "河内 Hà Nội 「台湾」"
    assert simplified_shadow("河内 Hà Nội") is None
    text = "乾隆皇帝在乾清宮" * 3
    shadow = simplified_shadow(text)
    assert shadow is not None and len(shadow) == len(text)


def test_a_lexicon_of_chinese_names_only_links_chinese_and_latin_text() -> None:
    """Its Latin automaton holds no word: the scan runs the Chinese one alone (it used to raise)."""
    from toolkit.lexicon import Entity, Lexicon, Name

    lexicon = Lexicon([Entity(id="org:test:qingshui", type="org", names=(Name("清水公司", "zh"),), sources=("test",))])
    assert [(m.text, m.entity) for m in link("清水公司在河内。", lexicon=lexicon)] == [("清水公司", "org:test:qingshui")]
    assert [m.entity for m in link("Nothing to find here.", lexicon=lexicon) if m.entity] == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=30))
def test_the_simplified_shadow_has_no_shadow_of_its_own(text):
    """Offsets hold and a shadow is final: OpenCC maps 薴 to 苧 and 苧 to 苎; the shadow is 苎."""
    from toolkit.chinese.script import simplified_shadow

    shadow = simplified_shadow(text)
    if shadow is not None:
        assert len(shadow) == len(text)
        assert simplified_shadow(shadow) is None
    assert simplified_shadow("薴") == "苎"
