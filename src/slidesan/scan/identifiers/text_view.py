"""What every detector looks at: the original text, an OCR-normalised copy of the same length,
the vocabulary and the source kind.

The normalised copy fixes the confusions Tesseract makes in digit groups (O/0, I/l/1, B/8, S/5)
so that "0B.09.2012" parses as a date. It never changes the length, so offsets found in `norm`
are offsets into `text`, and Match.text is always sliced from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from slidesan.scan.identifiers.match import HIGH, INFO, Match
from slidesan.scan.identifiers.overlay_allow_list import inside_protected
from slidesan.scan.identifiers.vocabulary import Vocabulary

_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1",
                                  "B": "8", "S": "5", "Z": "2"})
_LOOKALIKES = set("OoDIl|BSZ")
# "Holby City'Hospital": a quote between a lower-case and an upper-case letter is an OCR speck.
_QUOTE_BETWEEN_WORDS = re.compile(r"(?<=[a-z])['\u2018\u2019`](?=[A-Z])")
_DROP_DIGITS = str.maketrans("", "", "0123456789")
# "CT NECK W/ CO...20120507": a viewer's ellipsis glued by OCR to the next column's value is a gap
_GLUED_ELLIPSIS = re.compile(r"(?<=\w)(?:\.{3}|\u2026)(?=\w)")
# "23] May 1992", "7| Jan 2001": a bracket or bar glued to a day before a word is a border OCR read as ink
_SPECK_AFTER_DAY = re.compile(r"(?<![\d.,:/])(\d{1,2})[\])}|](?=\s+[A-Za-z]{3})")
_LOOKALIKE_NEXT_TO_DIGIT = re.compile(r"[0-9][OoDIl|BSZ]|[OoDIl|BSZ][0-9]")

# Words: letters with inner apostrophes/hyphens. Tokens: anything between whitespace.


_RUN_CHARS = frozenset("0123456789OoDIl|BSZ./:-")
_RUN_START = frozenset("0123456789OoDIl|BSZ")


def normalise_ocr(text: str) -> str:
    """Same-length copy with look-alike letters turned into digits inside digit-dominated runs.

    Only runs around a look-alike touching a digit are examined (usually none or one per line),
    which keeps this off the hot path of every OCR line."""
    hits = [h.start() for h in _LOOKALIKE_NEXT_TO_DIGIT.finditer(text)]
    if not hits:
        return text
    chars = list(text)
    done = -1
    for pos in hits:
        if pos < done:
            continue
        start, end = pos, pos
        while start > 0 and text[start - 1] in _RUN_CHARS:
            start -= 1
        while start < pos and text[start] not in _RUN_START:
            start += 1
        while end < len(text) and text[end] in _RUN_CHARS:
            end += 1
        done = end
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue  # glued to other letters: "D0B", "T1W", not a digit group
        run = text[start:end]
        digits = sum(ch.isdigit() for ch in run)
        lookalikes = sum(ch in _LOOKALIKES for ch in run)
        if lookalikes and digits >= 3 and lookalikes * 2 <= digits:
            chars[start:end] = run.translate(_DIGIT_LOOKALIKE)
    return "".join(chars)


@dataclass
class TextView:
    text: str
    vocabulary: Vocabulary
    source: str = "text"
    norm: str = field(init=False)
    lower: str = field(init=False)
    digits: int = field(init=False)

    def __post_init__(self) -> None:
        if self.source == "ocr":
            spaced = _GLUED_ELLIPSIS.sub(lambda m: " " * len(m.group(0)), _QUOTE_BETWEEN_WORDS.sub(" ", self.text))
            if "]" in spaced or "|" in spaced or ")" in spaced or "}" in spaced:
                spaced = _SPECK_AFTER_DAY.sub(lambda m: m.group(1) + " ", spaced)
            self.norm = normalise_ocr(spaced)
        else:
            self.norm = self.text
        self.lower = self.norm.lower()
        self.digits = len(self.norm) - len(self.norm.translate(_DROP_DIGITS))

    def protected(self, start: int, end: int) -> bool:
        """Is this span a scan parameter (5.0 mm, Se: 3, L12-5 ...)?"""
        return inside_protected(self.norm, start, end)

    def has_any(self, hints: "re.Pattern[str]") -> bool:
        """Cheap gate before a costly regex pass: does the lower-cased text contain a hint word?"""
        return hints.search(self.lower) is not None

    @property
    def ocr(self) -> bool:
        return self.source == "ocr"

    def match(self, category: str, start: int, end: int, confidence: float) -> Match:
        # Trim surrounding whitespace and stray punctuation so that offsets cover the value only.
        while start < end and (self.text[start] in " \t\r\n,;:\"'" or (
                self.text[start] in "([{" and not any(c in ")]}" for c in self.text[start:end]))):
            start += 1
        while end > start and (self.text[end - 1] in " \t\r\n,;:\"'." or (
                self.text[end - 1] in ")]}" and not any(c in "([{" for c in self.text[start:end]))):
            end -= 1
        severity = INFO if category == "other-text" else HIGH
        return Match(category, severity, start, end, self.text[start:end], round(min(max(confidence, 0.0), 1.0), 2))

    def before(self, start: int, width: int = 24) -> str:
        """The text just before `start` on the same line (for context words such as 'NHS' or 'DOB')."""
        chunk = self.norm[max(0, start - width):start]
        return chunk.rsplit("\n", 1)[-1]

    def after(self, end: int, width: int = 24) -> str:
        chunk = self.norm[end:end + width]
        return chunk.split("\n", 1)[0]


def hints(*needles: str) -> "re.Pattern[str]":
    """A gate for TextView.has_any: one literal alternation, searched once in the lower-cased text."""
    return re.compile("|".join(re.escape(n) for n in needles))
