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


def fold_lines(text: str) -> str:
    """`fold` of every line of `text` at once (the same as line by line: neither lower-casing nor
    NFKD looks across a newline), for the 130,000 words of the lists."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    marks = "".join(ch for ch in set(text) if unicodedata.combining(ch))
    return re.sub(f"[{re.escape(marks)}]", "", text) if marks else text


@lru_cache(maxsize=1)
def _ordinary() -> frozenset[str]:
    """The folded words counted at least COMMON times in any of the languages (empty when the lists
    cannot be loaded: then nothing is ordinary by this lexicon, which can only make the detectors
    stricter).

    The lists are read straight from the package's data files; building a SpellChecker for each
    would take several seconds. Only membership is ever asked, so no counts are kept."""
    import gzip
    from importlib import resources

    words: set[str] = set()
    for language in LANGUAGES:
        try:
            raw = resources.files("spellchecker.resources").joinpath(f"{language}.json.gz").read_bytes()
            words.update(fold_lines("\n".join(_common_words(gzip.decompress(raw)))).split("\n"))
        except (ImportError, FileNotFoundError, OSError, ValueError):
            continue
    return frozenset(words)


# One `"word": count` pair of the lists' JSON object, the count of three digits or more (COMMON is
# 100; JSON numbers have no leading zeros). The lists are flat objects of plain strings, one pair a
# line: a pattern picks the common words out of the lines whose count has three digits (a sixth of
# them, found with numpy) in a fraction of the time a JSON parse of all of them takes.
_COMMON_PAIR = re.compile(rb'^"([^"\\\n]*)"\s*:\s*[1-9][0-9]{2,},?\s*$', re.MULTILINE)


def _common_words(text: bytes) -> list[str]:
    """The words of one list counted at least COMMON times. A list that is not the plain form (an
    escaped character, several pairs on a line, white space at a line's end) is parsed as JSON."""
    import json

    lines = None if b"\\" in text or text.count(b"\n") < text.count(b'":') else _lines_of_common_words(text)
    if lines is None:
        return [word for word, count in json.loads(text).items() if isinstance(count, int) and count >= COMMON]
    words = b"\n".join(_COMMON_PAIR.findall(lines)).decode("utf-8")     # words hold no newline
    return words.split("\n") if words else []


def _lines_of_common_words(text: bytes) -> bytes | None:
    """The lines whose count (at the line's end, before an optional comma) has three digits or more,
    each with a newline after it, picked without looking at the others in Python; None when some line ends in white space (the
    pattern allows it there, the pick by position does not: the caller parses JSON instead). A line
    kept wrongly is only matched against the pattern once more; a line left out has no count of
    COMMON or more."""
    import numpy as np

    data = np.frombuffer(b"\n\n\n" + text + b"\n", np.uint8)   # every line has three bytes before it
    newlines = np.flatnonzero(data == 10)[3:]                 # the text's lines, the last one included
    before = data[newlines - 1]
    if np.isin(before, np.frombuffer(b" \t\r\x0b\x0c", np.uint8)).any():
        return None
    end = newlines - (before == ord(","))
    digit = (data >= ord("0")) & (data <= ord("9"))
    common = digit[end - 1] & digit[end - 2] & digit[end - 3]
    lengths = np.diff(newlines, prepend=2)                   # each line with its newline
    return data[3:][np.repeat(common, lengths)].tobytes()


def is_ordinary(word: str) -> bool:
    return fold(word) in _ordinary()


def available() -> bool:
    return bool(_ordinary())
