"""Hiding place: metadata inside image parts (EXIF, GPS, XMP, IPTC, comments, text chunks, trailers).

PowerPoint stores inserted pictures as they came from the camera, phone or PACS export, with
their metadata. Stripping rewrites the container only (images/metadata.py), so the pixels do
not change and a part shared by several pictures, layouts and masters can be edited in place.
A picture whose format cannot be rewritten is reported as not inspected, never passed as clean.
"""

from __future__ import annotations

from slidesan.images.metadata import ImageMetadataError, UnknownImageFormat, find_metadata, strip_metadata
from slidesan.report.model import INFO, REVIEW
from slidesan.scan.metadata_text import metadata_identifiers


def image_parts(deck) -> list:
    return [part for part in deck.parts() if part.content_type.lower().startswith("image/")]


def scrub(deck, ctx) -> None:
    for part in image_parts(deck):
        where = {"slide": deck.slide_number(part), "part": str(part.partname)}
        try:
            result = strip_metadata(part.blob)
        except UnknownImageFormat:
            ctx.add("image-metadata", REVIEW, "not-inspected",
                    f"{part.content_type} picture: its format cannot be checked for metadata", **where)
            continue
        except ImageMetadataError as exc:
            ctx.add("image-metadata", REVIEW, "not-inspected",
                    f"picture could not be checked for metadata: {exc}", **where)
            continue
        if not result.changed:
            continue
        deck.set_blob(part, result.data)
        ctx.add("image-metadata", INFO, "stripped",
                f"{result.format} metadata removed: {', '.join(dict.fromkeys(result.removed))}",
                text="; ".join(dict.fromkeys(result.details)) or None, **where)
        for match, severity, label, field in metadata_identifiers(result.details):
            ctx.add(match.category, severity, "removed", f"{label} in picture metadata ({field}), removed",
                    text=match.text, **where)


def residue(deck, options) -> list[str]:
    found = []
    for part in image_parts(deck):
        try:
            left = find_metadata(part.blob)
        except ImageMetadataError:
            continue   # reported as not inspected when cleaned; nothing scrub could still remove
        if left:
            found.append(f"{part.partname} still holds {', '.join(left)}")
    return found
