"""Pictures rebuilt from what a viewer shows, not stripped of what is known to hide.

Stripping removes the metadata one knows about; whatever else the container carries stays.
Here every raster picture is re-made through an allow-list instead:

- JPEG and PNG keep their compressed image data byte for byte (no loss, no time) when the
  allow-list check proves it holds only the picture; their headers are written again from parsed
  values (images/rebuild_jpeg.py, images/rebuild_png.py). Otherwise they are re-encoded.
- JPEG 2000 keeps its coded data byte for byte, without any box or comment around it.
- GIF, BMP, TIFF and WebP are always written afresh from their decoded pixels: GIF with every
  frame (it plays), TIFF and WebP with the first page or frame only (PowerPoint shows no other).
- The pixels written afresh go through images/shown_pixels.py: palettes expanded, colour under
  alpha 0 cleared, colour profiles standard or converted to sRGB.

`rebuild_picture(data)` is a fixed point: rebuilding its output gives the same bytes, so the
written deck can be checked with `needs_rebuild` (the step's residue).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from slidesan.images.frames import animation_timing, hidden_frames, is_animation, shown_frames
from slidesan.images.metadata import CorruptImage, UnknownImageFormat, sniff_format, strip_metadata
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.images.shown_pixels import hidden_colour_count, shown_pixels

TIFF_LOSSLESS = ("raw", "tiff_lzw", "tiff_adobe_deflate", "tiff_deflate", "packbits", "group3", "group4")


@dataclass
class Rebuilt:
    data: bytes
    format: str
    removed: list[str] = field(default_factory=list)    # container content left out
    details: list[str] = field(default_factory=list)    # notable values quoted for the report
    changes: list[str] = field(default_factory=list)    # what happened to pixels, frames, colours
    reencoded: bool = False

    @property
    def noteworthy(self) -> bool:
        return bool(self.removed or self.changes)


def rebuild_picture(data: bytes) -> Rebuilt:
    """The picture as it will be written; raises UnknownImageFormat or CorruptImage."""
    fmt = sniff_format(data)
    if fmt is None:
        raise UnknownImageFormat("not a JPEG, PNG, GIF, TIFF, BMP, WebP or JPEG 2000 picture; it cannot be rebuilt")
    result = Rebuilt(data, fmt)
    if fmt == "JPEG":
        from slidesan.images.rebuild_jpeg import rebuild_jpeg

        rebuild_jpeg(data, result)
    elif fmt == "PNG":
        from slidesan.images.rebuild_png import rebuild_png

        rebuild_png(data, result)
    elif fmt == "JPEG2000":
        keep_coded_data(data, result)
    else:
        write_afresh(data, result)
    result.removed = list(dict.fromkeys(result.removed))
    result.changes = list(dict.fromkeys(result.changes))
    result.details += profile_details(data)
    return result


def profile_details(data: bytes) -> list[str]:
    """The free text of the input's colour profile, quoted for the callers' identifier search: the profile
    is never written as it came (a standard one is replaced by our copy, any other converted away), so
    what it said is what a clean removes, and `check` must read it."""
    from slidesan.images.icc import is_our_copy, profile_texts

    try:
        icc = open_image(data).info.get("icc_profile")
    except UnreadableImage:
        return []
    if not icc or is_our_copy(icc):
        return []
    return [f"colour profile {what}: {text}" for what, text in profile_texts(icc)]


def needs_rebuild(data: bytes) -> list[str]:
    """What rebuilding would still change; [] for a rebuilt picture or a format not rebuilt here."""
    try:
        result = rebuild_picture(data)
    except UnknownImageFormat:
        return []
    if result.data == data:
        return []
    return result.removed + result.changes or ["container differs from its rebuilt form"]


def keep_coded_data(data: bytes, result: Rebuilt) -> None:
    """JPEG 2000: the codestream's coded data kept byte for byte, every box and comment around it left
    out (images/jpeg2000.py); the result must still decode to the same picture."""
    from slidesan.images.icc import standard_profile
    from slidesan.images.jpeg2000 import header_profile

    stripped = strip_metadata(data)
    result.data, result.removed, result.details = stripped.data, stripped.removed, stripped.details
    try:
        before = open_image(data)
    except UnreadableImage as exc:
        raise CorruptImage(f"JPEG 2000 {exc}") from None
    icc = header_profile(data)
    odd_profile = bool(icc) and standard_profile(icc) is None
    hidden = hidden_colour_count(np.asarray(before)) if before.mode in ("LA", "RGBA") else 0
    if odd_profile or hidden:          # the colours are converted, or colour under alpha cleared: written afresh
        shown = shown_pixels(before, icc)
        buf = io.BytesIO()
        bare(shown.image).save(buf, "JPEG2000", irreversible=False)
        result.data = strip_metadata(buf.getvalue()).data
        why = "its colour profile is not a standard one" if odd_profile else "colour hidden under its transparency"
        result.changes += shown.changes + [f"written afresh losslessly: {why}"]
        result.reencoded = True
        return
    try:
        after = open_image(result.data)
    except UnreadableImage as exc:
        raise CorruptImage(f"JPEG 2000 {exc}") from None
    if before.size != after.size or before.tobytes() != after.tobytes():
        raise CorruptImage("JPEG 2000 decodes differently without its boxes")


# -- written afresh: GIF, BMP, TIFF, WebP ---------------------------------------------------------

def write_afresh(data: bytes, result: Rebuilt) -> None:
    from slidesan.images.tiff_layout import hidden_parts as tiff_hidden_parts

    if result.format in ("GIF", "TIFF", "WEBP"):
        metadata = strip_metadata(data)          # only to name and quote what the old container held
        result.removed += metadata.removed
        result.details += metadata.details
    try:
        img = open_image(data)
    except UnreadableImage as exc:
        raise CorruptImage(f"{result.format} {exc}") from None
    if result.format in ("BMP", "TIFF"):
        removed, details = bmp_extras(data) if result.format == "BMP" else tiff_hidden_parts(data)
        result.removed += removed
        result.details += details
    dropped = hidden_frames(img)
    if dropped:
        what = "pages" if result.format == "TIFF" else "frames"
        result.changes.append(f"{dropped} further {what} removed (PowerPoint shows only the first)")
    buf = io.BytesIO()
    if is_animation(img):
        write_gif_frames([f.image for f in shown_frames(img)], *animation_timing(img), buf, result)
    else:
        img.seek(0)
        icc = img.info.get("icc_profile")
        shown = shown_pixels(img if img.mode not in ("I;16B", "I;16L") else img.convert("I;16"), icc)
        result.changes += [c for c in shown.changes if result.format != "GIF" or "indexed" not in c]
        save_still(shown.image, shown.icc, img, result.format, buf)
    result.data = buf.getvalue()
    result.reencoded = True


def write_gif_frames(frames: list[Image.Image], durations, loop, buf, result: Rebuilt | None = None) -> None:
    """An animated GIF from frames as shown (composed), every colour exact, nothing but the frames."""
    clean = []
    for frame in frames:
        shown = shown_pixels(frame.convert("RGBA"))
        if result is not None:
            result.changes += [c for c in shown.changes if "transparent" in c]
        clean.append(bare(shown.image))
    params = {"save_all": len(clean) > 1, "append_images": clean[1:], "duration": durations[:len(clean)],
              "disposal": 2}
    if loop is not None:
        params["loop"] = loop
    clean[0].save(buf, "GIF", **params)


def bare(image: Image.Image) -> Image.Image:
    """A plain copy: Pillow writes comments, tags and text from .info (and a TIFF's own tags) by default."""
    image = image.copy()
    image.info = {}
    return image


def save_still(image: Image.Image, icc: bytes | None, source: Image.Image, fmt: str, buf) -> None:
    params: dict = {}
    image = bare(image)
    dpi = source.info.get("dpi")
    if fmt == "GIF":
        image.save(buf, "GIF")
        return
    if fmt == "BMP":
        if image.mode not in ("1", "L", "RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        image.save(buf, "BMP", **({"dpi": dpi} if dpi else {}))
        return
    if icc:
        params["icc_profile"] = icc
    if fmt == "WEBP":
        image.save(buf, "WEBP", lossless=True, quality=100, method=4, **params)
        return
    compression = source.info.get("compression", "raw")
    params["compression"] = compression if compression in TIFF_LOSSLESS else "tiff_lzw"
    if image.mode not in ("1",) and params["compression"] in ("group3", "group4"):
        params["compression"] = "tiff_lzw"
    if dpi:
        params["dpi"] = tuple(float(v) for v in dpi)
    orientation = getattr(source, "tag_v2", {}).get(274, 1) if hasattr(source, "tag_v2") else 1
    if orientation != 1:
        params["tiffinfo"] = {274: orientation}
    image.save(buf, "TIFF", **params)


def bmp_extras(data: bytes) -> tuple[list[str], list[str]]:
    """(removed, details) of what a BMP holds beside its headers, palette and pixels: bytes between
    them and the pixel array (the offset to the pixels can leave any gap), bytes after the pixel array,
    and an embedded colour profile (BITMAPV5HEADER), whose text is quoted wherever it lies."""
    import struct

    from slidesan.images.icc import profile_texts
    from slidesan.images.metadata_quotes import clip, tail_details

    removed, details = [], []
    try:
        offset = struct.unpack("<I", data[10:14])[0]
        header = struct.unpack("<I", data[14:18])[0]
        if header < 40:
            return [], []
        width, height, _planes, bits, compression, image_size = struct.unpack("<iiHHII", data[18:38])
        colours = struct.unpack("<I", data[46:50])[0] or (1 << bits if bits <= 8 else 0)
        masks = 12 if header == 40 and compression in (3, 6) else 0
        if compression in (0, 3, 6) or not image_size:
            image_size = ((width * bits + 31) // 32) * 4 * abs(height)
        end = offset + image_size
        tables = 14 + header + masks + 4 * colours
        profile, kind = b"", data[70:74]       # bV5CSType, a little-endian 'MBED' or 'LINK'
        if header >= 124 and kind in (b"DEBM", b"KNIL"):
            start, size = struct.unpack("<II", data[14 + 112:14 + 120])
            profile = data[14 + start:14 + start + size]
    except struct.error:
        return [], []
    if profile and kind == b"DEBM":
        details += [f"colour profile {what}: {text}" for what, text in profile_texts(profile)]
    elif profile:            # a linked profile is a file name: C:\Users\<someone>\...
        details.append(f"linked colour profile: {clip(profile)}")
    gap = data[tables:offset] if offset > tables else b""
    if gap.strip(b"\x00"):
        removed.append(f"{len(gap)} bytes between the headers and the pixel array")
        details.extend(tail_details(gap, "bytes before the pixels") if not profile or profile not in gap else [])
    if image_size and len(data) > end:
        removed.append(f"{len(data) - end} bytes after the pixel array")
        tail = data[end:]
        details.extend(tail_details(tail) if not profile or profile not in tail else [])
    return removed, details
