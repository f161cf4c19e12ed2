"""Cut a picture down to the pixels a slide shows, and re-encode it without losing quality.

A DrawingML crop (`a:srcRect`) only hides pixels: the full picture stays in the file. The plan
below turns a crop (plus a stretch rectangle and, for off-slide pictures, the part of the frame
that stays) into a whole-pixel box rounded outward, and the sub-pixel or outset remainder that must
be written back so the slide looks exactly the same. Encoding keeps lossless pictures lossless and
re-encodes JPEG with its own quantisation tables and subsampling, so quality is unchanged.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, JpegImagePlugin

from slidesan.images.frames import animation_timing, is_animation, shown_frames
from slidesan.images.icc import standard_profile
from slidesan.images.shown_pixels import shown_pixels

EMU_FRACTION = 100_000          # srcRect / fillRect units: 1/1000 of a percent
SCRUB_SLACK = 1e-6              # float noise in crop edges never keeps a fully hidden pixel row
RESIDUE_SLACK = -1e-3           # a sub-pixel remainder written back is not hidden content

Sides = tuple[float, float, float, float]   # l, t, r, b as fractions (0.25 = 25 %)


def fraction_or_none(value: str | None) -> float | None:
    """'25000' or Strict '25%' → 0.25; absent → 0; not a finite number → None."""
    if not value:
        return 0.0
    try:
        number = float(value[:-1]) / 100.0 if value.endswith("%") else float(value) / EMU_FRACTION
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_fraction(value: str | None) -> float:
    """'25000' or Strict '25%' → 0.25; absent or garbage → 0."""
    number = fraction_or_none(value)
    return 0.0 if number is None else number


def unreadable_sides(element) -> list[str]:
    """'l="abc"' for each side of a srcRect/fillRect that is not a finite number."""
    if element is None:
        return []
    return [f'{k}="{element.get(k)}"' for k in ("l", "t", "r", "b") if fraction_or_none(element.get(k)) is None]


def read_sides(element) -> Sides:
    if element is None:
        return (0.0, 0.0, 0.0, 0.0)
    return tuple(parse_fraction(element.get(k)) for k in ("l", "t", "r", "b"))  # type: ignore[return-value]


def write_sides(element, sides: Sides, truncate_positive: bool) -> None:
    """Write l/t/r/b in 1/1000 %, omitting zeros.

    With truncate_positive, positive values are rounded toward zero so that, read back, a
    remainder under one pixel can never look like a whole hidden pixel.
    """
    for key, frac in zip(("l", "t", "r", "b"), sides):
        raw = frac * EMU_FRACTION
        value = int(raw) if (truncate_positive and raw > 0) else round(raw)
        if value:
            element.set(key, str(value))
        elif key in element.attrib:
            del element.attrib[key]


@dataclass(frozen=True)
class CropPlan:
    box: tuple[int, int, int, int]      # pixels kept: left, top, right, bottom (exclusive)
    src: Sides                          # new srcRect: remainder as fractions of the kept box
    fill: Sides                         # new fillRect, relative to the kept frame window
    size: tuple[int, int]               # source image size

    @property
    def is_full(self) -> bool:
        return self.box == (0, 0, *self.size)

    def removed_strips(self) -> list[str]:
        """'400x60 px off the top' style description of what the box leaves out."""
        (w, h), (x0, y0, x1, y1) = self.size, self.box
        strips = [(w, y0, "the top"), (w, h - y1, "the bottom"),
                  (x0, y1 - y0, "the left"), (w - x1, y1 - y0, "the right")]
        return [f"{a}x{b} px off {side}" for a, b, side in strips if a > 0 and b > 0]


def _axis(n: int, s0: float, s1: float, f0: float, f1: float, w0: float, w1: float, slack: float):
    """One axis of the plan; None when the picture shows nothing or the crop is degenerate."""
    x0, x1 = s0 * n, n - s1 * n            # visible source span, may reach outside 0..n (outset)
    d0, d1 = f0, 1.0 - f1                  # where that span is drawn, as fractions of the frame
    k0, k1 = w0, 1.0 - w1                  # the part of the frame that stays
    if x1 - x0 <= 0 or d1 - d0 <= 0 or k1 - k0 <= 0:
        return None
    v0, v1 = max(d0, k0), min(d1, k1)      # drawn and inside the frame
    if v1 <= v0:
        return None
    scale = (x1 - x0) / (d1 - d0)
    sx0, sx1 = x0 + (v0 - d0) * scale, x1 - (d1 - v1) * scale
    if not (math.isfinite(sx0) and math.isfinite(sx1)):
        return None
    c0 = max(0, math.floor(sx0 + slack))
    c1 = min(n, math.ceil(sx1 - slack))
    if c1 <= c0:
        return None
    kept = c1 - c0
    span = k1 - k0
    return c0, c1, (sx0 - c0) / kept, (c1 - sx1) / kept, (v0 - k0) / span, (k1 - v1) / span


def plan_crop(size: tuple[int, int], src: Sides, fill: Sides = (0, 0, 0, 0),
              window: Sides = (0, 0, 0, 0), slack: float = SCRUB_SLACK) -> CropPlan | None:
    """Whole-pixel box holding everything displayed, rounded outward, and what to write back.

    `src` is the srcRect, `fill` the stretch fillRect (negative = overscan the frame clips),
    `window` the fraction of the frame kept on each side (non-zero only for off-slide trims).
    """
    w, h = size
    hx = _axis(w, src[0], src[2], fill[0], fill[2], window[0], window[2], slack)
    hy = _axis(h, src[1], src[3], fill[1], fill[3], window[1], window[3], slack)
    if hx is None or hy is None:
        return None
    return CropPlan(box=(hx[0], hy[0], hx[1], hy[1]), src=(hx[2], hy[2], hx[3], hy[3]),
                    fill=(hx[4], hy[4], hx[5], hy[5]), size=size)


# -- encoding -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Encoded:
    blob: bytes
    ext: str
    content_type: str


# zlib level 2: ~0.07 s per megapixel even on photo-like noise (level 6 takes three times as long for
# ~15 % smaller files); the performance budget is 0.1 s per cropped megapixel, decode included.
PNG_LEVEL = 2
PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}


def _png_ready(img: Image.Image) -> Image.Image:
    if img.mode in PNG_MODES:
        return img
    if img.mode in ("PA", "La", "RGBa") or "A" in img.getbands():
        return img.convert("RGBA")
    if img.mode.startswith("I;16"):
        return img.convert("I")
    return img.convert("RGB")


EXIF_ORIENTATION = 0x0112


def kept_metadata(source: Image.Image) -> dict:
    """ICC profile, resolution and the EXIF orientation tag alone: they change how pixels look, not who.

    PowerPoint applies srcRect to the stored pixel grid and ignores EXIF orientation, so the crop is
    made on that grid; the orientation tag is carried over so a viewer that honours it sees the crop
    turned the same way as the original.
    """
    params: dict = {}
    standard = standard_profile(source.info.get("icc_profile"))
    if standard is not None:
        params["icc_profile"] = standard.data       # our copy: the source's description text stays behind
    if source.info.get("dpi"):
        params["dpi"] = source.info["dpi"]
    try:
        orientation = source.getexif().get(EXIF_ORIENTATION, 1)
    except Exception:      # a broken EXIF block carries nothing worth keeping
        orientation = 1
    if orientation != 1:
        exif = Image.Exif()
        exif[EXIF_ORIENTATION] = orientation
        params["exif"] = exif.tobytes()
    return params


def encode_png(img: Image.Image, source: Image.Image) -> Encoded:
    params = {"compress_level": PNG_LEVEL, **kept_metadata(source)}
    if img.mode in ("P", "L", "RGB", "1") and "transparency" in source.info and img.mode == source.mode:
        params["transparency"] = source.info["transparency"]
    buf = io.BytesIO()
    _png_ready(img).save(buf, "PNG", **params)
    return Encoded(buf.getvalue(), "png", "image/png")


def encode_jpeg(img: Image.Image, source: Image.Image) -> Encoded:
    """Same quantisation tables and chroma subsampling as the source: no extra loss of quality."""
    params: dict = {}
    if getattr(source, "quantization", None):
        params["qtables"] = source.quantization
    else:
        params["quality"] = 95       # no tables to copy (should not happen for a decoded JPEG)
    sampling = JpegImagePlugin.get_sampling(source)
    if sampling != -1:
        params["subsampling"] = sampling
    params.update(kept_metadata(source))
    if source.info.get("progressive"):
        params["progressive"] = True
    buf = io.BytesIO()
    img.save(buf, "JPEG", **params)
    return Encoded(buf.getvalue(), "jpeg", "image/jpeg")


def with_mask(img: Image.Image, mask: Image.Image) -> Image.Image:
    """Pixels where `mask` is 0 become fully transparent black: their colour is gone, not just hidden."""
    rgba = img.convert("LA" if img.mode in ("1", "L", "LA") else "RGBA")
    empty = Image.new(rgba.mode, rgba.size, 0)
    return Image.composite(rgba, empty, mask)


def crop_and_encode(img: Image.Image, box: tuple[int, int, int, int],
                    mask: Image.Image | None = None) -> Encoded:
    """The kept box of a decoded picture, encoded for storage as a new media part.

    JPEG stays JPEG (unless a mask needs transparency), an animated GIF stays an animated GIF
    (every frame cut the same way); everything else becomes PNG. The pixels are those a viewer
    shows (images/shown_pixels.py): palette expanded, colour under alpha 0 cleared, sRGB or a
    standard profile.
    """
    if is_animation(img):
        return crop_frames(img, box, mask)
    region = shown_pixels(img.crop(box), img.info.get("icc_profile")).image
    region.info = {}       # Pillow writes comments, EXIF and text from .info by default: start clean
    if mask is not None:
        masked = with_mask(region, mask)
        masked.info = {}
        return encode_png(masked, img)
    if img.format == "JPEG" and region.mode in ("L", "RGB", "CMYK"):
        return encode_jpeg(region, img)
    return encode_png(region, img)


def crop_frames(img: Image.Image, box: tuple[int, int, int, int], mask: Image.Image | None) -> Encoded:
    """An animated GIF cut frame by frame: the slide show keeps playing what it played."""
    from slidesan.images.rebuild import write_gif_frames

    frames = []
    for frame in shown_frames(img):
        region = frame.image.crop(box)
        frames.append(with_mask(region, mask) if mask is not None else region)
    durations, loop = animation_timing(img)
    buf = io.BytesIO()
    write_gif_frames(frames, durations, loop, buf)
    return Encoded(buf.getvalue(), "gif", "image/gif")
