"""Hiding place: pictures that cannot be inspected (EMF, WMF, PDF, EPS, JPEG XR...) and linked pictures.

Vector and document formats can hold text, layers and content outside the visible area that
slidesan cannot decode, crop or scan. Where LibreOffice, rsvg-convert or pdftoppm renders them
(images/vector.py) the whole picture is read by OCR; otherwise each use is reported as not
inspected (the verdict then needs review: failing closed). A Mac deck often stores such a picture in `mc:Choice` with a PNG in
`mc:Fallback`; there the choice branch is dropped so the inspectable PNG is what remains.

A linked picture (`a:blip@r:link`) names a file on the author's machine or network, often a
patient folder. The link is removed: the `r:link` attribute and its external relationship. When
the blip had no embedded copy, a picture shape keeps an empty `<a:blip/>`, which PowerPoint itself
writes for pictures it cannot show: the file opens without a repair prompt, the frame keeps its
place and any animation that targets the shape stays valid, whereas deleting the shape would
orphan them. A linked *fill* falls back to what would show without it instead (an empty blip
fill is drawn black by LibreOffice): a background goes, so the layout's shows; a shape, cell or
text fill goes, so the shape's style applies; a theme fill style becomes the placeholder colour.
"""

from __future__ import annotations

from slidesan.deck.geometry import enclosing_shape, shape_label
from slidesan.deck.package import NS, R_NS
from slidesan.deck.relcut import type_is
from slidesan.images.metadata import sniff_format
from slidesan.report.model import HIGH, INFO, REVIEW

BLIP = f"{{{NS['a']}}}blip"
EMBED, LINK = f"{{{R_NS}}}embed", f"{{{R_NS}}}link"
MC = NS["mc"]
ALTERNATE, CHOICE, FALLBACK = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
IMAGE_RELTYPES = ("relationships/image",)
RASTER_FORMATS = {"JPEG", "PNG", "GIF", "TIFF", "BMP", "WEBP"}
REMOTE_SCHEMES = ("http://", "https://", "ftp://")


def is_local_path(target: str) -> bool:
    """Anything but a web address (C:\\, \\\\server, file:, a relative path) names someone's files."""
    return not target.strip().lower().startswith(REMOTE_SCHEMES)


def xml_parts_with_rels(deck):
    for part in deck.parts():
        if part.rels and deck.is_xml(part) and not part.content_type.startswith("image/"):
            yield part


def is_raster(part) -> bool:
    return sniff_format(part.blob[:16]) in RASTER_FORMATS


def embedded_target(part, rid: str | None):
    rel = part.rels.get(rid) if rid else None
    return None if rel is None or rel.is_external else rel._target


def blips(root):
    return [el for el in root.iter(BLIP)]


def where(deck, part, element) -> dict:
    shape = enclosing_shape(element)
    return {"slide": deck.slide_number(part), "part": str(part.partname),
            "shape": shape_label(shape) if shape is not None else None}


def unsafe_blips(part, elements) -> list:
    out = []
    for blip in elements:
        target = embedded_target(part, blip.get(EMBED))
        if target is not None and not is_raster(target):
            out.append((blip, target))
    return out


def replaceable_choice(part, blip):
    """(AlternateContent, Fallback) when `blip` sits in an mc:Choice whose fallback shows only
    embedded raster pictures, which the other steps can inspect and crop."""
    node = blip.getparent()
    while node is not None and node.tag != CHOICE:
        node = node.getparent()
    if node is None or node.getparent() is None or node.getparent().tag != ALTERNATE:
        return None
    alternate = node.getparent()
    fallback = alternate.find(FALLBACK)
    if fallback is None or len(fallback) == 0:
        return None
    fb_blips = blips(fallback)
    if not fb_blips or unsafe_blips(part, fb_blips) or any(embedded_target(part, b.get(EMBED)) is None
                                                           for b in fb_blips):
        return None
    return alternate, fallback


def rid_in_use(root, rid: str) -> bool:
    return any(value == rid for el in root.iter() for name, value in el.attrib.items()
               if name.startswith(f"{{{R_NS}}}"))


def drop_unused_rels(deck, part, root, rids) -> None:
    for rid in set(rids):
        if rid in part.rels and not rid_in_use(root, rid):
            deck.drop_rel(part, rid)


def scrub(deck, ctx) -> None:
    for part in list(xml_parts_with_rels(deck)):
        root = deck.xml(part)
        scrub_choices(deck, ctx, part, root)
        scrub_unsafe(deck, ctx, part, root)
        scrub_links(deck, ctx, part, root)


def scrub_choices(deck, ctx, part, root) -> None:
    dropped_rids = []
    for blip, target in unsafe_blips(part, blips(root)):
        if blip.getroottree().getroot() is not root:
            continue                                       # already removed with an earlier choice
        found = replaceable_choice(part, blip)
        if found is None:
            continue
        alternate, fallback = found
        ctx.add("unsupported-picture", INFO, "removed",
                f"{target.content_type} picture in an mc:Choice branch removed; its raster fallback remains",
                text=str(target.partname), **where(deck, part, blip))
        dropped_rids += [el.get(name) for el in alternate.iter() for name in (EMBED, LINK) if el.get(name)]
        parent, index = alternate.getparent(), alternate.getparent().index(alternate)
        parent.remove(alternate)
        for offset, child in enumerate(list(fallback)):
            parent.insert(index + offset, child)
    drop_unused_rels(deck, part, root, dropped_rids)


def scrub_unsafe(deck, ctx, part, root) -> None:
    """Not inspected, unless a program here renders it for OCR (scan/picture_views.py reads it then,
    and reports it not inspected if rendering fails): its crop is still not applied."""
    from slidesan.images.vector import renderer_for

    for blip, target in unsafe_blips(part, blips(root)):
        if ctx.options.ocr and renderer_for(target.content_type):
            ctx.add("unsupported-picture", INFO, "kept",
                    f"{target.content_type} picture cannot be cropped; it is rendered and read by OCR",
                    text=str(target.partname), **where(deck, part, blip))
            continue
        ctx.add("unsupported-picture", REVIEW, "not-inspected",
                f"{target.content_type} picture cannot be inspected or cropped; check it by eye",
                text=str(target.partname), **where(deck, part, blip))


def scrub_links(deck, ctx, part, root) -> None:
    external = {rid: rel for rid, rel in part.rels.items() if rel.is_external and type_is(rel.reltype, *IMAGE_RELTYPES)}
    linking = [blip for blip in blips(root) if blip.get(LINK)]
    linked_rids = set()
    for blip in linking:
        rid = blip.attrib.pop(LINK)
        linked_rids.add(rid)
        rel = part.rels.get(rid)
        target = rel.target_ref if rel is not None and rel.is_external else f"(relationship {rid})"
        kept = "an embedded copy remains" if blip.get(EMBED) else fall_back(blip)
        ctx.add("linked-picture", HIGH if is_local_path(target) else REVIEW, "removed",
                f"link to a picture file removed; {kept}", text=target, **where(deck, part, blip))
    for rid, rel in external.items():
        grade = HIGH if is_local_path(rel.target_ref) else REVIEW
        for el in root.iter():
            for name in [n for n, v in el.attrib.items() if v == rid and n.startswith(f"{{{R_NS}}}")]:
                del el.attrib[name]
                linked_rids.add(rid)
                ctx.add("linked-picture", grade, "removed", "reference to a linked picture file removed",
                        text=rel.target_ref, **where(deck, part, el))
        if rid not in linked_rids:
            ctx.add("linked-picture", grade, "removed", "unused relationship to a picture file removed",
                    text=rel.target_ref, slide=deck.slide_number(part), part=str(part.partname))
        deck.drop_rel(part, rid)


def fall_back(blip) -> str:
    """Replace a fill left without a picture by what shows without it; says what was done."""
    fill = blip.getparent()
    holder = fill.getparent() if fill is not None else None
    if fill is None or holder is None or fill.tag.rsplit("}", 1)[-1] != "blipFill":
        return "the picture is left empty"
    kind = holder.tag.rsplit("}", 1)[-1]
    if kind == "pic":
        return "the picture frame is left empty"
    if kind == "bgPr":
        background = holder.getparent()
        background.getparent().remove(background)
        return "the background falls back to the layout's"
    if kind in ("bgFillStyleLst", "fillStyleLst"):
        solid = fill.makeelement(f"{{{NS['a']}}}solidFill", {})
        solid.append(solid.makeelement(f"{{{NS['a']}}}schemeClr", {"val": "phClr"}))
        holder.replace(fill, solid)
        return "the theme fill style becomes the placeholder colour"
    holder.remove(fill)
    return "the fill is removed, so the shape's own style shows"


def residue(deck, options) -> list[str]:
    found = []
    for part in xml_parts_with_rels(deck):
        root = deck.xml(part)
        for blip in blips(root):
            if blip.get(LINK):
                found.append(f"{part.partname}: picture linked to {blip.get(LINK)}")
        for rid, rel in part.rels.items():
            if rel.is_external and type_is(rel.reltype, *IMAGE_RELTYPES):
                found.append(f"{part.partname}: external picture relationship {rid} → {rel.target_ref}")
        for blip, target in unsafe_blips(part, blips(root)):
            if replaceable_choice(part, blip) is not None:
                found.append(f"{part.partname}: {target.content_type} choice branch with a raster fallback")
    return found
