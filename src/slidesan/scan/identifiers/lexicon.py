"""Ordinary words of the languages viewers and PACS are used in, with how common they are.

The project's own word lists (vocabulary.py) are small on purpose: a word they do not know may be
a surname. Screenshots of viewer software are full of interface words those lists do not hold
(`Invert`, `Fuzzy Matching`, `Unspecified`, `Schulter`), and a run of them read from a toolbar is
not a person. This lexicon holds the word-frequency lists that ship with pyspellchecker (English,
French, German, Spanish, Italian), folded to plain letters (`artérielle` and
OCR's `arterielle` are one word). It is consulted only for loose runs of capitalised words read
from pictures (picture_text/precision.py), never for structural name forms, and never for given
names or surnames the project's lists know.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LANGUAGES = ("en", "fr", "de", "es", "it")
COMMON = 100            # occurrences in a list's corpus at which a word counts as ordinary


def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """folded word -> highest count over the languages (empty when the lists cannot be loaded:
    then nothing is ordinary by this lexicon, which can only make the detectors stricter).

    The lists are read straight from the package's data files (about a second for all five);
    building a SpellChecker for each would take several."""
    import gzip
    import json
    from importlib import resources

    merged: dict[str, int] = {}
    for language in LANGUAGES:
        try:
            raw = resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes()
            words = json.loads(gzip.decompress(raw))
        except (ImportError, FileNotFoundError, OSError, ValueError):
            continue
        for word, count in words.items():
            if count >= COMMON:
                key = fold(word)
                if count > merged.get(key, 0):
                    merged[key] = count
    return merged


def frequency(word: str) -> int:
    return _frequencies().get(fold(word), 0)


def is_ordinary(word: str) -> bool:
    return frequency(word) >= COMMON


def available() -> bool:
    return bool(_frequencies())
