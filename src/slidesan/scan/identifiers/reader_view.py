"""Stored text turned into the text a reader sees, so that no spelling trick hides an identifier.

- Bidirectional overrides: `\u202Ehtims nairda\u202C` is stored backwards and shown forwards
  (`adrian smith`); the span between a right-to-left override (U+202E) and its pop (U+202C, or the
  line's end) is reversed.
- Look-alike letters: a word mixing Latin letters with Cyrillic or Greek ones that look the same
  (`Mаrgаret` with Cyrillic a) is shown as the Latin word; those letters are folded to Latin. Words
  written wholly in Cyrillic or Greek are left as they are (identifiers/scripts.py reports them).
Both keep the text's length, so offsets still point into the text the detectors were given.
`seen_text` also folds compatibility forms (NFKC) and drops invisible characters (zero-width
spaces and joiners, soft hyphens, direction marks): `Kaha\u200bnanui` is read as `Kahananui`.
It changes the length, so its result is what gets cleaned and written, not an index into the input.
"""

from __future__ import annotations

import re
import unicodedata

INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
                                   "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c"
                                   "\u206d\u206e\u206f\u3164\ufeff\uffa0"), None)
RLO, PDF = "\u202e", "\u202c"
_OVERRIDE = re.compile("\u202e([^\u202c\n]*)(?:\u202c|(?=\n)|$)")
# Cyrillic and Greek letters drawn like Latin ones in common fonts.
_LOOK_ALIKE = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501\u0410\u0412\u0415\u041a\u041c\u041d"
    "\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u04ae\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d"
    "\u039f\u03a1\u03a4\u03a5\u03a7\u03bf\u03b9",
    "aeopcyxijshdABEKMHOPCTXIJSYABEZHIKMNOPTYXoi")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_FOLDABLE = set(chr(c) for c in _LOOK_ALIKE)


def reader_view(text: str) -> str:
    if text.isascii():
        return text
    if RLO in text:
        text = _OVERRIDE.sub(lambda m: RLO + m.group(1)[::-1] + PDF if m.group(0).endswith(PDF)
                             else RLO + m.group(1)[::-1], text)
    if any(ch in _FOLDABLE for ch in text):
        text = _LETTER_RUN.sub(_fold_mixed, text)
    return text


def seen_text(text: str) -> str:
    """What a reader sees: compatibility forms folded, overrides turned round, look-alike letters
    folded, invisible characters dropped."""
    if text.isascii():
        return text
    return reader_view(unicodedata.normalize("NFKC", text)).translate(INVISIBLE)


def _fold_mixed(m: re.Match) -> str:
    word = m.group(0)
    if any(ch in _FOLDABLE for ch in word) and any("a" <= ch.lower() <= "z" for ch in word):
        return word.translate(_LOOK_ALIKE)
    return word
