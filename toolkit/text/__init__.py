"""Text as Unicode: characters repaired, Vietnamese spelling normalised, and the fold key.

``characters`` repairs the character layer (NFC, look-alikes, invisible characters),
``normalisation`` runs the repairs and tone placement together (``toolkit.normalise``),
``folding`` makes the search key (``toolkit.fold``) and its offset map; ``wordcache`` is the
per-word memo they share.
"""
