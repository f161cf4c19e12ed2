"""A second reading of lines Tesseract was unsure of, cropped to the line Tesseract itself saw.

A region can hold more than its line: a row of small labels above it, the edge of a box drawn
round a word. The crop is then scaled for the whole region, too small for its real line, and the
extra ink disturbs Tesseract. Its own segmentation of that crop still places the line well, so a
low-confidence line that is clearly shorter than its region is cropped again to Tesseract's line
box and read once more; the more confident of the two readings is kept, unless it holds clearly
fewer letters and digits (a reading that lost words is no better for being sure of the rest).
"""

from __future__ import annotations

from slidesan.scan.ocr.line_crops import crop_for_ocr
from slidesan.scan.ocr.lines import Word
from slidesan.scan.ocr.passes import read_crops
from slidesan.scan.ocr.regions import Region

UNSURE = 60.0           # mean word confidence below which a line is worth a second look
SHORTER = 0.75          # ...when its height is at most this share of its region's
MIN_HEIGHT = 8          # source px: smaller lines are small_text.py's business


def second_look(words: list[Word], looks: list) -> list[Word]:
    """`words` from read_crops; `looks[i]` is (channels, region) of crop i, or None for crops
    that are not a region's (small_text's). One more Tesseract run, only when a line qualifies:
    on the benchmark's 138 pictures, 6 lines did."""
    lines: dict[tuple, list[Word]] = {}
    for word in words:
        lines.setdefault(word.group, []).append(word)
    again, keys = [], []
    for key, line in lines.items():
        look = looks[key[0]]
        if look is None:
            continue
        chans, region = look
        # Tesseract stretches some word boxes over the whole crop: the line is where the others are
        limit = SHORTER * (region.box[3] - region.box[1])
        tight = [w for w in line if w.box[3] - w.box[1] <= limit] or line
        l, t, r, b = (min(w.box[0] for w in line), min(w.box[1] for w in tight),
                      max(w.box[2] for w in line), max(w.box[3] for w in tight))
        if b - t < MIN_HEIGHT or b - t > limit or _mean(line) >= UNSURE:
            continue
        again.append(crop_for_ocr(chans, Region((l, t, r, b), region.channel, region.light_text)))
        keys.append(key)
    if not again:
        return words
    reread: dict[int, list[Word]] = {}
    for word in read_crops(again):
        reread.setdefault(word.group[0], []).append(word)
    replace = {}
    for j, key in enumerate(keys):
        new = reread.get(j, [])
        if new and _mean(new) > _mean(lines[key]) and _letters(new) >= 0.8 * _letters(lines[key]):
            replace[key] = [Word(w.text, w.box, w.conf, (key[0], "again", j) + w.group[1:]) for w in new]
    if not replace:
        return words
    out = [w for w in words if w.group not in replace]
    for new in replace.values():
        out.extend(new)
    return out


def _mean(line: list[Word]) -> float:
    return sum(w.conf for w in line) / len(line)



def _letters(line: list[Word]) -> int:
    return sum(ch.isalnum() for w in line for ch in w.text)
