"""Made-up variations of a real picture, the way a lecturer's pipeline changes it before it reaches
a slide: scaled (LANCZOS, or plain aliased bilinear as browsers and office suites do), JPEG re-encoded
with 4:2:0 chroma, made grey, pasted into a slide-like canvas, cropped to a corner, washed out like a
projector, photographed off a screen (blur, noise, a few degrees of keystone and tilt, JPEG).

Each kind maps a picture to (new picture, geometry): geometry says where the picture's own pixels
went (scale, and the crop box in original pixels) so that the truth of the original can be carried
over: an identifier stays when it lies inside what is kept, is dropped when the transform cuts it out.

    from picture_variations import KINDS, vary
    image, geometry = vary("down050_lanczos", picture)
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image, ImageFilter

CROP = 0.55                 # a corner crop keeps this share of width and height


def _rgb_or_grey(image: Image.Image) -> Image.Image:
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("I;16", "I", "F"):
        arr = np.asarray(image, dtype=np.float32)
        lo, hi = float(arr.min()), float(arr.max())
        return Image.fromarray(((arr - lo) * (255.0 / max(hi - lo, 1.0))).astype(np.uint8))
    if "A" in image.mode or image.mode == "P":
        image = image.convert("RGBA")
        back = Image.new("RGBA", image.size, (0, 0, 0, 255))
        return Image.alpha_composite(back, image).convert("RGB")
    return image.convert("RGB")


def _scaled(factor: float, how: str):
    def make(image: Image.Image):
        w, h = image.size
        size = (max(1, round(w * factor)), max(1, round(h * factor)))
        if how == "lanczos":
            out = image.resize(size, Image.LANCZOS)
        else:   # aliased bilinear: no low-pass before sampling (cv2's INTER_LINEAR), as many pipelines scale
            out = Image.fromarray(cv2.resize(np.asarray(image), size, interpolation=cv2.INTER_LINEAR))
        return out, {"scale": factor}
    return make


def _jpeg(quality: int):
    def make(image: Image.Image):
        buf = io.BytesIO()
        image.convert("RGB").save(buf, "JPEG", quality=quality, subsampling=2)     # 2 = 4:2:0
        return Image.open(io.BytesIO(buf.getvalue())), {"format": "JPEG", "bytes": buf.getvalue()}
    return make


def _grey(image: Image.Image):
    return image.convert("L"), {}


def _canvas(colour: tuple[int, int, int]):
    def make(image: Image.Image):
        w, h = image.size
        width = max(int(w * 1.3), int(h * 1.35 * 16 / 9))
        height = max(int(width * 9 / 16), int(h * 1.35))
        canvas = Image.new("RGB", (width, height), colour)
        left, top = int((width - w) * 0.3), int((height - h) * 0.6)    # room for a title above
        canvas.paste(image.convert("RGB"), (left, top))
        return canvas, {"offset": (left, top)}
    return make


def _corner(which: str):
    def make(image: Image.Image):
        w, h = image.size
        cw, ch = round(w * CROP), round(h * CROP)
        left = 0 if which.endswith("l") else w - cw
        top = 0 if which.startswith("t") else h - ch
        box = (left, top, left + cw, top + ch)
        return image.crop(box), {"crop": box}
    return make


def _washed(image: Image.Image):
    """A projector's washed-out picture: blacks lifted, whites dimmed, mid-tones brighter, colour faded."""
    arr = np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0
    grey = arr.mean(axis=2, keepdims=True)
    arr = 0.7 * arr + 0.3 * grey
    out = 0.30 + 0.58 * np.power(arr, 0.7)
    return Image.fromarray(np.clip(out * 255.0 + 0.5, 0, 255).astype(np.uint8)), {}


def _perspective_coeffs(source: list, target: list) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping output corners `target` back to input corners `source`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return list(np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64)))


def _photo(image: Image.Image):
    """A phone photo of a screen, cheaply: keystone (~2 degrees), a 1 degree tilt, slight blur, sensor
    noise and the phone's JPEG. No moire."""
    rgb = image.convert("RGB")
    w, h = rgb.size
    pad = int(0.05 * max(w, h))
    big = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (25, 25, 28))
    big.paste(rgb, (pad, pad))
    bw, bh = big.size
    squeeze = np.tan(np.radians(2.0)) * bh / 2         # the top edge further from the camera
    tilt = np.tan(np.radians(1.0)) * bw
    target = [(squeeze, tilt), (bw - squeeze, 0), (bw, bh), (0, bh - tilt)]
    source = [(0, 0), (bw, 0), (bw, bh), (0, bh)]
    warped = big.transform(big.size, Image.PERSPECTIVE, _perspective_coeffs(source, target), Image.BICUBIC,
                           fillcolor=(25, 25, 28))
    warped = warped.filter(ImageFilter.GaussianBlur(0.7))
    noise = np.random.default_rng(len(np.asarray(rgb).tobytes()) % 1000).normal(0, 5, (bh, bw, 1))
    arr = np.clip(np.asarray(warped, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, "JPEG", quality=82, subsampling=2)
    return Image.open(io.BytesIO(buf.getvalue())), {"format": "JPEG", "bytes": buf.getvalue()}


KINDS = {
    "down050_lanczos": _scaled(0.5, "lanczos"),
    "down050_bilinear": _scaled(0.5, "bilinear"),
    "down066_lanczos": _scaled(0.66, "lanczos"),
    "down066_bilinear": _scaled(0.66, "bilinear"),
    "down075_lanczos": _scaled(0.75, "lanczos"),
    "down075_bilinear": _scaled(0.75, "bilinear"),
    "up150_lanczos": _scaled(1.5, "lanczos"),
    "up150_bilinear": _scaled(1.5, "bilinear"),
    "jpeg35": _jpeg(35),
    "jpeg60": _jpeg(60),
    "jpeg85": _jpeg(85),
    "grey": _grey,
    "canvas_dark": _canvas((18, 18, 22)),
    "canvas_white": _canvas((255, 255, 255)),
    "crop_tl": _corner("tl"),
    "crop_tr": _corner("tr"),
    "washed": _washed,
    "photo": _photo,
}


def vary(kind: str, data: bytes) -> tuple[bytes, dict]:
    """The picture `data` changed by `kind`, as encoded bytes (PNG unless the kind is a JPEG), and
    its geometry: {"scale": f} and/or {"crop": box in original pixels}."""
    from slidesan.images.safe_open import open_image

    if kind == "original":
        return data, {}
    image = _rgb_or_grey(open_image(data))
    out, geometry = KINDS[kind](image)
    encoded = geometry.pop("bytes", None)
    geometry.pop("format", None)
    if encoded is None:
        buf = io.BytesIO()
        out.save(buf, "PNG", compress_level=1)
        encoded = buf.getvalue()
    return encoded, geometry


def kept_after(geometry: dict, boxes: list[tuple]) -> str:
    """Whether an identifier located at `boxes` (original pixels; empty: not located) survives the
    transform: "kept" (one occurrence at least 90 % inside), "cut" (every occurrence under 90 %) or
    "unknown" (not located: scored for precision only)."""
    crop = geometry.get("crop")
    if crop is None:
        return "kept"
    if not boxes:
        return "unknown"
    for box in boxes:
        area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
        w = min(box[2], crop[2]) - max(box[0], crop[0])
        h = min(box[3], crop[3]) - max(box[1], crop[1])
        if w > 0 and h > 0 and w * h >= 0.9 * area:
            return "kept"
    return "cut"
