"""Hiding place: a JPEG or JPEG 2000 file wrapped in general filters ([/FlateDecode /DCTDecode]).

A filter chain may deflate (or hex- or base-85-encode) a JPEG before the DCT decoder sees it. The
JPEG inside is a whole file, with its comments, application segments and data after its end, but
the steps that strip those (metadata_streams, clipped_pixels) and the last sweep read a coded image's
container only when the coded filter stands alone: through the deflated bytes they see nothing.
The wrapping filters change nothing a viewer shows, so they are undone here: the stream holds the
JPEG or JPEG 2000 file itself, and every later step and the sweep read it as such.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.document import filters_of
from slidesan.pdf.images import GENERAL_FILTERS
from slidesan.pdf.objects import name_of

CODED = {"/DCTDecode": "/DCTDecode", "/DCT": "/DCTDecode", "/JPXDecode": "/JPXDecode"}


def wrapped_images(doc):
    for stream in doc.streams():
        if name_of(stream.get("/Subtype")) != "/Image":
            continue
        filters = filters_of(stream)
        if len(filters) > 1 and filters[-1] in CODED and all(f in GENERAL_FILTERS for f in filters[:-1]):
            yield stream


def coded_parms(stream):
    """The decode parameters of the coded filter (the last entry of a parameter array), if any."""
    parms = stream.get("/DecodeParms")
    if isinstance(parms, pikepdf.Array) and len(parms) and isinstance(parms[len(parms) - 1], pikepdf.Dictionary):
        return parms[len(parms) - 1]
    return None


def unwrapped(image) -> bytes:
    """The coded file inside: the general filters applied through a scratch stream that lists only them
    (qpdf decodes a chain only when it can decode every filter in it)."""
    filters = image.get("/Filter")
    parms = image.get("/DecodeParms")
    scratch = pikepdf.new()
    stream = scratch.make_stream(image.read_raw_bytes())
    stream.Filter = pikepdf.Array(list(filters)[:-1])
    if isinstance(parms, pikepdf.Array):
        stream.DecodeParms = pikepdf.Array([scratch.copy_foreign(p) if isinstance(p, pikepdf.Dictionary)
                                            and p.is_indirect else p for p in list(parms)[:-1]])
    return stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)


def scrub(doc, ctx) -> None:
    count = 0
    for image in list(wrapped_images(doc)):
        coded = CODED[filters_of(image)[-1]]
        try:
            data = unwrapped(image)
        except pikepdf.PdfError:
            continue                          # the scan reports an image it cannot decode
        parms = coded_parms(image)
        image.write(data, filter=pikepdf.Name(coded), decode_parms=parms)
        if parms is None and "/DecodeParms" in image:
            del image["/DecodeParms"]
        count += 1
    if count:
        ctx.add("image-metadata", "info", "removed", f"{count} JPEG or JPEG 2000 image(s) stored inside other "
                "filters unwrapped, so their metadata is read and stripped")


def residue(doc, options) -> list[str]:
    return [f"image {s.objgen[0]}: a coded image still wrapped in other filters" for s in wrapped_images(doc)]
