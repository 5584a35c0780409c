"""Text as Unicode: what a character is, characters repaired, spelling normalised, and the keys.

``script`` says what a character or text is (Han, marked Vietnamese), ``characters`` repairs the
character layer (NFC, look-alikes, invisible characters), ``normalisation`` runs the repairs and
tone placement together (``toolkit.normalise``), ``folding`` makes the fold key
(``toolkit.fold``) and its offset map, ``keys`` names every key built on it for its use (search,
scan, link, name keys); ``wordcache`` is the per-word memo they share.
"""
