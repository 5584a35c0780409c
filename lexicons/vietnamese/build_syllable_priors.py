"""Build syllable_priors.tsv: how often each Vietnamese syllable, and each pair of adjacent
syllables, occurs in the entries of underthesea's Viet74K word list, folded to toneless
ASCII lower case (``Hà Nội`` counts for ``ha`` , ``noi`` and ``ha noi``).

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
from toolkit.vietnamese.underthesea_data import VIET74K, underthesea_file, underthesea_licence, underthesea_version

OUTPUT = Path(__file__).resolve().parent / "syllable_priors.tsv"


def fold(syllable: str) -> str:
    return "".join(ascii_letter(letter) for letter in syllable).lower()


def count(lines: list[str]) -> tuple[Counter, Counter]:
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    folded_pieces: dict[str, str | None] = {}  # piece -> folded syllable, None if not a syllable
    for line in lines:
        previous = None
        for piece in unicodedata.normalize("NFC", line).replace("-", " ").split():
            if piece not in folded_pieces:
                folded_pieces[piece] = fold(piece) if parse_syllable(piece) is not None else None
            folded = folded_pieces[piece]
            if folded is None:
                previous = None
                continue
            unigrams[folded] += 1
            if previous is not None:
                bigrams[f"{previous} {folded}"] += 1
            previous = folded
    return unigrams, bigrams


def render() -> str:
    """The whole TSV, header included, from the installed underthesea."""
    source = underthesea_file(*VIET74K)
    lines = source.read_text(encoding="utf-8").splitlines()
    unigrams, bigrams = count(lines)
    header = [
        "# Vietnamese syllable and adjacent-syllable-pair counts, folded to toneless ASCII lower case.",
        f"# source: PyPI underthesea {underthesea_version()}, file underthesea/{'/'.join(VIET74K)} ({len(lines)} entries)",
        f"# licence of the source package: {underthesea_licence()} (from its dist-info metadata); this file holds counts only",
        "# made by lexicons/vietnamese/build_syllable_priors.py; pieces that are not well-formed Vietnamese syllables are left out",
        "kind\tsyllables\tcount",
    ]
    rows = [f"unigram\t{gram}\t{n}" for gram, n in sorted(unigrams.items())]
    rows += [f"bigram\t{gram}\t{n}" for gram, n in sorted(bigrams.items())]
    return "\n".join(header + rows) + "\n"


def main() -> None:
    table = render()
    OUTPUT.write_text(table, encoding="utf-8")
    kinds = [line.split("\t", 1)[0] for line in table.splitlines()]
    print(f"wrote {OUTPUT}: {kinds.count('unigram')} syllables, {kinds.count('bigram')} pairs")


if __name__ == "__main__":
    main()
