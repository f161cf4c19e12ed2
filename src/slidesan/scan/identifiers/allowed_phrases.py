"""Phrases the user says are not a patient's: the presenter's own name and hospital, and multi-word
`[allow] words` entries ("Royal Infirmary of Exampleshire").

A title slide names the lecturer and their hospital; flagging them as a patient's name and an
institution makes every talk "identifiable" and teaches people to ignore the report. Detectors
judge word by word, so a phrase cannot be an allow-list word; it is applied to what they found
instead: a name, clinician or institution match is dropped when every word of it (titles such as
"Dr" aside) is a word of ONE allowed phrase. "Dr Sarah Lecturer", "S Lecturer", "Lecturer" and
"Royal Infirmary of Exampleshire" pass for the phrase "Dr Sarah Lecturer, Royal Infirmary of
Exampleshire"; "Sarah Jones" and "Royal Infirmary of Elsewhere" do not. Numbers, dates and other
kinds are never allowed by a phrase.
"""

from __future__ import annotations

import re

from slidesan.scan.identifiers.match import Match

PHRASE_CATEGORIES = frozenset({"name", "clinician", "institution"})
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev"})
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def phrase_words(phrase: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(phrase)) - TITLES


def split_entries(text: str) -> tuple[str, ...]:
    """'Dr Sarah Lecturer, Royal Infirmary of Exampleshire' -> the two entries (commas or semicolons)."""
    return tuple(" ".join(p.split()) for p in re.split(r"[,;\n]", text or "") if p.strip())


def allowed_by_phrase(match: Match, phrases: tuple[frozenset[str], ...]) -> bool:
    if not phrases or match.category not in PHRASE_CATEGORIES:
        return False
    words = phrase_words(match.text)
    if not words:
        return False
    return any(all(_in_phrase(w, phrase) for w in words) for phrase in phrases)


def _in_phrase(word: str, phrase: frozenset[str]) -> bool:
    """A word of the phrase, or the initial of one ("S Lecturer")."""
    return word in phrase or (len(word) == 1 and any(p.startswith(word) for p in phrase))


def drop_allowed(found: list[Match], phrases: tuple[frozenset[str], ...]) -> list[Match]:
    return [m for m in found if not allowed_by_phrase(m, phrases)] if phrases else found
