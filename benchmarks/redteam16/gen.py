"""Red team 16: made-up DICOM files whose pixels name a patient, and their clean twins.

Ultrasound (RGB, YBR_FULL_422, PALETTE COLOR; single frame and cine), nuclear medicine (8/16 bit,
128-256 px frames, whole-body strips), secondary captures of viewer screens (MONOCHROME1/2, RGB),
XA/RF multi-frame runs, a CT dose report captured as SC, JPEG baseline frames encapsulated, and
frames whose text appears only after the first frame. Every identifying file has a clean twin:
the same frames with only measurements, labels, depth markers, TIS/MI readouts.

Headers are "kept" (the patient's values in the header too), "clean" (already anonymised) or
"lying" (clean and Burned In Annotation = NO). Truth (file -> identifier strings and their boxes
in frame pixels) goes to OUT/truth.json beside OUT/pack/.

    python benchmarks/redteam16/gen.py OUT [--seed 16]
"""

from __future__ import annotations

import argparse
import io
import json
import random
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import (ExplicitVRLittleEndian, JPEGBaseline8Bit, PYDICOM_IMPLEMENTATION_UID,
                         generate_uid)

FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
         "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf"]

SURNAMES = ["van der Berg", "O'Connor", "Nakamura", "de la Cruz", "Okonkwo", "Al-Rashid", "Kowalczyk",
            "Nguyen", "Papadopoulos", "Fitzgerald", "Haddad", "Lindqvist", "Mbeki", "dos Santos", "Ivanova",
            "Chakraborty", "Schmidt-Weber", "MacLeod", "Yilmaz", "Abernethy", "Baptiste", "Tanaka",
            "von Essen", "Ferreira", "Oyelaran", "Kaczmarek", "Rasmussen", "Ben Ami", "Gallagher", "Horvath"]
GIVEN = ["Aoife", "Kwame", "Ingrid", "Mateus", "Priya", "Yusuf", "Siobhan", "Hiroshi", "Dolores", "Thandiwe",
         "Anneliese", "Rafael", "Mehmet", "Oksana", "Declan", "Chiamaka", "Lars", "Fatima", "Giorgos", "Mireille"]
INSTITUTIONS = ["St Brigid's General Hospital", "Royal Harbourside Infirmary", "Klinikum Nordheide",
                "Hopital Saint-Aubin", "Westmarch University Hospital", "Ospedale San Lorenzo",
                "Kingsbridge Children's Hospital", "Mercy Valley Medical Centre"]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


class Person:
    """A made-up patient: name, ID, birth date, institution, with their written forms."""

    def __init__(self, rng: random.Random):
        self.surname = rng.choice(SURNAMES)
        self.given = rng.choice(GIVEN)
        letters = "".join(rng.choice("ABCDEFGHJKMNPRSTXZ") for _ in range(rng.choice((1, 2))))
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((6, 7, 8))))
        self.pid = rng.choice([f"{letters}{digits}", f"{digits[:3]}-{digits[3:]}", f"{letters}-{digits}",
                               f"{digits[:2]}-{digits[2:5]}-{digits[5:]}{letters}"])
        self.birth = (rng.randint(1931, 2015), rng.randint(1, 12), rng.randint(1, 28))
        self.institution = rng.choice(INSTITUTIONS)
        self.accession = f"ACC{rng.randint(1000000, 9999999)}"
        self.name_form = rng.choice(["caret", "comma", "plain"])
        self.date_form = rng.choice(["dmy", "mdy", "iso", "mon", "dot"])

    def dicom_name(self) -> str:
        return f"{self.surname.upper()}^{self.given}"

    def shown_name(self) -> str:
        if self.name_form == "caret":
            return f"{self.surname.upper()}^{self.given.upper()}"
        if self.name_form == "comma":
            return f"{self.surname.upper()}, {self.given}"
        return f"{self.given} {self.surname}"

    def shown_birth(self) -> str:
        y, m, d = self.birth
        return {"dmy": f"{d:02d}/{m:02d}/{y}", "mdy": f"{m:02d}/{d:02d}/{y}", "iso": f"{y}-{m:02d}-{d:02d}",
                "mon": f"{d:02d}-{MONTHS[m - 1]}-{y}", "dot": f"{d:02d}.{m:02d}.{y}"}[self.date_form]

    def dicom_birth(self) -> str:
        y, m, d = self.birth
        return f"{y}{m:02d}{d:02d}"


# -- drawing ---------------------------------------------------------------------------------------

class Canvas:
    """An RGB picture being drawn on, remembering where identifying text went."""

    def __init__(self, width: int, height: int, background=(0, 0, 0)):
        self.image = Image.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)
        self.boxes: list[tuple[str, list[int]]] = []

    def text(self, xy, words: str, size: int, colour, font_path: str, identifying: bool = False):
        font = ImageFont.truetype(font_path, size)
        self.draw.text(xy, words, fill=colour, font=font)
        box = list(self.draw.textbbox(xy, words, font=font))
        if identifying:
            self.boxes.append((words, box))
        return box


def speckle_sector(rng: np.random.Generator, width: int, height: int, top: int) -> np.ndarray:
    """A grey ultrasound-like fan of speckle below `top` (uint8, H x W)."""
    yy, xx = np.mgrid[0:height, 0:width]
    cx, cy = width / 2, top - 20
    angle = np.degrees(np.arctan2(xx - cx, yy - cy))
    radius = np.hypot(xx - cx, yy - cy)
    fan = (np.abs(angle) < 38) & (radius > 30) & (radius < height - top + 10) & (yy > top)
    speckle = rng.gamma(1.5, 40, (height, width)) * (0.6 + 0.4 * np.sin(radius / 23.0) ** 2)
    out = np.where(fan, np.clip(speckle, 0, 230), 0)
    blob = ((xx - cx) ** 2 / 70 ** 2 + (yy - (top + (height - top) * 0.55)) ** 2 / 40 ** 2) < 1
    out[blob & fan] *= 0.15
    return out.astype(np.uint8)


def body_blobs(rng: np.random.Generator, width: int, height: int, peak: int, count: int = 6) -> np.ndarray:
    """Smooth hot spots of counts (NM-like), float."""
    yy, xx = np.mgrid[0:height, 0:width]
    out = np.zeros((height, width))
    for _ in range(count):
        cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.15, 0.85) * height
        sx, sy = rng.uniform(0.04, 0.15) * width, rng.uniform(0.04, 0.2) * height
        out += rng.uniform(0.3, 1.0) * np.exp(-((xx - cx) ** 2 / (2 * sx ** 2) + (yy - cy) ** 2 / (2 * sy ** 2)))
    out = out / max(out.max(), 1e-6) * peak
    return rng.poisson(out).astype(np.float64)


def ct_like(rng: np.random.Generator, size: int) -> np.ndarray:
    """A grey CT-ish disc with organs (uint8)."""
    yy, xx = np.mgrid[0:size, 0:size]
    c = size / 2
    body = ((xx - c) ** 2 / (0.42 * size) ** 2 + (yy - c) ** 2 / (0.33 * size) ** 2) < 1
    out = np.where(body, 110, 5).astype(np.float64)
    for _ in range(5):
        ox, oy, r = rng.uniform(0.3, 0.7) * size, rng.uniform(0.35, 0.65) * size, rng.uniform(0.04, 0.1) * size
        out[((xx - ox) ** 2 + (yy - oy) ** 2) < r ** 2] = rng.uniform(40, 200)
    out += rng.normal(0, 6, out.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def grey(level: int, colour: bool, rng: random.Random):
    if not colour:
        return (level, level, level)
    return rng.choice([(level, level, 0), (0, level, level), (level, level // 2, 0), (80, level, 80)])


# -- the header ------------------------------------------------------------------------------------

SOP = {"US": "1.2.840.10008.5.1.4.1.1.6.1", "US-MF": "1.2.840.10008.5.1.4.1.1.3.1",
       "NM": "1.2.840.10008.5.1.4.1.1.20", "SC": "1.2.840.10008.5.1.4.1.1.7",
       "XA": "1.2.840.10008.5.1.4.1.1.12.1", "RF": "1.2.840.10008.5.1.4.1.1.12.2"}


def header(person: Person, modality: str, sop: str, style: str, rng: random.Random) -> Dataset:
    ds = Dataset()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = sop, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality = modality
    ds.SeriesNumber, ds.InstanceNumber = 1, 1
    if style == "kept":
        ds.PatientName = person.dicom_name()
        ds.PatientID = person.pid
        ds.PatientBirthDate = person.dicom_birth()
        ds.InstitutionName = person.institution
        ds.AccessionNumber = person.accession
        ds.StudyDate = "20240312"
    else:                               # as a de-identifier leaves it: identity emptied
        ds.PatientName = ""
        ds.PatientID = ""
        ds.PatientIdentityRemoved = "YES"
    if style == "lying":
        ds.BurnedInAnnotation = "NO"
    return ds


def set_grey(ds: Dataset, frames: np.ndarray, bits: int, photometric: str = "MONOCHROME2") -> None:
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = frames.shape[-2], frames.shape[-1]
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    if frames.ndim == 3:
        ds.NumberOfFrames = frames.shape[0]
    dtype = np.uint8 if bits == 8 else np.uint16
    ds.PixelData = frames.astype(dtype).tobytes()
    ds["PixelData"].VR = "OB" if bits == 8 else "OW"


def colour_layout(ds: Dataset, frames: np.ndarray, photometric: str) -> None:
    """The Image Pixel attributes of 8-bit, three-sample, interleaved frames (H x W x 3, or N of them)."""
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = photometric
    ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = frames.shape[-3], frames.shape[-2]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    if frames.ndim == 4:
        ds.NumberOfFrames = frames.shape[0]


def set_rgb(ds: Dataset, frames: np.ndarray) -> None:
    colour_layout(ds, frames, "RGB")
    ds.PixelData = frames.astype(np.uint8).tobytes()


def set_ybr422(ds: Dataset, frames: np.ndarray) -> None:
    """Uncompressed YBR_FULL_422: Y1 Y2 Cb Cr for each pair of pixels."""
    arr = frames.astype(np.float64)
    r, g, b = arr[..., 0], arr[..., 1], arr[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
    cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    cb2 = (cb[..., 0::2] + cb[..., 1::2]) / 2
    cr2 = (cr[..., 0::2] + cr[..., 1::2]) / 2
    packed = np.stack([y[..., 0::2], y[..., 1::2], cb2, cr2], axis=-1)
    colour_layout(ds, frames, "YBR_FULL_422")
    ds.PixelData = np.clip(np.round(packed), 0, 255).astype(np.uint8).tobytes()


def set_palette(ds: Dataset, frame_rgb: np.ndarray) -> None:
    """PALETTE COLOR, 8-bit indices into a 256-entry, 16-bit LUT made by quantising the picture."""
    quantised = Image.fromarray(frame_rgb.astype(np.uint8), "RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    palette = np.array(quantised.getpalette()[:768] + [0] * (768 - len(quantised.getpalette()[:768])),
                       np.uint16).reshape(256, 3)
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "PALETTE COLOR"
    ds.Rows, ds.Columns = frame_rgb.shape[0], frame_rgb.shape[1]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    for channel, name in enumerate(("Red", "Green", "Blue")):
        setattr(ds, f"{name}PaletteColorLookupTableDescriptor", [256, 0, 16])
        setattr(ds, f"{name}PaletteColorLookupTableData", (palette[:, channel] * 257).astype("<u2").tobytes())
    ds.PixelData = np.asarray(quantised, np.uint8).tobytes()


def set_jpeg(ds: Dataset, frames: list[np.ndarray], quality: int) -> None:
    """JPEG baseline frames written by Pillow and encapsulated (pydicom cannot encode this syntax)."""
    encoded = []
    colour = frames[0].ndim == 3
    for frame in frames:
        buf = io.BytesIO()
        Image.fromarray(frame.astype(np.uint8), "RGB" if colour else "L").save(buf, "JPEG", quality=quality)
        encoded.append(buf.getvalue())
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.SamplesPerPixel = 3 if colour else 1
    ds.PhotometricInterpretation = "YBR_FULL_422" if colour else "MONOCHROME2"
    if colour:
        ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = frames[0].shape[0], frames[0].shape[1]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    if len(frames) > 1:
        ds.NumberOfFrames = len(frames)
    ds.PixelData = encapsulate(encoded, has_bot=len(frames) > 1)
    ds["PixelData"].is_undefined_length = True
    ds.LossyImageCompression = "01"


# -- the cases -------------------------------------------------------------------------------------

def us_picture(rng, nprng, person, identifying, width=640, height=480):
    """An ultrasound screen: top band (patient line or only the exam's settings), corner readouts."""
    font = rng.choice(FONTS)
    size = rng.randint(9, 14)
    colour = rng.random() < 0.5
    canvas = Canvas(width, height)
    fan = speckle_sector(nprng, width, height, 48)
    canvas.image = Image.fromarray(np.stack([fan] * 3, -1))
    canvas.draw = ImageDraw.Draw(canvas.image)
    level = rng.randint(170, 255)
    x = rng.randint(4, 20)
    if identifying:
        canvas.text((x, 4), person.shown_name(), size, grey(level, colour, rng), font, True)
        canvas.text((x, 6 + size + 2), f"ID: {person.pid}", size, grey(level, colour, rng), font, True)
        right = rng.choice([f"DOB {person.shown_birth()}", person.shown_birth()])
        canvas.text((width // 2, 4), right, size, grey(level, colour, rng), font, True)
        if rng.random() < 0.5:
            canvas.text((width // 2, 6 + size + 2), person.institution, size, grey(level, colour, rng), font, True)
    else:
        canvas.text((x, 4), "ABDOMEN  C5-1", size, grey(level, colour, rng), font)
        canvas.text((x, 6 + size + 2), "Fr 32 Hz  2D", size, grey(level, colour, rng), font)
        canvas.text((width // 2, 4), "Gen  Frq 4.0MHz", size, grey(level, colour, rng), font)
    canvas.text((width - 90, 4), f"MI {rng.uniform(0.4, 1.4):.1f}", size, grey(level, colour, rng), font)
    canvas.text((width - 90, 6 + size + 2), f"TIS {rng.uniform(0.1, 1.2):.1f}", size, grey(level, colour, rng), font)
    for depth in range(1, 12, 2):
        canvas.text((width - 30, 48 + depth * 36), str(depth), size - 1, (200, 200, 200), font)
    canvas.text((8, height - size - 8), f"D {rng.uniform(1, 8):.2f} cm", size, grey(level, colour, rng), font)
    canvas.text((8, height - 2 * size - 12), "+ Dist", size, grey(level, colour, rng), font)
    canvas.text((width - 110, height - size - 8), f"G {rng.randint(40, 70)}  DR {rng.randint(55, 75)}", size,
                grey(level, colour, rng), font)
    return canvas


def nm_picture(rng, nprng, person, identifying, width, height, peak):
    """NM counts with a patient line in small text at the foot (or only the view labels)."""
    counts = body_blobs(nprng, width, height, peak)
    font = rng.choice(FONTS)
    size = rng.randint(8, 11)
    label = Image.new("L", (width, height), 0)
    canvas = Canvas(width, height)
    canvas.image, canvas.draw = label, ImageDraw.Draw(label)
    if identifying:
        canvas.text((2, height - 2 * size - 6), person.shown_name(), size, 255, font, True)
        canvas.text((2, height - size - 3), person.pid, size, 255, font, True)
    else:
        canvas.text((2, height - 2 * size - 6), "ANT   Tc99m", size, 255, font)
        canvas.text((2, height - size - 3), "300 s", size, 255, font)
    canvas.text((width - 4 * size, 2), "R  L", size, 255, font)
    mask = np.asarray(label, np.float64) / 255.0
    top = peak * rng.uniform(0.9, 1.2)
    return counts * (1 - mask) + top * mask, canvas


def screen_picture(rng, nprng, person, identifying, width, height):
    """A viewer screen capture: CT image in the middle, four corners of annotation."""
    canvas = Canvas(width, height)
    size = min(width, height) // 2
    ct = ct_like(nprng, size)
    canvas.image.paste(Image.fromarray(ct).convert("RGB"), ((width - size) // 2, (height - size) // 2))
    font = rng.choice(FONTS)
    fs = rng.randint(10, 14)
    level = rng.randint(180, 255)
    line = fs + 4
    if identifying:
        canvas.text((6, 6), person.shown_name(), fs, (level,) * 3, font, True)
        canvas.text((6, 6 + line), person.pid, fs, (level,) * 3, font, True)
        canvas.text((6, 6 + 2 * line), person.shown_birth(), fs, (level,) * 3, font, True)
        canvas.text((width - 230, 6), person.institution, fs, (level,) * 3, font, True)
    else:
        canvas.text((6, 6), "CT CHEST W/O", fs, (level,) * 3, font)
        canvas.text((6, 6 + line), "Se: 3  Im: 41/120", fs, (level,) * 3, font)
        canvas.text((6, 6 + 2 * line), "Axial 1.25 mm", fs, (level,) * 3, font)
        canvas.text((width - 230, 6), "kV 120  mA 245", fs, (level,) * 3, font)
    canvas.text((6, height - 2 * line), "W: 1500 L: -600", fs, (level,) * 3, font)
    canvas.text((width - 120, height - 2 * line), "Zoom 1.20", fs, (level,) * 3, font)
    canvas.text((width - 60, height // 2), "L", fs + 2, (level,) * 3, font)
    return canvas


def dose_picture(rng, person, identifying, width=640, height=480):
    canvas = Canvas(width, height)
    font = rng.choice(FONTS[1::2] + FONTS[:1])
    fs = rng.randint(11, 14)
    y = 10
    if identifying:
        canvas.text((10, y), f"Patient Name: {person.shown_name()}", fs, (230,) * 3, font, True)
        canvas.text((10, y + fs + 6), f"Patient ID: {person.pid}", fs, (230,) * 3, font, True)
        canvas.text((330, y + fs + 6), f"DOB: {person.shown_birth()}", fs, (230,) * 3, font, True)
    else:
        canvas.text((10, y), "Dose Report", fs, (230,) * 3, font)
        canvas.text((10, y + fs + 6), "Exam: CT ABDOMEN PELVIS", fs, (230,) * 3, font)
    canvas.text((330, y), "Total DLP: 612.4 mGy-cm", fs, (230,) * 3, font)
    rows = [("Series", "Type", "Scan Range (mm)", "CTDIvol", "DLP"), ("1", "Scout", "-", "-", "-"),
            ("2", "Helical", "I12.5-I498.0", "10.21", "512.30"), ("3", "Helical", "I20.0-I210.5", "4.87", "100.10")]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            canvas.text((10 + [0, 70, 170, 340, 440][c], 90 + r * (fs + 10)), cell, fs, (230,) * 3, font)
    canvas.text((10, 90 + 5 * (fs + 10)), "Phantom: Body 32 cm", fs, (230,) * 3, font)
    return canvas


def xa_frames(rng, nprng, person, identifying, count, size=512):
    base = np.full((size, size), 150.0)
    yy, xx = np.mgrid[0:size, 0:size]
    for _ in range(6):
        x0 = nprng.uniform(0.2, 0.8) * size
        base -= 70 * np.exp(-((xx - x0 - 0.2 * (yy - size / 2)) ** 2) / (2 * nprng.uniform(3, 8) ** 2))
    font = rng.choice(FONTS)
    fs = rng.randint(10, 13)
    canvas = Canvas(size, size)
    label = Image.new("L", (size, size), 0)
    canvas.image, canvas.draw = label, ImageDraw.Draw(label)
    if identifying:
        canvas.text((6, 4), f"{person.shown_name()}  {person.pid}", fs, 255, font, True)
    else:
        canvas.text((6, 4), "LAO 30  CRA 20", fs, 255, font)
    canvas.text((6, size - fs - 6), "15 fps  FD 22", fs, 255, font)
    mask = np.asarray(label, np.float64) / 255.0
    frames = []
    for k in range(count):
        noisy = np.clip(base + nprng.normal(0, 7, base.shape) - 10 * np.sin(k / 2.0), 0, 255)
        frames.append(noisy * (1 - mask) + 250 * mask)
    return np.stack(frames), canvas


# -- the pack --------------------------------------------------------------------------------------

KINDS = ["us_rgb", "us_ybr", "us_palette", "us_cine", "us_late", "us_jpeg", "nm8", "nm16", "nm_wholebody",
         "sc_mono2", "sc_mono1", "sc_rgb", "xa", "rf_late", "dose_sc", "xa_jpeg"]


def make(kind: str, rng: random.Random, nprng: np.random.Generator, person: Person, identifying: bool,
         style: str):
    """One dataset of `kind`, and the identifying (text, box) pairs drawn into it."""
    if kind.startswith("us"):
        ds = header(person, "US", SOP["US-MF" if kind in ("us_cine", "us_late") else "US"], style, rng)
        canvas = us_picture(rng, nprng, person, identifying)
        rgb = np.asarray(canvas.image)
        if kind == "us_rgb":
            set_rgb(ds, rgb)
        elif kind == "us_ybr":
            set_ybr422(ds, rgb)
        elif kind == "us_palette":
            set_palette(ds, rgb)
        elif kind == "us_jpeg":
            set_jpeg(ds, [rgb], rng.choice((70, 85, 95)))
        else:
            count = rng.randint(12, 24)
            plain = us_picture(rng, nprng, person, False)
            plain_rgb = np.asarray(plain.image)
            start = rng.randint(1, count - 4) if kind == "us_late" else 0
            stop = min(count, start + rng.randint(2, 4)) if kind == "us_late" else count
            frames = np.stack([rgb if start <= k < stop else plain_rgb for k in range(count)])
            set_rgb(ds, frames)
        return ds, canvas.boxes
    if kind.startswith("nm"):
        ds = header(person, "NM", SOP["NM"], style, rng)
        if kind == "nm_wholebody":
            width, height, bits, peak = 256, 1024, 16, rng.randint(200, 1500)
        else:
            width = height = rng.choice((128, 256))
            bits, peak = (8, 200) if kind == "nm8" else (16, rng.randint(300, 4000))
        counts, canvas = nm_picture(rng, nprng, person, identifying, width, height, peak)
        frames = np.clip(counts, 0, 255 if bits == 8 else 65535)
        if rng.random() < 0.4 and kind != "nm_wholebody":
            second, _ = nm_picture(rng, nprng, person, identifying, width, height, peak)
            frames = np.stack([frames, np.clip(second, 0, 255 if bits == 8 else 65535)])
        set_grey(ds, np.round(frames), bits)
        return ds, canvas.boxes
    if kind.startswith("sc") or kind == "dose_sc":
        ds = header(person, "OT" if rng.random() < 0.5 else "SC", SOP["SC"], style, rng)
        if kind == "dose_sc":
            canvas = dose_picture(rng, person, identifying)
            ds.SeriesDescription = rng.choice(["Dose Report", "Patient Protocol", ""])
            ds.Modality = "CT"
        else:
            width, height = rng.choice([(800, 600), (1024, 768), (640, 512)])
            canvas = screen_picture(rng, nprng, person, identifying, width, height)
        rgb = np.asarray(canvas.image)
        if kind == "sc_rgb":
            set_rgb(ds, rgb)
        elif kind == "sc_mono1":
            set_grey(ds, 255 - rgb[..., 0], 8, "MONOCHROME1")
        else:
            set_grey(ds, rgb[..., 0], 8)
        return ds, canvas.boxes
    # xa, rf_late, xa_jpeg
    modality = "RF" if kind == "rf_late" else "XA"
    ds = header(person, modality, SOP[modality], style, rng)
    count = rng.randint(6, 16)
    frames, canvas = xa_frames(rng, nprng, person, identifying, count)
    if kind == "rf_late":
        plain, _ = xa_frames(rng, nprng, person, False, count)
        start = rng.randint(1, count - 2)
        frames = np.stack([frames[k] if k >= start else plain[k] for k in range(count)])
    if kind == "xa_jpeg":
        set_jpeg(ds, [np.round(f).astype(np.uint8) for f in frames], rng.choice((75, 90)))
    else:
        set_grey(ds, np.round(frames), 8)
    return ds, canvas.boxes


def generate(out: Path, seed: int, per_kind: int = 2) -> dict:
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    pack = out / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    truth = {}
    number = pair = 0
    for kind in KINDS:
        for _ in range(per_kind):
            pair += 1
            person = Person(rng)
            style = rng.choice(["kept", "clean", "lying"])
            state = rng.getstate()
            for identifying in (True, False):
                rng.setstate(state)                              # the twin: same draws, no identifiers
                ds, boxes = make(kind, rng, np.random.default_rng(seed * 1000 + pair), person, identifying, style)
                number += 1
                name = f"c{number:03d}_{kind}_{'id' if identifying else 'twin'}.dcm"
                ds.save_as(pack / name, enforce_file_format=True)
                truth[name] = {"kind": kind, "header": style, "identifying": identifying,
                               "identifiers": [text for text, _ in boxes], "boxes": [box for _, box in boxes]}
    (out / "truth.json").write_text(json.dumps(truth, indent=1))
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--per-kind", type=int, default=2)
    args = parser.parse_args()
    truth = generate(args.out, args.seed, args.per_kind)
    print(f"{len(truth)} files in {args.out / 'pack'}; truth in {args.out / 'truth.json'}")


if __name__ == "__main__":
    main()
