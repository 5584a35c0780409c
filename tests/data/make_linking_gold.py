"""Writes the linking gold sets from the hand annotations below (rerun after editing them):

    .venv/bin/python tests/data/make_linking_gold.py

- ``seeds-gold.jsonl``: every entity mention of the four seed articles (``seeds/*.txt``), one JSON
  object per mention: file, start, end (character offsets), text, entity.
- ``linking-gold-vi.jsonl``, ``linking-gold-zh.jsonl``, ``linking-gold-en.jsonl``: short documents
  written for this project around the same entities, in every rendering issue 4 lists (Hà Nội,
  Ha Noi, Hanoi, HÀ NỘI, 河内; Xi Jinping, 习近平, Tập Cận Bình, Chủ tịch Tập, President Xi,
  习主席; Tô Lâm, To Lam, 苏林; Communist Party of China, CPC, Đảng Cộng sản Trung Quốc,
  中国共产党), the homographs (太原, 重庆, He Wei) and names no lexicon holds. One object per
  document: id, lang, text, mentions [{start, end, text, entity, cluster}]; an unknown name has
  entity null and a gold cluster label shared by its renderings.

Annotation guidelines (decided before scoring, applied to both sets):
- A mention is a proper name of a person, place, organisation or named thing (plan, initiative,
  congress, commemorative year), written as a name: demonyms and adjectives (Chinese, Vietnamese,
  Southeast Asian), generic nouns (the Party, the two Parties, the ministries of foreign affairs
  of both countries, the world) and pronouns are not mentions.
- The longest name wins: ``Communist Party of Việt Nam`` is one mention, not also ``Việt Nam``;
  ``Việt Nam–China relations`` is two (Việt Nam, China).
- A country abbreviation inside a compound is a mention of the country (``中越`` two, ``驻华``'s
  华, ``中方`` and ``越方`` whole; see ``tests/data/realtext/README.md``).
- A surname or given name standing for a person named elsewhere (``Xi``, ``Wang``, ``Lâm``,
  ``ông Tập`` → Tập, ``习主席`` → 习) is a mention of that person; the title is not part of it.
- A Vietnamese administrative word written before a place name (``tỉnh``, ``thành phố``,
  ``huyện``) and a Chinese suffix that belongs to the place word (太原市, 重庆县; not 河内 in
  河内市长) are part of the mention. English ``province``/``city`` after the name are not.
- A quoted part of a longer name belongs to it: ``"Belt and Road" initiative`` is one mention
  starting after the opening quote.
- ``US`` in ``US$`` is a currency, not a mention. The seed 000 typo ``Chine`` is not a name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "seeds"

# -------------------------------------------------------------------------------- the seed articles
# Every occurrence (as a whole word, case-sensitive) of each written form is a mention of the
# entity, unless it lies inside a longer mention.
SEED_ANNOTATIONS: dict[str, list[tuple[str, str]]] = {
    "000_97e714db5716abb9.txt": [
        ("HÀ NỘI", "place:vn:ha-noi"), ("Hà Nội", "place:vn:ha-noi"), ("Việt Nam", "place:vn"),
        ("China", "place:cn"), ("He Wei", "person:cn:he-wei-ambassador"),
        ("Communist Party of China", "org:cn:cpc"), ("CPC", "org:cn:cpc"), ("Xi Jinping", "person:cn:xi-jinping"),
        ("Communist Party of Việt Nam", "org:vn:cpv"), ("Sóc Sơn", "place:vn:district:soc-son"),
        ("Việt Nam–China Year of Humanistic Exchange", "other:year-humanistic-exchange-2025"),
        ("Red Journey", "other:red-journey"), ("15th five-year plan", "other:cn-15th-five-year-plan"),
        ("14th National Party Congress", "other:cpv-14th-congress"), ("VNA", "org:vn:vna"), ("VNS", "org:vn:vns"),
    ],
    "001_707c03444883d3b0.txt": [
        ("BEIJING", "place:cn:beijing"), ("Beijing", "place:cn:beijing"), ("Việt Nam", "place:vn"),
        ("China", "place:cn"), ("Communist Party of China", "org:cn:cpc"), ("CPC", "org:cn:cpc"),
        ("Xi Jinping", "person:cn:xi-jinping"),
        ("Việt Nam -China community with a shared future", "other:community-shared-future-vn-cn"),
        ("Việt Nam-China community with a shared future", "other:community-shared-future-vn-cn"),
        ("Shi Zhongjun", "person:cn:shi-zhongjun"), ("Shi", "person:cn:shi-zhongjun"),
        ("ASEAN-China Centre", "org:asean:acc"), ("ACC", "org:asean:acc"),
        ("Vietnam News Agency", "org:vn:vna"), ("VNA", "org:vn:vna"), ("Tô Lâm", "person:vn:to-lam"),
        ("Year of Việt Nam - China Humanistic Exchange", "other:year-humanistic-exchange-2025"),
        ("Communist Party of Việt Nam", "org:vn:cpv"), ("China's 14th Five-Year Plan", "other:cn-14th-five-year-plan"),
        ("comprehensive strategic cooperation", "other:comprehensive-strategic-cooperative-partnership"),
        ("Comprehensive Strategic Cooperative Partnership", "other:comprehensive-strategic-cooperative-partnership"),
        ("ASEAN", "org:asean"), ("Chinese Customs", "org:cn:gacc"),
        ("China-ASEAN Free Trade Area 3.0", "other:acfta"),
        ("Regional Comprehensive Economic Partnership", "other:rcep"), ("RCEP", "other:rcep"),
        ('Belt and Road" initiative', "other:bri"), ("Two Corridors, One Belt", "other:two-corridors-one-belt"),
        ("ASEAN - China Cultural Exchange Year", "other:asean-china-cultural-exchange-year"), ("VNS", "org:vn:vns"),
    ],
    "002_066b2d924290b85a.txt": [
        ("Vietnam", "place:vn"), ("China", "place:cn"), ("Xi Jinping", "person:cn:xi-jinping"),
        ("Xi", "person:cn:xi-jinping"), ("Ha Vi", "person:cn:he-wei-ambassador"),
        ('3+3" Strategic Dialogue Mechanism', "other:3-plus-3-strategic-dialogue"),
        ("Ho Chi Minh", "person:vn:ho-chi-minh"), ("Red Journey", "other:red-journey"),
        ("comprehensive strategic cooperation", "other:comprehensive-strategic-cooperative-partnership"),
        ("Beijing", "place:cn:beijing"),
    ],
    "004_10f0a2bc997b83ac.txt": [
        ("BEIJING", "place:cn:beijing"), ("Việt Nam", "place:vn"), ("China", "place:cn"),
        ("comprehensive strategic cooperation", "other:comprehensive-strategic-cooperative-partnership"),
        ("Wang Yi", "person:cn:wang-yi"), ("Wang", "person:cn:wang-yi"), ("Xi Jinping", "person:cn:xi-jinping"),
        ("Xi", "person:cn:xi-jinping"), ("Tô Lâm", "person:vn:to-lam"), ("Lâm", "person:vn:to-lam"),
        ("Communist Party of Việt Nam", "org:vn:cpv"),
        ("China – Việt Nam community with a shared future", "other:community-shared-future-vn-cn"),
        ("Lương Cường", "person:vn:luong-cuong"), ("Phạm Minh Chính", "person:vn:pham-minh-chinh"),
        ("National Assembly", "org:vn:national-assembly"), ("Trần Thanh Mẫn", "person:vn:tran-thanh-man"),
        ("14th National Party Congress", "other:cpv-14th-congress"),
        ("new western land - sea route", "other:new-western-land-sea-corridor"),
        ("China – Indochina Peninsula Economic Corridor", "other:china-indochina-corridor"),
        ("Belt and Road Initiative", "other:bri"),
        ("Year of China – Việt Nam Humanistic Exchange", "other:year-humanistic-exchange-2025"), ("VNS", "org:vn:vns"),
    ],
}

# -------------------------------------------------------------------------------- composed documents
# (id, text, [(written form, entity id or "NIL:label", which occurrence of the written form)])
XI, TO_LAM, HA_NOI, CPC, CPV = "person:cn:xi-jinping", "person:vn:to-lam", "place:vn:ha-noi", "org:cn:cpc", "org:vn:cpv"
VN, CN, AMB, CPPCC_HE = "place:vn", "place:cn", "person:cn:he-wei-ambassador", "person:cn:he-wei-cppcc"
LIU, NGUYEN = "NIL:liu-haixing", "NIL:nguyen-van-an"

COMPOSED: dict[str, list[tuple[str, str, list[tuple[str, str, int]]]]] = {
    "vi": [
        ("vi-01", "HÀ NỘI — Chủ tịch Tập Cận Bình đến Hà Nội chiều 14/4, bắt đầu chuyến thăm cấp nhà nước tới "
                  "Việt Nam. Ông Tập được Tổng Bí thư Tô Lâm đón tại sân bay Nội Bài.",
         [("HÀ NỘI", HA_NOI, 0), ("Tập Cận Bình", XI, 0), ("Hà Nội", HA_NOI, 0), ("Việt Nam", VN, 0),
          ("Tập", XI, 1), ("Tô Lâm", TO_LAM, 0), ("Nội Bài", "NIL:noi-bai", 0)]),
        ("vi-02", "Tổng Bí thư Tô Lâm hội đàm với Tổng Bí thư, Chủ tịch Trung Quốc Tập Cận Bình. Hai nhà lãnh đạo "
                  "nhất trí thúc đẩy quan hệ giữa Đảng Cộng sản Việt Nam và Đảng Cộng sản Trung Quốc.",
         [("Tô Lâm", TO_LAM, 0), ("Trung Quốc", CN, 0), ("Tập Cận Bình", XI, 0),
          ("Đảng Cộng sản Việt Nam", CPV, 0), ("Đảng Cộng sản Trung Quốc", CPC, 0)]),
        ("vi-03", "Báo chí nước ngoài thường viết tên thủ đô là Hanoi hoặc Ha Noi, còn báo Trung Quốc viết 河内.",
         [("Hanoi", HA_NOI, 0), ("Ha Noi", HA_NOI, 0), ("Trung Quốc", CN, 0), ("河内", HA_NOI, 0)]),
        ("vi-04", "Chủ tịch Tập nhấn mạnh Trung Quốc coi trọng quan hệ với Việt Nam. Ông Lâm cảm ơn lời chúc "
                  "của Chủ tịch Tập.",
         [("Tập", XI, 0), ("Trung Quốc", CN, 0), ("Việt Nam", VN, 0), ("Tập", XI, 1)]),
        ("vi-05", "Tin nhắn không dấu: Tong Bi thu To Lam tiep Chu tich Tap Can Binh tai Ha Noi.",
         [("To Lam", TO_LAM, 0), ("Tap Can Binh", XI, 0), ("Ha Noi", HA_NOI, 0)]),
        ("vi-06", "Đại sứ Trung Quốc tại Việt Nam Hà Vĩ dự buổi họp báo. Trong khi đó, Phó Chủ tịch Chính Hiệp "
                  "Trung Quốc Hà Duy tiếp đoàn Việt Nam tại Bắc Kinh.",
         [("Trung Quốc", CN, 0), ("Việt Nam", VN, 0), ("Hà Vĩ", AMB, 0),
          ("Chính Hiệp Trung Quốc", "org:cn:cppcc", 0), ("Hà Duy", CPPCC_HE, 0), ("Việt Nam", VN, 1),
          ("Bắc Kinh", "place:cn:beijing", 0)]),
        ("vi-07", "Đoàn công tác tỉnh Thái Nguyên sang thăm thành phố Thái Nguyên của tỉnh Sơn Tây, Trung Quốc.",
         [("tỉnh Thái Nguyên", "place:vn:thai-nguyen", 0), ("thành phố Thái Nguyên", "place:cn:taiyuan", 0),
          ("tỉnh Sơn Tây", "place:cn:shanxi", 0), ("Trung Quốc", CN, 0)]),
        ("vi-08", "Huyện Trùng Khánh của tỉnh Cao Bằng giáp Trung Quốc; còn thành phố Trùng Khánh là một đô thị "
                  "lớn ở miền tây Trung Quốc.",
         [("Huyện Trùng Khánh", "place:vn:district:trung-khanh", 0), ("tỉnh Cao Bằng", "place:vn:cao-bang", 0),
          ("Trung Quốc", CN, 0), ("thành phố Trùng Khánh", "place:cn:chongqing", 0), ("Trung Quốc", CN, 1)]),
        ("vi-09", "Ông Lưu Hải Tinh, một doanh nhân, gặp ông Nguyễn Văn An tại Hải Phòng.",
         [("Lưu Hải Tinh", LIU, 0), ("Nguyễn Văn An", NGUYEN, 0), ("Hải Phòng", "place:vn:hai-phong", 0)]),
        ("vi-10", "Thông tấn xã Việt Nam (TTXVN) đưa tin Sáng kiến Vành đai và Con đường do Trung Quốc đề xuất "
                  "đã bước sang năm thứ mười hai.",
         [("Thông tấn xã Việt Nam", "org:vn:vna", 0), ("TTXVN", "org:vn:vna", 0),
          ("Sáng kiến Vành đai và Con đường", "other:bri", 0), ("Trung Quốc", CN, 0)]),
        ("vi-11", "Thủ tướng Phạm Minh Chính và Chủ tịch nước Lương Cường tiếp Bộ trưởng Ngoại giao Trung Quốc "
                  "Vương Nghị tại Hà Nội.",
         [("Phạm Minh Chính", "person:vn:pham-minh-chinh", 0), ("Lương Cường", "person:vn:luong-cuong", 0),
          ("Trung Quốc", CN, 0), ("Vương Nghị", "person:cn:wang-yi", 0), ("Hà Nội", HA_NOI, 0)]),
    ],
    "zh": [
        ("zh-01", "越南河内市长会见中国客人。",
         [("越南", VN, 0), ("河内", HA_NOI, 0), ("中国", CN, 0)]),
        ("zh-02", "中共中央总书记、国家主席习近平同越共中央总书记苏林举行会谈。习主席强调，中国共产党和越南共产党要加强交流。",
         [("中共中央", "org:cn:cpc-central-committee", 0), ("习近平", XI, 0),
          ("越共中央", "org:vn:cpv-central-committee", 0), ("苏林", TO_LAM, 0), ("习", XI, 1),
          ("中国共产党", CPC, 0), ("越南共产党", CPV, 0)]),
        ("zh-03", "山西省太原市与越南太原省签署合作协议。",
         [("山西省", "place:cn:shanxi", 0), ("太原市", "place:cn:taiyuan", 0), ("越南", VN, 0),
          ("太原省", "place:vn:thai-nguyen", 0)]),
        ("zh-04", "重庆是中国西南的直辖市，而越南高平省也有一个重庆县。",
         [("重庆", "place:cn:chongqing", 0), ("中国", CN, 0), ("越南", VN, 0), ("高平省", "place:vn:cao-bang", 0),
          ("重庆县", "place:vn:district:trung-khanh", 0)]),
        ("zh-05", "中国驻越南大使何炜出席活动。全国政协副主席何维会见越南客人。",
         [("中国", CN, 0), ("越南", VN, 0), ("何炜", AMB, 0), ("全国政协", "org:cn:cppcc", 0), ("何维", CPPCC_HE, 0),
          ("越南", VN, 1)]),
        ("zh-06", "越南国家主席梁强和政府总理范明政在河内会见刘海星。",
         [("越南", VN, 0), ("梁强", "person:vn:luong-cuong", 0), ("范明政", "person:vn:pham-minh-chinh", 0),
          ("河内", HA_NOI, 0), ("刘海星", LIU, 0)]),
        ("zh-07", "越南官员陈德胜访问北京。",
         [("越南", VN, 0), ("陈德胜", "person:vn:tran-duc-thang", 0), ("北京", "place:cn:beijing", 0)]),
        ("zh-08", "阮文安是河内的一名教师，他认识刘海星。",
         [("阮文安", NGUYEN, 0), ("河内", HA_NOI, 0), ("刘海星", LIU, 0)]),
        ("zh-09", "新华社报道，一带一路倡议得到越南支持。",
         [("新华社", "org:cn:xinhua", 0), ("一带一路倡议", "other:bri", 0), ("越南", VN, 0)]),
    ],
    "en": [
        ("en-01", "President Xi met To Lam, General Secretary of the Communist Party of Vietnam, in Hanoi.",
         [("Xi", XI, 0), ("To Lam", TO_LAM, 0), ("Communist Party of Vietnam", CPV, 0), ("Hanoi", HA_NOI, 0)]),
        ("en-02", "The CPC is the Communist Party of China; Xi Jinping has led it since 2012.",
         [("CPC", CPC, 0), ("Communist Party of China", CPC, 0), ("Xi Jinping", XI, 0)]),
        ("en-03", "Businessman Liu Haixing and teacher Nguyen Van An attended the fair in Ha Noi.",
         [("Liu Haixing", LIU, 0), ("Nguyen Van An", NGUYEN, 0), ("Ha Noi", HA_NOI, 0)]),
        ("en-04", "Chinese Ambassador He Wei later met CPPCC Vice Chairman He Wei in Beijing.",
         [("He Wei", AMB, 0), ("CPPCC", "org:cn:cppcc", 0), ("He Wei", CPPCC_HE, 1), ("Beijing", "place:cn:beijing", 0)]),
    ],
    # written after the linker's development was done, and scored without changes to the linker
    # (the figures for this set are the first run's: see bench/eval_linking.py)
    "heldout": [
        ("vi-h1", "Sáng 12/12, tại Bắc Kinh, Ủy viên Bộ Chính trị, Bộ trưởng Ngoại giao Vương Nghị đã hội kiến "
                  "Phó Thủ tướng Bùi Thanh Sơn.",
         [("Bắc Kinh", "place:cn:beijing", 0), ("Bộ Chính trị", "org:cn:politburo", 0),
          ("Vương Nghị", "person:cn:wang-yi", 0), ("Bùi Thanh Sơn", "person:vn:bui-thanh-son", 0)]),
        ("vi-h2", "Người phát ngôn Bộ Ngoại giao Trung Quốc Mao Ninh cho biết Trung Quốc sẵn sàng cùng Việt Nam "
                  "thúc đẩy hợp tác.",
         [("Bộ Ngoại giao Trung Quốc", "org:cn:mfa", 0), ("Mao Ninh", "person:cn:mao-ning", 0),
          ("Trung Quốc", CN, 1), ("Việt Nam", VN, 0)]),
        ("vi-h3", "Cửa khẩu Hữu Nghị ở tỉnh Lạng Sơn là cửa ngõ giao thương với Bằng Tường, Quảng Tây.",
         [("Cửa khẩu Hữu Nghị", "place:vn:gate:huu-nghi", 0), ("tỉnh Lạng Sơn", "place:vn:lang-son", 0),
          ("Bằng Tường", "place:cn:pingxiang", 0), ("Quảng Tây", "place:cn:guangxi", 0)]),
        ("vi-h4", "Cựu Thủ tướng Trung Quốc Lý Khắc Cường từng thăm Hà Nội năm 2016.",
         [("Trung Quốc", CN, 0), ("Lý Khắc Cường", "person:cn:li-keqiang", 0), ("Hà Nội", HA_NOI, 0)]),
        ("vi-h5", "Chủ tịch Hồ Chí Minh và Chủ tịch Mao Trạch Đông gặp nhau nhiều lần.",
         [("Hồ Chí Minh", "person:vn:ho-chi-minh", 0), ("Mao Trạch Đông", "person:cn:mao-zedong", 0)]),
        ("vi-h6", "Ông Trương Vĩ, giám đốc một công ty ở Thâm Quyến, đã đầu tư vào Bắc Giang.",
         [("Trương Vĩ", "NIL:zhang-wei", 0), ("Thâm Quyến", "place:cn:shenzhen", 0),
          ("Bắc Giang", "place:vn:pre2025:bac-giang", 0)]),
        ("zh-h1", "外交部发言人毛宁表示，中方愿同越方加强合作。",
         [("外交部", "org:cn:mfa", 0), ("毛宁", "person:cn:mao-ning", 0), ("中方", CN, 0), ("越方", VN, 0)]),
        ("zh-h2", "越南外长裴青山访问北京，与王毅举行会谈。",
         [("越南", VN, 0), ("裴青山", "person:vn:bui-thanh-son", 0), ("北京", "place:cn:beijing", 0),
          ("王毅", "person:cn:wang-yi", 0)]),
        ("zh-h3", "友谊关口岸位于广西凭祥市，对面是越南谅山省。",
         [("友谊关口岸", "place:cn:gate:youyiguan", 0), ("广西", "place:cn:guangxi", 0),
          ("凭祥市", "place:cn:pingxiang", 0), ("越南", VN, 0), ("谅山省", "place:vn:lang-son", 0)]),
        ("zh-h4", "胡志明主席与毛泽东主席的友谊。",
         [("胡志明", "person:vn:ho-chi-minh", 0), ("毛泽东", "person:cn:mao-zedong", 0)]),
        ("zh-h5", "张伟在深圳工作，他的朋友阮文安住在岘港。",
         [("张伟", "NIL:zhang-wei", 0), ("深圳", "place:cn:shenzhen", 0), ("阮文安", NGUYEN, 0),
          ("岘港", "place:vn:da-nang", 0)]),
        ("en-h1", "Vietnamese Foreign Minister Bui Thanh Son met Wang Yi in Beijing.",
         [("Bui Thanh Son", "person:vn:bui-thanh-son", 0), ("Wang Yi", "person:cn:wang-yi", 0),
          ("Beijing", "place:cn:beijing", 0)]),
        ("en-h2", "Zhang Wei, a Shenzhen businessman, invested in Da Nang.",
         [("Zhang Wei", "NIL:zhang-wei", 0), ("Shenzhen", "place:cn:shenzhen", 0), ("Da Nang", "place:vn:da-nang", 0)]),
    ],
}


def _whole_word_spans(text: str, written: str):
    for match in re.finditer(re.escape(written), text):
        before = text[match.start() - 1:match.start()]
        after = text[match.end():match.end() + 1]
        if (before.isalnum() and not _han(before)) or (after.isalnum() and not _han(after)):
            continue
        yield match.start(), match.end()


def _han(char: str) -> bool:
    return bool(char) and "\u3400" <= char <= "\u9fff"


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept = []
    for start, end, entity in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(s < end and start < e for s, e, _ in kept):
            kept.append((start, end, entity))
    return sorted(kept)


def seed_gold() -> list[dict]:
    rows = []
    for name, written_forms in SEED_ANNOTATIONS.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        spans = [(s, e, entity) for written, entity in written_forms for s, e in _whole_word_spans(text, written)]
        for start, end, entity in _outermost(spans):
            rows.append({"file": name, "start": start, "end": end, "text": text[start:end], "entity": entity})
    return rows


def composed_gold(lang: str) -> list[dict]:
    documents = []
    for doc_id, text, written_forms in COMPOSED[lang]:
        mentions = []
        for written, label, occurrence in written_forms:
            spans = list(_whole_word_spans(text, written)) if not _han(written[:1]) else [
                (m.start(), m.end()) for m in re.finditer(re.escape(written), text)
            ]
            if occurrence >= len(spans):
                raise SystemExit(f"{doc_id}: {written!r} occurs {len(spans)} times, not {occurrence + 1}")
            start, end = spans[occurrence]
            nil = label.startswith("NIL:")
            mentions.append({"start": start, "end": end, "text": written, "entity": None if nil else label,
                             "cluster": label if nil else label})
        mentions.sort(key=lambda m: m["start"])
        documents.append({"id": doc_id, "lang": doc_id.split("-")[0], "text": text, "mentions": mentions})
    return documents


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def main() -> None:
    _write(HERE / "seeds-gold.jsonl", seed_gold())
    for lang in COMPOSED:
        _write(HERE / f"linking-gold-{lang}.jsonl", composed_gold(lang))


if __name__ == "__main__":
    main()
