"""Photographs of screens and films: read a second time with local contrast evened out, and turned.

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

The second reading costs as much as the first. Its purpose is that faint text cannot leave a picture
`publication`, so the caller may settle a picture on its first reading (engine.read_many's `settled`):
one that already names its patient is identifiable whatever else it holds. Without --redact the
verdict cannot change; with it every identifier must be found to be painted, and all is read.
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


def merged(first: list[OcrLine], second: list[OcrLine]) -> list[OcrLine]:
    """The first reading's lines, and the second reading's lines no line of the first already holds
    (texture of the first counts as nothing read; texture of the second is left out). The unsure ones
    are one account: a photograph of a street or a skin lesion, evened out, shows dozens of places that
    may be text (70 on one of the real decks), and the lecturer looks at the picture once, not 70 times."""
    read = [line.box for line in first if not line.texture]
    extra = [line for line in second
             if not line.texture and not any(share_inside(line.box, box) >= HELD for box in read)]
    sure = [line for line in extra if line.reliable]
    unsure = [line for line in extra if not line.reliable]
    if unsure:
        box = (min(ln.box[0] for ln in unsure), min(ln.box[1] for ln in unsure),
               max(ln.box[2] for ln in unsure), max(ln.box[3] for ln in unsure))
        places = f"{len(unsure)} places" if len(unsure) > 1 else "a place"
        sure.append(replace(unsure[0], text="", raw="", spans=(), box=box, conf=min(ln.conf for ln in unsure),
                            doubt=f"text found but not read ({places}, in the photograph's second reading: "
                                  "contrast evened out, turned a quarter each way)"))
    return sorted(first + sure, key=lambda ln: (ln.box[1], ln.box[0]))


def second_views(rgb: np.ndarray) -> list[tuple[np.ndarray, int]]:
    """What a photograph's second reading reads, with numpy's quarter turns (rot90's k) that made each:
    the picture with its contrast evened out, and the picture turned a quarter each way. A phone stores
    a picture sideways with a tag saying how to turn it; an editor or an export that drops the tag
    leaves a screen's text running up or down the stored pixels, where neither reader finds it (red
    team 12's sideways photographs with the tag dropped: 5 of 24 with an identifier read nothing)."""
    return [(evened(rgb), 0), (np.ascontiguousarray(np.rot90(rgb, 1)), 1), (np.ascontiguousarray(np.rot90(rgb, -1)), -1)]


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
        return (y0, height - x1, y1, height - x0)     # turned clockwise

    return replace(line, box=box(line.box), spans=tuple((s, e, box(b)) for s, e, b in line.spans))
