"""What the scan does to pixels on request: redact identifiers, burn covers in, draw thumbnails.

Both changes write pixels, never shapes: a box drawn on top of a picture is not a redaction.
"""

from __future__ import annotations

from collections import defaultdict

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from slidesan.deck.geometry import shape_frame
from slidesan.deck.package import R_NS
from slidesan.deck.pictures import drop_unused_rels
from slidesan.images.redact import paint_boxes
from slidesan.images.report_pictures import picture_views
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.report.model import HIGH, INFO, REVIEW
from slidesan.scan.covers import covers_above, slide_rect_to_image, src_fractions

CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg"}


def store_image(deck, part, data: bytes, ext: str) -> None:
    """Replace a part's pixels; rename it when the format changed (e.g. GIF painted into PNG)."""
    deck.set_blob(part, data)
    old_ext = str(part.partname).rsplit(".", 1)[-1].lower()
    if old_ext.replace("jpg", "jpeg") != ext:
        part.partname = deck.package.next_partname(f"/ppt/media/image%d.{ext}")
        part._content_type = CONTENT_TYPES[ext]


def paintable(finding) -> bool:
    """What `--redact` paints over: an identifier read in a picture, and a possible name there (words
    no dictionary knows, review) -- the lecturer asked for the picture's text about people to go."""
    return bool(finding.box) and (finding.severity == HIGH or (finding.severity == REVIEW and finding.category == "name"))


def redact_images(deck, ctx, findings, vocabulary=None) -> None:
    """Paint every high identifier and possible name read in a picture into its pixels, then read the painted picture
    again (redaction_check.py): what is still read stays flagged, so the verdict stays honest."""
    from slidesan.scan.picture_findings import match_box
    from slidesan.scan.redaction_check import still_read

    by_image = defaultdict(list)
    for f in findings:
        if paintable(f) and f.image:
            by_image[f.image].append(f)
    for name, items in by_image.items():
        part = deck.part_by_name(name)
        if part is None:
            continue
        try:
            data, ext = paint_boxes(part.blob, sorted({f.box for f in items}))
        except UnreadableImage:
            continue
        store_image(deck, part, data, ext)
        for f in items:
            f.action = "redacted"
            f.message = f.message.split(";")[0].replace(" read in picture", "") + " painted over in the picture pixels"
            f.image = str(part.partname)
        for line, match in still_read(data, vocabulary, ctx.options.thorough):
            slide = next((f.slide for f in items if f.slide is not None), None)
            ctx.add(match.category, match.severity, "flagged", f"{match.category.replace('-', ' ')} still read in the picture "
                    "after redaction: paint it over by hand or crop it", text=match.text, slide=slide,
                    part=items[0].part, image=str(part.partname), box=match_box(line, match))


def burn_in_covers(deck, ctx, uses_by_image) -> None:
    """Flatten opaque shapes lying over a picture into that picture's own copy of the pixels."""
    for name, uses in uses_by_image.items():
        for use in uses:
            if use.kind != "picture" or use.owner is None:
                continue
            frame = shape_frame(deck, use.part, use.owner)
            image = use.image_part()
            if frame is None or image is None:
                continue
            covers = covers_above(deck, use.part, use.owner)
            if not covers:
                continue
            try:
                size = open_image(image.blob, load=False).size
            except UnreadableImage:
                continue
            boxes = []
            for cover in covers:
                box = slide_rect_to_image(cover.rect, size, frame, src_fractions(use.blip_fill))
                if box is not None:
                    boxes.append((box, cover))
            if not boxes:
                continue
            data = image.blob
            ext = "png"
            for box, cover in boxes:
                data, ext = paint_boxes(data, [box], colour=cover.colour, pad=0)
            new_part = deck.new_media_part(data, ext, CONTENT_TYPES[ext])
            old_rid = use.rid
            use.blip.set(f"{{{R_NS}}}embed", use.part.relate_to(new_part, RT.IMAGE))
            drop_unused_rels(deck, use.part, [old_rid])
            for box, cover in boxes:
                ctx.add("cover", INFO, "burned-in",
                        f"shape {cover.label} burned into the picture's pixels", slide=deck.slide_number(use.part),
                        part=str(use.part.partname), image=str(new_part.partname), box=box)


def thumbnails(deck, findings, uses_by_image) -> dict[str, dict]:
    """Each flagged picture with its boxes drawn, small and full size, for the HTML report."""
    boxes = defaultdict(list)
    slides = {}
    for f in findings:
        if f.image and f.box and f.severity != INFO:
            boxes[f.image].append((f.box, f.action))
            if f.slide is not None:
                slides.setdefault(f.image, f.slide)
    out = {}
    for name, items in boxes.items():
        part = deck.part_by_name(name)
        if part is None:
            continue
        try:
            img = open_image(part.blob)
        except UnreadableImage:
            continue
        out[name] = {"slide": slides.get(name), "boxes": [list(b) for b, _ in items], **picture_views(img, items)}
    return out
