"""Hiding place: bytes after the last row of a CCITT fax-coded image.

A CCITT (Group 3 or 4) decoder stops when it has decoded /Rows rows, or at the end-of-block code;
whatever the stream holds after that is read by nothing but a tool that looks for it, and it can be a
sentence or a deflated file. How long the coded rows are is known only by decoding them, so the image
is decoded (pikepdf wraps the fax data in a TIFF for Pillow) and written again as its 1-bit samples
with Flate: the page looks the same, and nothing is left after the last row. The bytes the image
held after its rows cannot be told apart from its coded rows without a fax decoder of our own, so
they are not quoted; an image that cannot be decoded is left to the scan, which reports it.
"""

from __future__ import annotations

import zlib

import pikepdf

from slidesan.pdf.document import filters_of
from slidesan.pdf.objects import name_of

FAX = {"/CCITTFaxDecode", "/CCF"}


def fax_images(doc):
    """Fax-coded images drawn in grey or as stencil masks: those the 1-bit DeviceGray rewrite shows the
    same. Another colour space (an Indexed pair of colours, a calibrated grey) is left as it is."""
    for stream in doc.streams():
        if name_of(stream.get("/Subtype")) == "/Image" and FAX & set(filters_of(stream)) and (
                stream.get("/ImageMask", False) or "/ColorSpace" not in stream
                or name_of(stream.get("/ColorSpace")) in ("/DeviceGray", "/G")):
            yield stream


def samples_of(image) -> bytes:
    """The image's rows as 1-bit samples, 0 = black as DeviceGray reads them (before any /Decode)."""
    picture = pikepdf.PdfImage(image).as_pil_image()
    if picture.mode != "1" or picture.size != (int(image.Width), int(image.Height)):
        raise ValueError(f"decoded as {picture.mode} {picture.size}")
    return picture.tobytes()                  # Pillow packs mode 1 rows MSB first, 1 = white


def scrub(doc, ctx) -> None:
    count = 0
    for image in list(fax_images(doc)):
        try:
            data = samples_of(image)
        except Exception:  # noqa: BLE001 - an image pikepdf cannot decode is reported by the scan
            continue
        image.write(zlib.compress(data, 6), filter=pikepdf.Name.FlateDecode)
        for key in ("/DecodeParms", "/ColorSpace", "/Decode"):     # pikepdf applied /Decode
            if key in image:
                del image[key]
        if not image.get("/ImageMask", False):
            image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 1
        count += 1
    if count:
        ctx.add("private-data", "info", "removed", f"{count} fax-coded image(s) written again as samples (bytes "
                "after their last row dropped)")


def residue(doc, options) -> list[str]:
    found = []
    for image in fax_images(doc):
        try:
            samples_of(image)
        except Exception:  # noqa: BLE001 - not decodable: the scan's to report, not this step's
            continue
        found.append(f"image {image.objgen[0]}: still fax-coded")
    return found
