"""Hiding place: everything a picture's file holds beyond what a viewer shows.

Metadata (EXIF, GPS, XMP, IPTC, comments, text chunks), bytes after the image, vendor segments,
colour-profile descriptions, frames and pages PowerPoint never shows, colour under transparent
pixels and palette tricks. Rather than strip what is known, every image part is rebuilt through an
allow-list (images/rebuild.py): JPEG and PNG keep their compressed data byte for byte when it is
proven to hold only the picture, the rest is written afresh from its pixels. A part shared by
several pictures, layouts and masters is edited in place: it shows the same to each of them.
A picture that cannot be rebuilt is reported as not inspected, never passed as clean.
"""

from __future__ import annotations

from slidesan.images.frames import hidden_frame_count
from slidesan.images.metadata import ImageMetadataError, UnknownImageFormat
from slidesan.scan.metadata_text import metadata_identifiers
from slidesan.images.rebuild import needs_rebuild, rebuild_picture
from slidesan.report.model import INFO, REVIEW


def stores_unshown_colour(blob: bytes) -> bool:
    """Pixels that spell something no viewer shows (images/shown_pixels.stored_view)."""
    from slidesan.images.safe_open import UnreadableImage, open_image
    from slidesan.images.shown_pixels import stored_view

    try:
        return stored_view(open_image(blob)) is not None
    except (UnreadableImage, OSError, ValueError):
        return False


def image_parts(deck) -> list:
    return [part for part in deck.parts() if part.content_type.lower().startswith("image/")]


def scrub(deck, ctx) -> None:
    for part in image_parts(deck):
        where = {"slide": deck.slide_number(part), "part": str(part.partname)}
        try:
            result = rebuild_picture(part.blob)
        except UnknownImageFormat:
            ctx.add("image-metadata", REVIEW, "not-inspected",
                    f"{part.content_type} picture: its format cannot be checked for metadata", **where)
            continue
        except ImageMetadataError as exc:
            ctx.add("image-metadata", REVIEW, "not-inspected",
                    f"picture could not be checked for metadata: {exc}", **where)
            continue
        hidden = hidden_frame_count(part.blob)
        if hidden:    # removed unread: `check` (pack/work.as_present) reports them as not inspected
            ctx.add("hidden-frames", INFO, "removed", f"{result.format} picture: {hidden} further pages or frames "
                    "PowerPoint never shows removed without being read", **where)
        if stores_unshown_colour(part.blob):    # likewise: a check reports it as not inspected
            ctx.add("hidden-colour", INFO, "removed", f"{result.format} picture: colour stored under transparent "
                    "pixels or in look-alike palette entries (never shown) removed without being read", **where)
        if result.data != part.blob:
            deck.set_blob(part, result.data)
        if result.removed:
            ctx.add("image-metadata", INFO, "stripped",
                    f"{result.format} metadata removed: {', '.join(result.removed)}",
                    text="; ".join(dict.fromkeys(result.details)) or None, **where)
        for match, severity, label, field in metadata_identifiers(result.details):    # a colour profile's text too
            ctx.add(match.category, severity, "removed", f"{label} in picture metadata ({field}), removed",
                    text=match.text, **where)
        if result.changes:
            ctx.add("picture-rebuilt", INFO, "removed", f"{result.format} picture rebuilt: {'; '.join(result.changes)}",
                    **where)


def residue(deck, options) -> list[str]:
    found = []
    for part in image_parts(deck):
        try:
            left = needs_rebuild(part.blob)
        except ImageMetadataError:
            continue   # reported as not inspected when cleaned; nothing scrub could still remove
        if left:
            found.append(f"{part.partname} still holds {', '.join(left)}")
    return found
