"""Words to lines, and the OCR confusions that are safe to undo.

Tesseract reports words with boxes; a finding needs lines (an identifier like `DAVIDSON DOUGLAS`
spans words) and a box per identifier (redaction paints only that). Confusion fixes are
substitutions only, never insertions, so character offsets in the fixed text still point at the
same words: `OcrLine.box_of(start, end)` maps a detector's match back to pixels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    conf: float
    group: tuple = ()         # (crop index, tesseract block, paragraph, line): words of one printed line


@dataclass(frozen=True)
class OcrLine:
    """One line of text as read, with its box in image pixels (left, top, right, bottom).

    `text` has safe confusion fixes applied (see normalise_confusions); `raw` is what the reader
    said; `spans` holds (start, end, box) per word so a match can be located inside the line.
    `reliable` is False for text that was found but not read with confidence: the picture's
    account (scan/picture_text) sends such a line to review instead of calling it harmless.
    """

    text: str
    box: Box
    conf: float
    raw: str = ""
    spans: tuple[tuple[int, int, Box], ...] = field(default=(), repr=False)
    reader: str = "tesseract"       # or "learned" (confirm.py)
    reliable: bool = True           # False: text is there but neither reader is sure what it says
    texture: bool = False           # True: read from a place the detector saw no text in (tissue, icons)
    doubt: str = ""                 # why not reliable, for the report

    def box_of(self, start: int, end: int) -> Box:
        """Pixel box of the characters text[start:end] (union of the words they touch)."""
        hit = [box for s, e, box in self.spans if s < end and e > start]
        if not hit:
            return self.box
        return (min(b[0] for b in hit), min(b[1] for b in hit), max(b[2] for b in hit), max(b[3] for b in hit))


SURE_TESSERACT = 60.0       # mean word confidence at which a Tesseract line stands on its own
CARET_LOOKALIKES = "*^\u00b0\u201c\u201d\"`~"
_STAR_IN_NAME = re.compile(r"(?<=[A-Za-z])[" + re.escape(CARET_LOOKALIKES) + r"](?=[A-Za-z])")
# inside one word, a caret can come out as two or three marks (`ABUBAKAR‘*FIONA`); quotes count
# here too, but only in such runs: a single apostrophe between letters is O'Brien's own
_CARET_RUN_IN_WORD = re.compile(r"^([A-Za-z][A-Za-z'-]+?)[" + re.escape(CARET_LOOKALIKES + "\u2018\u2019',")
                                + r"]{2,3}([A-Za-z][A-Za-z'-]+)$")
# a lone sign no overlay prints, read from a broken initial or a speck (`Dr © Mengah`)
_JUNK_TOKEN = re.compile(r"(?<!\S)[\u00a9\u00ae\u00a2\u00a7\u00a4\u2122\u2022\u00b6]+(?!\S)")
_FOUR_IN_NAME = re.compile(r"(?<=[A-Z]{3})4(?=[A-Z]{2})")     # SMITH4JOHN: the caret read as a 4
_DIGIT_LOOKALIKE = {"O": "0", "o": "0", "Q": "0", "D": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                    "!": "1", "S": "5", "$": "5", "B": "8", "Z": "2"}


def _fix_token(token: str) -> str:
    """In a token that is mostly digits (an ID, a date), a look-alike letter with no real letter
    beside it is a digit: `0O07924` -> `0007924`, but the prefix of `RTO96701` stays as read."""
    digits = sum(ch.isdigit() for ch in token)
    numeric_like = sum(ch.isdigit() or ch in _DIGIT_LOOKALIKE or ch in "/.-:" for ch in token)
    if len(token) < 4 or digits < 3 or digits < 0.4 * len(token) or numeric_like < 0.8 * len(token):
        return token

    def letter(ch: str) -> bool:
        return ch.isalpha() and ch not in _DIGIT_LOOKALIKE

    out = list(token)
    for i, ch in enumerate(token):
        if ch in _DIGIT_LOOKALIKE:
            before = token[i - 1] if i else ""
            after = token[i + 1] if i + 1 < len(token) else ""
            if not letter(before) and not letter(after):
                out[i] = _DIGIT_LOOKALIKE[ch]
    return "".join(out)


_LETTER_LOOKALIKE = {"0": "oO", "1": "iI", "5": "sS"}    # (in a lower-case part, in capitals)
_CARET_TOKEN = re.compile(r"^[A-Za-z015]+(?:\^[A-Za-z015]*)+$")
_DOUBLE_O = re.compile(r"(?<=[A-Za-z])00(?=[A-Za-z])")


def _fix_caret_name(token: str) -> str:
    """`0KAF0R^ADAEZE` -> `OKAFOR^ADAEZE`, `Sm1th^John` -> `Smith^John`: in a DICOM person name (parts
    joined by a caret, letters only) a 0, 1 or 5 standing alone among a part's letters is the letter
    it looks like, and so is `00` between letters (`W00D^GRACE`). A part with other digits side by side,
    or fewer than three letters, stays as read (`CT01^CHEST`, `AX0^T1`), and so does any token holding
    other signs (`Thorax^1_HeadFirst`, `T2^FLAIR`)."""
    if "^" not in token or not _CARET_TOKEN.match(token):
        return token
    parts = []
    for part in token.split("^"):
        letters = [ch for ch in part if ch.isalpha()]
        # two digits side by side are a number, unless a double O between letters (`W00D`, `C00PER`)
        seen = _DOUBLE_O.sub("OO", part)
        paired = any(a.isdigit() and b.isdigit() for a, b in zip(seen, seen[1:]))
        if (len(letters) >= 3 or _DOUBLE_O.search(part)) and not paired:
            upper = sum(ch.isupper() for ch in letters) * 2 > len(letters)
            part = "".join(_LETTER_LOOKALIKE[ch][upper] if ch in _LETTER_LOOKALIKE else ch for ch in part)
        parts.append(part)
    return "^".join(parts)


def normalise_confusions(text: str) -> str:
    """Undo confusions that Tesseract makes on overlay fonts, keeping the length unchanged.

    `SMITH*JOHN`, `SMITH4JOHN` -> `SMITH^JOHN` (DICOM name separator read as *, °, “ or 4);
    `Dr © Mengah` -> `Dr   Mengah` (a lone sign no overlay prints);
    `RTO967017` -> `RT0967017`, `0l/O4/1961` -> `01/04/1961` (letters inside digit runs);
    `0KAF0R^ADAEZE` -> `OKAFOR^ADAEZE` (digits inside a caret-joined name).
    """
    text = _JUNK_TOKEN.sub(lambda m: " " * len(m.group(0)), text)
    text = _FOUR_IN_NAME.sub("^", _STAR_IN_NAME.sub("^", text))
    return re.sub(r"\S+", lambda m: _fix_caret_name(_fix_token(m.group(0))), text)


def _same_line(a: Box, b: Box) -> bool:
    """Boxes on one baseline with a small horizontal gap (a line split across two crops)."""
    ha, hb = a[3] - a[1], b[3] - b[1]
    centre_shift = abs((a[1] + a[3]) - (b[1] + b[3])) / 2
    if centre_shift > 0.25 * max(ha, hb) or max(ha, hb) > 1.6 * min(ha, hb):
        return False
    gap = max(b[0] - a[2], a[0] - b[2])
    return gap < 1.2 * max(ha, hb)


def _x_overlap(a: Box, b: Box) -> float:
    inter = min(a[2], b[2]) - max(a[0], b[0])
    return inter / max(1, min(a[2] - a[0], b[2] - b[0]))


def _add_words(line: list[Word], row: list[Word]) -> None:
    """Add a row's words to a line; a word read twice (overlapping crops) is kept once."""
    for word in row:
        twin = next((w for w in line if _x_overlap(w.box, word.box) > 0.5), None)
        if twin is None:
            line.append(word)
        elif word.conf > twin.conf:
            line[line.index(twin)] = word
    line.sort(key=lambda w: w.box[0])


def assemble_lines(words: list[Word]) -> list[OcrLine]:
    """Group words by Tesseract's own line, join lines that continue each other, top to bottom."""
    groups: dict[tuple, list[Word]] = {}
    for word in words:
        groups.setdefault(word.group, []).append(word)
    rows = sorted((sorted(ws, key=lambda w: w.box[0]) for ws in groups.values()),
                  key=lambda ws: (ws[0].box[1], ws[0].box[0]))
    merged: list[list[Word]] = []
    for row in rows:
        for line in merged:
            if _same_line(_union(w.box for w in line), _union(w.box for w in row)):
                _add_words(line, row)
                break
        else:
            merged.append(list(row))
    lines = [_make_line(ws) for ws in merged]
    return sorted(lines, key=lambda ln: (ln.box[1], ln.box[0]))


def _union(boxes) -> Box:
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _is_name_part(text: str) -> bool:
    return len(text) >= 2 and text.replace("-", "").replace("'", "").isalpha()


def _join_caret_names(words: list[Word]) -> list[Word]:
    """`SMITH ^ JOHN`, `SMITH* JOHN`, `SMITH “*JOHN`: a DICOM name whose caret Tesseract read as
    a separate symbol is one word again, `SMITH^JOHN`, with the union of the boxes."""
    out: list[Word] = []
    i = 0
    while i < len(words):
        word = words[i]
        if out and i + 1 < len(words):
            prev, nxt = out[-1], words[i + 1]
            if word.text.strip(CARET_LOOKALIKES) == "" and _is_name_part(prev.text) and _is_name_part(nxt.text):
                out[-1] = _joined(prev, nxt, prev.text + "^" + nxt.text)
                i += 2
                continue
        if out and _is_name_part(out[-1].text.rstrip(CARET_LOOKALIKES)) and out[-1].text[-1] in CARET_LOOKALIKES \
                and _is_name_part(word.text.lstrip(CARET_LOOKALIKES)):
            prev = out[-1]
            out[-1] = _joined(prev, word, prev.text.rstrip(CARET_LOOKALIKES) + "^" + word.text.lstrip(CARET_LOOKALIKES))
        elif out and _is_name_part(out[-1].text) and word.text[0] in CARET_LOOKALIKES \
                and _is_name_part(word.text.lstrip(CARET_LOOKALIKES)):
            prev = out[-1]
            out[-1] = _joined(prev, word, prev.text + "^" + word.text.lstrip(CARET_LOOKALIKES))
        else:
            out.append(word)
        i += 1
    return out


def _fix_caret_runs(words: list[Word]) -> list[Word]:
    out = []
    for word in words:
        run = _CARET_RUN_IN_WORD.match(word.text)
        if run and _is_name_part(run.group(1)) and _is_name_part(run.group(2)):
            word = Word(f"{run.group(1)}^{run.group(2)}", word.box, word.conf, word.group)
        out.append(word)
    return out


def _joined(a: Word, b: Word, text: str) -> Word:
    return Word(text, _union([a.box, b.box]), min(a.conf, b.conf), a.group)


# what a drawn rule, a caliper, a leader line or an arrow's shaft comes out as: dashes, underscores,
# equals signs and tildes, with the specks (dots, commas, quotes) a line's jagged edge adds
_RULE_MARKS = "-_=~\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u2501\u00ac"
RULE_WORD = re.compile("^[" + re.escape(_RULE_MARKS + ".,:;'`\u2018\u2019\u201c\u201d\u00b7") + "]*["
                         + re.escape(_RULE_MARKS) + "][" + re.escape(_RULE_MARKS + ".,:;'`\u2018\u2019\u201c\u201d\u00b7")
                         + "]*$")

RULE_LINE = re.compile(r"^\s*(?:" + RULE_WORD.pattern[1:-1] + r"\s*)+$")     # a line of such words alone


def leading_rule_words(texts: list[str]) -> int:
    """How many of a line's first words are a drawn line read as dashes."""
    start = 0
    while start < len(texts) and RULE_WORD.match(texts[start]):
        start += 1
    return start


def without_drawn_rules(words: list[Word]) -> list[Word]:
    """A measurement or anatomy label is joined to what it names by a drawn line (a caliper, a leader
    line, an arrow's shaft) that ends at the label, and Tesseract reads that line as words of dashes
    before it (`———______ Target 1`, `——_____ Cobb 24°`), unsure of them, so the whole line was unsure.
    When the words after such a run are read surely, the run is graphics, not text: it is left out, and
    the line's box and confidence are its words'. When they are not, the run may be letters misread
    (`_ esto Wve 08` for a blurred `Dist 41.0 mm`): the line stays as read, for the learned reader to
    read whole. A dash between words (`Fig 7 - Hampton`), a run after the words (a faint value after
    its label may read as dashes) and a line of dashes alone stay as read."""
    start = leading_rule_words([w.text for w in words])
    rest = words[start:]
    if not start or not any(ch.isalnum() for w in rest for ch in w.text) or _mean_conf(rest) < SURE_TESSERACT:
        return words
    return rest


def _mean_conf(words: list[Word]) -> float:
    """Confidence of a line: its words', weighted by their length."""
    return sum(w.conf * len(w.text) for w in words) / max(1, sum(len(w.text) for w in words))


def _make_line(words: list[Word]) -> OcrLine:
    raw_words = " ".join(w.text for w in words)
    words = _join_caret_names(_fix_caret_runs(without_drawn_rules(words)))
    spans, parts, pos = [], [], 0
    for word in words:
        if parts:
            pos += 1
        spans.append((pos, pos + len(word.text), word.box))
        parts.append(word.text)
        pos += len(word.text)
    text = " ".join(parts)
    return OcrLine(text=normalise_confusions(text), box=_union(w.box for w in words), conf=round(_mean_conf(words), 1),
                   raw=raw_words, spans=tuple(spans))
