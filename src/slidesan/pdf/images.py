"""Cut an image XObject down to a pixel box, keeping its encoding where that can be done.

Samples stored plainly or with a general filter (Flate, LZW, RunLength, ASCII) are cut at the
sample level, whatever the colour space (Indexed palettes, ICC, DeviceN, 1-bit masks, 16-bit),
and written with Flate; /Decode, /ColorSpace, /Intent and the rest of the dictionary are copied.
JPEG (DCTDecode) is re-encoded with its own quantisation tables and subsampling, so the kept part
loses no quality. Other encodings (JPEG 2000, JBIG2, CCITT) are not cut: `cuttable` says so and
the step reports them as not inspected. Soft masks and stencil masks are cut with the same box.
"""

from __future__ import annotations

import io
import math
import zlib

import numpy as np
import pikepdf
from PIL import Image, JpegImagePlugin

from slidesan.pdf.document import filters_of
from slidesan.pdf.objects import name_of

GENERAL_FILTERS = {"/FlateDecode", "/Fl", "/LZWDecode", "/LZW", "/RunLengthDecode", "/RL",
                   "/ASCIIHexDecode", "/AHx", "/ASCII85Decode", "/A85"}
DROPPED_KEYS = {"/Length", "/Filter", "/DecodeParms", "/Width", "/Height", "/SMask", "/Mask", "/Metadata",
                "/Alternates", "/OPI", "/ID", "/PieceInfo"}
Box = tuple[int, int, int, int]          # left, top, right, bottom (exclusive), in image pixels


class CannotCut(Exception):
    """The image's encoding or colour space is not one this module cuts."""


def components(image) -> int | None:
    try:
        return colour_components(image)
    except (TypeError, ValueError, AttributeError, IndexError):
        return None


def colour_components(image) -> int | None:
    if image.get("/ImageMask", False):
        return 1
    space = image.get("/ColorSpace")
    if isinstance(space, pikepdf.Array) and len(space):
        family = name_of(space[0])
        if family == "/ICCBased" and len(space) > 1:
            return int(space[1].get("/N", 0)) or None
        if family in ("/Indexed", "/I", "/Separation"):
            return 1
        if family == "/DeviceN" and len(space) > 1 and isinstance(space[1], pikepdf.Array):
            return len(space[1])
        if family in ("/CalRGB", "/Lab"):
            return 3
        if family == "/CalGray":
            return 1
        space = space[0]
    return {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4, "/CMYK": 4}.get(name_of(space))


def kind(image) -> str:
    """'samples', 'jpeg' or '' (not cuttable here)."""
    filters = filters_of(image)
    if all(f in GENERAL_FILTERS for f in filters):
        return "samples" if components(image) and int(image.get("/BitsPerComponent", 1 if image.get(
            "/ImageMask", False) else 8)) in (1, 2, 4, 8, 16) else ""
    if filters == ["/DCTDecode"] or filters == ["/DCT"]:
        return "jpeg"
    return ""


def cuttable(image) -> bool:
    return bool(kind(image))


def size_of(image) -> tuple[int, int]:
    return int(image.get("/Width", 0)), int(image.get("/Height", 0))


def cut(pdf: pikepdf.Pdf, image: pikepdf.Stream, box: Box) -> pikepdf.Stream:
    """A new image stream holding only `box` of `image` (masks cut to match)."""
    how = kind(image)
    if how == "samples":
        data = cut_samples(image, box)
        filters = pikepdf.Name("/FlateDecode")
        data = zlib.compress(data, 6)
    elif how == "jpeg":
        data, filters = cut_jpeg(image.read_raw_bytes(), box), pikepdf.Name("/DCTDecode")
    else:
        raise CannotCut(f"{'/'.join(f[1:] for f in filters_of(image)) or 'unknown'} image")
    left, top, right, bottom = box
    fields = {k: v for k, v in image.items() if k not in DROPPED_KEYS}
    new = pdf.make_stream(data, pikepdf.Dictionary(fields))
    new["/Filter"] = filters
    new["/Width"], new["/Height"] = right - left, bottom - top
    width, height = size_of(image)
    for key in ("/SMask", "/Mask"):
        mask = image.get(key)
        if isinstance(mask, pikepdf.Stream):
            new[key] = cut(pdf, mask, scaled(box, (width, height), size_of(mask)))
        elif mask is not None:
            new[key] = mask                     # a colour-key array: unchanged
    return new


def scaled(box: Box, size: tuple[int, int], other: tuple[int, int]) -> Box:
    """The same region in an image of another size (a soft mask), rounded outward."""
    (w, h), (ow, oh) = size, other
    left, top, right, bottom = box
    return (max(0, math.floor(left * ow / w)), max(0, math.floor(top * oh / h)),
            min(ow, math.ceil(right * ow / w)), min(oh, math.ceil(bottom * oh / h)))


def cut_samples(image, box: Box) -> bytes:
    width, height = size_of(image)
    comps = components(image) or 1
    bpc = 1 if image.get("/ImageMask", False) else int(image.get("/BitsPerComponent", 8))
    data = image.read_bytes()
    row = (width * comps * bpc + 7) // 8
    if len(data) < row * height:
        raise CannotCut(f"image data is short ({len(data)} bytes for {width}x{height})")
    rows = np.frombuffer(data, dtype=np.uint8, count=row * height).reshape(height, row)
    left, top, right, bottom = box
    rows = rows[top:bottom]
    if bpc >= 8:
        step = comps * bpc // 8
        return rows[:, left * step:right * step].tobytes()
    bits = np.unpackbits(rows, axis=1)[:, left * comps * bpc:right * comps * bpc]
    return np.packbits(bits, axis=1).tobytes()


def cut_jpeg(data: bytes, box: Box) -> bytes:
    img = Image.open(io.BytesIO(data))
    img.load()
    part = img.crop(box)
    kwargs = {}
    if getattr(img, "quantization", None):
        kwargs["qtables"] = img.quantization
    else:
        kwargs["quality"] = 95
    if img.mode != "CMYK":
        sampling = JpegImagePlugin.get_sampling(img)
        if sampling is not None and sampling >= 0:
            kwargs["subsampling"] = sampling
    out = io.BytesIO()
    part.save(out, "JPEG", **kwargs)
    result = out.getvalue()
    if img.mode == "CMYK" and (b"Adobe" in data[:4096]) != (b"Adobe" in result[:4096]):
        raise CannotCut("CMYK JPEG whose inversion convention would change")
    return result


def pixel_box(image, region) -> Box:
    """The whole pixels of `image` that a unit-square region (x0, y0, x1, y1) covers, outward.

    Unit y runs up the image: y = 1 is the top row (row 0)."""
    width, height = size_of(image)
    x0, y0, x1, y1 = (min(1.0, max(0.0, v)) for v in region)
    slack = 1e-3
    left = min(width - 1, max(0, math.floor(x0 * width + slack)))
    right = max(left + 1, min(width, math.ceil(x1 * width - slack)))
    top = min(height - 1, max(0, math.floor((1 - y1) * height + slack)))
    bottom = max(top + 1, min(height, math.ceil((1 - y0) * height - slack)))
    return left, top, right, bottom
