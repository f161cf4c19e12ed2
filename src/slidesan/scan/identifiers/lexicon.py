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

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("en", "fr", "de", "es", "it")
COMMON = 100            # occurrences in a list's corpus at which a word counts as ordinary


def fold(word: str) -> str:
    if word.isascii():                      # nothing to strip: most words, and the load's hot path
        return word.lower()
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """folded word -> highest count over the languages (empty when the lists cannot be loaded:
    then nothing is ordinary by this lexicon, which can only make the detectors stricter).

    The lists are read straight from the package's data files (about a second for all five);
    building a SpellChecker for each would take several."""
    import gzip
    from importlib import resources

    merged: dict[str, int] = {}
    for language in LANGUAGES:
        try:
            raw = resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes()
            words = _common_words(gzip.decompress(raw))
        except (ImportError, FileNotFoundError, OSError, ValueError):
            continue
        for word, count in words:
            key = fold(word)
            if count > merged.get(key, 0):
                merged[key] = count
    return merged


# One `"word": count` pair of the lists' JSON object, the count of three digits or more (COMMON is
# 100; JSON numbers have no leading zeros). The lists are flat objects of plain strings, one pair a
# line: a pattern picks the common words out in a third of the time a JSON parse of all of them
# takes (a half-second per process that reads a DICOM header or a slide).
_COMMON_PAIR = re.compile(rb'^"([^"\\\n]*)"\s*:\s*([1-9][0-9]{2,}),?\s*$', re.MULTILINE)


def _common_words(text: bytes) -> list[tuple[str, int]]:
    """(word, count) for the words of one list counted at least COMMON times. A list that is not
    the plain form (an escaped character, several pairs on a line) is parsed as JSON instead."""
    import json

    if b"\\" in text or text.count(b"\n") < text.count(b'":'):
        return [(word, count) for word, count in json.loads(text).items()
                if isinstance(count, int) and count >= COMMON]
    return [(word.decode("utf-8"), int(count)) for word, count in _COMMON_PAIR.findall(_lines_of_common_words(text))]


def _lines_of_common_words(text: bytes) -> bytes:
    """The lines whose count (at the line's end, before an optional comma) has three digits or more:
    a sixth of a list's lines, picked without looking at the others in Python. A line kept wrongly
    is only matched against the pattern once more; a line left out has a count below COMMON."""
    import numpy as np

    data = np.frombuffer(text, np.uint8)
    newlines = np.flatnonzero(data == 10)
    if len(newlines) < 2 or newlines[0] < 3:
        return text
    end = newlines - (data[newlines - 1] == ord(","))
    digit = (data >= ord("0")) & (data <= ord("9"))
    common = digit[end - 1] & digit[end - 2] & digit[end - 3]
    starts = np.concatenate(([0], newlines[:-1] + 1))
    return b"\n".join(text[start:stop] for start, stop in zip(starts[common].tolist(), newlines[common].tolist()))


def frequency(word: str) -> int:
    return _frequencies().get(fold(word), 0)


def is_ordinary(word: str) -> bool:
    return frequency(word) >= COMMON


def available() -> bool:
    return bool(_frequencies())
