"""Red team 17: made-up patients, the pictures they are drawn into, and the register of cases."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

GIVEN_SURNAMES = [
    ("Aoife", "Ni Bhriain"), ("Kwame", "Mensah-Boateng"), ("Mei", "Zhang"), ("Joaquin", "Garcia Ruiz"),
    ("Oluwaseun", "Adeyemi"), ("Priya", "Raghunathan"), ("Henrik", "Lindqvist"), ("Fatima", "El Amrani"),
    ("Dmitri", "Volkov"), ("Siobhan", "O'Rourke"), ("Thanh", "Nguyen"), ("Giulia", "Bianchi"),
    ("Yusuf", "Demirci"), ("Ingrid", "Halvorsen"), ("Tomasz", "Wisniewski"), ("Keiko", "Tanaka"),
    ("Marguerite", "Delacroix"), ("Rahul", "Venkataraman"), ("Astrid", "Bergstrom"), ("Chidi", "Okonkwo"),
]
INSTITUTIONS = ["St Brendan's University Hospital", "Klinikum Nordstadt Hannover", "Hopital Saint-Eloi Montpellier",
                "Riverside General Hospital", "Ospedale San Gerardo Monza", "Royal Devon Infirmary"]
HARMLESS = ["Axial T2 FLAIR", "Chest PA teaching case", "Radiology teaching file", "Case 12 follow-up",
            "Coronal reformat", "Right knee lateral"]


@dataclass


class Who:
    given: str
    surname: str
    mrn: str
    dob: str
    institution: str

    @property
    def full(self) -> str:
        return f"{self.surname.upper()}, {self.given}"

    @property
    def line(self) -> str:
        return f"{self.full}  {self.mrn}  DOB {self.dob}"

    def strings(self) -> list[str]:
        return [self.surname, self.mrn, self.dob]


def make_who(rng: random.Random) -> Who:
    given, surname = rng.choice(GIVEN_SURNAMES)
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    mrn = rng.choice([f"RX-{digits}-{rng.choice('KLMQ')}", f"MRN {digits[:3]}-{digits[3:]}",
                      f"H{digits[:4]}-{digits[4:]}B", f"PID ZH-{digits}"])
    y, m, d = rng.randint(1931, 1999), rng.randint(1, 12), rng.randint(1, 28)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    dob = rng.choice([f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{m:02d}/{d:02d}/{y}",
                      f"{d:02d} {months[m - 1]} {y}", f"{d:02d}-{months[m - 1].upper()}-{y}"])
    return Who(given, surname, mrn, dob, rng.choice(INSTITUTIONS))


# -- pictures ---------------------------------------------------------------------------------------


def scene(rng: random.Random, w: int = 640, h: int = 480) -> Image.Image:
    """A grey radiograph-like picture: noisy gradient, a bright body outline, no text."""
    y, x = np.mgrid[0:h, 0:w]
    base = 30 + 40 * (x / w) + rng.randint(0, 20)
    cx, cy = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.45, 0.6)
    body = ((x - cx) / (w * 0.33)) ** 2 + ((y - cy) / (h * 0.38)) ** 2 < 1
    arr = base + body * (90 + 30 * np.sin(x / 17.0) * np.cos(y / 23.0))
    arr = arr + np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, (h, w))
    grey = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, -1), "RGB")


def font(size: int, mono: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(MONO if mono else FONT, size)


def with_band(img: Image.Image, text: str, size: int = 26) -> tuple[Image.Image, list[int]]:
    """The picture with a black band on top holding `text` in white (the uncropped original)."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    f = font(size)
    x0, y0, x1, y1 = draw.textbbox((12, 8), text, font=f)
    draw.rectangle((0, 0, out.width, y1 + 8), fill=(0, 0, 0))
    draw.text((12, 8), text, fill=(255, 255, 255), font=f)
    return out, [x0, y0, x1, y1]


def encode(img: Image.Image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def band_text(who: Who | None, rng: random.Random) -> str:
    return who.line if who else rng.choice(HARMLESS) + "  W 400 L 40"


rng_endian = [">"]          # the byte order of hand-made TIFFs, set per case by gen.generate


# -- the cases ----------------------------------------------------------------------------------------

CASES = []


def case(container: str, place: str, hidden: str | None = None):
    def register(fn):
        CASES.append((container, place, hidden, fn))
        return fn
    return register


def meta_text(who: Who | None, rng: random.Random, form: str = "line") -> str:
    if who is None:
        return rng.choice(HARMLESS)
    return {"line": who.line, "name": f"{who.given} {who.surname}", "inst": f"{who.institution}, {who.full}"}[form]
