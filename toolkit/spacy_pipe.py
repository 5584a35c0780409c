"""The linker as a spaCy pipeline component: ``nlp.add_pipe("sinoviet")``.

The package registers the factory through the ``spacy_factories`` entry point, so a pipeline
finds it without importing toolkit first, and one saved with it loads again. The component
links ``doc.text`` as ``sinoviet link`` does (the document's own context settles homographs,
short forms and unknown names' clusters, which an EntityRuler cannot) and sets ``doc.ents``:
each mention becomes a span over the tokens it covers (``alignment_mode="expand"``), labelled
PERSON, GPE (a place), ORG or MISC, with ``ent.kb_id_`` the entity id, or the cluster key
(``nil:…``) of a name the lexicon lacks. ``ent._.sinoviet_entity``, ``_.sinoviet_cluster``,
``_.sinoviet_score`` and ``_.sinoviet_candidates`` carry the rest. Entities already on the doc
are kept where they do not overlap a mention (``overwrite=True``: the mentions alone).

Config: ``lang`` (vi, en, zh or None: detected), ``unknown`` (propose unknown names),
``lexicon`` (a list of lexicon files of yours, loaded after the built-in ones), ``overwrite``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

LABELS = {"person": "PERSON", "place": "GPE", "org": "ORG", "other": "MISC"}
_EXTENSIONS = ("sinoviet_entity", "sinoviet_cluster", "sinoviet_score", "sinoviet_candidates")

for _extension in _EXTENSIONS:
    if not Span.has_extension(_extension):
        Span.set_extension(_extension, default=None)


class SinovietLinker:
    """The pipeline component: links a doc's text and sets its entities."""

    def __init__(self, lang: str | None = None, unknown: bool = True, lexicon: list[str] | None = None,
                 overwrite: bool = False) -> None:
        from toolkit.corpus.batch import MentionFinder
        from toolkit.lexicon.lexicon import builtin_paths

        files = tuple(str(p) for p in (*builtin_paths(), *lexicon)) if lexicon else ()
        self.finder = MentionFinder(files, lang, unknown)
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.finder.mentions(doc.text)
        _split_at(doc, {edge for m in mentions for edge in (m.start, m.end)})
        spans = []
        found = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=LABELS[mention.type],
                                 kb_id=mention.entity or mention.cluster, alignment_mode="expand")
            if span is not None:
                spans.append(span)
                found.append((span, mention))
        kept = filter_spans(spans if self.overwrite else spans + list(doc.ents))
        doc.ents = kept
        chosen = {(span.start, span.end, span.label_) for span in kept}
        for span, mention in found:
            if (span.start, span.end, span.label_) in chosen:
                # a span's extensions are kept by its offsets, label and id: the entity's own
                span._.sinoviet_entity = mention.entity
                span._.sinoviet_cluster = mention.cluster
                span._.sinoviet_score = mention.score
                span._.sinoviet_candidates = list(mention.candidates)
        return doc


def _split_at(doc: Doc, edges: set[int]) -> None:
    """Split the tokens a mention's edge falls inside ("Nội." of a whitespace tokenizer), so each
    mention covers whole tokens and its span is exactly the linker's."""
    cuts = []
    for token in doc:
        inner = sorted(edge - token.idx for edge in edges if token.idx < edge < token.idx + len(token.text))
        if inner:
            cuts.append((token, inner))
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for token, inner in cuts:
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.factory(
    "sinoviet",
    default_config={"lang": None, "unknown": True, "lexicon": None, "overwrite": False},
)
def create_component(nlp: Language, name: str, lang: str | None, unknown: bool, lexicon: list[str] | None,
                     overwrite: bool) -> SinovietLinker:
    """The factory ``nlp.add_pipe("sinoviet", config={...})`` calls."""
    return SinovietLinker(lang, unknown, lexicon, overwrite)


__all__ = ["LABELS", "SinovietLinker", "create_component"]
