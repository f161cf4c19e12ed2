"""Words read cleanly in a picture that no dictionary, word list or overlay vocabulary knows, shaped
like a name: they are not harmless, they go to review.

Why: the detectors recognise names by structure (`SURNAME^GIVEN`, a title, a label) and by word
lists; a name of a culture the lists do not hold (`Tiihonen Eeva-Liisa`, `Ioannis Papadopoulos`),
written lower-case (`eleanor thorne`) or alone in a corner has none of that, and used to end as
"other text", counted harmless. A line can only be harmless when every word in it is accounted for,
so a run of unknown words that could be a person's name makes the picture needs-review; the
lecturer looks once. Words that cannot be a name are left as other text: OCR noise without vowels
(`Hrvw`), mixed-case garbage (`tHe`), words glued to digits, short capitals (`CPU`, `IHEP`: acronyms),
words that are frequent in the languages' lexicons (`Updated`, `Restart`: interface words the
project's small lists do not hold; a known given name or surname is never dropped so), and
anything on a line read from texture or unsure (those lines have their own account).
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers import lexicon
from slidesan.scan.identifiers.match import REVIEW, Match
from slidesan.scan.identifiers.word_knowledge import is_given_name, is_surname_like

CATEGORY = "name"
CONFIDENCE = 0.5
FREQUENT = 1000     # lexicon count from which a word is an interface word here (`Santos` 345, `Restart` 2652)
REASON = "words no dictionary knows (a name?)"
# A name-shaped word: letters with an inner hyphen or apostrophe (O'Neill, Eeva-Liisa), capitalised,
# in capitals, or (on an all lower-case line) lower-case; Latin script with its accents.
_LETTERS = "A-Za-z\u00C0-\u024F"
_TITLE = re.compile(rf"^[A-Z\u00C0-\u00DE][a-z\u00DF-\u024F]+(?:['\u2019\-][A-Z\u00C0-\u00DE]?[a-z\u00DF-\u024F]+)*$")
_CAPS = re.compile(r"^[A-Z\u00C0-\u00DE]{2,}(?:['\u2019\-][A-Z\u00C0-\u00DE]+)*$")
_MIXED = re.compile(r"^(?:Mc|Mac|O'|D'|De|Di|La|Le|Van|Von)[A-Z][a-z]+$")     # McAllister, DeVries
_LOWER = re.compile(rf"^[a-z\u00DF-\u024F]+(?:['\u2019\-][a-z\u00DF-\u024F]+)*$")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿāăąēĕėęěīĭįıōŏőœūŭůűų")
_WORDS = re.compile(rf"[^\s,;:()\[\]]+")


def name_shaped(word: str, all_lower_line: bool, vocabulary=None) -> bool:
    word = word.strip(".'\u2019-")
    if word[:1] in ("l", "|", "1") and word[1:2].islower():
        word = "I" + word[1:]       # OCR reads a capital I as l: `loannis`
    letters = [c for c in word if c.isalpha()]
    if len(letters) < 3 or not any(c.lower() in _VOWELS for c in letters):
        return False
    if not (_TITLE.match(word) or _CAPS.match(word) or _MIXED.match(word) or (all_lower_line and _LOWER.match(word))):
        return False
    if vocabulary is not None and (is_given_name(word, vocabulary) or is_surname_like(word, vocabulary)):
        return True
    if word.isupper() and len(word) <= 4:
        return False            # an acronym
    return lexicon.frequency(word) < FREQUENT


def review_unknown(line, matches: list[Match], vocabulary=None) -> list[Match]:
    """`matches` with each name-shaped run of other text turned into a review name match."""
    if not getattr(line, "reliable", True) or getattr(line, "texture", False):
        return matches
    words = _WORDS.findall(line.text)
    all_lower = bool(words) and all(w.islower() for w in words if any(c.isalpha() for c in w))
    out = []
    for m in matches:
        if m.category == "other-text" and _could_be_a_name(m.text, all_lower, vocabulary):
            m = Match(CATEGORY, REVIEW, m.start, m.end, m.text, CONFIDENCE, "unknown")
        out.append(m)
    return out


def _could_be_a_name(text: str, all_lower_line: bool, vocabulary) -> bool:
    words = _WORDS.findall(text)
    return bool(words) and len(words) <= 5 and all(name_shaped(w, all_lower_line, vocabulary) for w in words)
