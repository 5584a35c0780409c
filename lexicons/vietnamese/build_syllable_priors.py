"""Build syllable_priors.tsv: how often each Vietnamese syllable, and each pair of adjacent
syllables, occurs in the entries of underthesea's Viet74K word list, folded to toneless
ASCII lower case (``Hà Nội`` counts for ``ha`` , ``noi`` and ``ha noi``), and how often each
syllable is written in each way (``hà`` and ``nội``, lower case, old-style tone placement).

    .venv/bin/python lexicons/vietnamese/build_syllable_priors.py

The splitter (toolkit.vietnamese.splitting) ranks the ways to cut a run-together form such as
``Hanoi`` with these counts. Entries are cut at spaces and hyphens; a piece that is not a
well-formed Vietnamese syllable (loanwords like ``acid``, abbreviations, punctuation) is left
out and breaks the chain of pairs there. Output is sorted, so a rerun against the same
underthesea version reproduces the file byte for byte.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

from toolkit.vietnamese.letters import ascii_letter
from toolkit.vietnamese.syllable import parse_syllable
from toolkit.vietnamese.tones import place_tones
from toolkit.vietnamese.underthesea_data import VIET74K, underthesea_file, underthesea_licence, underthesea_version

OUTPUT = Path(__file__).resolve().parent / "syllable_priors.tsv"


def fold(syllable: str) -> str:
    return "".join(ascii_letter(letter) for letter in syllable).lower()


def count(lines: list[str]) -> tuple[Counter, Counter, Counter]:
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    written: Counter = Counter()
    # piece -> (folded syllable, written form), or None when the piece is not a syllable
    seen: dict[str, tuple[str, str] | None] = {}
    for line in lines:
        previous = None
        for piece in unicodedata.normalize("NFC", line).replace("-", " ").split():
            if piece not in seen:
                is_syllable = parse_syllable(piece) is not None
                seen[piece] = (fold(piece), place_tones(piece.lower(), "old")) if is_syllable else None
            if seen[piece] is None:
                previous = None
                continue
            folded, form = seen[piece]
            unigrams[folded] += 1
            written[form] += 1
            if previous is not None:
                bigrams[f"{previous} {folded}"] += 1
            previous = folded
    return unigrams, bigrams, written


def render() -> str:
    """The whole TSV, header included, from the installed underthesea."""
    source = underthesea_file(*VIET74K)
    lines = source.read_text(encoding="utf-8").splitlines()
    unigrams, bigrams, written = count(lines)
    header = [
        "# Vietnamese syllable counts: 'unigram' and adjacent-pair 'bigram' rows folded to toneless ASCII",
        "# lower case; 'written' rows count each syllable as written (lower case, old-style tone placement).",
        f"# source: PyPI underthesea {underthesea_version()}, file underthesea/{'/'.join(VIET74K)}"
        f" ({len(lines)} entries)",
        f"# licence of the source package: {underthesea_licence()} (from its dist-info metadata);"
        " this file holds counts only",
        "# made by lexicons/vietnamese/build_syllable_priors.py;"
        " pieces that are not well-formed Vietnamese syllables are left out",
        "kind\tsyllables\tcount",
    ]
    rows = [f"bigram\t{gram}\t{n}" for gram, n in sorted(bigrams.items())]
    rows += [f"unigram\t{gram}\t{n}" for gram, n in sorted(unigrams.items())]
    rows += [f"written\t{gram}\t{n}" for gram, n in sorted(written.items())]
    return "\n".join(header + rows) + "\n"


def main() -> None:
    table = render()
    OUTPUT.write_text(table, encoding="utf-8")
    kinds = [line.split("\t", 1)[0] for line in table.splitlines()]
    print(
        f"wrote {OUTPUT}: {kinds.count('unigram')} folded syllables, {kinds.count('bigram')} pairs, "
        f"{kinds.count('written')} written forms"
    )


if __name__ == "__main__":
    main()
