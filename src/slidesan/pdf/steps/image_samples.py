"""Hiding place: bytes after an image's last row.

An image XObject declares its size (/Width, /Height, /BitsPerComponent, the colour space's
components); a viewer reads exactly ceil(Width × components × bits / 8) × Height bytes of the decoded
samples and never what follows. What follows can be anything: a sentence, a deflated text, more rows
holding a name band that a lowered /Height "cropped" away (a picture crop done in the dictionary).
Extracting the stream shows it all, and the last sweep does not read samples as text (they are
pixels, which the OCR reads as shown). Images, soft masks and stencil masks whose filters decode here
(Flate, LZW, RunLength, the ASCII filters, predictors, chains of them) are cut to the rows they
declare and written with Flate; what the cut bytes said is read first (payload_text), so `check`
rates the input by it. Images whose samples this cannot decode are the other steps' and the scan's
(a JPEG's data after its end, CCITT rows, which steps/coded_images.py re-encodes).
"""

from __future__ import annotations

import zlib

import pikepdf

from slidesan.pdf.images import GENERAL_FILTERS, components
from slidesan.pdf.objects import name_of
from slidesan.pdf.payload_text import read_payload


def sample_images(doc):
    """Image streams (masks included) whose every filter decodes to samples here."""
    from slidesan.pdf.document import filters_of

    for stream in doc.streams():
        if name_of(stream.get("/Subtype")) == "/Image" and all(f in GENERAL_FILTERS for f in filters_of(stream)):
            yield stream


def declared_bytes(image) -> int | None:
    """Bytes the samples of `image` fill, as its dictionary declares them (None when it cannot be sized)."""
    try:
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        mask = bool(image.get("/ImageMask", False))
        bits = 1 if mask else int(image.get("/BitsPerComponent", 8))
    except (TypeError, ValueError):
        return None
    comps = components(image)
    if width < 1 or height < 1 or not comps or bits not in (1, 2, 4, 8, 16):
        return None
    return (width * comps * bits + 7) // 8 * height


def extra_samples(image) -> tuple[bytes, int] | None:
    """(decoded samples, the bytes the image uses) when the samples run past the declared rows."""
    needed = declared_bytes(image)
    if needed is None:
        return None
    try:
        data = image.read_bytes(pikepdf.StreamDecodeLevel.specialized)      # RunLength is qpdf's "specialized"
    except pikepdf.PdfError:
        return None                          # the scan reports what it cannot decode
    return (data, needed) if len(data) > needed else None


def scrub(doc, ctx) -> None:
    for image in list(sample_images(doc)):
        extra = extra_samples(image)
        if extra is None:
            continue
        data, needed = extra
        label = f"image {image.objgen[0]}"
        payload = read_payload(data[needed:])
        image.write(zlib.compress(data[:needed], 6), filter=pikepdf.Name.FlateDecode)
        if "/DecodeParms" in image:          # the predictor went with the old encoding
            del image["/DecodeParms"]
        found = sum(ctx.identifiers_in(text, f"bytes after {label}'s last row (removed)", image=label)
                    for text in payload.texts)
        if payload.opaque:
            ctx.add("private-data", "review", "removed",
                    f"{label}: {len(data) - needed} bytes after its last row removed (no viewer reads them; what "
                    "they held could not be read as text)", image=label)
        elif payload.texts and not found:
            ctx.add("private-data", "info", "removed",
                    f"{label}: {len(data) - needed} bytes of text after its last row removed", image=label)


def residue(doc, options) -> list[str]:
    return [f"image {image.objgen[0]}: samples after its last row" for image in sample_images(doc)
            if extra_samples(image) is not None]
