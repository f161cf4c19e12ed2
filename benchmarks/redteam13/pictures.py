"""Red team 13: the pictures planted into decks, each with the boxes (picture pixels) of what identifies.

Three sources: generated overlays (fixtures/overlays.py, boxes known), a name band drawn here on an
ultrasound-like or CT-like background (boxes known), and the real overlays of /work/shared (boxes found
once by Tesseract on the original, for the identifier texts truth.json lists; a text it cannot place has
no box and is not scored by pixels). Innocent pictures (no identifier, only harmless labels) measure
over-strict verdicts.
"""
from __future__ import annotations

import io
import json
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from fixtures.overlays import anatomy, load_font, make_overlay, speckle_fan

REAL_DIR = Path("/work/shared/corpus/real_overlays")
BOX_CACHE = Path("/tmp/rt13_real_boxes.json")
SURNAMES = ["HARGREAVES", "OKONJO", "PEMBERTON", "KOWALCZYK", "WHITLOCK", "ADEYEMI", "LINDQVIST", "MULCAHY",
            "ROSSITER", "ASHWORTH", "BRANNIGAN", "GALLAGHER", "PRENDERGAST", "ELLINGHAM", "ABERNETHY"]
GIVEN = ["Thomas", "Margaret", "Ewan", "Aoife", "Piotr", "Ingrid", "Declan", "Priya", "Magnus", "Eleanor"]
HARMLESS = ["Axial T2 FLAIR", "W:400 L:40", "Sag T1 post-contrast", "3.5 MHz  Depth 16cm", "Portal venous phase",
            "Fig. 2: ring enhancement", "Coronal STIR", "L", "R"]


@dataclass
class Planted:
    """One picture to plant: the image (before encoding), its identifier boxes and texts."""

    source: str                  # overlay:KIND | band:BACKGROUND | real:FILE | innocent:BACKGROUND
    image: Image.Image
    boxes: list = field(default_factory=list)     # [(x0, y0, x1, y1, text)] in image pixels
    texts: list = field(default_factory=list)     # every identifier text (truth for a plain OCR read)

    @property
    def identifying(self) -> bool:
        return bool(self.texts)


def background(rng: random.Random, w: int, h: int, kind: str) -> Image.Image:
    nrng = np.random.default_rng(rng.randrange(2 ** 32))
    if kind == "ultrasound":
        return speckle_fan(w, h, max(24, h // 10), nrng)
    return anatomy(w, h, nrng, bright=rng.random() < 0.3)


BRIGHT = ((255, 255, 255), (255, 255, 0), (0, 255, 255), (230, 230, 230), (255, 160, 0))
DIM = ((150, 150, 150), (120, 160, 200), (170, 140, 90), (110, 110, 110))


def name_band(rng: random.Random, tiny: bool = False) -> Planted:
    """`SURNAME, Given  Hosp No: RX1234567  DOB: 14/03/1961` drawn across a scan-like picture.

    tiny: a large picture whose band is small text in one corner (shown at a tiny scale on the slide).
    A third of the bands are harder but still legible to a person: small (10-13 px), dim, or written up
    the left edge as some machines do."""
    kind = rng.choice(("ultrasound", "ct"))
    w, h = (rng.choice((2400, 3000)), rng.choice((1600, 2000))) if tiny else \
        rng.choice(((640, 480), (800, 600), (1024, 768), (512, 512), (1280, 720)))
    image = background(rng, w, h, kind)
    hard = "" if rng.random() < 0.66 else rng.choice(("small", "dim", "vertical"))
    size = rng.randint(10, 13) if hard == "small" else rng.randint(14, 18) if tiny else rng.randint(14, 30)
    colour = rng.choice(DIM if hard == "dim" else BRIGHT)
    name = f"{rng.choice(SURNAMES)}, {rng.choice(GIVEN)}"
    number = f"R{rng.choice('XKHM')}{rng.randint(1000000, 9999999)}"
    dob = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1935, 2004)}"
    text = f"{name}  Hosp No: {number}  DOB: {dob}"
    probe, font_seed = ImageDraw.Draw(image), rng.randrange(10 ** 6)
    while True:                             # the whole band fits the picture's edge
        font = load_font(random.Random(font_seed), size)
        if probe.textlength(text, font=font) + 20 < (h if hard == "vertical" else w) or size <= 10:
            break
        size -= 1
    strip = Image.new("RGB", (int(probe.textlength(text, font=font)) + 16, int(size * 1.6)), (0, 0, 0))
    draw = ImageDraw.Draw(strip)
    boxes, x = [], 8
    for label, value in (("", name), ("  Hosp No: ", number), ("  DOB: ", dob)):
        draw.text((x, 2), label, font=font, fill=colour)
        x += draw.textlength(label, font=font)
        boxes.append((*(int(v) for v in draw.textbbox((x, 2), value, font=font)), value))
        draw.text((x, 2), value, font=font, fill=colour)
        x += draw.textlength(value, font=font)
    dark_strip = rng.random() < 0.4          # a dark strip behind the band, as viewers draw it
    mask = strip.convert("L").point(lambda v: 255 if v > 0 or dark_strip else 0)
    if hard == "vertical":                  # written upwards along the left edge
        strip, mask = strip.rotate(90, expand=True), mask.rotate(90, expand=True)
        sw = strip.height
        boxes = [(y0, sw - x1, y1, sw - x0, t) for x0, y0, x1, y1, t in boxes]
        ox, oy = rng.randint(2, 10), max(0, (h - strip.height) // 2)
    else:
        ox = rng.randint(0, max(1, min(w // 20, w - strip.width)))
        oy = rng.randint(2, 10) if rng.random() < 0.5 else h - strip.height - rng.randint(2, 10)
    if strip.width > w or strip.height > h:
        strip, mask = strip.crop((0, 0, min(w, strip.width), min(h, strip.height))), \
            mask.crop((0, 0, min(w, strip.width), min(h, strip.height)))
    image.paste(strip, (ox, oy), mask)
    boxes = [(x0 + ox, y0 + oy, min(w, x1 + ox), min(h, y1 + oy), t) for x0, y0, x1, y1, t in boxes
             if x0 + ox < w and y0 + oy < h]
    label = f"band:{kind}{'-tiny' if tiny else ''}{'-' + hard if hard else ''}"
    return Planted(label, image, boxes, [b[4] for b in boxes])


def overlay(rng: random.Random) -> Planted:
    image, label = make_overlay(rng)
    direct = [e for e in label["identifiers"] if e["category"] in ("name", "hospital-number", "nhs-number",
                                                                 "date-of-birth", "mrn", "id")]
    chosen = direct or label["identifiers"]
    boxes = [(*e["box"], e["text"]) for e in chosen]
    return Planted(f"overlay:{label['kind']}", image, boxes, [e["text"] for e in chosen])


def innocent(rng: random.Random) -> Planted:
    kind = rng.choice(("ultrasound", "ct"))
    w, h = rng.choice(((640, 480), (800, 600), (1024, 768)))
    image = background(rng, w, h, kind)
    if rng.random() < 0.7:
        draw = ImageDraw.Draw(image)
        font = load_font(rng, rng.randint(14, 24))
        for _ in range(rng.randint(1, 3)):
            draw.text((rng.randint(4, w // 2), rng.randint(4, h - 40)), rng.choice(HARMLESS), font=font,
                      fill=(255, 255, 255))
    return Planted(f"innocent:{kind}", image)


def real_boxes() -> dict:
    """{file: [(x0, y0, x1, y1, text)]}: each truth identifier placed by Tesseract on the original."""
    if BOX_CACHE.exists():
        return json.loads(BOX_CACHE.read_text())
    truth = json.loads((REAL_DIR / "truth.json").read_text())
    found = {}
    for item in truth:
        path = REAL_DIR / item["file"]
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            continue
        words = tesseract_words(Image.open(path).convert("RGB"))
        found[item["file"]] = [box + (ident["text"],) for ident in item["identifiers"]
                               if (box := place_text(ident["text"], words)) is not None]
    BOX_CACHE.write_text(json.dumps(found))
    return found


def tesseract_words(image: Image.Image) -> list:
    """[(text, x0, y0, x1, y1)] from plain Tesseract (TSV), the picture enlarged when small."""
    scale = 2 if image.width < 1600 else 1
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.LANCZOS)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    out = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "11", "tsv"], input=buf.getvalue(),
                         capture_output=True, timeout=300).stdout.decode("utf-8", "replace")
    words = []
    for row in out.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[11].strip():
            x, y, w, h = (int(v) // scale for v in cols[6:10])
            words.append((cols[11].strip(), x, y, x + w, y + h))
    return words


def norm(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def norm_words(text: str) -> set[str]:
    return {w for w in (norm(t) for t in text.replace("^", " ").replace(",", " ").split()) if len(w) >= 3}


def place_text(text: str, words) -> tuple | None:
    """The box of the words whose letters make `text` (or its longest token), or None."""
    want = norm(text)
    tokens = sorted((norm(t) for t in text.replace("^", " ").split()), key=len, reverse=True)
    for key in [want] + [t for t in tokens if len(t) >= 4]:
        for word in words:
            if key and (key in norm(word[0]) or (len(norm(word[0])) >= 5 and norm(word[0]) in key)):
                return tuple(word[1:])
    return None


def real(rng: random.Random, boxes: dict) -> Planted:
    usable = sorted(f for f, b in boxes.items() if b)
    name = rng.choice(usable)
    image = Image.open(REAL_DIR / name).convert("RGB")
    truth = {i["file"]: i for i in json.loads((REAL_DIR / "truth.json").read_text())}[name]
    return Planted(f"real:{name}", image, [tuple(b) for b in boxes[name]], [i["text"] for i in truth["identifiers"]])


def pick(rng: random.Random, boxes: dict) -> Planted:
    roll = rng.random()
    if roll < 0.12:
        return innocent(rng)
    if roll < 0.40:
        return name_band(rng, tiny=rng.random() < 0.25)
    if roll < 0.75:
        return overlay(rng)
    return real(rng, boxes)


FORMATS = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "tiff": "image/tiff",
           "bmp": "image/bmp", "webp": "image/webp"}


def encode(image: Image.Image, fmt: str, rng: random.Random) -> bytes:
    buf = io.BytesIO()
    if fmt == "jpeg":
        image.save(buf, "JPEG", quality=rng.randint(75, 95))
    elif fmt == "gif":
        image.convert("P", palette=Image.ADAPTIVE, colors=256).save(buf, "GIF")
    elif fmt == "webp":
        image.save(buf, "WEBP", quality=90)
    else:
        image.save(buf, fmt.upper())
    return buf.getvalue()
