"""Linking throughput, alias-index build time and memory, against flashtext on the same aliases.

    .venv/bin/pip install flashtext      # the comparison only; not a dependency of the project
    .venv/bin/python bench/bench_linking.py [--quick] [--chinese]

Corpora: the VLSP 2013 test text (Vietnamese, ``bench/vlsp.py``) cut into ~5 KB documents, and
English news (the four seed articles, repeated) one article per document; Chinese news (the real
paragraphs of ``tests/data/realtext/zh-*.jsonl``, each in both scripts; ``--chinese`` runs that part alone). Lexicons: the built-in
one, and synthetic lexicons of 1 000 and 100 000 aliases (made-up names of two to four
Vietnamese syllables drawn from the VLSP text, seeded, so every run builds the same ones).

``link(text, unknown=False)`` is the linker proper (scan, written-form checks, homographs, short
forms); proposing unknown names is timed separately: the default proposer (capitalised runs in
Vietnamese and English) on both corpora, underthesea's NER (``ner=True``) on part of the
Vietnamese text, with how far the two proposers agree there. flashtext gets the same written aliases (case-insensitive, its default); it does not fold
marks, so it finds fewer mentions: the comparison is of speed on the same text and alias list.
Times are CPU seconds of this process (``time.process_time``), best of several runs, so that
other work on the machine disturbs the figures less; throughput is UTF-8 megabytes per second.
"""

from __future__ import annotations

import gc
import glob
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from vlsp import vlsp_lines  # noqa: E402

from toolkit.lexicon import Entity, Lexicon, Name  # noqa: E402
from toolkit.linking import link  # noqa: E402
from toolkit.linking.automaton import AliasIndex  # noqa: E402
from toolkit.linking.scan import layout_of  # noqa: E402

DOCUMENT_CHARS = 5000


def vietnamese_documents() -> list[str]:
    documents, current, size = [], [], 0
    for line in vlsp_lines():
        current.append(line)
        size += len(line) + 1
        if size >= DOCUMENT_CHARS:
            documents.append("\n".join(current))
            current, size = [], 0
    if current:
        documents.append("\n".join(current))
    return documents


def english_documents(repeat: int) -> list[str]:
    articles = [Path(p).read_text(encoding="utf-8") for p in sorted(glob.glob(str(REPO / "seeds" / "*.txt")))]
    return articles * repeat


def megabytes(documents: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in documents) / 1e6


def synthetic_lexicon(size: int, syllables: list[str], seed: int = 7) -> Lexicon:
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < size:
        names.add(" ".join(rng.choice(syllables).capitalize() for _ in range(rng.randint(2, 4))))
    entities = [
        Entity(id=f"org:synthetic:{i}", type="org", names=(Name(name, "vi"),), sources=("synthetic",))
        for i, name in enumerate(sorted(names))
    ]
    return Lexicon(entities)


def rss_bytes() -> int:
    with open(f"/proc/{os.getpid()}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def best_cpu(function, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def build_index(lexicon: Lexicon) -> tuple[AliasIndex, float, int, int]:
    """The index, its build time (CPU s), the process's RSS growth and the automaton's own size."""
    gc.collect()
    before = rss_bytes()
    start = time.process_time()
    index = AliasIndex(lexicon)
    seconds = time.process_time() - start
    size = index.automaton.get_stats()["total_size"]
    if len(index.han_automaton):
        size += index.han_automaton.get_stats()["total_size"]
    return index, seconds, rss_bytes() - before, size


def scan_only(document: str, index: AliasIndex) -> int:
    """The automata's raw hits over the document's scan string (nothing mapped back or checked)."""
    hay = layout_of(document).hay
    return sum(1 for automaton in index.automata(document) for _ in automaton.iter(hay))


def flashtext_processor(lexicon: Lexicon):
    from flashtext import KeywordProcessor

    processor = KeywordProcessor()
    for entity in lexicon:
        for name in entity.names:
            processor.add_keyword(name.text, entity.id)
    return processor


def chinese_documents() -> dict[str, list[str]]:
    """The real Chinese paragraphs of tests/data/realtext/ (news pages, half of them written in
    traditional characters), each set written in both scripts (OpenCC), so the two corpora hold
    the same text: "simplified" and "traditional" differ only in the characters."""
    import json

    import opencc

    paragraphs = []
    for name in ("zh-hans", "zh-hant"):
        path = REPO / "tests" / "data" / "realtext" / f"{name}.jsonl"
        paragraphs += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    to_simplified, to_traditional = opencc.OpenCC("t2s"), opencc.OpenCC("s2t")
    return {"zh simplified": [to_simplified.convert(p) for p in paragraphs],
            "zh traditional": [to_traditional.convert(p) for p in paragraphs]}


def synthetic_chinese_lexicon(size: int, documents: list[str], seed: int = 7) -> Lexicon:
    """Made-up Chinese names of two to four characters drawn from the corpus's own characters."""
    from toolkit.text.script import is_han_char

    characters = sorted({c for d in documents for c in d if is_han_char(c)})
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < size:
        names.add("".join(rng.choice(characters) for _ in range(rng.randint(2, 4))))
    entities = [
        Entity(id=f"org:synthetic-zh:{i}", type="org", names=(Name(name, "zh"),), sources=("synthetic",))
        for i, name in enumerate(sorted(names))
    ]
    return Lexicon(entities)


def chinese_section(runs: int) -> None:
    """Chinese linking in MB/s, the same real text in each script, with the built-in lexicon and
    a 100k-name Chinese one (jieba learns a lexicon's names once, at its first Chinese text)."""
    corpora = chinese_documents()
    lexicons = {"built-in": Lexicon.builtin(),
                "synthetic 100k zh": synthetic_chinese_lexicon(100_000, corpora["zh simplified"])}
    print("Chinese: real news paragraphs (tests/data/realtext/zh-*.jsonl), the same text in each script")
    print(f"{'corpus':16} {'lexicon':18} {'first doc s':>11} {'link MB/s':>10} {'+unknown MB/s':>14} {'mentions':>9}")
    for name, lexicon in lexicons.items():
        index = AliasIndex(lexicon)
        for corpus, documents in corpora.items():
            start = time.process_time()
            link(documents[0], lexicon=index)  # teaches jieba this lexicon on the first corpus
            first = time.process_time() - start
            size = megabytes(documents)
            known = best_cpu(lambda: [link(d, unknown=False, lexicon=index) for d in documents], runs)
            everything = best_cpu(lambda: [link(d, lexicon=index) for d in documents], runs)
            mentions = sum(len(link(d, lexicon=index)) for d in documents)
            print(f"{corpus:16} {name:18} {first:11.2f} {size / known:10.3f} {size / everything:14.3f} {mentions:9}")


def main() -> None:
    quick = "--quick" in sys.argv
    if "--chinese" in sys.argv:
        chinese_section(3 if quick else 7)
        return
    runs = 3 if quick else 7
    try:
        import flashtext  # noqa: F401
    except ImportError:
        raise SystemExit("flashtext is the comparison: .venv/bin/pip install flashtext")
    corpora = {"vi (VLSP)": vietnamese_documents(), "en (seeds)": english_documents(5 if quick else 20)}
    syllables = sorted({w for d in corpora["vi (VLSP)"] for w in d.lower().split() if w.isalpha()})
    lexicons = {"built-in": Lexicon.builtin()}
    lexicons["synthetic 1k"] = synthetic_lexicon(1_000, syllables)
    lexicons["synthetic 100k"] = synthetic_lexicon(100_000, syllables)

    print("corpora: " + ", ".join(f"{n} {megabytes(d):.2f} MB in {len(d)} documents" for n, d in corpora.items()))
    print()
    print("build: CPU seconds (the built-in lexicon's first build also reads the Chinese reading tables);")
    print("memory: growth of the process's RSS while building, and the automata's own size (pyahocorasick)")
    print(f"{'lexicon':16} {'aliases':>8} {'keys':>8} {'patterns':>9} {'build s':>8} {'RSS MB':>7} {'automaton MB':>12}")
    indexes = {}
    for name, lexicon in lexicons.items():
        index, seconds, rss, automaton = build_index(lexicon)
        indexes[name] = index
        aliases = sum(len(e.names) for e in lexicon)
        print(f"{name:16} {aliases:8} {len(index.table):8} {index.patterns:9} {seconds:8.2f} {rss / 1e6:7.1f} "
              f"{automaton / 1e6:12.1f}")
    seconds = best_cpu(lambda: AliasIndex(lexicons["built-in"]), 1)
    print(f"built-in rebuilt with the reading tables loaded: {seconds:.2f} s")
    print()
    print("link: link(text, unknown=False); scan only: the scan string made and the automata run over it,")
    print("what any linker on this design pays before it looks at a single hit")
    print(f"{'corpus':12} {'lexicon':16} {'link MB/s':>10} {'flashtext MB/s':>15} {'ratio':>6} {'scan only MB/s':>15} "
          f"{'mentions':>9} {'flashtext':>10}")
    for corpus, documents in corpora.items():
        size = megabytes(documents)
        for name, index in indexes.items():
            for document in documents[:3]:
                link(document, unknown=False, lexicon=index)  # warm the memos
            mentions = sum(len(link(d, unknown=False, lexicon=index)) for d in documents)
            processor = flashtext_processor(index.lexicon)
            found = sum(len(processor.extract_keywords(d, span_info=True)) for d in documents)
            # the two are timed in turn, run after run, so that a busy spell on the machine
            # weighs on both alike
            link_seconds = flash_seconds = scan_seconds = float("inf")
            for _ in range(runs):
                link_seconds = min(link_seconds, best_cpu(lambda: [link(d, unknown=False, lexicon=index) for d in documents], 1))
                flash_seconds = min(flash_seconds, best_cpu(lambda: [processor.extract_keywords(d, span_info=True) for d in documents], 1))
                scan_seconds = min(scan_seconds, best_cpu(lambda: [scan_only(d, index) for d in documents], 1))
            print(f"{corpus:12} {name:16} {size / link_seconds:10.2f} {size / flash_seconds:15.2f} "
                  f"{flash_seconds / link_seconds:6.2f} {size / scan_seconds:15.2f} {mentions:9} {found:10}")
    print()
    sizes = ("synthetic 1k", "synthetic 100k")
    for corpus, documents in corpora.items():
        # timed in turn, like link and flashtext above; and the automaton alone over the same scan
        # strings: how the scan itself scales with the alias count, apart from the extra mentions
        # a larger lexicon finds (and links)
        hays = [layout_of(d).hay for d in documents]
        link_seconds = dict.fromkeys(sizes, float("inf"))
        scan_seconds = dict.fromkeys(sizes, float("inf"))
        for _ in range(runs):
            for name in sizes:
                index = indexes[name]
                link_seconds[name] = min(link_seconds[name], best_cpu(lambda: [link(d, unknown=False, lexicon=index) for d in documents], 1))
                scan_seconds[name] = min(scan_seconds[name], best_cpu(lambda: [sum(1 for _ in index.automaton.iter(h)) for h in hays], 1))
        slower = 1 - link_seconds["synthetic 1k"] / link_seconds["synthetic 100k"]  # in MB/s, as the goal is put
        scan_slower = scan_seconds["synthetic 100k"] / scan_seconds["synthetic 1k"] - 1
        print(f"{corpus}: 100k aliases vs 1k: {100 * slower:+.1f}% slower "
              f"(the automaton scan alone: {100 * scan_slower:+.1f}% more time)")
    print()
    index = indexes["built-in"]
    for corpus, documents in corpora.items():
        size = megabytes(documents)
        seconds = best_cpu(lambda: [link(d, lexicon=index) for d in documents], runs)
        print(f"with unknown names (default proposer), {corpus}: {size / seconds:.2f} MB/s")
    documents = corpora["vi (VLSP)"][: 10 if quick else 40]
    size = megabytes(documents)
    link(documents[0], lexicon=index, ner=True)  # loads underthesea's model
    seconds = best_cpu(lambda: [link(d, lexicon=index, ner=True) for d in documents], 1)
    print(f"with unknown names (underthesea NER, --ner), vi (VLSP): {size / seconds:.3f} MB/s on {len(documents)} documents")
    by_ner = {(i, m.start, m.end) for i, d in enumerate(documents) for m in link(d, lexicon=index, ner=True) if m.entity is None}
    by_runs = {(i, m.start, m.end) for i, d in enumerate(documents) for m in link(d, lexicon=index) if m.entity is None}
    both = len(by_ner & by_runs)
    print(f"unknown names on those documents: NER {len(by_ner)}, capitalised runs {len(by_runs)}, same span {both} "
          f"({100 * both / max(len(by_ner), 1):.0f}% of NER's, {100 * both / max(len(by_runs), 1):.0f}% of the runs')")
    print()
    chinese_section(runs)


if __name__ == "__main__":
    main()
