"""Words in a script the detectors cannot judge go to review: they are not known to be harmless.

Every detector here reads Latin-script identifiers (names by structure and word lists, dates by
month names, labels by their words). A name in Cyrillic (`Иван Петров`), Greek, Arabic, Hebrew,
Chinese, Japanese, Korean, Devanagari or Thai passes all of them, so text in those scripts is
reported for review with the script named, rather than counted as harmless. A single Greek letter
(`α-fetoprotein`, `β-hCG`, `μSv`) or two (`αβ`) is a scientific symbol, not a word; a Greek run
needs three letters.
"""

from __future__ import annotations

import re
import unicodedata

from slidesan.scan.identifiers.match import REVIEW, Match
from slidesan.scan.identifiers.text_view import TextView

CATEGORY = "other-script"
CONFIDENCE = 0.5
_NON_LATIN = ("\u0370-\u03ff\u1f00-\u1fff"        # Greek
              "\u0400-\u052f"                      # Cyrillic
              "\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # Hebrew, Arabic
              "\u0900-\u0dff\u0e00-\u0e7f"         # Indic scripts, Thai
              "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"   # Hangul
              "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff")   # kana, CJK ideographs
_RUN = re.compile(rf"[{_NON_LATIN}](?:[{_NON_LATIN}\u00b7\u30fb\u0640'\-^ =]*[{_NON_LATIN}])?")


def detect(view: TextView) -> list[Match]:
    text = view.text
    if text.isascii():
        return []
    found = []
    for m in _RUN.finditer(text):
        letters = [c for c in m.group(0) if c.isalpha()]
        if len(letters) < 2 or (_script(letters[0]) == "GREEK" and len(letters) < 3):
            continue
        found.append(Match(CATEGORY, REVIEW, m.start(), m.end(), m.group(0), CONFIDENCE))
    return found


def script_of(text: str) -> str:
    """The script's name for the report (`Cyrillic`), from the first letter's Unicode name."""
    for ch in text:
        if ch.isalpha():
            return _script(ch).title()
    return "non-Latin"


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    head = name.split(" ")[0]
    return {"CJK": "CHINESE", "HIRAGANA": "JAPANESE", "KATAKANA": "JAPANESE"}.get(head, head)
