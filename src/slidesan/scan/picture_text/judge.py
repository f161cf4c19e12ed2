"""The judgement of one picture's lines: detectors, labelled fields, the patient block, then one
account per line (see the package docstring)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from slidesan.errors import SlidesanError
from slidesan.report.model import DIRECT_CATEGORIES
from slidesan.scan.identifiers import find_identifiers
from slidesan.scan.identifiers.labelled_names import emptied
from slidesan.scan.identifiers.match import HIGH, INFO, REVIEW, Match
from slidesan.scan.identifiers.vocabulary import default_vocabulary
from slidesan.scan.picture_text import blocks, corner_heads, fields, labels, layout, precision, unknown_words, values

IDENTIFIER, UNKNOWN, HARMLESS, UNREAD = "identifier", "unknown words", "harmless", "unread"
OUTCOMES = (IDENTIFIER, UNKNOWN, HARMLESS, UNREAD)
_LONG_NUMBER = re.compile(r"\d{6,}")
FIELD_CONFIDENCE = {"after label": 0.9, "beside caption": 0.85, "under caption": 0.8, "in column": 0.85}


@dataclass
class LineAccount:
    """How one line ended. `matches` hold offsets into line.text (high identifiers and info text)."""

    line: object
    outcome: str
    matches: list[Match] = field(default_factory=list)
    reason: str = ""

    @property
    def identifiers(self) -> list[Match]:
        return [m for m in self.matches if m.severity == HIGH]

    @property
    def flagged(self) -> list[Match]:
        """Identifiers and words to review (unknown, name-shaped): what a finding must show."""
        return [m for m in self.matches if m.severity in (HIGH, REVIEW)]


@dataclass
class PictureText:
    lines: list[LineAccount]

    def identifiers(self):
        for account in self.lines:
            for match in account.identifiers:
                yield account.line, match

    def matches(self):
        for account in self.lines:
            for match in account.matches:
                yield account.line, match

    def flagged(self):
        for account in self.lines:
            for match in account.flagged:
                yield account.line, match

    def unread(self) -> list[LineAccount]:
        return [a for a in self.lines if a.outcome == UNREAD]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(OUTCOMES, 0)
        for account in self.lines:
            out[account.outcome] += 1
        return out


def judge_picture(lines, vocabulary=None) -> PictureText:
    """One account per line. If the judgement itself fails on some layout nobody foresaw (a bug), every
    line of that picture ends unread, to review, rather than the whole file being refused or, worse, a
    line left without an account (SLIDESAN_DEBUG=1 raises instead)."""
    vocabulary = vocabulary or default_vocabulary()      # missing word lists refuse (SlidesanError), as before
    try:
        return _judged(lines, vocabulary)
    except SlidesanError:
        raise
    except Exception as exc:  # noqa: BLE001 - contained per picture, reported on every line
        if os.environ.get("SLIDESAN_DEBUG"):
            raise
        reason = f"text read but not judged (internal error: {type(exc).__name__})"
        return PictureText([LineAccount(line, UNREAD, [], reason) for line in lines])


def reading_settled(options, vocabulary=None):
    """What scan.ocr.read_many takes as `settled`: a picture whose first reading already names its
    patient (a direct identifier: name, hospital number...) is identifiable whatever else it holds,
    so the second reading of a photograph (scan/ocr/photographed.py, as costly as the first), whose
    purpose is that faint text cannot leave a picture `publication`, can change nothing there. A
    date or a hospital alone settles nothing: a name found by the second reading would make such a
    picture identifiable instead of limited-access. None (read everything) with --redact, where
    every identifier must be found to be painted, and with --thorough."""
    if options.redact or options.thorough:
        return None

    def names_its_patient(lines) -> bool:
        return any(match.category in DIRECT_CATEGORIES for _, match in judge_picture(lines, vocabulary).identifiers())
    return names_its_patient


def _judged(lines, vocabulary=None) -> PictureText:
    vocabulary = vocabulary or default_vocabulary()
    lines = layout.join_wrapped(lines)
    found: list[list[Match]] = [find_identifiers(line.text, vocabulary, source="ocr") for line in lines]
    cells = layout.cells_of(lines)
    for f in fields.find_fields(lines, cells):
        line = lines[f.line]
        # a label on the same line or row vouches for its value even when the reading is unsure
        sure = (getattr(line, "reliable", True) or f.how in ("after label", "beside caption")) \
            and not getattr(line, "texture", False)
        span = values.plausible_span(f.category, line.text, f.start, f.end, vocabulary, strong=f.colon, sure=sure,
                                     lower_ok=f.typed)
        if span and f.how in ("after label", "beside caption") and emptied(line.text[span[0]:span[1]]):
            continue        # `Patient: ANONYMOUS`, `ID: ANON`: the field's own value says it was emptied, as typed
        if span and not labels.is_caption(line.text[span[0]:span[1]]):     # a caption is never a value
            found[f.line].append(_match(line.text, f.category, span, FIELD_CONFIDENCE[f.how], "label"))
    for index, category, span, confidence in blocks.patient_block_values(lines, cells, found, vocabulary):
        found[index].append(_match(lines[index].text, category, span, confidence, "block"))
    for index, match in corner_heads.corner_heads(lines, cells, found, vocabulary):
        found[index].append(match)
    kept = []
    for index, line in enumerate(lines):
        merged = _merged(line.text, found[index])
        judged = precision.keep(line, merged, vocabulary)
        dropped = [m for m in merged if m.severity == HIGH and m not in judged]
        kept.append(unknown_words.review_unknown(line, judged, dropped, vocabulary))
    _once_per_place(lines, kept)
    return PictureText([_account(line, matches) for line, matches in zip(lines, kept)])


def _once_per_place(lines, kept: list[list[Match]]) -> None:
    """Where two readings of one place (Tesseract's and the learned reader's, --thorough) both find
    an identifier, it is reported once: the more confident reading's match stays."""
    spots = []
    for index, matches in enumerate(kept):
        for match in matches:
            if match.severity == HIGH:
                box = lines[index].box_of(match.start, match.end) if hasattr(lines[index], "box_of") else lines[index].box
                spots.append((match.confidence * (lines[index].conf or 1), index, match, box))
    taken = []
    for _, index, match, box in sorted(spots, key=lambda s: -s[0]):
        if any(other_index != index and other.category == match.category and _overlap(box, other_box) >= 0.5
               and (match.text in other.text or other.text in match.text) for other_index, other, other_box in taken):
            kept[index].remove(match)
        else:
            taken.append((index, match, box))


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])))


def _match(text: str, category: str, span: tuple[int, int], confidence: float, origin: str) -> Match:
    start, end = span
    return Match(category, HIGH, start, end, text[start:end], confidence, origin)


def _merged(text: str, matches: list[Match]) -> list[Match]:
    """Overlapping matches on one line become one: the union of their spans, the category of the
    most confident (a labelled field's category over a bare pattern's)."""
    high = sorted((m for m in matches if m.severity == HIGH), key=lambda m: (m.start, m.end))
    out: list[Match] = []
    for m in high:
        if out and m.start < out[-1].end:
            prev = out[-1]
            # a time never names the whole (it is part of a date); otherwise the surer, and the label knows best
            best = max((prev, m), key=lambda x: (x.category != "time", x.confidence, x.origin == "label"))
            start, end = prev.start, max(prev.end, m.end)
            out[-1] = Match(best.category, HIGH, start, end, text[start:end], max(prev.confidence, m.confidence),
                            prev.origin or m.origin)
        else:
            out.append(m)
    info = [m for m in matches if m.severity != HIGH and not any(m.start < h.end and h.start < m.end for h in out)]
    return sorted(out + info, key=lambda m: (m.start, m.end))


def _account(line, matches: list[Match]) -> LineAccount:
    if any(m.severity == HIGH for m in matches):
        return LineAccount(line, IDENTIFIER, matches)
    if not getattr(line, "reliable", True):
        return LineAccount(line, UNREAD, matches, getattr(line, "doubt", "") or "text not read reliably")
    if getattr(line, "texture", False) and _LONG_NUMBER.search(line.text):
        # a long number where the detector saw no text: tissue does not draw six digits in a row
        return LineAccount(line, UNREAD, matches, "a number read where no text was detected")
    if any(m.severity == REVIEW for m in matches):
        reason = corner_heads.REASON if any(m.origin == "corner" for m in matches) else unknown_words.REASON
        return LineAccount(line, UNKNOWN, [m for m in matches if m.severity in (REVIEW, INFO)], reason)
    return LineAccount(line, HARMLESS, [m for m in matches if m.severity == INFO])
