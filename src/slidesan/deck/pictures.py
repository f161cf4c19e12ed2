"""Every place a picture is painted: each `blipFill` in every XML part, with what it needs to be cropped.

A picture can be a `p:pic`, the fill of a shape, table cell, background, theme style, SmartArt or
chart element, or even a text run; PresentationML writes it as `p:blipFill` and DrawingML as
`a:blipFill`, both with the same children. Steps that act on pixels (crops, masks, off-slide trims)
need, for each use: the XML part (whose rels resolve `r:embed`), the blipFill element, the crop
(`a:srcRect`), how the picture is stretched or tiled, and the shape whose geometry clips it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from slidesan.deck.package import NS, R_NS
from slidesan.errors import SlidesanError

A = NS["a"]
P = NS["p"]
EMBED = f"{{{R_NS}}}embed"
LINK = f"{{{R_NS}}}link"
SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ARTISTIC_URI = "{BEBA8EAE-BF5A-486C-A8C5-ECC9F3942E4B}"
MC_TAGS = {f"{{{NS['mc']}}}AlternateContent", f"{{{NS['mc']}}}Choice", f"{{{NS['mc']}}}Fallback"}
TEXT_PROPS = {"rPr", "endParaRPr", "defRPr"}

# Pictures these formats hold cannot be cut safely here (vector or document formats).
UNCROPPABLE_TYPES = {
    "image/x-emf", "image/x-wmf", "image/emf", "image/wmf", "application/pdf", "image/x-eps",
    "application/postscript", "image/svg+xml", "image/x-pict", "image/pict",
}
UNCROPPABLE_EXTS = {"emf", "wmf", "pdf", "eps", "ps", "svg", "pct", "pict", "emz", "wmz"}


def localname(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class PictureUse:
    """One `blipFill` in one XML part."""

    part: object            # the XML part holding the blipFill; its rels resolve r:embed
    blip_fill: etree._Element
    kind: str               # picture | shape-fill | table-cell | background | theme | text | other
    owner: etree._Element | None   # the shape whose frame and geometry hold the picture

    @property
    def blip(self):
        return self.blip_fill.find(f"{{{A}}}blip")

    @property
    def rid(self) -> str | None:
        blip = self.blip
        return None if blip is None else blip.get(EMBED)

    def image_part(self):
        """The embedded image part, or None when missing, linked or external."""
        rid = self.rid
        if not rid or rid not in self.part.rels:
            return None
        rel = self.part.rels[rid]
        return None if rel.is_external else rel._target

    @property
    def src_rect(self):
        return self.blip_fill.find(f"{{{A}}}srcRect")

    @property
    def is_tiled(self) -> bool:
        return self.blip_fill.find(f"{{{A}}}tile") is not None

    @property
    def fill_rect(self):
        return self.blip_fill.find(f"{{{A}}}stretch/{{{A}}}fillRect")

    def sp_pr(self):
        """The shape properties that carry the owner's frame and geometry."""
        if self.owner is None:
            return None
        if self.kind == "shape-fill":
            return self.blip_fill.getparent()
        for child in self.owner:
            if localname(child) == "spPr":
                return child
        return None

    def geometry(self):
        """(kind, element): ('prst', a:prstGeom) / ('cust', a:custGeom) / None."""
        sp_pr = self.sp_pr()
        if sp_pr is None:
            return None
        prst = sp_pr.find(f"{{{A}}}prstGeom")
        if prst is not None:
            return "prst", prst
        cust = sp_pr.find(f"{{{A}}}custGeom")
        if cust is not None:
            return "cust", cust
        return None

    def xfrm(self):
        sp_pr = self.sp_pr()
        return None if sp_pr is None else sp_pr.find(f"{{{A}}}xfrm")

    def blip_ext(self, uri: str):
        blip = self.blip
        if blip is None:
            return None
        for ext in blip.findall(f"{{{A}}}extLst/{{{A}}}ext"):
            if ext.get("uri", "").upper() == uri:
                return ext
        return None


def classify(blip_fill) -> tuple[str, etree._Element | None]:
    """What kind of thing paints this picture, and the shape owning it (mc:* wrappers skipped)."""
    parent = blip_fill.getparent()
    while parent is not None and parent.tag in MC_TAGS:
        parent = parent.getparent()
    if parent is None:
        return "other", None
    name = localname(parent)
    if name == "pic":
        return "picture", parent
    if name == "spPr":
        return "shape-fill", parent.getparent()
    if name == "tcPr":
        return "table-cell", None
    if name == "bgPr":
        return "background", None
    if name in ("bgFillStyleLst", "fillStyleLst"):
        return "theme", None
    if name in TEXT_PROPS:
        return "text", None
    return "other", None


def picture_uses(deck, parts=None) -> list[PictureUse]:
    """Every blipFill in every XML part of the package (both mc:AlternateContent branches)."""
    from pptx.opc.package import XmlPart

    uses = []
    for part in parts if parts is not None else deck.parts():
        if not deck.is_xml(part):
            continue
        # Blob XML parts (diagrams, unknown types) are parsed only when they can hold a picture.
        if not isinstance(part, XmlPart) and b"blipFill" not in part.blob:
            continue
        try:
            root = deck.xml(part)
        except SlidesanError:
            continue      # a malformed part that PowerPoint would not show either; not a picture
        for blip_fill in root.iter("{*}blipFill"):
            kind, owner = classify(blip_fill)
            uses.append(PictureUse(part, blip_fill, kind, owner))
    return uses


def is_croppable_type(image_part) -> bool:
    ext = str(image_part.partname).rsplit(".", 1)[-1].lower()
    return image_part.content_type not in UNCROPPABLE_TYPES and ext not in UNCROPPABLE_EXTS


def rids_in_use(root) -> set[str]:
    """Every attribute value in the tree: relationship ids hide in r:* attributes but also in plain
    ones (SmartArt's dsp:dataModelExt@relId), so any attribute equal to an rId counts as a use."""
    used = set()
    for el in root.iter():
        if isinstance(el.tag, str):
            used.update(el.attrib.values())
    return used


def drop_unused_rels(deck, part, rids) -> list[str]:
    """Remove those of `rids` that no XML in `part` still references; returns the dropped ids."""
    used = rids_in_use(deck.xml(part))
    dropped = []
    for rid in rids:
        if rid not in used and rid in part.rels:
            deck.drop_rel(part, rid)
            dropped.append(rid)
    return dropped
