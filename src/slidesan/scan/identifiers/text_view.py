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
# A run of digits, separators and look-alike letters, not glued to other letters or digits.
_DIGITISH_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9OoDIl|BSZ][0-9OoDIl|BSZ./:\-]*(?![A-Za-z0-9])")
_LOOKALIKES = set("OoDIl|BSZ")
_LOOKALIKE_NEXT_TO_DIGIT = re.compile(r"[0-9][OoDIl|BSZ]|[OoDIl|BSZ][0-9]")

# Words: letters with inner apostrophes/hyphens. Tokens: anything between whitespace.
WORD = re.compile(r"[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F'\u2019\-]*[A-Za-z\u00C0-\u024F])?")


def normalise_ocr(text: str) -> str:
    """Same-length copy with look-alike letters turned into digits inside digit-dominated runs."""
    if not _LOOKALIKE_NEXT_TO_DIGIT.search(text):
        return text
    def fix(match: re.Match) -> str:
        run = match.group(0)
        digits = sum(ch.isdigit() for ch in run)
        lookalikes = sum(ch in _LOOKALIKES for ch in run)
        if lookalikes == 0 or digits < 3 or lookalikes * 3 > digits:
            return run
        return run.translate(_DIGIT_LOOKALIKE)
    return _DIGITISH_RUN.sub(fix, text)


@dataclass
class TextView:
    text: str
    vocabulary: Vocabulary
    source: str = "text"
    norm: str = field(init=False)
    lower: str = field(init=False)
    digits: int = field(init=False)

    def __post_init__(self) -> None:
        self.norm = normalise_ocr(self.text) if self.source == "ocr" else self.text
        self.lower = self.norm.lower()
        self.digits = sum(ch.isdigit() for ch in self.norm)

    def protected(self, start: int, end: int) -> bool:
        """Is this span a scan parameter (5.0 mm, Se: 3, L12-5 ...)?"""
        return inside_protected(self.norm, start, end)

    def has_any(self, *needles: str) -> bool:
        """Cheap gate before a regex pass: does the lower-cased text contain any of these?"""
        return any(n in self.lower for n in needles)

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


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_upper_word(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
