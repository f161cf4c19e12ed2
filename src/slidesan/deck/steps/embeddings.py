"""Hiding place: embedded and linked objects, chart workbooks, macros, ActiveX, printer settings.

An OLE object is a whole file inside the deck (a Word report, a spreadsheet of patients, a
DICOM viewer package) that the slide shows only as a preview picture. The object goes; the
slide keeps the look: its `p:graphicFrame` is replaced by a plain `p:pic` of the preview (from
`p:oleObj/p:pic`, the `mc:Fallback` branch, or the legacy VML shape named by `spid`) at the
same frame position. A linked object is removed the same way and its target is reported (a
local path names a machine and often a user). The VML drawing that only served those objects
goes too.

A chart keeps its cached values (`c:numCache`/`c:strCache`), so the workbook behind it
(`c:externalData`) can go without changing what the chart shows. VBA projects, ActiveX controls,
legacy binary text remnants and printer settings (driver names, sometimes user names) are
removed outright. Embedded fonts are harmless and stay.
"""

from __future__ import annotations

import copy
import re

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

from slidesan.deck.drawing import cnvpr, drop_unused_rels, local, quote, referenced_rids, remove_shape
from slidesan.deck.geometry import inherited_frame
from slidesan.deck.package import NS
from slidesan.deck.relcut import cut, presentationml_parts, rels_of, rels_of_type, type_is, where

A, P, R, MC = NS["a"], NS["p"], NS["r"], NS["mc"]
OLE_URI = "http://schemas.openxmlformats.org/presentationml/2006/ole"
VML_O = "urn:schemas-microsoft-com:office:office"
OLE_TARGETS = ("relationships/oleObject", "relationships/package")
VBA = ("relationships/vbaProject",)
CONTROLS = ("relationships/control",)
PRINTER = ("relationships/printerSettings",)
LEGACY_BINARIES = ("relationships/legacyDocTextInfo",)
VML = ("relationships/vmlDrawing",)
CHART_TYPES = ("application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
               "application/vnd.ms-office.chartex+xml")
LOCAL_PATH = re.compile(r"^(file:|[a-zA-Z]:[\\/]|\\\\|/)|[\\/](Users|home|Documents and Settings)[\\/]", re.I)
VML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)


def pml_parts(deck):
    """Parts whose XML can hold shapes, OLE frames and controls (slides, layouts, masters, notes)."""
    return presentationml_parts(deck)


def link_severity(target: str) -> str:
    return "high" if LOCAL_PATH.search(target or "") else "review"


# -- OLE frames --------------------------------------------------------------------------------

def ole_frames(root) -> list:
    """Every p:graphicFrame whose graphic is an OLE object, innermost structure included."""
    frames = []
    for data in root.iter(f"{{{A}}}graphicData"):
        if data.get("uri") != OLE_URI:
            continue
        node = data.getparent()
        while node is not None and node.tag != f"{{{P}}}graphicFrame":
            node = node.getparent()
        if node is not None and node not in frames:
            frames.append(node)
    return frames


def vml_preview(deck, part, spid: str):
    """The image part a legacy VML shape `spid` shows (old decks keep the preview only there)."""
    for rel in rels_of(part).values():
        if rel.is_external or not rel.reltype.endswith("/vmlDrawing"):
            continue
        vml = rel._target
        try:
            root = etree.fromstring(vml.blob, VML_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            continue
        if root is None:
            continue
        for shape in root.iter():
            if local(shape.tag) == "shape" and spid in (shape.get("id"), shape.get(f"{{{VML_O}}}spid")):
                for img in shape.iter():
                    relid = img.get(f"{{{VML_O}}}relid") if local(img.tag) == "imagedata" else None
                    target = rels_of(vml).get(relid) if relid else None
                    if target is not None and not target.is_external:
                        return target._target
    return None


def preview_blipfill(deck, part, unit):
    """A p:blipFill showing the object's preview picture, or None when it has none."""
    for pic in unit.iter(f"{{{P}}}pic"):
        fill = pic.find(f"{{{P}}}blipFill")
        if fill is not None and fill.find(f"{{{A}}}blip") is not None:
            return copy.deepcopy(fill)
    for ole in unit.iter(f"{{{P}}}oleObj"):
        image = vml_preview(deck, part, ole.get("spid")) if ole.get("spid") else None
        if image is not None:
            rid = part.relate_to(image, RT.IMAGE)
            return parse_xml(
                f'<p:blipFill xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><a:blip r:embed="{rid}"/>'
                '<a:stretch><a:fillRect/></a:stretch></p:blipFill>')
    return None


def frame_xfrm(deck, part, frame):
    """The frame's own position as (attributes, off, ext), inheriting a placeholder's if absent."""
    xfrm = frame.find(f"{{{P}}}xfrm")
    if xfrm is not None:
        off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
        if off is not None and ext is not None:
            return dict(xfrm.attrib), (off.get("x", "0"), off.get("y", "0")), (ext.get("cx", "0"), ext.get("cy", "0"))
    inherited = inherited_frame(deck, part, frame)
    if inherited is None:
        return None
    return {}, (str(int(inherited.x)), str(int(inherited.y))), (str(int(inherited.cx)), str(int(inherited.cy)))


def picture_for(deck, part, frame, blipfill):
    """A p:pic with the frame's id, name and position showing `blipfill`."""
    geometry = frame_xfrm(deck, part, frame)
    if geometry is None:
        return None
    attrs, (x, y), (cx, cy) = geometry
    pic = parse_xml(
        f'<p:pic xmlns:p="{P}" xmlns:a="{A}" xmlns:r="{R}"><p:nvPicPr><p:cNvPr id="0" name=""/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    old = cnvpr(frame)
    new = pic.find(f"{{{P}}}nvPicPr/{{{P}}}cNvPr")
    if old is not None:
        for key, value in old.attrib.items():
            new.set(key, value)
    xfrm = pic.find(f"{{{P}}}spPr/{{{A}}}xfrm")
    for key in ("rot", "flipH", "flipV"):
        if key in attrs:
            xfrm.set(key, attrs[key])
    pic.insert(1, blipfill)
    return pic


def shape_unit(frame):
    """The frame, or the mc:AlternateContent it is one branch of: the branches are renderings of
    one shape, so the preview may sit in a sibling branch and the whole wrapper is replaced."""
    parent = frame.getparent()
    if parent is not None and parent.tag in (f"{{{MC}}}Choice", f"{{{MC}}}Fallback"):
        return parent.getparent()
    return frame


def replace_frame(frame, pic) -> None:
    """Put `pic` where the frame (or its mc:AlternateContent wrapper) was."""
    target = shape_unit(frame)
    target.getparent().replace(target, pic)


def describe_ole(part, unit) -> tuple[list[tuple[str, str, bool]], str]:
    """([(rId, target, external)], "name (progId)") of the objects in a frame or its wrapper."""
    objects, labels = [], []
    for ole in unit.iter(f"{{{P}}}oleObj"):
        rid = ole.get(f"{{{R}}}id")
        rel = rels_of(part).get(rid) if rid else None
        if rel is not None:
            target = rel.target_ref if rel.is_external else str(rel._target.partname)
            if (rid, target, rel.is_external) not in objects:
                objects.append((rid, target, rel.is_external))
        label = " ".join(x for x in (ole.get("name"), f"({ole.get('progId')})" if ole.get("progId") else "") if x)
        if label and label not in labels:
            labels.append(label)
    return objects, ", ".join(labels) or "OLE object"


def is_attached(element, root) -> bool:
    """Still inside `root` (lxml keeps a removed subtree in the same document, so ask its ancestors)."""
    top = element
    for top in element.iterancestors():
        pass
    return top is root


def scrub_ole(deck, ctx) -> None:
    for part in pml_parts(deck):
        root = deck.xml(part)
        frames = ole_frames(root)
        if not frames:
            continue
        candidates = set()
        for frame in frames:
            if not is_attached(frame, root):
                continue        # went with an mc:AlternateContent replaced for its sibling branch
            unit = shape_unit(frame)
            objects, label = describe_ole(part, unit)
            candidates |= referenced_rids(unit)
            blipfill = preview_blipfill(deck, part, unit)
            if blipfill is not None:
                candidates |= referenced_rids(blipfill)     # a VML preview got a new rel: drop it if unused
            pic = picture_for(deck, part, frame, blipfill) if blipfill is not None else None
            if pic is not None:
                replace_frame(frame, pic)
                outcome = "its preview picture stays in its place"
            else:
                remove_shape(frame)
                outcome = "it had no preview picture, so the frame was removed"
            place = where(deck, part)
            for _rid, target, external in objects or [("", "", False)]:
                if external:
                    ctx.add("ole-object", link_severity(target), "removed",
                            f"linked object {label} removed; {outcome}", text=quote(target, 300), **place)
                else:
                    ctx.add("ole-object", "high", "removed", f"embedded object {label} removed; {outcome}",
                            text=quote(f"{label}: {target}", 300), **place)
        drop_unused_rels(deck, part, candidates)
    drop_orphan_vml(deck)


def drop_orphan_vml(deck) -> None:
    """VML drawings only describe legacy OLE and ActiveX shapes; once none is left they go."""
    for part in pml_parts(deck):
        root = deck.xml(part)
        if any(True for _ in root.iter(f"{{{P}}}oleObj")) or any(True for _ in root.iter(f"{{{P}}}control")):
            continue
        for rid, rel in list(rels_of(part).items()):
            if rel.reltype.endswith("/vmlDrawing"):
                cut(deck, part, rid)


# -- controls, VBA, printer settings, legacy binaries -----------------------------------------

def scrub_controls(deck, ctx) -> None:
    for part in pml_parts(deck):
        root = deck.xml(part)
        lists = list(root.iter(f"{{{P}}}controls"))
        if not lists:
            continue
        candidates, names = set(), []
        for controls in lists:
            candidates |= referenced_rids(controls)
            names += [c.get("name", "?") for c in controls.iter(f"{{{P}}}control")]
            remove_element_or_wrapper(controls)
        drop_unused_rels(deck, part, candidates)
        ctx.add("activex", "high", "removed", f"{len(set(names))} ActiveX control(s) removed",
                text=quote(", ".join(dict.fromkeys(names)), 200), **where(deck, part))
    scrub_by_type(deck, ctx, CONTROLS, "activex", "high", "unreferenced ActiveX control removed")
    drop_orphan_vml(deck)


def remove_element_or_wrapper(element) -> None:
    parent = element.getparent()
    if parent is not None and parent.tag in (f"{{{MC}}}Choice", f"{{{MC}}}Fallback"):
        element = parent.getparent()
        parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def scrub_by_type(deck, ctx, suffixes, category, severity, message) -> None:
    for source, rid, rel in rels_of_type(deck, *suffixes):
        target = rel.target_ref if rel.is_external else str(rel._target.partname)
        cut(deck, source, rid)
        ctx.add(category, severity, "removed", message, text=quote(target, 200), **where(deck, source))


# -- chart workbooks ---------------------------------------------------------------------------

def scrub_chart_workbooks(deck, ctx) -> None:
    for part in deck.parts():
        if part.content_type not in CHART_TYPES:
            continue
        root = deck.xml(part)
        candidates = set()
        for element in [el for el in root.iter() if local(el.tag) == "externalData"]:
            candidates |= referenced_rids(element)
            element.getparent().remove(element)
        for rid, rel in list(rels_of(part).items()):
            if type_is(rel.reltype, *OLE_TARGETS):
                candidates.add(rid)
        for rid in sorted(candidates):
            rel = rels_of(part).get(rid)
            if rel is None:
                continue
            target = rel.target_ref if rel.is_external else str(rel._target.partname)
            cut(deck, part, rid)
            severity = link_severity(target) if rel.is_external else "high"
            kind = "linked" if rel.is_external else "embedded"
            ctx.add("chart-workbook", severity, "removed",
                    f"{kind} chart workbook removed (the chart keeps its cached values)",
                    text=quote(target, 200), **where(deck, part))


def scrub(deck, ctx) -> None:
    scrub_ole(deck, ctx)
    scrub_controls(deck, ctx)
    scrub_chart_workbooks(deck, ctx)
    scrub_by_type(deck, ctx, VBA, "vba", "high", "VBA macro project removed")
    scrub_by_type(deck, ctx, LEGACY_BINARIES, "legacy-binary", "info",
                  "legacy binary text remnant (from a .ppt conversion) removed")
    scrub_by_type(deck, ctx, PRINTER, "printer-settings", "info", "printer settings removed")


def residue(deck, options) -> list[str]:
    out = []
    for part in pml_parts(deck):
        root = deck.xml(part)
        if ole_frames(root) or any(True for _ in root.iter(f"{{{P}}}oleObj")):
            out.append(f"{part.partname} still holds an OLE object")
        if any(True for _ in root.iter(f"{{{P}}}controls")):
            out.append(f"{part.partname} still holds ActiveX controls")
    for part in deck.parts():
        if part.content_type in CHART_TYPES and any(local(el.tag) == "externalData" for el in deck.xml(part).iter()):
            out.append(f"{part.partname} still names a workbook (externalData)")
    for _s, _r, rel in rels_of_type(deck, *OLE_TARGETS, *VBA, *CONTROLS, *PRINTER, *LEGACY_BINARIES, *VML):
        out.append(f"{rel.reltype.rsplit('/', 1)[-1]} target {rel.target_ref} is still related")
    return out
