"""Photographs of screens and films: read a second time with local contrast evened out.

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
RENDERED_GREY = 0.8     # a picture with this share of its pixels exactly grey (R = G = B) was rendered, not photographed


def has_no_flat_area(rgb: np.ndarray) -> bool:
    """True for a photograph: no exact colour covers FLAT_SHARE of the picture (screenshots of the
    test set: 30-54 %; phone photos of screens and films, black clipped by exposure: at most 8 %)."""
    sample = rgb[::SAMPLE, ::SAMPLE].reshape(-1, 3).astype(np.uint32)
    if not len(sample):
        return False
    packed = (sample[:, 0] << 16) | (sample[:, 1] << 8) | sample[:, 2]
    _, counts = np.unique(packed, return_counts=True)
    return float(counts.max()) / len(packed) < FLAT_SHARE


def rendered_grey(rgb: np.ndarray) -> bool:
    """A radiograph, mammogram or scintigram as a viewer renders it: grey to the edge, its quantum
    noise or tissue texture touching every pixel (so it has no flat area and is read twice), but
    every grey pixel exactly grey. A camera's sensor has a colour filter over each pixel and its noise
    differs from channel to channel, so a phone photograph of a screen or a film, even of a grey one,
    has few pixels with red, green and blue exactly equal (red team 12's photographs and films: at
    most 51 %; red team 14's rendered radiographs and mammograms with coloured text: 88-100 %)."""
    sample = rgb[::SAMPLE, ::SAMPLE].reshape(-1, 3)
    if not len(sample):
        return False
    grey = (sample[:, 0] == sample[:, 1]) & (sample[:, 1] == sample[:, 2])
    return float(grey.mean()) >= RENDERED_GREY


def second_reading_kept(rgb: np.ndarray, lines: list[OcrLine]) -> list[OcrLine]:
    """What the second reading of `rgb` adds to the account. Of a rendered grey picture only its sure
    lines: evening out a radiograph's noise or a mammogram's texture shows places that look like text
    and cannot be read (red team 14: 10 of 60 clean pictures held back by them alone), while the text
    a viewer rendered is not the faint, camera-softened text the unsure places stand for; what the
    second reading reads surely there (small text the first reading missed) still counts. A
    photographed screen or film keeps every line."""
    return [line for line in lines if line.reliable] if rendered_grey(rgb) else lines


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
                            doubt=f"text found but not read ({places}, in the photograph with its contrast "
                                  "evened out)"))
    return sorted(first + sure, key=lambda ln: (ln.box[1], ln.box[0]))
