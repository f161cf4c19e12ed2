"""Red team 12: pictures of viewer screens and films as lecturers paste them.

Renders a viewer screen (dark background, a grey-level "scan", text in the corners) and then either
photographs it (perspective, rotation, moiré, scanlines, blur, glare, vignetting, noise, colour cast, JPEG),
photographs a printed film on a lightbox, or shrinks a plain screen capture. Some photos get phone-like
EXIF/XMP. Every identifier string drawn or written is kept per picture in truth.json.

    python benchmarks/redteam12/gen.py --seed 12 --count 90 --out DIR   (pictures and DIR/truth.json; not committed)
"""
from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_FILES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/truetype/freefont/FreeMono.ttf",
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
]

SURNAMES = ["Hargreaves", "Okonjo", "Pemberton", "Kowalczyk", "Whitlock", "Adeyemi", "Fairbrother", "Lindqvist",
            "Mulcahy", "Thistlewood", "Rossiter", "Nakamura", "Ashworth", "Fitzgerald", "Delacroix", "Brannigan",
            "Osei-Bonsu", "Gallagher", "Szymanski", "Haverford", "Montgomery", "Prendergast", "Varga", "Quayle",
            "Ellingham", "Coutinho", "Abernethy", "Castellano", "MacAskill", "O'Rourke", "Yilmaz", "Penhaligon"]
GIVEN_M = ["Thomas", "Ewan", "Kwabena", "Piotr", "Arthur", "Ravi", "Declan", "Magnus", "Stanley", "Dominic",
           "Joseph", "Farid", "Callum", "Leonard"]
GIVEN_F = ["Margaret", "Aoife", "Funmilayo", "Ingrid", "Beatrice", "Priya", "Eleanor", "Rosalind", "Hannah",
           "Zofia", "Imogen", "Winifred", "Chiamaka", "Lucia"]
HOSPITALS = ["St Aldhelm's Hospital", "Royal Wexcombe Infirmary", "Northgate General Hospital",
             "Harrowfield University Hospital", "Queen Adelaide Hospital NHS Trust", "Kingsbridge Medical Centre",
             "Clinique Sainte-Odile", "Marlow Vale Hospital", "Fenwick Royal Hospital"]
DOCTORS = ["Dr P. Okafor", "Dr S Lindgren", "Dr Amelia Rook", "DR J HALLORAN", "Dr. K. Venkataraman",
           "Dr Tobias Wren", "Dr M Castellanos", "Dr E. Fairweather"]
DATE_FORMS = ("{d:02d}/{m:02d}/{y}", "{d:02d}-{mon}-{y}", "{y}-{m:02d}-{d:02d}", "{y}{m:02d}{d:02d}",
              "{d:02d}.{m:02d}.{y}", "{d} {mon} {y}")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def name_forms(rng: random.Random) -> tuple[str, str]:
    """A patient name in one of the forms viewers and people write: (shown text, identifier text)."""
    sur = rng.choice(SURNAMES)
    male = rng.random() < 0.5
    given = rng.choice(GIVEN_M if male else GIVEN_F)
    form = rng.randrange(6)
    if form == 0:
        s = f"{sur.upper()}, {given}"
    elif form == 1:
        s = f"{sur.upper()}^{given.upper()}"
    elif form == 2:
        s = f"{'Mr' if male else 'Mrs'} {given} {sur}"
    elif form == 3:
        s = f"{sur.upper()}^{given.upper()}^^^"
    elif form == 4:
        s = f"{given} {sur.upper()}"
    else:
        s = f"{sur}, {given} ({'Mr' if male else 'Ms'})"
    return s, s


def hospital_number(rng: random.Random) -> str:
    form = rng.randrange(6)
    d = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))
    if form == 0:
        return d(7)
    if form == 1:
        return "RX" + rng.choice("HKMNW") + d(7)
    if form == 2:
        return f"{d(3)} {d(3)} {d(4)}"           # NHS-number spacing
    if form == 3:
        return rng.choice("ABKM") + d(6)
    if form == 4:
        return d(2) + "-" + d(6)
    return "00" + d(8)


def date_text(rng: random.Random, y0: int, y1: int) -> str:
    y, m, dd = rng.randrange(y0, y1), rng.randrange(1, 13), rng.randrange(1, 29)
    return rng.choice(DATE_FORMS).format(d=dd, m=m, y=y, mon=MONTHS[m - 1])


def patient_block(rng: random.Random) -> tuple[list[str], list[dict]]:
    """Lines of a patient block and the identifiers in them; a third of viewers show only a line or two."""
    lines, ids = full_block(rng)
    if rng.random() < 0.35:
        keep = sorted(rng.sample(range(len(lines)), rng.randrange(1, min(3, len(lines)) + 1)))
        lines, ids = [lines[k] for k in keep], [ids[k] for k in keep]
    return lines, ids


def full_block(rng: random.Random) -> tuple[list[str], list[dict]]:
    lines: list[str] = []
    ids: list[dict] = []
    name, _ = name_forms(rng)
    lab = rng.choice(["", "", "Name: ", "Patient: ", "Pt: "])
    lines.append(lab + name)
    ids.append({"kind": "name", "text": name})
    hn = hospital_number(rng)
    lab = rng.choice(["ID: ", "MRN: ", "Hosp No: ", "PID ", "", "NHS No: "])
    lines.append(lab + hn)
    ids.append({"kind": "id", "text": hn})
    if rng.random() < 0.85:
        dob = date_text(rng, 1932, 2005)
        sexage = rng.choice(["", f" {rng.choice('MF')}", f"  {rng.randrange(18, 89)}Y {rng.choice('MF')}"])
        lab = rng.choice(["DOB: ", "D.O.B. ", "Born ", "", "Birth date: "])
        lines.append(lab + dob + sexage)
        ids.append({"kind": "dob", "text": dob})
    if rng.random() < 0.7:
        h = rng.choice(HOSPITALS)
        lines.append(h)
        ids.append({"kind": "institution", "text": h})
    if rng.random() < 0.7:
        sd = date_text(rng, 2012, 2026)
        lab = rng.choice(["Study date: ", "", "Exam: ", "Acq "])
        lines.append(lab + sd + rng.choice(["", f" {rng.randrange(7, 19):02d}:{rng.randrange(60):02d}"]))
        ids.append({"kind": "date", "text": sd})
    if rng.random() < 0.6:
        doc = rng.choice(DOCTORS)
        lab = rng.choice(["Ref: ", "Referring: ", "Ref. phys: ", "Req by "])
        lines.append(lab + doc)
        ids.append({"kind": "doctor", "text": doc})
    if rng.random() < 0.3:
        acc = "ACC" + "".join(str(rng.randrange(10)) for _ in range(8))
        lines.append("Acc#: " + acc)
        ids.append({"kind": "accession", "text": acc})
    return lines, ids


def technical_block(rng: random.Random) -> list[str]:
    pool = [f"Se: {rng.randrange(1, 12)}", f"Im: {rng.randrange(1, 300)}/{rng.randrange(300, 600)}",
            f"W: {rng.randrange(300, 2000)} L: {rng.randrange(-600, 400)}", f"{rng.randrange(80, 140)} kV",
            f"{rng.randrange(50, 400)} mAs", f"ST: {rng.choice(['0.625', '1.25', '2.5', '5.0'])} mm",
            f"Zoom: {rng.randrange(80, 250)}%", rng.choice(["AXIAL", "CORONAL", "SAG", "T2 FSE", "DWI b1000",
                                                        "CT ABDO PELVIS C+", "MR BRAIN W/O"]),
            f"TR {rng.randrange(400, 6000)} TE {rng.randrange(8, 120)}", f"FOV {rng.randrange(180, 480)} mm",
            f"Tilt: {rng.choice(['0.0', '-12.0', '15.5'])}", "R", "Compressed 10:1", f"Z {rng.randrange(1, 9)}.0"]
    rng.shuffle(pool)
    return pool[: rng.randrange(2, 6)]


def scan_image(rng: random.Random, w: int, h: int) -> Image.Image:
    """A grey-level body-ish section: ellipses of several densities, texture and noise."""
    a = np.zeros((h, w), np.float32)
    cx, cy = w / 2, h / 2
    yy, xx = np.mgrid[0:h, 0:w]
    def ell(x0, y0, rx, ry, val, ang=0.0):
        c, s = math.cos(ang), math.sin(ang)
        dx, dy = xx - x0, yy - y0
        u, v = (dx * c + dy * s) / rx, (-dx * s + dy * c) / ry
        a[(u * u + v * v) <= 1] = val
    ell(cx, cy, w * 0.42, h * 0.36, rng.uniform(90, 120))
    ell(cx, cy, w * 0.39, h * 0.33, rng.uniform(60, 80))
    for _ in range(rng.randrange(5, 14)):
        ell(cx + rng.uniform(-0.3, 0.3) * w, cy + rng.uniform(-0.25, 0.25) * h, rng.uniform(0.02, 0.12) * w,
            rng.uniform(0.02, 0.1) * h, rng.uniform(20, 240), rng.uniform(0, math.pi))
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 12, (h, w)).astype(np.float32)
    a = cv2.GaussianBlur(a, (0, 0), 2.0) + noise * (a > 10)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def font(rng: random.Random, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(rng.choice(FONT_FILES), size)


def draw_block(draw: ImageDraw.ImageDraw, lines: list[str], corner: str, w: int, h: int, fnt, fill,
               margin: int) -> None:
    lh = int(fnt.size * 1.25)
    y0 = margin if corner[0] == "t" else h - margin - lh * len(lines)
    for i, line in enumerate(lines):
        tw = draw.textlength(line, font=fnt)
        x = margin if corner[1] == "l" else w - margin - tw
        draw.text((x, y0 + i * lh), line, font=fnt, fill=fill)


def viewer_screen(rng: random.Random, with_ids: bool) -> tuple[Image.Image, list[dict]]:
    w = rng.choice([1280, 1440, 1600, 1920])
    h = int(w * rng.choice([0.5625, 0.625, 0.75]))
    bg = rng.randrange(0, 25)
    img = Image.new("RGB", (w, h), (bg, bg, bg + rng.randrange(0, 8)))
    sw, sh = int(w * rng.uniform(0.55, 1.0)), int(h * rng.uniform(0.7, 1.0))
    scan = scan_image(rng, sw, sh).convert("RGB")
    img.paste(scan, ((w - sw) // 2, (h - sh) // 2))
    draw = ImageDraw.Draw(img)
    size = max(10, int(h * rng.uniform(0.009, 0.03)))
    fnt = font(rng, size)
    fill = rng.choice([(235, 235, 235), (255, 255, 255), (250, 230, 120), (190, 220, 255), (200, 200, 200),
                       (140, 140, 140), (120, 220, 120), (255, 170, 60)])
    corners = ["tl", "tr", "bl", "br"]
    rng.shuffle(corners)
    ids: list[dict] = []
    if with_ids:
        lines, ids = patient_block(rng)
        draw_block(draw, lines, corners[0], w, h, fnt, fill, int(size * 0.8))
    for c in corners[1:]:
        draw_block(draw, technical_block(rng), c, w, h, fnt, fill, int(size * 0.8))
    if rng.random() < 0.3:
        ids += window_title(rng, img, ids, with_ids)
    return img, ids


def window_title(rng: random.Random, img: Image.Image, ids: list[dict], with_ids: bool) -> list[dict]:
    """A viewer's light title bar and study tab above the screen: the tab names the patient."""
    draw = ImageDraw.Draw(img)
    bar = max(18, int(img.height * 0.03))
    draw.rectangle([0, 0, img.width, bar], fill=(rng.randrange(200, 240),) * 3)
    fnt = font(rng, int(bar * 0.6))
    names = [i["text"] for i in ids if i["kind"] == "name"]
    if names:
        text = f"{names[0]} - {rng.choice(['CT CHEST', 'MR KNEE', 'XR PELVIS'])} - PACS Viewer"
        out = []
    elif with_ids:
        name, _ = name_forms(rng)
        text = f"{name} - Study 1 of 2 - Viewer"
        out = [{"kind": "name", "text": name}]
    else:
        text, out = "Viewer - Workstation 3", []
    draw.text((int(bar * 0.5), int(bar * 0.15)), text, font=fnt, fill=(20, 20, 20))
    return out


def film_on_lightbox(rng: random.Random, with_ids: bool) -> tuple[Image.Image, list[dict]]:
    """A printed film (negative-looking: dark field, bright bone) with a printed label strip on its edge."""
    w = rng.choice([1400, 1700, 2000])
    h = int(w * rng.uniform(1.1, 1.3))
    film = Image.new("RGB", (w, h), (20, 20, 22))
    strip_h = int(h * 0.07)
    cells = rng.choice([(1, 1), (2, 2), (2, 3)])
    cw, ch = w // cells[0], (h - strip_h) // cells[1]
    for i in range(cells[0]):
        for j in range(cells[1]):
            sc = scan_image(rng, cw - 8, ch - 8).convert("RGB")
            film.paste(sc, (i * cw + 4, strip_h + j * ch + 4))
    draw = ImageDraw.Draw(film)
    draw.rectangle([0, 0, w, strip_h], fill=(rng.randrange(200, 240),) * 3)
    ids: list[dict] = []
    size = max(14, int(strip_h * 0.3))
    fnt = font(rng, size)
    if with_ids:
        lines, ids = patient_block(rng)
        # the label strip holds two lines; the rest goes in a corner of the first cell in white
        draw.text((int(w * 0.02), int(strip_h * 0.12)), "  ".join(lines[:2]), font=fnt, fill=(15, 15, 15))
        draw.text((int(w * 0.02), int(strip_h * 0.55)), "  ".join(lines[2:4]), font=fnt, fill=(15, 15, 15))
        if lines[4:]:
            draw_block(draw, lines[4:], "bl", w, h, font(rng, size), (230, 230, 230), int(size * 0.8))
    else:
        draw.text((int(w * 0.02), int(strip_h * 0.3)), rng.choice(["CT THORAX", "MR L-SPINE", "CHEST PA"]),
                  font=fnt, fill=(15, 15, 15))
    # lightbox: the film backlit against a white-ish box
    bw, bh = int(w * rng.uniform(1.15, 1.35)), int(h * rng.uniform(1.08, 1.2))
    tint = (rng.randrange(225, 256), rng.randrange(225, 256), rng.randrange(215, 250))
    box = Image.new("RGB", (bw, bh), tint)
    box.paste(film, ((bw - w) // 2, (bh - h) // 2))
    return box, ids


def photograph(rng: random.Random, img: Image.Image) -> Image.Image:
    """A phone photo of img: bezel and room, perspective, rotation, moiré, blur, glare, vignette, noise, cast."""
    src = np.asarray(img).astype(np.float32)
    h, w = src.shape[:2]
    # scanlines / pixel grid of a monitor, beating against the sensor grid later
    if rng.random() < 0.7:
        period = rng.uniform(2.2, 4.5)
        yy = np.arange(h, dtype=np.float32)[:, None]
        src *= (1 - rng.uniform(0.05, 0.2) * (0.5 + 0.5 * np.sin(2 * math.pi * yy / period)))[..., None]
    pad = int(max(w, h) * rng.uniform(0.05, 0.5))
    room = np.full((h + 2 * pad, w + 2 * pad, 3), rng.uniform(30, 140), np.float32)
    room += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, room.shape).astype(np.float32)
    bezel = int(pad * rng.uniform(0.1, 0.4))
    room[pad - bezel:pad + h + bezel, pad - bezel:pad + w + bezel] = rng.uniform(10, 40)
    room[pad:pad + h, pad:pad + w] = src
    H, W = room.shape[:2]
    # perspective: the camera off-axis by 5–25° horizontally and/or vertically
    ang = math.radians(rng.uniform(5, 25))
    k = math.tan(ang) * 0.6
    pts = np.float32([[0, 0], [W, 0], [W, H], [0, H]])
    d = np.float32(pts)
    if rng.random() < 0.5:  # left/right
        side = rng.choice([0, 1])
        dy = H * k * 0.5
        if side == 0:
            d[0][1] += dy; d[3][1] -= dy
        else:
            d[1][1] += dy; d[2][1] -= dy
    else:
        dx = W * k * 0.5
        d[0][0] += dx; d[1][0] -= dx
    rot = math.radians(rng.uniform(-6, 6))
    c = np.float32([W / 2, H / 2])
    R = np.float32([[math.cos(rot), -math.sin(rot)], [math.sin(rot), math.cos(rot)]])
    d = (d - c) @ R.T + c
    d += np.float32(rng.uniform(-0.01, 0.01) * W)
    M = cv2.getPerspectiveTransform(pts, d.astype(np.float32))
    out = cv2.warpPerspective(room, M, (W, H), borderMode=cv2.BORDER_REPLICATE)
    # moiré: a low-frequency interference pattern
    if rng.random() < 0.6:
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        f1, f2 = rng.uniform(0.02, 0.08), rng.uniform(0.02, 0.08)
        th = rng.uniform(0, math.pi)
        pat = np.sin(f1 * (xx * math.cos(th) + yy * math.sin(th))) * np.sin(f2 * (xx * math.sin(th) - yy * math.cos(th)))
        out *= (1 + rng.uniform(0.03, 0.12) * pat)[..., None]
    # glare: a bright soft blob, and vignetting
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    gx, gy = rng.uniform(0.1, 0.9) * W, rng.uniform(0.1, 0.9) * H
    gr = rng.uniform(0.2, 0.6) * max(W, H)
    out += (rng.uniform(20, 90) * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gr * gr)))[..., None]
    r = np.sqrt(((xx - W / 2) / (W / 2)) ** 2 + ((yy - H / 2) / (H / 2)) ** 2)
    out *= (1 - rng.uniform(0.15, 0.45) * np.clip(r / 1.4, 0, 1) ** 2)[..., None]
    # colour cast
    out *= np.float32([rng.uniform(0.85, 1.1), rng.uniform(0.9, 1.05), rng.uniform(0.85, 1.15)])
    # blur, then sensor noise
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 2.2))
    out += np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 9), out.shape).astype(np.float32)
    # crop a little into the room, resize to a phone photo size
    cut = rng.uniform(0.0, 0.4)
    cx0, cy0 = int(pad * cut), int(pad * cut)
    out = out[cy0:H - cy0, cx0:W - cx0]
    img = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))
    long_side = rng.randrange(1200, 4001)
    s = long_side / max(img.size)
    return img.resize((max(1, int(img.width * s)), max(1, int(img.height * s))), Image.LANCZOS)


def screen_capture(rng: random.Random, img: Image.Image) -> Image.Image:
    s = rng.uniform(0.5, 0.75)
    return img.resize((int(img.width * s), int(img.height * s)), Image.LANCZOS)


def phone_metadata(rng: random.Random, path: Path) -> list[dict]:
    """Phone-like EXIF/XMP written by exiftool; returns the identifiers it wrote."""
    owner = f"{rng.choice(GIVEN_F + GIVEN_M)} {rng.choice(SURNAMES)}"
    patient = f"{rng.choice(GIVEN_F + GIVEN_M)} {rng.choice(SURNAMES)}"
    serial = "".join(rng.choice("0123456789ABCDEF") for _ in range(12))
    lat, lon = rng.uniform(50.2, 55.8), rng.uniform(-4.5, 1.5)
    dto = f"{rng.randrange(2015, 2026)}:{rng.randrange(1, 13):02d}:{rng.randrange(1, 29):02d} 14:{rng.randrange(60):02d}:07"
    args = ["exiftool", "-q", "-overwrite_original", "-Make=Apple", "-Model=iPhone 13",
            f"-DateTimeOriginal={dto}", f"-GPSLatitude={lat:.6f}", "-GPSLatitudeRef=N",
            f"-GPSLongitude={abs(lon):.6f}", f"-GPSLongitudeRef={'W' if lon < 0 else 'E'}",
            f"-OwnerName={owner}", f"-SerialNumber={serial}"]
    ids = [{"kind": "meta-gps", "text": f"{lat:.4f},{lon:.4f}"}, {"kind": "meta-owner", "text": owner},
           {"kind": "meta-serial", "text": serial}, {"kind": "meta-date", "text": dto}]
    if rng.random() < 0.7:
        args.append(f"-UserComment=CT for {patient} ward 7")
        ids.append({"kind": "meta-comment-name", "text": patient})
    if rng.random() < 0.5:
        args.append(f"-XMP-dc:Description=Scan of {patient}")
        ids.append({"kind": "meta-xmp-name", "text": patient})
    subprocess.run(args + [str(path)], check=True)
    return ids


def stored_sideways(path: Path) -> None:
    """As a phone stores a portrait shot: pixels turned a quarter, EXIF Orientation 6 says turn them back."""
    img = Image.open(path)
    img.transpose(Image.ROTATE_90).save(path, "JPEG", quality=85)
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-Orientation#=6", str(path)], check=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--count", type=int, default=80)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    a.out.mkdir(parents=True, exist_ok=True)
    truth = []
    for i in range(a.count):
        clean = rng.random() < 0.15
        kind = rng.choices(["photo", "film", "capture"], [0.55, 0.2, 0.25])[0]
        if kind == "film":
            base, ids = film_on_lightbox(rng, not clean)
        else:
            base, ids = viewer_screen(rng, not clean)
        pic = photograph(rng, base) if kind in ("photo", "film") else screen_capture(rng, base)
        if kind == "capture" and rng.random() < 0.5:
            name, fmt = f"p{i:03d}_{kind}.png", "PNG"
            pic.save(a.out / name, fmt)
        else:
            name = f"p{i:03d}_{kind}.jpg"
            pic.save(a.out / name, "JPEG", quality=rng.randrange(60, 93))
        meta: list[dict] = []
        if kind != "capture" and rng.random() < 0.25:
            stored_sideways(a.out / name)
            kind += "-sideways"
        if kind != "capture" and not clean and rng.random() < 0.4:
            meta = phone_metadata(rng, a.out / name)
        truth.append({"file": name, "kind": kind, "clean": not ids and not meta, "pixel_ids": ids,
                      "meta_ids": meta, "size": list(pic.size)})
        print(name, kind, "clean" if clean else len(ids), "meta" if meta else "", flush=True)
    (a.out / "truth.json").write_text(json.dumps(truth, indent=1))


if __name__ == "__main__":
    main()
