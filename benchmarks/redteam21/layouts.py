"""Screens as a radiologist captures them, drawn from scratch for red team 21 (no vendor artwork).

Each layout draws a background (numpy) and its text through `Canvas`, which records every identifier's box.
The same layout is drawn twice from the same seed: once with the patient (identifying picture) and once as its
clean twin, where each line that held an identifier becomes a harmless technical line (or, on a form, the
field is left empty) and nothing else changes.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

import identities as ids

FONT_FILES = [
    "/usr/share/fonts/opentype/terminus/terminus-normal.otb", "/usr/share/fonts/opentype/terminus/terminus-bold.otb",
    "/usr/share/fonts/opentype/b612/B612-Regular.otf", "/usr/share/fonts/opentype/b612/B612Mono-Bold.otf",
    "/usr/share/fonts/opentype/cantarell/Cantarell-Regular.otf", "/usr/share/fonts/opentype/cantarell/Cantarell-Bold.otf",
    "/usr/share/fonts/truetype/hack/Hack-Regular.ttf", "/usr/share/fonts/truetype/inconsolata/Inconsolata.otf",
    "/usr/share/fonts/truetype/oxygen/Oxygen-Sans.ttf", "/usr/share/fonts/truetype/oxygen/OxygenMono-Regular.ttf",
    "/usr/share/fonts/opentype/ocr-b/OCRB.otf", "/usr/share/fonts/opentype/urw-base35/NimbusSansNarrow-Bold.otf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf", "/usr/share/fonts/opentype/urw-base35/URWGothic-Demi.otf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf", "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Regular.ttf",
]
BITMAP_SIZES = (12, 14, 16, 20)          # the sizes terminus carries
DARK_COLOURS = [(255, 255, 0), (240, 220, 90), (0, 255, 0), (120, 230, 120), (0, 255, 255), (255, 255, 255),
                (200, 200, 200), (150, 150, 150), (255, 170, 60)]


def fonts_present() -> list[str]:
    import os
    return [f for f in FONT_FILES if os.path.exists(f)]


class Canvas:
    """A picture being drawn, the identifiers it holds and whether this drawing is the clean twin."""

    def __init__(self, img: Image.Image, rng: random.Random, twin: bool, style: dict):
        self.img, self.rng, self.twin, self.style = img, rng, twin, style
        self.draw = ImageDraw.Draw(img)
        self.draw.fontmode = "L" if style["aa"] else "1"
        self.alt = random.Random(rng.random())     # the twin's harmless words; the layout's rng runs the same
        self.truth: list[dict] = []

    def font(self, size: int | None = None) -> ImageFont.FreeTypeFont:
        size = size or self.style["size"]
        path = self.style["font"]
        if "terminus" in path:
            size = min(BITMAP_SIZES, key=lambda s: abs(s - size))
        return ImageFont.truetype(path, size)

    def line(self, x: float, y: float, parts: list[tuple[str, str | None]], *, right: bool = False,
             fill=None, size: int | None = None, blank_twin: bool = False) -> int:
        """Draw one line of (text, kind) parts at (x, y) (x is the right edge when `right`); return its height.
        In the twin a line with an identifier becomes harmless, or loses its values (`blank_twin`)."""
        font, fill = self.font(size), fill or self.style["fill"]
        if self.twin and any(k for _, k in parts):
            parts = [(t, None) for t, k in parts if not k] if blank_twin else [
                (ids.harmless(self.alt, "".join(t for t, _ in parts)), None)]
        text = "".join(t for t, _ in parts)
        width = font.getlength(text)
        x0 = x - width if right else x
        if self.style.get("shadow"):
            self.draw.text((x0 + 1, y + 1), text, font=font, fill=(0, 0, 0))
        self.draw.text((x0, y), text, font=font, fill=fill)
        offset = 0.0
        for t, kind in parts:
            if kind and t.strip():
                lead = len(t) - len(t.lstrip())
                bx = x0 + offset + font.getlength(t[:lead])
                l, tp, r, b = font.getbbox(t.strip())
                self.truth.append({"text": t.strip(), "kind": kind,
                                   "box": [int(bx), int(y + tp), int(bx + r + 1), int(y + b + 1)]})
            offset += font.getlength(t)
        l, tp, r, b = font.getbbox("Ag")
        return int(b * 1.25) + 1


def noise(rng: random.Random, h: int, w: int, sigma: float) -> np.ndarray:
    return np.random.default_rng(rng.randrange(1 << 30)).normal(0, sigma, (h, w))


def ellipse_mask(h, w, cy, cx, ry, rx) -> np.ndarray:
    yy, xx = np.ogrid[:h, :w]
    return ((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1


def slice_background(rng: random.Random, w: int, h: int, bright_corner: bool) -> Image.Image:
    """A CT or MR slice: body, organs, bone; optionally bright anatomy reaching a top corner."""
    a = np.zeros((h, w))
    a[ellipse_mask(h, w, h * .5, w * .5, h * .38, w * .42)] = rng.uniform(90, 140)
    for _ in range(rng.randint(3, 7)):
        a[ellipse_mask(h, w, h * rng.uniform(.3, .7), w * rng.uniform(.25, .75), h * rng.uniform(.04, .14),
                       w * rng.uniform(.04, .14))] = rng.uniform(20, 250)
    if bright_corner:
        side = rng.choice([0.12, 0.88])
        a[ellipse_mask(h, w, h * 0.1, w * side, h * 0.16, w * 0.2)] = rng.uniform(150, 215)
    a = np.clip(a + noise(rng, h, w, rng.uniform(3, 14)), 0, 255)
    img = Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2))).convert("RGB")
    return img


def fan_background(rng: random.Random, w: int, h: int) -> Image.Image:
    a = np.zeros((h, w))
    yy, xx = np.mgrid[:h, :w]
    cx, cy = w * 0.5, h * 0.1
    ang, rad = np.arctan2(xx - cx, yy - cy), np.hypot(xx - cx, yy - cy)
    fan = (np.abs(ang) < 0.6) & (rad > h * 0.05) & (rad < h * 0.85)
    speck = np.random.default_rng(rng.randrange(1 << 30)).rayleigh(60, (h, w))
    a[fan] = speck[fan] * (1.2 - rad[fan] / h)
    a = np.clip(a, 0, 255)
    return Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2)).convert("RGB")


def blob_background(rng: random.Random, w: int, h: int, inverse: bool) -> Image.Image:
    """A whole-body NM or PET projection: soft blobs on plain ground."""
    a = np.zeros((h, w))
    for _ in range(rng.randint(6, 14)):
        a[ellipse_mask(h, w, h * rng.uniform(.2, .85), w * rng.uniform(.35, .65), h * rng.uniform(.02, .12),
                       w * rng.uniform(.02, .08))] += rng.uniform(40, 140)
    a = np.clip(a + np.abs(noise(rng, h, w, 12)), 0, 255)
    img = Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(4))
    if inverse:
        img = Image.eval(img, lambda v: 255 - v)
    return img.convert("RGB")


def volume_background(rng: random.Random, w: int, h: int) -> Image.Image:
    """A 3D rendering: a shaded bone-coloured shape on a dark gradient."""
    yy, xx = np.mgrid[:h, :w]
    ground = np.stack([10 + 30 * yy / h, 12 + 20 * yy / h, 25 + 50 * yy / h], -1)
    shape = ellipse_mask(h, w, h * .5, w * .5, h * .35, w * .25) | ellipse_mask(h, w, h * .3, w * .5, h * .15, w * .3)
    shade = np.clip(1 - np.hypot(xx - w * .45, yy - h * .4) / (0.6 * max(w, h)), 0.2, 1)[..., None]
    bone = np.array([235, 205, 160]) * shade
    out = np.where(shape[..., None], bone, ground) + noise(rng, h, w, 4)[..., None]
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(1))


def patient_parts(c: Canvas, p: dict, with_site: bool = False) -> list[list[tuple[str, str | None]]]:
    """The patient block's lines: name, then ID (labelled or bare), then birth date with sex and age."""
    rows = [[(p["name"], "name")], [(p["id_label"], None), (p["id"], "id")],
            [(p["dob_label"], None), (p["dob"], "dob"), (p["dob_after"], None)]]
    if c.rng.random() < 0.3:                         # ID and birth date on one line
        rows[1:] = [rows[1] + [("   ", None)] + rows[2]]
    if with_site:
        rows.append([(p["site"], "institution")])
    return rows


def pacs(c: Canvas, p: dict) -> None:
    """Four-corner overlay: patient block in a top corner, site and study date in the other, technique below."""
    w, h = c.img.size
    m, right_block = c.rng.randint(4, 14), c.rng.random() < 0.35
    y = m
    for row in patient_parts(c, p):
        y += c.line(w - m if right_block else m, y, row, right=right_block)
    y = m
    for row in ([(p["site"], "institution")], [("Study: ", None), (p["study_date"], "date")],
                [(c.rng.choice(ids.SERIES), None)], [("Acc ", None), (p["accession"], "accession")]):
        if c.rng.random() < 0.85:
            y += c.line(m if right_block else w - m, y, row, right=not right_block)
    y = h - m - 4 * c.font().size * 1.3
    for _ in range(3):
        y += c.line(m, y, [(ids.harmless(c.rng), None)])
    y = h - m - 3 * c.font().size * 1.3
    for txt in (ids.harmless(c.rng), f"W {c.rng.randint(80, 2000)} L {c.rng.randint(-600, 300)}"):
        y += c.line(w - m, y, [(txt, None)], right=True)
    for letter, (x, yy) in zip("APRL", [(w / 2, m), (w / 2, h - m - 20), (m, h / 2), (w - m - 12, h / 2)]):
        c.line(x, yy, [(letter, None)])


def ultrasound(c: Canvas, p: dict) -> None:
    """A scanner screen: header bar with name, ID and date; probe, preset, TIS/MI; depth scale on the side."""
    w, h = c.img.size
    bar = int(h * c.rng.uniform(0.05, 0.08))
    c.draw.rectangle([0, 0, w, bar], fill=c.rng.choice([(30, 40, 70), (55, 55, 55), (10, 10, 10), (200, 200, 205)]))
    fill = (20, 20, 20) if sum(c.img.getpixel((2, 2))) > 400 else (235, 235, 235)
    x = 8
    for part in ([(p["name"], "name")], [(p["id_label"], None), (p["id"], "id")],
                 [(p["study_date"], "date"), (c.rng.choice(["  10:42:17", "  08:03", ""]), None)]):
        c.line(x, bar * 0.2, part, fill=fill)
        x += c.font().getlength("".join(t for t, _ in part)) + c.rng.randint(20, 60)
    c.line(w - 8, bar * 0.2, [(p["site"], "institution")], right=True, fill=fill)
    y = bar + 10
    for txt in (c.rng.choice(["C5-2", "L12-5", "C1-6-D", "9L-D"]), c.rng.choice(["Abdomen", "Renal", "OB 2/3", "Thyroid"]),
                f"TIS {c.rng.uniform(0.1, 1.2):.1f}  MI {c.rng.uniform(0.3, 1.4):.1f}", ids.harmless(c.rng)):
        y += c.line(w - 10, y, [(txt, None)], right=True)
    for k in range(0, 17, 2):
        c.line(w * 0.86, bar + 30 + k * (h - bar - 60) / 16, [(f"{k}", None)], size=c.style["size"] - 1)
    if c.rng.random() < 0.5:                         # the patient again in a side panel
        c.line(8, bar + 10, [(p["dob_label"], None), (p["dob"], "dob"), (p["dob_after"], None)])


def nuclear(c: Canvas, p: dict) -> None:
    """A NM or PET capture: a boxed patient label, view names and a colour scale."""
    w, h = c.img.size
    size = c.font().size
    bx, by = c.rng.randint(6, 30), c.rng.choice([6, h - 5 * size * 1.35 - 10])
    rows = patient_parts(c, p, with_site=c.rng.random() < 0.5)
    box_w = max(c.font().getlength("".join(t for t, _ in r)) for r in rows) + 16
    c.draw.rectangle([bx, by, bx + box_w, by + len(rows) * size * 1.3 + 12], outline=c.style["fill"], width=1)
    y = by + 6
    for row in rows:
        y += c.line(bx + 8, y, row)
    for name, x in (("ANT", w * 0.3), ("POST", w * 0.65)):
        c.line(x, h * 0.08, [(name, None)])
    c.line(w - 10, h - size * 3, [(c.rng.choice(["SUV 0-6", "Max 2310 cts", "Tc99m MDP 740 MBq"]), None)], right=True)


def dose_card(c: Canvas, p: dict) -> None:
    """A CT dose report page: labelled patient fields, then a table of series with CTDIvol and DLP."""
    w, h = c.img.size
    x, y = 20, 16
    y += c.line(x, y, [("Dose Report", None)], size=c.style["size"] + 3)
    for label, key, kind in (("Patient Name: ", "name", "name"), ("Patient ID: ", "id", "id"),
                             ("Birth Date: ", "dob", "dob"), ("Exam Date: ", "study_date", "date"),
                             ("Institution: ", "site", "institution")):
        if kind == "institution" and c.rng.random() < 0.4:
            continue
        y += c.line(x, y, [(label, None), (p[key], kind)], blank_twin=True)
    y += 10
    y += c.line(x, y, [("Series  Type     Scan Range (mm)   CTDIvol  DLP   Phantom", None)])
    for k in range(c.rng.randint(2, 4)):
        y += c.line(x, y, [(f"{k + 1}       Helical  I{c.rng.randint(10, 99)}.5-S{c.rng.randint(100, 400)}.0   "
                            f"{c.rng.uniform(2, 20):.2f}    {c.rng.randint(50, 900)}  Body 32", None)])
    c.line(x, y + 6, [(f"Total Exam DLP: {c.rng.randint(100, 1500)}.{c.rng.randint(0, 99)}", None)])


def workstation(c: Canvas, p: dict) -> None:
    """A 3D workstation: a rendering with a side panel listing the study (name, ID, date) and buttons."""
    w, h = c.img.size
    pw = int(w * c.rng.uniform(0.2, 0.28))
    left = c.rng.random() < 0.5
    x0 = 0 if left else w - pw
    c.draw.rectangle([x0, 0, x0 + pw, h], fill=c.rng.choice([(45, 48, 52), (230, 232, 235), (25, 30, 45)]))
    fill = (25, 25, 25) if sum(c.img.getpixel((x0 + 2, 2))) > 400 else (220, 225, 230)
    y = 12
    for row in ([("Patient", None)], [(p["name"], "name")], [(p["id_label"] or "ID ", None), (p["id"], "id")],
                [(p["study_date"], "date")], [(c.rng.choice(ids.SERIES), None)], [("", None)],
                [("Volume Rendering", None)], [("Preset: Bone", None)], [("Opacity 80%", None)], [("Crop  Sculpt  Export", None)]):
        y += c.line(x0 + 10, y, row, fill=fill)
    c.line((pw + 10) if left else 10, h - 30, [(ids.harmless(c.rng), None)])


def request_form(c: Canvas, p: dict) -> None:
    """A scanned paper request form: labelled fields, clinical details, the requester."""
    w, h = c.img.size
    x, y = 30, 24
    y += c.line(x, y, [(p["site"], "institution")], size=c.style["size"] + 4) + 6
    y += c.line(x, y, [("RADIOLOGY REQUEST", None)], size=c.style["size"] + 2) + 8
    for label, key, kind in (("Surname, forename: ", "name", "name"), (p["id_label"] or "Hospital No: ", "id", "id"),
                             ("Date of birth: ", "dob", "dob"), ("Ward: ", None, None)):
        value = p[key] if key else c.rng.choice(["7B", "AMU", "Outpatients", "ED"])
        y += c.line(x, y, [(label, None), (value, kind)], blank_twin=True) + 4
        c.draw.line([x, y - 2, w - 40, y - 2], fill=(150, 150, 150))
    y += 10
    y += c.line(x, y, [("Clinical details: ", None), (c.rng.choice(["RUQ pain, ?gallstones", "Cough 6/52, smoker",
                                                                    "Fall, ?NOF #", "Headache, ?SAH"]), None)])
    y += c.line(x, y, [("Examination: ", None), (c.rng.choice(ids.SERIES), None)]) + 8
    c.line(x, y, [("Requested by: ", None), (p["referrer"], "referrer")], blank_twin=True)


LAYOUTS = {"pacs": pacs, "ultrasound": ultrasound, "nuclear": nuclear, "dose": dose_card,
           "workstation": workstation, "form": request_form}


def background(kind: str, rng: random.Random, w: int, h: int, bright: bool) -> Image.Image:
    if kind == "pacs":
        return slice_background(rng, w, h, bright)
    if kind == "ultrasound":
        return fan_background(rng, w, h)
    if kind == "nuclear":
        return blob_background(rng, w, h, inverse=rng.random() < 0.5)
    if kind == "workstation":
        return volume_background(rng, w, h)
    if kind == "dose":
        return Image.new("RGB", (w, h), rng.choice([(0, 0, 0), (20, 20, 24), (245, 245, 240)]))
    shade = rng.randint(225, 250)
    a = np.clip(shade + noise(rng, h, w, 6), 0, 255).astype(np.uint8)
    return Image.fromarray(a).convert("RGB")
