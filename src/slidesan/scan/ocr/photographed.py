"""Photographs of screens and films: read a second time with local contrast evened out, and turned
the way their text runs.

A viewer's white overlay text is 200 levels above its black background on the screen, but a phone
photograph of that screen keeps only what the camera left: the screen's black lifted by glare, its
white dimmed by vignetting and exposure, every stroke softened by focus and JPEG. Overlay text of a
photographed monitor or lightbox film often stands 20-40 levels above its surroundings, under the
stroke masks' fixed level (preprocess.STROKE_LEVEL) and blurred past what the learned detector sees:
neither reader finds it, the picture has no line at all, and nothing sends it to review.

A screenshot or a rendered picture has large areas of exactly one colour (the viewer's background,
a slide's canvas); a photograph has none, because sensor noise touches every pixel. Such a picture
is read once more from a copy whose local contrast is evened out (CLAHE on lightness), and the
lines read there that the first reading does not already hold are added: an identifier read surely
there is flagged; a line found there but not read surely goes to review as text found, without its
reading (evening out lifts moiré, film grain and the lightbox's texture too, and an unsure reading
of them is digits and letter pairs that the identifier detectors would take at their word).
DICOM frames without a flat area (the noise of XA and RF runs) take only the sure lines
(dicom/burned_in.SECOND_READING_UNSURE): there the places lifted from the noise held clean runs back.

The second reading costs as much as the first. Its purpose is that faint text cannot leave a picture
`publication`, so the caller may settle a picture on its first reading (engine.read_many's `settled`):
one that already names its patient is identifiable whatever else it holds. Without --redact the
verdict cannot change; with it every identifier must be found to be painted, and all is read.

The second reading also reads the picture turned where its text runs sideways or upside down (a
phone picture whose orientation tag was lost), the way decided once from the detector's places in
the evened copy (turns_to_read): a turned view costs as much as a reading.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from slidesan.scan.ocr.confirm import share_inside
from slidesan.scan.ocr.lines import OcrLine

FLAT_SHARE = 0.15       # a picture whose most common exact colour covers less than this has no flat area
SAMPLE = 3              # every 3rd pixel each way is enough to find a flat area
CLIP_LIMIT = 3.0        # CLAHE: how far local contrast may be raised (noise is lifted less than strokes)
TILES = 8               # CLAHE tiles each way: about the size of a corner's text block on a screen photo
HELD = 0.5              # a second line mostly inside a first one (this share of its area) is already read


def has_no_flat_area(rgb: np.ndarray) -> bool:
    """True for a photograph: no exact colour covers FLAT_SHARE of the picture (screenshots of the
    test set: 30-54 %; phone photos of screens and films, black clipped by exposure: at most 8 %)."""
    sample = rgb[::SAMPLE, ::SAMPLE].reshape(-1, 3).astype(np.uint32)
    if not len(sample):
        return False
    packed = (sample[:, 0] << 16) | (sample[:, 1] << 8) | sample[:, 2]
    _, counts = np.unique(packed, return_counts=True)
    return float(counts.max()) / len(packed) < FLAT_SHARE


def evened(rgb: np.ndarray) -> np.ndarray:
    """The picture with its local contrast evened out (lightness only, so coloured text keeps its hue)."""
    import cv2

    lab = cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2LAB)
    clahe = cv2.createCLAHE(clipLimit=CLIP_LIMIT, tileGridSize=(TILES, TILES))
    lab[:, :, 0] = clahe.apply(lab[:, :, 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def merged(first: list[OcrLine], second: list[OcrLine], unsure: bool = True) -> list[OcrLine]:
    """The first reading's lines, and the second reading's lines no line of the first already holds
    (texture of the first counts as nothing read; texture of the second is left out). The unsure ones
    are one account: a photograph of a street or a skin lesion, evened out, shows dozens of places that
    may be text (70 on one of the real decks), and the lecturer looks at the picture once, not 70 times.
    `unsure` False leaves them out: only what the second reading read surely is added."""
    read = [line.box for line in first if not line.texture]
    extra = [line for line in second
             if not line.texture and not any(share_inside(line.box, box) >= HELD for box in read)]
    sure = [line for line in extra if line.reliable]
    doubtful = [line for line in extra if not line.reliable] if unsure else []
    if doubtful:
        box = (min(ln.box[0] for ln in doubtful), min(ln.box[1] for ln in doubtful),
               max(ln.box[2] for ln in doubtful), max(ln.box[3] for ln in doubtful))
        places = f"{len(doubtful)} places" if len(doubtful) > 1 else "a place"
        sure.append(replace(doubtful[0], text="", raw="", spans=(), box=box, conf=min(ln.conf for ln in doubtful),
                            doubt=f"text found but not read ({places}, in the photograph's second reading: "
                                  "contrast evened out, or turned where its text runs sideways)"))
    return sorted(first + sure, key=lambda ln: (ln.box[1], ln.box[0]))


BOTH_QUARTERS = (1, -1)  # np.rot90's k: turned anticlockwise, turned clockwise
TURNED = 2              # a place this many times taller than wide is a line turned a quarter...
LEVEL = 2               # ...one this many times wider than high a line level or upside down
SAMPLED = 3             # the longest places of each kind read every way they may run
SURE_WAY = 0.5          # the recogniser's mean score at which a way of reading stands...
MARGIN = 0.15           # ...when this much surer than the other way
SURE_UPRIGHT = 0.8      # level places read this surely as they stand are upright


def turns_to_read(rgb: np.ndarray, places) -> tuple[int, ...]:
    """The quarter turns (np.rot90's k) a photograph must be read in beside its stored pixels.

    A phone stores a picture sideways with a tag saying how to turn it; an editor or an export that
    drops the tag leaves a screen's text running up or down the stored pixels, where neither reader
    finds it (red team 12's sideways photographs with the tag dropped: 5 of 24 with an identifier read
    nothing). Reading the whole picture turned costs as much as reading it (Tesseract and the learned
    reader on every place), so the way it is turned is decided once, from the detector's `places` in
    it (boxes; it finds text any way up): a line of text is wide and short, so tall narrow places are
    lines turned a quarter, and the recogniser reading the longest of them turned each way says which
    way (the right way reads surely, the wrong one as noise); level places read surely as they stand
    need nothing, read surely only upside down the picture is read turned half too. Where the places say
    nothing sure (none found, the way unclear, the detector not there: `places` None) the picture is
    read turned a quarter each way, as before this was decided: never fewer readings than needed."""
    if places is None:
        return BOTH_QUARTERS
    tall = _longest([b for b in places if b[3] - b[1] >= TURNED * (b[2] - b[0])], lambda b: b[3] - b[1])
    level = _longest([b for b in places if b[2] - b[0] >= LEVEL * (b[3] - b[1])], lambda b: b[2] - b[0])
    if not tall and not level:
        return BOTH_QUARTERS
    turns: list[int] = []
    if tall:
        scores = _mean_scores(rgb, tall, BOTH_QUARTERS)
        way = max(BOTH_QUARTERS, key=lambda k: scores[k])
        if scores[way] < SURE_WAY or scores[way] - scores[-way] < MARGIN:
            return BOTH_QUARTERS
        turns.append(way)
    if level:
        scores = _mean_scores(rgb, level, (0, 2))
        if scores[2] >= SURE_WAY and scores[2] - scores[0] >= MARGIN:
            # the stored pixels' reading of upside-down text can be sure garbage (Tesseract read `NHS No:
            # 223 621 5459` as `OSPS 129 £22 :ON SHN`), which holds its place when the readings are merged:
            # the half turn is read beside both quarters, never instead of them
            return tuple(dict.fromkeys(turns + [*BOTH_QUARTERS, 2]))
        elif scores[0] < SURE_UPRIGHT or scores[0] < scores[2]:
            return BOTH_QUARTERS
    return tuple(turns)


def _longest(boxes: list, length) -> list:
    return sorted(boxes, key=lambda b: -length(b))[:SAMPLED]


def _mean_scores(rgb: np.ndarray, boxes: list, turns: tuple[int, ...]) -> dict[int, float]:
    """turn -> the recogniser's mean score over `boxes` cut from `rgb` and turned so (np.rot90's k)."""
    from slidesan.scan.ocr import learned

    crops = [rgb[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes]
    out = {}
    for turn in turns:
        read = learned.recognise([np.ascontiguousarray(np.rot90(crop, turn)) for crop in crops])
        out[turn] = sum(score for _, score in read) / len(read)
    return out


def turned(rgb: np.ndarray, turn: int) -> np.ndarray:
    return np.ascontiguousarray(np.rot90(rgb, turn))


def turned_back(line: OcrLine, turn: int, shape) -> OcrLine:
    """A line read in a picture turned by np.rot90(k=turn), with its boxes in the stored picture's pixels
    (so that --redact paints where the text is)."""
    if not turn:
        return line
    height, width = shape[:2]

    def box(b):
        x0, y0, x1, y1 = b
        if turn == 1:       # turned anticlockwise: its row was the stored column counted from the right
            return (width - y1, x0, width - y0, x1)
        if turn == 2:       # turned half: both axes counted from the other end
            return (width - x1, height - y1, width - x0, height - y0)
        return (y0, height - x1, y1, height - x0)     # turned clockwise

    return replace(line, box=box(line.box), spans=tuple((s, e, box(b)) for s, e, b in line.spans))
