"""Tesseract's lines checked against the learned reader (learned.py): where text is, and what a
line Tesseract was unsure of says.

The learned detector finds text places. Three cases follow, for each picture:
- a Tesseract line on no place, read with low confidence, is texture read as letters (tissue,
  icons, a toolbar's glyphs): it is kept only as "not text";
- a line on a place that Tesseract was unsure of is read again by the learned recogniser, and the
  surer reading stands;
- a place no Tesseract word covers is read by the recogniser: text Tesseract's masks never cut out
  (over bright anatomy, very small, in an odd colour).
A reading neither reader is sure of stays in the account as unreliable, so the picture goes to
review instead of passing as harmless. Text may run in any of the four directions (a screenshot
pasted turned, a radiograph stored sideways, a label written up the edge): a place far taller than
wide is a line turned a quarter and is read turned both ways, and the widest readings the recogniser
is unsure of are tried upside down (all of them when one of those reads surely so); the surer reading
stands. The default reads again at most REREAD_BUDGET places per
picture (longest first), and SMALL_BUDGET more of small text in a picture whose text is mostly small: enough for
every place of all but the busiest screenshots (a place left unread is one more line for the lecturer to look at,
so the ceiling only guards against pictures with hundreds of unsure lines); `thorough` reads every place with
both readers. Where a line is too small for the detector at its scale, the detector's
silence is no evidence: an unsure line there is read again (last) or left unread, never called texture.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from slidesan.scan.ocr import learned
from slidesan.scan.ocr.lines import RULE_LINE, SURE_TESSERACT, OcrLine, leading_rule_words

Box = tuple[int, int, int, int]

SURE_LEARNED = 0.80         # recogniser score at which its reading stands
COVERED = 0.5               # a place is covered when Tesseract's words span this share of its width
REREAD_BUDGET = 40          # recogniser crops per picture by default (~20 ms each)...
SMALL_BUDGET = 20           # ...and this many more for lines of small text, where Tesseract is unsure most
SMALL_PX = 10               # text lower than this (source px) is small: Tesseract reads it unsurely
PLACE_TO_INK = 1.5          # a detector place is about this much taller than the ink of its line
SEEN_PX = 5                 # below this height in the detector's pixels its silence is no evidence of no text
LEGIBLE_PX = 3              # lower "lines" (box edges, rules, specks) hold nothing a person reads
DETECT_SIDE = 1024          # the detector looks at a copy this wide by default...
DETECT_SIDE_THOROUGH = 2048  # ...and this wide with --thorough
NOT_TEXT = "no text here: the detector found none and Tesseract was unsure"
SYMBOL = "a symbol: no reading holds three letters or digits"
OTHER_READING = "Tesseract's unsure reading of a place the learned reader read surely"
MIN_CHARS = 3               # no identifier is shorter
WIDE = 6                    # a place this many times wider than high is a line of text, never an icon
TURNED = 2                  # a place this many times taller than wide is a line turned a quarter
UPSIDE_DOWN_PROBE = 3       # unsure lines of a picture tried upside down before the rest are
RULE_PX = 5                 # a "line" of dashes no higher than this is one stroke: a rule, not letters
DRAWN_RULE = "a drawn line: dashes only, one stroke high"


def drawn_rule(line: OcrLine) -> bool:
    """A caliper, a leader line or a rule read on its own as dashes (`—`, `——`, `_ —`): no letter or
    digit, and the box no higher than one stroke (RULE_PX), where letters misread as dashes would
    stand as high as their text. It holds nothing to read; it is no unread text."""
    return line.box[3] - line.box[1] <= RULE_PX and bool(RULE_LINE.match(line.text))


def share_inside(a: Box, b: Box) -> float:
    """Share of a's area inside b."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    return w * h / max(1, (a[2] - a[0]) * (a[3] - a[1]))


def _on_place(box: Box, places: list[Box]) -> bool:
    return any(share_inside(box, p) >= 0.3 or share_inside(p, box) >= 0.5 for p in places)


def _width_covered(place: Box, words: list[Box]) -> float:
    mid_top, mid_bottom = place[1], place[3]
    spans = sorted((max(place[0], w[0]), min(place[2], w[2])) for w in words
                   if min(mid_bottom, w[3]) - max(mid_top, w[1]) > 0.4 * (w[3] - w[1]) and w[2] > place[0]
                   and w[0] < place[2])
    covered, reach = 0, place[0]
    for left, right in spans:
        if right > reach:
            covered += right - max(left, reach)
            reach = right
    return covered / max(1, place[2] - place[0])


def reconcile(lines: list[OcrLine], places: list[Box] | None, rgb: np.ndarray, thorough: bool = False,
              tilted: dict | None = None, detect_scale: float = 1.0) -> list[OcrLine]:
    """Lines of one picture after the learned reader has had its say (see module docstring).
    `places` None: the learned reader is not available, and lines are judged on Tesseract alone.
    `tilted`: place -> its quadrilateral, for places printed at a slant: read from the quad made level.
    `detect_scale`: how much the detector shrank the picture (learned.detect_scale)."""
    if places is None:
        return [line if line.conf >= SURE_TESSERACT and not _tesseract_says_nothing(line.text)
                else replace(line, texture=True, doubt=DRAWN_RULE) if drawn_rule(line)
                else replace(line, reliable=False, doubt="read with low confidence") for line in lines]
    out: list[OcrLine] = []
    todo: list[tuple[int, Box, OcrLine | None]] = []      # (priority, crop box, line it replaces)
    for line in lines:
        if line.conf >= SURE_TESSERACT and not thorough and not _tesseract_says_nothing(line.text):
            out.append(line)
        elif drawn_rule(line):
            out.append(replace(line, texture=True, doubt=DRAWN_RULE))
        elif not _on_place(line.box, places):
            if line.conf >= SURE_TESSERACT:
                out.append(line)
            elif _unseen(line.box, detect_scale):
                todo.append((0, _padded(line.box, rgb.shape), line))    # read last, if the budget allows
            else:
                out.append(replace(line, texture=True, doubt=NOT_TEXT))
        else:
            todo.append((line.box[2] - line.box[0], _padded(line.box, rgb.shape), line))
    words = [box for line in lines for _, _, box in line.spans] or [line.box for line in lines]
    # Tesseract reads a turned line as scattered fragments (`=`, `J`, `ws .`); only a sure reading of
    # three characters or more says a tall place holds level text (a column of labels)
    level = [line.box for line in lines if line.conf >= SURE_TESSERACT and _alnum(line.text) >= MIN_CHARS]
    for place in places:
        width, height = place[2] - place[0], place[3] - place[1]
        if height >= TURNED * width and not any(share_inside(box, place) >= 0.5 for box in level):
            todo.append((height + 10_000, place, None))     # a line turned a quarter nobody read
        elif width < 2 * height:
            continue        # too short for three characters: an icon, a glyph, a lone letter
        elif _width_covered(place, words) < COVERED:
            todo.append((width + 10_000, place, None))     # unread places go first
    todo.sort(key=lambda item: -item[0])
    chosen = list(range(len(todo))) if thorough else _within_budget(todo, mostly_small_text(lines))
    tilted = tilted or {}
    crops = [learned.upright_crop(rgb, tilted[todo[k][1]]) if todo[k][2] is None and todo[k][1] in tilted
             else rgb[todo[k][1][1]:todo[k][1][3], todo[k][1][0]:todo[k][1][2]] for k in chosen]
    readings = dict(zip(chosen, _read_any_way_up(crops)))
    _read_beside_drawn_rules(todo, readings, rgb)
    for k, (_, box, line) in enumerate(todo):
        text, score, turn = readings.get(k, ("", 0.0, 0))
        out.extend(_settle(line, box, text.strip(), score, thorough, k not in readings, turn))
    return sorted(out, key=lambda ln: (ln.box[1], ln.box[0]))


def _read_beside_drawn_rules(todo: list[tuple[int, Box, OcrLine | None]], readings: dict, rgb: np.ndarray) -> None:
    """A label Tesseract read unsurely after a run of dashes (`— __. A342:` for a leader line and
    `A: 3.4 cm2`): the recogniser, given the crop with the drawn line in it, may be unsure too. Such a
    line whose crop was read unsurely is read once more without the run (the box of its words after
    it), and that reading stands, with its box, when it is sure. The run may be letters misread (a
    blurred `Dist` as `_`), which is why the whole line is read first."""
    again = [(k, beside) for k, (text, score, turn) in readings.items()
             if score < SURE_LEARNED and turn == 0 and todo[k][2] is not None
             and (beside := _words_after_rule(todo[k][2])) is not None]
    if not again:
        return
    boxes = [_padded(beside, rgb.shape) for _, beside in again]
    crops = [np.ascontiguousarray(rgb[b[1]:b[3], b[0]:b[2]]) for b in boxes]
    for (k, _), box, (text, score) in zip(again, boxes, learned.recognise(crops)):
        if score >= SURE_LEARNED and score > readings[k][1] and not _says_nothing(text):
            readings[k] = (text, score, 0)
            todo[k] = (todo[k][0], box, todo[k][2])


def _words_after_rule(line: OcrLine) -> Box | None:
    """The box of a line's words after a leading run of dashes, or None when it has no such run."""
    start = leading_rule_words([line.text[s:e] for s, e, _ in line.spans])
    if not start or start == len(line.spans):
        return None
    rest = [box for _, _, box in line.spans[start:]]
    return (min(b[0] for b in rest), min(b[1] for b in rest), max(b[2] for b in rest), max(b[3] for b in rest))


def _unseen(box: Box, detect_scale: float) -> bool:
    """A line too small for the detector at its scale: its silence is weak evidence (on set (c) and
    its halved copies the detector was silent on 15 of 90 surely read lines lower than SEEN_PX in its
    pixels, 33 of 1,347 higher), so an unsure line there is read again, after every other place, and
    left unread (to review) when the budget is spent, never dropped as texture."""
    return LEGIBLE_PX <= box[3] - box[1] and (box[3] - box[1]) * detect_scale < SEEN_PX


def _ink_height(item: tuple[int, Box, OcrLine | None]) -> float:
    _, box, line = item
    return line.box[3] - line.box[1] if line is not None else min(box[2] - box[0], box[3] - box[1]) / PLACE_TO_INK


def mostly_small_text(lines: list[OcrLine]) -> bool:
    """Most of the picture's text is small (a screenshot shrunk onto a slide)."""
    heights = sorted(ln.box[3] - ln.box[1] for ln in lines if _alnum(ln.text) >= MIN_CHARS)
    return bool(heights) and heights[len(heights) // 2] < SMALL_PX


def _within_budget(todo: list[tuple[int, Box, OcrLine | None]], small_text: bool) -> list[int]:
    """Which places the default reads again: the first REREAD_BUDGET in order, then, in a picture
    whose text is mostly small, up to SMALL_BUDGET more of small text. Small text is where Tesseract
    is unsure most, so a screenshot shrunk onto a slide has many more unsure lines than at its own
    size; a picture whose text is not mostly small costs what it did."""
    first = list(range(min(REREAD_BUDGET, len(todo))))
    if not small_text:
        return first
    small = [k for k in range(len(first), len(todo)) if _ink_height(todo[k]) < SMALL_PX]
    return first + small[:SMALL_BUDGET]


def _read_any_way_up(crops: list[np.ndarray]) -> list[tuple[str, float, int]]:
    """(text, score, quarter turns) per crop. A crop far taller than wide is a turned line: it is
    read turned clockwise (text running upwards) and anticlockwise (running downwards); the
    UPSIDE_DOWN_PROBE widest other readings the recogniser is unsure of are read again upside down,
    and the rest only when one of those reads surely so with MIN_CHARS letters or digits: a picture
    whose text is upside down shows it in its longest lines, and in a picture whose text is not, a
    third of the recogniser's crops were these second readings, read surely as one or two glyphs at
    best. The surer reading stands; `turn` says how the crop was turned to read it (numpy's rot90 k:
    -1, 1 or 2; 0 as it is)."""
    jobs: list[tuple[int, int, np.ndarray]] = []      # (crop index, turn, crop)
    for index, crop in enumerate(crops):
        height, width = crop.shape[:2]
        if width and height >= TURNED * width:
            jobs += [(index, -1, np.rot90(crop, -1)), (index, 1, np.rot90(crop, 1))]
        else:
            jobs.append((index, 0, crop))
    first = learned.recognise([np.ascontiguousarray(c) for _, _, c in jobs])
    best: list[tuple[str, float, int]] = [("", 0.0, 0)] * len(crops)
    for (index, turn, _), (text, score) in zip(jobs, first):
        if score > best[index][1] or not best[index][0]:
            best[index] = (text, score, turn)
    unsure = [index for index, (text, score, turn) in enumerate(best) if turn == 0 and score < SURE_LEARNED
              and crops[index].size]
    # the widest unsure lines first: the picture's text is upside down only if one of them reads so
    unsure.sort(key=lambda index: -crops[index].shape[1])
    for part in (unsure[:UPSIDE_DOWN_PROBE], unsure[UPSIDE_DOWN_PROBE:]):
        again = learned.recognise([np.ascontiguousarray(np.rot90(crops[i], 2)) for i in part]) if part else []
        for index, (text, score) in zip(part, again):
            if score >= SURE_LEARNED and score > best[index][1] and not _says_nothing(text):
                best[index] = (text, score, 2)
        if not any(best[index][2] == 2 and _alnum(best[index][0]) >= MIN_CHARS for index in part):
            break       # its widest unsure lines read no surer upside down: the rest are not tried
    return best


def _padded(box: Box, shape) -> Box:
    h = box[3] - box[1]
    pad_x, pad_y = int(0.4 * h), int(0.25 * h)
    return (max(0, box[0] - pad_x), max(0, box[1] - pad_y), min(shape[1], box[2] + pad_x), min(shape[0], box[3] + pad_y))


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _says_nothing(text: str) -> bool:
    """`000 000`, `oooo`: a recogniser meeting a script it was not trained on (Hangul, say) often
    answers with one character repeated, and is sure of it. Such a reading is no reading."""
    chars = [ch for ch in text if ch.isalnum()]
    return len(chars) >= MIN_CHARS and len(set(chars)) <= 1


def _tesseract_says_nothing(text: str) -> bool:
    """`000 o0`, `oo0 oO`: Tesseract's English model on Hangul or other square glyphs answers with
    rings and zeros, sure of them. Two kinds of character in four or more, one of them a letter, is
    no reading (a number such as `1000` or `11 11` is left alone)."""
    chars = [ch.lower() for ch in text if ch.isalnum()]
    return len(chars) >= 4 and len(set(chars)) <= 2 and any(ch.isalpha() for ch in chars)


def _settle(line: OcrLine | None, box: Box, text: str, score: float, thorough: bool, skipped: bool,
            turn: int = 0) -> list[OcrLine]:
    if _says_nothing(text):
        score = min(score, SURE_LEARNED / 2)
    learned_line = _learned_line(text, box, score, turn) if text else None
    if not skipped and _alnum(text) < MIN_CHARS and (line is None or _alnum(line.text) < MIN_CHARS):
        if line is None and max(box[2] - box[0], box[3] - box[1]) >= WIDE * min(box[2] - box[0], box[3] - box[1]):
            # a long place the detector is sure holds text, read as nothing: a line the recogniser
            # cannot read (tilted, a script it does not know), not an icon
            return [OcrLine("", box, 0.0, "", (), "learned", reliable=False, doubt="text found but not read")]
        # every reading holds fewer letters and digits than any identifier: an icon or a mark
        return [] if line is None else [replace(line, texture=True, doubt=SYMBOL)]
    if skipped and line is not None and _alnum(line.text) < MIN_CHARS and box[2] - box[0] < 3 * (box[3] - box[1]):
        return [replace(line, texture=True, doubt=SYMBOL)]
    if line is None:                          # a place Tesseract did not read
        if learned_line is None:
            doubt = "text found but not read (reading limit reached; --thorough reads it)" if skipped \
                else "text found but not read"
            return [OcrLine("", box, 0.0, "", (), "learned", reliable=False, doubt=doubt)]
        if score < SURE_LEARNED:
            return [replace(learned_line, reliable=False, doubt="read with low confidence")]
        return [learned_line]
    if thorough and line.conf >= SURE_TESSERACT:
        return [line] + ([learned_line] if learned_line is not None and score >= SURE_LEARNED else [])
    if learned_line is not None and score >= SURE_LEARNED:
        # the surer reading stands; Tesseract's stays beside it as a weak reading (strong identifier
        # forms only), since a confident recogniser can still drop a digit a clean Tesseract word kept
        return [learned_line, replace(line, texture=True, doubt=OTHER_READING)]
    doubt = "read with low confidence" + (" (reading limit reached; --thorough reads it again)" if skipped else "")
    return [replace(line, reliable=False, doubt=doubt)]


def _learned_line(text: str, box: Box, score: float, turn: int = 0) -> OcrLine:
    """A recogniser reading as a line: word boxes share the crop's length by character count, in
    the direction the text runs (`turn` as in _read_any_way_up), so --redact paints each word."""
    from slidesan.scan.ocr.lines import normalise_confusions

    spans, pos = [], 0
    n = max(1, len(text))
    x0, y0, x1, y1 = box
    for word in text.split(" "):
        if word:
            a, b = pos / n, (pos + len(word)) / n
            if turn == -1:      # runs upwards
                word_box = (x0, y1 - int((y1 - y0) * b), x1, max(y1 - int((y1 - y0) * a), y1 - int((y1 - y0) * b) + 1))
            elif turn == 1:     # runs downwards
                word_box = (x0, y0 + int((y1 - y0) * a), x1, max(y0 + int((y1 - y0) * b), y0 + int((y1 - y0) * a) + 1))
            elif turn == 2:     # upside down: runs right to left
                word_box = (x1 - int((x1 - x0) * b), y0, max(x1 - int((x1 - x0) * a), x1 - int((x1 - x0) * b) + 1), y1)
            else:
                left, right = x0 + int((x1 - x0) * a), x0 + int((x1 - x0) * b)
                word_box = (left, y0, max(right, left + 1), y1)
            spans.append((pos, pos + len(word), word_box))
        pos += len(word) + 1
    return OcrLine(normalise_confusions(text), box, round(100 * score, 1), text, tuple(spans), "learned")
