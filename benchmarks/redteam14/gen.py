"""Red team 14: clean teaching pictures that should pass, and their identifying twins.

    python benchmarks/redteam14/gen.py --seed 14 --count 60 --twins 12 --out /tmp/rt14/pics

Written from scratch for this pass (not derived from the project's other generators). Each control
is a made-up CT / MR / XR / US / NM / mammo / angio capture carrying only what a lecturer may show:
window and level, image numbers, slice thickness, dose readouts without a patient header,
measurements, ROI labels, scale bars, orientation letters, sequence names, study descriptions,
anatomy labels and arrows, teaching captions with eponyms, anonymisation markers, conference names
and talk dates, copyright lines, vendor names and a viewer's menus and toolbars; 10 fonts, 9-24 px,
several colours, JPEG quality 40-95 or PNG, 600-2000 px wide. A twin is a control drawn again with a
made-up patient header (name, hospital number, birth date) in its top-left corner: the judge must
still catch it. truth.json lists every file, whether it is a control, its texts and the twin's
identifiers.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import vocabulary as V

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "/usr/share/fonts/opentype/urw-base35/URWGothic-Book.otf",
    "/usr/share/fonts/opentype/urw-base35/C059-Roman.otf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
]
COLOURS = [(255, 255, 255), (255, 255, 0), (0, 255, 0), (0, 230, 255), (255, 165, 0), (200, 200, 200),
           (150, 150, 150)]
MODALITIES = ["CT", "MR", "XR", "US", "NM", "MG", "XA"]
READOUTS = {"CT": [V.WINDOW, V.IMAGE_NO, V.THICKNESS, V.DOSE], "MR": [V.SEQUENCE, V.MR_TECH, V.IMAGE_NO],
            "XR": [V.XR, V.WINDOW], "US": [V.US_READOUT, V.US_LABEL], "NM": [V.NM_READOUT],
            "MG": [V.MAMMO], "XA": [V.ANGIO, V.IMAGE_NO]}


def usable_fonts() -> list[str]:
    return [f for f in FONTS if Path(f).exists()]


def anatomy(rng: random.Random, modality: str, w: int, h: int) -> Image.Image:
    """A made-up grey picture of the modality's look: bodies, organs, noise, a fan or dots."""
    nrng = np.random.default_rng(rng.randrange(1 << 30))
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = w / 2, h / 2
    img = np.zeros((h, w), np.float32)
    if modality in ("CT", "MR"):
        body = ((xx - cx) / (0.42 * w)) ** 2 + ((yy - cy) / (0.38 * h)) ** 2 < 1
        img[body] = 110 if modality == "CT" else 70
        for _ in range(rng.randint(3, 7)):
            ox, oy = cx + nrng.normal(0, 0.15 * w), cy + nrng.normal(0, 0.12 * h)
            rx, ry = rng.uniform(0.04, 0.14) * w, rng.uniform(0.04, 0.12) * h
            organ = ((xx - ox) / rx) ** 2 + ((yy - oy) / ry) ** 2 < 1
            img[organ & body] = rng.uniform(40, 230)
        img += nrng.normal(0, 8, img.shape) * body
    elif modality in ("XR", "MG"):
        img = 60 + 120 * np.exp(-(((xx - cx) / (0.35 * w)) ** 2 + ((yy - cy) / (0.45 * h)) ** 2))
        if modality == "MG":
            img *= (xx < 0.7 * w)
        for k in range(rng.randint(4, 9)):
            img += 25 * (np.abs(yy - (0.2 + 0.08 * k) * h - 10 * np.sin(xx / 40)) < 4)
        img += nrng.normal(0, 6, img.shape)
    elif modality == "US":
        ang = np.arctan2(xx - cx, yy + 0.1 * h)
        r = np.hypot(xx - cx, yy + 0.1 * h)
        fan = (np.abs(ang) < 0.6) & (r < 0.95 * h) & (r > 0.15 * h)
        img[fan] = 70 + nrng.rayleigh(35, fan.sum())
    elif modality == "NM":
        img = 15 + nrng.poisson(3, (h, w)).astype(np.float32) * 8
        for _ in range(rng.randint(5, 12)):
            ox, oy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.1, 0.9) * h
            img += 200 * np.exp(-(((xx - ox) ** 2 + (yy - oy) ** 2) / (2 * (0.02 * w) ** 2)))
    else:  # XA
        img[:] = 150
        for _ in range(rng.randint(4, 8)):
            x0, y0 = rng.uniform(0.2, 0.8) * w, rng.uniform(0, 0.3) * h
            for t in range(200):
                x0 += rng.uniform(-3, 3) * w / 800
                y0 += h / 220
                img[max(0, int(y0) - 4):int(y0) + 4, max(0, int(x0) - 4):int(x0) + 4] = 30
        img += nrng.normal(0, 5, img.shape)
    picture = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).convert("RGB")
    return picture.filter(ImageFilter.GaussianBlur(1.2))


class Canvas:
    """A picture with text drawn on it; remembers each text and its box."""

    def __init__(self, rng: random.Random, picture: Image.Image, fonts: list[str]):
        self.rng, self.image, self.fonts = rng, picture, fonts
        self.draw = ImageDraw.Draw(picture)
        self.font_path = rng.choice(fonts)
        self.texts: list[dict] = []

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(self.font_path, size)

    def text(self, xy, s: str, size: int, colour, kind: str, anchor: str = "la") -> tuple:
        font = self.font(size)
        box = self.draw.textbbox(xy, s, font=font, anchor=anchor)
        self.draw.text(xy, s, font=font, fill=colour, anchor=anchor)
        self.texts.append({"text": s, "kind": kind, "box": list(box)})
        return box

    def stack(self, corner: str, lines: list[tuple[str, str]], size: int, colour, top: int = 0) -> None:
        w, h = self.image.size
        pad, step = max(6, size // 2), int(size * 1.35)
        bottom = corner[0] == "b"
        right = corner[1] == "r"
        for i, (s, kind) in enumerate(lines):
            y = h - pad - step * (len(lines) - i) if bottom else pad + top + step * i
            x = w - pad if right else pad
            self.text((x, y), s, size, colour, kind, anchor="ra" if right else "la")


def readout_lines(rng: random.Random, modality: str, n: int) -> list[tuple[str, str]]:
    pools = READOUTS[modality]
    return [(rng.choice(rng.choice(pools)), "readout") for _ in range(n)]


def control(rng: random.Random, fonts: list[str], index: int) -> tuple[Image.Image, Canvas, dict]:
    """One clean teaching picture; returns the picture, its canvas and its description."""
    modality = rng.choice(MODALITIES)
    w = rng.randrange(600, 2001, 2)
    h = int(w * rng.uniform(0.6, 1.0))
    picture = anatomy(rng, modality, w, h)
    canvas = Canvas(rng, picture, fonts)
    size = rng.randint(9, 24) if rng.random() < 0.7 else rng.randint(max(9, w // 90), max(10, w // 45))
    size = min(size, 24)
    colour = rng.choice(COLOURS)
    ui = rng.random() < 0.3
    top = 0
    if ui:  # viewer chrome: a menu bar and a toolbar above the image
        bar = int(size * 1.6)
        canvas.draw.rectangle([0, 0, w, 2 * bar], fill=(rng.randint(30, 70),) * 3)
        canvas.text((8, 3), rng.choice(V.MENU), max(11, size - 2), (230, 230, 230), "ui")
        canvas.text((8, bar + 3), rng.choice(V.TOOLBAR), max(11, size - 2), (210, 210, 210), "ui")
        canvas.text((w - 8, bar + 3), rng.choice(V.STATUS), max(11, size - 2), (210, 210, 210), "ui",
                    anchor="ra")
        top = 2 * bar + 4
    corners = ["tl", "tr", "bl", "br"]
    rng.shuffle(corners)
    # The top-left corner holds what a viewer puts there once the patient block is gone.
    head = [(rng.choice(V.STUDY), "study")]
    if rng.random() < 0.5:
        head.append((rng.choice(V.MARKER), "marker"))
    if rng.random() < 0.6:
        head.append((rng.choice(V.VENDOR), "vendor"))
    canvas.stack("tl", head + readout_lines(rng, modality, rng.randint(0, 2)), size, colour, top)
    canvas.stack("tr", readout_lines(rng, modality, rng.randint(2, 4)), size, colour, top)
    canvas.stack("bl", readout_lines(rng, modality, rng.randint(1, 3)), size, colour)
    br = readout_lines(rng, modality, rng.randint(1, 2))
    if rng.random() < 0.5:
        br.append((rng.choice(V.COPYRIGHT), "copyright"))
    canvas.stack("br", br, size, colour)
    # Orientation letters at the edges' middles.
    if rng.random() < 0.7:
        big = min(28, size + 4)
        pairs = rng.choice([("R", "L", "A", "P"), ("R", "L", "H", "F"), ("A", "P", "S", "I")])
        canvas.text((14, h // 2), pairs[0], big, colour, "orientation", anchor="lm")
        canvas.text((w - 14, h // 2), pairs[1], big, colour, "orientation", anchor="rm")
        canvas.text((w // 2, top + 10 + size * 4), pairs[2], big, colour, "orientation", anchor="mt")
    # Measurements, ROI labels and anatomy with arrows in the middle.
    for _ in range(rng.randint(1, 4)):
        x, y = rng.uniform(0.3, 0.65) * w, rng.uniform(0.35, 0.65) * h
        length = rng.uniform(0.05, 0.15) * w
        mcol = rng.choice([(255, 255, 0), (0, 255, 0), (255, 80, 80), (0, 200, 255)])
        canvas.draw.line([x, y, x + length, y + rng.uniform(-20, 20)], fill=mcol, width=2)
        s = rng.choice(V.MEASURE + V.ROI)
        canvas.text((x + length + 6, y - size // 2), s, size, mcol, "measurement")
    for _ in range(rng.randint(0, 2)):
        x, y = rng.uniform(0.25, 0.6) * w, rng.uniform(0.25, 0.75) * h
        acol = rng.choice(COLOURS[:5])
        canvas.draw.line([x, y, x - 40, y - 30], fill=acol, width=3)
        canvas.draw.polygon([(x, y), (x - 14, y - 4), (x - 6, y - 14)], fill=acol)
        canvas.text((x - 44, y - 34), rng.choice(V.ANATOMY), size, acol, "anatomy", anchor="rb")
    # A scale bar.
    if rng.random() < 0.5:
        y0 = h - 40 - size * 4
        canvas.draw.line([w - 140, y0, w - 40, y0], fill=colour, width=2)
        canvas.text((w - 90, y0 + 4), rng.choice(["1 cm", "5 cm", "10 mm", "2 cm"]), size, colour,
                    "scale", anchor="ma")
    # A teaching caption band, sometimes a conference line above the picture.
    if rng.random() < 0.6:
        band = int(size * 2.2)
        canvas.draw.rectangle([0, h - band, w, h], fill=rng.choice([(0, 0, 0), (255, 255, 255), (20, 40, 90)]))
        ink = (0, 0, 0) if canvas.image.getpixel((2, h - 2)) == (255, 255, 255) else (255, 255, 255)
        lead = rng.choice(V.CAPTION_LEAD)
        canvas.texts = [t for t in canvas.texts if t["box"][3] < h - band]
        canvas.text((10, h - band + 4), f"{lead} {rng.choice(V.EPONYM)}", size, ink, "caption")
        if rng.random() < 0.5:
            canvas.text((w - 10, h - band + 4), rng.choice(V.CONFERENCE), max(9, size - 3), ink, "conference",
                        anchor="ra")
    description = {"modality": modality, "size": [w, h], "font": Path(canvas.font_path).name,
                   "text_px": size, "ui": ui, "index": index}
    return picture, canvas, description


def twin_header(rng: random.Random) -> list[tuple[str, str]]:
    """A made-up patient header as a viewer writes it in the top-left corner."""
    surname, given = rng.choice(V.SURNAMES), rng.choice(V.GIVEN)
    name = rng.choice([f"{surname}, {given}", f"{surname}^{given.upper()}", f"{given} {surname.title()}"])
    number = rng.choice([f"MRN: {rng.randrange(10**6, 10**7)}", f"ID: RX{rng.randrange(10**6, 10**7)}",
                         f"Hosp No: {rng.randrange(10**7, 10**8)}"])
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1935, 1995)
    dob = rng.choice([f"DOB: {d:02d}/{m:02d}/{y}", f"Born {y}-{m:02d}-{d:02d}", f"DOB {d:02d}.{m:02d}.{y} F"])
    return [(name, "name"), (number, "id"), (dob, "dob")]


def save(picture: Image.Image, path_stem: Path, rng: random.Random) -> Path:
    if rng.random() < 0.7:
        path = path_stem.with_suffix(".jpg")
        picture.save(path, quality=rng.randint(40, 95))
    else:
        path = path_stem.with_suffix(".png")
        picture.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--twins", type=int, default=12)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    fonts = usable_fonts()
    args.out.mkdir(parents=True, exist_ok=True)
    truth = []
    twin_of = set(rng.sample(range(args.count), min(args.twins, args.count)))
    for i in range(args.count):
        state = rng.getstate()
        picture, canvas, desc = control(rng, fonts, i)
        save_rng = random.Random(args.seed * 1000 + i)
        path = save(picture, args.out / f"c{i:03d}_{desc['modality'].lower()}", save_rng)
        truth.append({"file": path.name, "clean": True, "texts": canvas.texts, "ids": [], **desc})
        if i in twin_of:  # the same picture again, with a patient header added
            after = rng.getstate()
            rng.setstate(state)
            picture, canvas, desc = control(rng, fonts, i)
            rng.setstate(after)
            header_top = max((t["box"][3] for t in canvas.texts if t["box"][1] < picture.size[1] / 4
                              and t["box"][0] < picture.size[0] / 3), default=0) + 4
            before = len(canvas.texts)
            canvas.stack("tl", twin_header(rng), desc["text_px"], (255, 255, 255), header_top)
            ids = canvas.texts[before:]
            save_rng = random.Random(args.seed * 1000 + i)
            tpath = save(picture, args.out / f"t{i:03d}_{desc['modality'].lower()}", save_rng)
            truth.append({"file": tpath.name, "clean": False, "texts": canvas.texts, "ids": ids, **desc})
    (args.out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    print(f"{len(truth)} pictures ({sum(t['clean'] for t in truth)} controls) in {args.out}")


if __name__ == "__main__":
    main()
