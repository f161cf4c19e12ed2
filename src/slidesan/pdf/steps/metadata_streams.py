"""Hiding place: XMP metadata streams on pages, images, fonts and form XObjects.

Any stream or dictionary may carry `/Metadata`; an image's XMP often holds the camera, the
editing history and the original file name, a page's the source document. The document's own
XMP is the document-info step's; every other one goes here. Image metadata inside JPEG data
(EXIF, comments) is stripped where the pictures are cut (clipped-pixels step) or here when an
image is not cut; a JPEG 2000 image (JPXDecode) keeps its codestream and loses its XML, UUID and
comment boxes here.
"""

from __future__ import annotations

import pikepdf

from slidesan.images.metadata import strip_metadata
from slidesan.images.metadata_quotes import xmp_details
from slidesan.pdf.objects import name_of


def owners(doc):
    root = doc.pdf.Root
    for obj in doc.dicts():
        if "/Metadata" in obj and not (obj.is_indirect and obj.objgen == root.objgen):
            yield obj


CODED_FILTERS = ("/DCTDecode", "/JPXDecode")


def jpeg_images(doc):
    """Images whose stream is a JPEG or JPEG 2000 file as it came, its metadata inside."""
    for obj in doc.streams():
        if name_of(obj.get("/Subtype")) == "/Image" and name_of(obj.get("/Filter")) in CODED_FILTERS:
            yield obj


def scrub(doc, ctx) -> None:
    for obj in list(owners(doc)):
        what = name_of(obj.get("/Subtype"))[1:] or name_of(obj.get("/Type"))[1:] or "object"
        read_details(ctx, xmp_details(packet_of(obj["/Metadata"])), f"XMP metadata on {what.lower()}")
        del obj["/Metadata"]
        ctx.add("image-metadata" if what == "Image" else "metadata", "review", "removed",
                f"XMP metadata on {what.lower()} removed")
    stripped = 0
    for image in jpeg_images(doc):
        raw = image.read_raw_bytes()
        try:
            result = strip_metadata(raw)
            jpx = name_of(image.get("/Filter")) == "/JPXDecode"
            data = result.data if jpx else without_profile_text(result.data, image, ctx)
        except Exception:        # not a JPEG the stripper knows: left for the scan to judge
            continue
        if result.removed or data != result.data:
            read_details(ctx, result.details, "a JPEG image's metadata")
            image.write(data, filter=pikepdf.Name("/JPXDecode" if jpx else "/DCTDecode"))
            stripped += 1
    if stripped:
        ctx.add("image-metadata", "review", "stripped",
                f"EXIF/XMP/comments stripped from {stripped} JPEG or JPEG 2000 image(s)")


def without_profile_text(data: bytes, image, ctx) -> bytes:
    """A JPEG's own colour profile (APP2) whose text tags say something, read and left out: in a PDF the
    image dictionary's /ColorSpace decides the colours, so the embedded profile is never used."""
    from slidesan.images.icc import profile_texts
    from slidesan.images.rebuild_jpeg import assemble, parse_jpeg

    parsed = parse_jpeg(data)
    texts = [text for _what, text in profile_texts(parsed.icc or b"") if text.strip(" \x00")]
    if not texts or "/ColorSpace" not in image:
        return data
    for text in texts:
        ctx.identifiers_in(text, "a JPEG image's colour profile (removed)")
    return assemble(parsed, None, 1)


def packet_of(stream) -> bytes:
    try:
        return stream.read_bytes()
    except Exception:  # noqa: BLE001 - an undecodable packet is removed all the same
        return b""


def read_details(ctx, details: list[str], where: str) -> None:
    """What the removed metadata said, through the identifier detectors: `check` rates the input by a
    name in an image's EXIF description or XMP creator, not only by "metadata present"."""
    for detail in details:
        ctx.identifiers_in(detail.partition(": ")[2] or detail, f"{where} (removed)")


def residue(doc, options) -> list[str]:
    found = [f"/Metadata on {name_of(o.get('/Subtype'))[1:] or 'an object'}" for o in owners(doc)]
    for image in jpeg_images(doc):
        try:
            if strip_metadata(image.read_raw_bytes()).removed:
                found.append("a JPEG image still carries EXIF/XMP/comments")
        except Exception:
            continue
    return found
