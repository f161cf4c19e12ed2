"""Hiding place: video and audio (embedded or linked), including sounds on transitions and clicks.

Clips cannot be inspected: a video of a scan may show the PACS header on every frame and an audio
note may say the patient's name. By default they are removed and the media shape becomes its own
poster frame: the `p:pic` keeps its `a:blip` (the still PowerPoint shows before playback), while
the `a:videoFile`/`a:audioFile`/`p14:media` references, the media click action and the timing
nodes that play that shape are deleted, so the deck opens cleanly and shows the still image.
With keep_media the clips stay and each is reported as not inspected. A link to a media file
outside the deck always goes: it names a file on someone's disk or share.
"""

from __future__ import annotations

from slidesan.deck.geometry import enclosing_shape, shape_label
from slidesan.deck.package import NS, R_NS
from slidesan.deck.relcut import type_is
from slidesan.deck.timing import detach, remove_time_node
from slidesan.report.model import HIGH, INFO, REVIEW

A, P, P14 = NS["a"], NS["p"], NS["p14"]
EMBED, LINK, RID = f"{{{R_NS}}}embed", f"{{{R_NS}}}link", f"{{{R_NS}}}id"
MEDIA_RELTYPES = ("relationships/media", "relationships/video", "relationships/audio")
# Elements that point at a clip, and what to delete when the clip goes.
NV_MEDIA = {f"{{{A}}}videoFile", f"{{{A}}}audioFile", f"{{{A}}}wavAudioFile", f"{{{A}}}quickTimeFile",
            f"{{{A}}}audioCd"}
P14_MEDIA = f"{{{P14}}}media"
SOUNDS = {f"{{{P}}}snd": 2, f"{{{A}}}snd": 0, f"{{{P}}}sndTgt": None}   # ancestor levels to remove
EXT = {f"{{{P}}}ext", f"{{{A}}}ext"}
SP_TGT = f"{{{P}}}spTgt"


def media_rids(part) -> dict[str, object]:
    return {rid: rel for rid, rel in part.rels.items() if type_is(rel.reltype, *MEDIA_RELTYPES)}


def describe(rel) -> str:
    if rel.is_external:
        return rel.target_ref
    return f"{rel._target.partname} ({rel._target.content_type}, {len(rel._target.blob)} bytes)"


def media_elements(root):
    for el in root.iter():
        if el.tag in NV_MEDIA or el.tag == P14_MEDIA or el.tag in SOUNDS:
            yield el


def element_rid(el) -> str | None:
    return el.get(EMBED) or el.get(LINK) or el.get(RID)


def xml_parts_with_media(deck):
    """Drawing parts that relate to a clip or name one (SVG pictures are XML too, but never hold clips)."""
    for part in deck.parts():
        if deck.is_xml(part) and not part.content_type.startswith("image/") and part.rels and (
                media_rids(part) or any(True for _ in media_elements(deck.xml(part)))):
            yield part


def scrub(deck, ctx) -> None:
    keep = ctx.options.keep_media
    for part in list(xml_parts_with_media(deck)):
        root = deck.xml(part)
        rels = media_rids(part)
        where = {"slide": deck.slide_number(part), "part": str(part.partname)}
        labels: dict[str, str | None] = {}
        for el in list(media_elements(root)):
            rid = element_rid(el)
            rel = rels.get(rid)
            shape = enclosing_shape(el)
            labels.setdefault(rid, shape_label(shape) if shape is not None else None)
            if keep and (rel is None or not rel.is_external):
                continue                                     # kept clips stay referenced
            remove_media_element(el, root)
        reported = set()
        for rid, rel in rels.items():
            gone = rel.is_external or not keep
            if gone:
                deck.drop_rel(part, rid)
                forget_rid(root, rid)
            key = rel.target_ref if rel.is_external else str(rel._target.partname)
            if key in reported:
                continue
            reported.add(key)
            report(ctx, rel, labels.get(rid), keep, where)
        tidy_media_shapes(root)


def report(ctx, rel, label, keep, where) -> None:
    if rel.is_external:
        local = not rel.target_ref.lower().startswith(("http://", "https://"))
        ctx.add("media", HIGH if local else REVIEW, "removed", "link to a media file removed",
                text=rel.target_ref, shape=label, **where)
    elif keep:
        ctx.add("media", REVIEW, "not-inspected", "video or audio kept (keep media); it cannot be inspected",
                text=describe(rel), shape=label, **where)
    else:
        ctx.add("media", INFO, "removed", "video or audio removed; a media shape keeps its poster frame",
                text=describe(rel), shape=label, **where)


def forget_rid(root, rid: str) -> None:
    """Drop any remaining attribute that names a relationship just removed."""
    for el in root.iter():
        for name in [n for n, v in el.attrib.items() if v == rid and n.startswith(f"{{{R_NS}}}")]:
            del el.attrib[name]


def remove_media_element(el, root) -> None:
    """Delete the clip reference and whatever only makes sense with it."""
    shape = enclosing_shape(el)
    if el.tag in SOUNDS:
        node = el
        levels = SOUNDS[el.tag]
        if levels is None:                                   # timing: p:audio > cMediaNode > tgtEl > sndTgt
            remove_time_node(el)
            return
        for _ in range(levels):
            node = node.getparent() if node.getparent() is not None else node
        detach(node)
        return
    holder = el.getparent() if el.tag == P14_MEDIA else None
    detach(el)
    if holder is not None and holder.tag in EXT:
        lst = holder.getparent()
        detach(holder)
        if lst is not None and len(lst) == 0:
            detach(lst)
    if shape is not None:
        spid = shape.find(f".//{{{P}}}cNvPr")
        if spid is not None:
            remove_timing_for(root, spid.get("id"))


def tidy_media_shapes(root) -> None:
    """A click action 'play media' without media makes PowerPoint complain; drop it."""
    for link in list(root.iter(f"{{{A}}}hlinkClick")):
        if link.get("action", "").startswith("ppaction://media") and not any(
                el.tag in NV_MEDIA or el.tag == P14_MEDIA for el in link.getparent().getparent().iter()):
            detach(link)


def remove_timing_for(root, spid: str | None) -> None:
    if not spid:
        return
    for tgt in list(root.iter(SP_TGT)):
        if tgt.get("spid") == spid and tgt.getroottree().getroot() is root:
            remove_time_node(tgt)
    for bld in list(root.iter(f"{{{P}}}bldP")):
        if bld.get("spid") == spid:
            lst = bld.getparent()
            detach(bld)
            if lst is not None and len(lst) == 0:
                detach(lst)


def residue(deck, options) -> list[str]:
    found = []
    for part in xml_parts_with_media(deck):
        root = deck.xml(part)
        for rid, rel in media_rids(part).items():
            if rel.is_external:
                found.append(f"{part.partname}: link to a media file {rel.target_ref}")
            elif not options.keep_media:
                found.append(f"{part.partname}: media relationship {rid} → {rel._target.partname}")
        if not options.keep_media:
            for el in media_elements(root):
                found.append(f"{part.partname}: {el.tag.rsplit('}', 1)[-1]} element")
    if not options.keep_media:
        for part in deck.parts():
            if part.content_type.lower().startswith(("video/", "audio/")):
                found.append(f"{part.partname}: {part.content_type} part")
    return found
