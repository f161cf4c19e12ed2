"""Hiding place: entries of an Indexed colour space's palette that no sample uses.

An `[/Indexed base hival lookup]` colour space lists hival + 1 colours, components bytes each, in a
string or a stream; a picture drawn with it shows only the entries its samples use. The rest of the
lookup (and anything past hival + 1 entries) is bytes a viewer never turns into a colour: a sentence
there is kept by every copy and shown by nothing. For each image whose samples decode here, the
entries it does not use are set to zero and the lookup is cut to hival + 1 entries; what the cleared
bytes said is read first. A palette shared with an image this cannot decode is left to the sweep.
"""

from __future__ import annotations

import numpy as np
import pikepdf

from slidesan.pdf.document import filters_of
from slidesan.pdf.images import GENERAL_FILTERS, colour_components
from slidesan.pdf.objects import name_of
from slidesan.pdf.payload_text import read_payload


def indexed_images(doc):
    for stream in doc.streams():
        space = stream.get("/ColorSpace")
        if (name_of(stream.get("/Subtype")) == "/Image" and isinstance(space, pikepdf.Array) and len(space) == 4
                and name_of(space[0]) in ("/Indexed", "/I")):
            yield stream, space


def lookup_bytes(space) -> bytes:
    lookup = space[3]
    return lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)


def used_entries(image) -> np.ndarray | None:
    """The palette indices the image's samples use (None when the samples do not decode here)."""
    if not all(f in GENERAL_FILTERS for f in filters_of(image)) or "/Decode" in image:
        return None                           # a /Decode array maps samples to other entries
    try:
        bits = int(image.get("/BitsPerComponent", 8))
        width, height = int(image.Width), int(image.Height)
        data = image.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError):
        return None
    row = (width * bits + 7) // 8
    if bits not in (1, 2, 4, 8) or len(data) < row * height:
        return None
    rows = np.frombuffer(data, dtype=np.uint8, count=row * height).reshape(height, row)
    values = np.unpackbits(rows, axis=1)[:, :width * bits].reshape(height, width, bits) if bits < 8 else rows
    if bits < 8:
        values = (values * (1 << np.arange(bits - 1, -1, -1))).sum(axis=2)
    return np.unique(values)


MAX_HIVAL = 255


def cleared(image, space) -> tuple[bytes, bytes] | None:
    """(the new lookup, the bytes it no longer holds) when unused entries hold anything, else None."""
    used = used_entries(image)
    if used is None:
        return None
    try:
        comps, hival = colour_components({"/ColorSpace": space[1]}), int(space[2])
        old = lookup_bytes(space)
    except (TypeError, ValueError, AttributeError, pikepdf.PdfError):
        return None
    if not comps or not 0 <= hival <= MAX_HIVAL:
        return None                 # the standard caps hival at 255; beyond it nothing is cleared here
    size = (hival + 1) * comps
    new = bytearray(size)
    for index in used[used <= hival]:
        start = int(index) * comps
        new[start:start + comps] = old[start:start + comps]
    new = bytes(new)
    dropped = bytes(a if a != b else 0 for a, b in zip(old[:size].ljust(size, b"\0"), new)) + old[size:]
    return (new, dropped) if new != old and dropped.strip(b"\0") else None


def scrub(doc, ctx) -> None:
    for image, space in list(indexed_images(doc)):
        result = cleared(image, space)
        if result is None:
            continue
        new, dropped = result
        image.ColorSpace = pikepdf.Array([space[0], space[1], space[2], pikepdf.String(new)])
        for text in read_payload(b" ".join(run for run in dropped.split(b"\0") if run)).texts:
            ctx.identifiers_in(text, f"unused palette entries of image {image.objgen[0]} (removed)")
        ctx.add("private-data", "info", "removed", f"image {image.objgen[0]}: palette entries no pixel uses cleared")


def residue(doc, options) -> list[str]:
    return [f"image {image.objgen[0]}: palette entries no pixel uses still hold bytes"
            for image, space in indexed_images(doc) if cleared(image, space) is not None]
