"""Red team 21: identifying screen captures and their clean twins, from a generator written from scratch.

    python benchmarks/redteam21/gen.py --seed 21 --count 60 --out /tmp/rt21/s21/pics

Each of COUNT scenes is drawn twice from one seed: `NNN_id.*` with a made-up patient (name, ID, birth date,
study date, site, referrer, accession, as the layout prints them) and `NNN_twin.*`, the same layout with only
harmless technical text. Then both get the same fate: a plain capture, a capture pasted at reduced size, or a
phone photograph of the monitor (perspective, moiré, blur, glare, noise), saved as JPEG 35-95 or PNG.
truth.json (beside the pictures) lists per picture its layout, style, fate and each identifier with its kind
and box in the stored picture's pixels.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import identities  # noqa: E402
import layouts  # noqa: E402

SIZES = {"pacs": (900, 1900), "ultrasound": (800, 1400), "nuclear": (700, 1400), "dose": (700, 1200),
         "workstation": (1000, 1900), "form": (800, 1300)}
ASPECT = {"pacs": (0.55, 1.0), "ultrasound": (0.6, 0.8), "nuclear": (0.9, 1.5), "dose": (0.6, 0.9),
          "workstation": (0.55, 0.7), "form": (1.2, 1.45)}


def style_for(rng: random.Random, kind: str, bg: Image.Image, fonts: list[str]) -> dict:
    light = np.asarray(bg.convert("L").resize((32, 32))).mean() > 140 or kind in ("form",)
    fill = rng.choice([(0, 0, 0), (30, 30, 40), (20, 20, 120)]) if light else rng.choice(layouts.DARK_COLOURS)
    size = rng.randint(11, 20) if kind == "form" else rng.randint(8, 20)
    return {"font": rng.choice(fonts), "size": size, "aa": rng.random() < 0.7, "fill": fill,
            "shadow": not light and rng.random() < 0.4}


def draw_scene(seed: int, twin: bool, fonts: list[str]) -> tuple[Image.Image, list[dict], dict]:
    rng = random.Random(seed)
    kind = rng.choice(list(layouts.LAYOUTS))
    w = rng.randint(*SIZES[kind])
    h = int(w * rng.uniform(*ASPECT[kind]))
    bg = layouts.background(kind, rng, w, h, bright=rng.random() < 0.35)
    style = style_for(rng, kind, bg, fonts)
    patient = identities.identity(rng)
    canvas = layouts.Canvas(bg, rng, twin, style)
    layouts.LAYOUTS[kind](canvas, patient)
    info = {"layout": kind, "font": Path(style["font"]).name, "size": style["size"], "aa": style["aa"],
            "fill": list(style["fill"]), "name_form": patient["name_form"]}
    return canvas.img, canvas.truth, info


def homography(src, dst) -> np.ndarray:
    """3x3 matrix taking the four src points to the four dst points."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(src, dst):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    return np.append(np.linalg.solve(np.array(rows, float), np.array(rhs, float)), 1).reshape(3, 3)


def map_box(m: np.ndarray, box) -> list[int]:
    pts = np.array([[box[0], box[1], 1], [box[2], box[1], 1], [box[0], box[3], 1], [box[2], box[3], 1]], float).T
    out = m @ pts
    xs, ys = out[0] / out[2], out[1] / out[2]
    return [int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1]


def photograph(img: Image.Image, truth: list[dict], rng: random.Random) -> Image.Image:
    """A phone photo of the monitor: bezel and room, perspective, moiré, blur, glare, noise."""
    w, h = img.size
    pad = int(0.12 * max(w, h))
    W, H = w + 2 * pad, h + 2 * pad
    jitter = lambda: rng.uniform(-0.07, 0.07) * max(w, h)  # noqa: E731
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    dst = [(pad + jitter(), pad + jitter()), (pad + w + jitter(), pad + jitter()),
           (pad + w + jitter(), pad + h + jitter()), (pad + jitter(), pad + h + jitter())]
    fwd = homography(src, dst)
    inv = np.linalg.inv(fwd)
    coeffs = (inv / inv[2, 2]).flatten()[:8]
    room = Image.new("RGB", (W, H), tuple(rng.randint(20, 90) for _ in range(3)))
    screen = img.transform((W, H), Image.PERSPECTIVE, tuple(coeffs), Image.BILINEAR, fillcolor=(0, 0, 0))
    mask = Image.new("L", (w, h), 255).transform((W, H), Image.PERSPECTIVE, tuple(coeffs), Image.BILINEAR)
    room.paste(screen, (0, 0), mask)
    a = np.asarray(room, float)
    yy, xx = np.mgrid[:H, :W]
    f1, f2 = rng.uniform(0.05, 0.25), rng.uniform(0.05, 0.25)
    a *= (1 + rng.uniform(0.03, 0.1) * np.sin(2 * np.pi * (xx * f1 + yy * f2)))[..., None]
    gx, gy = rng.uniform(0, W), rng.uniform(0, H)
    a += (rng.uniform(20, 70) * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * (0.25 * W) ** 2)))[..., None]
    a += np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 8), a.shape)
    a = a * rng.uniform(0.8, 1.0) + rng.uniform(5, 25)          # lifted black, lower contrast
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.3)))
    for t in truth:
        t["box"] = map_box(fwd, t["box"])
    return out


def give_fate(img: Image.Image, truth: list[dict], seed: int, text_px: int) -> tuple[bytes, str, dict]:
    rng = random.Random(seed * 7 + 1)
    fate = rng.choices(["capture", "pasted", "photo"], [0.35, 0.35, 0.3])[0]
    if fate == "photo":
        img = photograph(img, truth, rng)
    lo = max(0.4, 7.0 / text_px)                                      # a reader still sees the letters
    scale = 1.0 if fate == "capture" else rng.uniform(min(lo, 1.0), 1.0)
    if scale < 0.999:
        img = img.resize((max(1, int(img.width * scale)), max(1, int(img.height * scale))), Image.LANCZOS)
        for t in truth:
            t["box"] = [int(v * scale) for v in t["box"]]
    buf = io.BytesIO()
    if rng.random() < 0.7 or fate == "photo":
        quality = rng.randint(35, 95)
        img.save(buf, "JPEG", quality=quality)
        fmt, ext = f"jpeg{quality}", "jpg"
    else:
        img.save(buf, "PNG")
        fmt, ext = "png", "png"
    return buf.getvalue(), ext, {"fate": fate, "scale": round(scale, 2), "format": fmt}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    fonts = layouts.fonts_present()
    if not fonts:
        sys.exit("gen.py: none of the fonts in layouts.FONT_FILES is installed")
    args.out.mkdir(parents=True, exist_ok=True)
    records = []
    for n in range(args.count):
        seed = args.seed * 100003 + n
        for twin in (False, True):
            img, truth, info = draw_scene(seed, twin, fonts)
            data, ext, fate = give_fate(img, truth, seed, info["size"])
            name = f"{n:03d}_{'twin' if twin else 'id'}.{ext}"
            (args.out / name).write_bytes(data)
            records.append({"file": name, "scene": n, "twin": twin, **info, **fate,
                            "ids": [] if twin else truth})
    (args.out / "truth.json").write_text(json.dumps(records, indent=1, ensure_ascii=False))
    print(f"{len(records)} pictures in {args.out}")


if __name__ == "__main__":
    main()
