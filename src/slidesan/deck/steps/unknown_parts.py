"""Hiding place: every part no other step knows (the fail-closed net).

Each step handles the hiding places it knows, but a package can carry part types nobody planned
for: a 3D model (`model/gltf-binary`, a surface render of a CT can show a face), Office add-ins
(`ppt/webextensions/*`, whose settings hold URLs and whatever the add-in stored), handwritten ink
(`ppt/ink/*.xml`, InkML with device data and timestamps), digital signatures (the signer's
certificate) and binaries of no known type. This step runs after the others and sorts every part
that will be written by the table below (content type, the relationships that reach it, its
extension): read by a step or the scan, harmless structure, kept with a note (embedded fonts),
removed here (add-ins, ink, signatures), or not inspectable. Anything not in the table is not
inspectable: the verdict then cannot be "publication".

Ink and add-ins on a slide sit in `mc:AlternateContent` with a picture in `mc:Fallback` (what
older readers show); the wrapper is replaced by that picture, so the slide keeps its look. A
picture of handwriting is kept but reported: OCR does not read handwriting. Parts owned by other
steps (OLE, VBA, media, EMF/WMF...) are left to them; only one that is still present and that no
finding names is reported here, so nothing is reported twice and nothing slips through.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from slidesan.deck.drawing import drop_unused_rels, enclosing_or_self, local, quote, referenced_rids, rel_attrs
from slidesan.deck.package import NS, part_ext
from slidesan.deck.relcut import cut, remove_element, rels_of, sources, type_is
from slidesan.report.model import INFO, REVIEW

MC = NS["mc"]
CHOICE, FALLBACK = f"{{{MC}}}Choice", f"{{{MC}}}Fallback"

# How a kind of part is handled.
INSPECTED = "inspected"          # a step or the scan reads it
STRUCTURE = "structure"          # layout, style or settings data; holds nothing a person typed
OWNED = "owned"                  # another step removes it or reports it
FONT = "font"                    # kept, noted once
WEB_EXTENSION = "web-extension"  # removed here
INK = "ink"                      # removed here (kept with keep_ink, then not inspected)
SIGNATURE = "signature"          # removed here
NOT_INSPECTABLE = "not-inspectable"
REMOVABLE = (WEB_EXTENSION, INK, SIGNATURE)

OOX = "application/vnd.openxmlformats-officedocument."
PML = OOX + "presentationml."
DML = OOX + "drawingml."


@dataclass(frozen=True)
class Kind:
    label: str
    handling: str
    by: str                               # who reads or owns it
    content_types: tuple[str, ...] = ()   # exact, or a prefix ending in "*"
    reltypes: tuple[str, ...] = ()        # relationship-type suffixes that reach it
    extensions: tuple[str, ...] = ()


# The known part types. First match wins, so the parts handled here come before broad rows.
KINDS = (
    Kind("Office add-in (web extension)", WEB_EXTENSION, "this step",
         ("application/vnd.ms-office.webextension+xml", "application/vnd.ms-office.webextensiontaskpanes+xml"),
         ("relationships/webextension", "relationships/webextensiontaskpanes")),
    Kind("ink annotation", INK, "this step", ("application/inkml+xml",), ("relationships/ink",), ("inkml",)),
    Kind("digital signature", SIGNATURE, "this step",
         ("application/vnd.openxmlformats-package.digital-signature-*",),
         ("digital-signature/origin", "digital-signature/signature", "digital-signature/certificate")),
    Kind("3D model", NOT_INSPECTABLE, "nobody", ("model/*",), ("relationships/model3d",), ("glb", "gltf")),
    # Owned by other steps: they remove these or report them where they are used.
    Kind("embedded or linked object", OWNED, "embeddings",
         (OOX + "oleObject", OOX + "package", "application/vnd.ms-office.activeX*", "application/vnd.ms-office.vba*",
          PML + "printerSettings", OOX + "vmlDrawing", "application/vnd.ms-office.legacy*",
          OOX + "spreadsheetml.*", OOX + "wordprocessingml.*", "application/vnd.ms-excel", "application/msword"),
         ("relationships/oleObject", "relationships/package", "relationships/vbaProject", "relationships/control",
          "relationships/activeXControlBinary", "relationships/printerSettings", "relationships/vmlDrawing",
          "relationships/legacyDocTextInfo", "relationships/legacyDiagramText")),
    Kind("video or audio", OWNED, "media", ("video/*", "audio/*"),
         ("relationships/media", "relationships/video", "relationships/audio")),
    Kind("vector or document picture", OWNED, "unsafe-pictures",
         ("image/x-emf", "image/x-wmf", "image/emf", "image/wmf", "application/pdf", "image/x-eps")),
    Kind("comments", OWNED, "comments",
         (PML + "comments+xml", PML + "commentAuthors+xml", "application/vnd.ms-powerpoint.comments+xml",
          "application/vnd.ms-powerpoint.authors+xml"),
         ("relationships/comments", "relationships/commentAuthors", "relationships/authors")),
    Kind("tags, change logs, revision info", OWNED, "tags",
         (PML + "tags+xml", "application/vnd.ms-powerpoint.changesinfo+xml",
          "application/vnd.ms-powerpoint.revisioninfo+xml", "application/vnd.ms-powerpoint.people+xml"),
         ("relationships/tags", "relationships/changesInfo", "relationships/revisionInfo", "relationships/people")),
    Kind("document properties", INSPECTED, "document-properties",
         ("application/vnd.openxmlformats-package.core-properties+xml", OOX + "extended-properties+xml",
          OOX + "custom-properties+xml", OOX + "customXmlProperties+xml",
          "application/vnd.ms-office.classificationlabels+xml"),
         ("relationships/customXml", "relationships/custom-properties", "relationships/classificationlabels")),
    Kind("thumbnail", OWNED, "thumbnail", (), ("relationships/metadata/thumbnail",)),
    # Read by the scan (text, alt text, names) or by the picture inventory (OCR, faces).
    Kind("presentation", INSPECTED, "scan",
         (PML + "presentation.main+xml", PML + "slideshow.main+xml", PML + "template.main+xml",
          *(f"application/vnd.ms-powerpoint.{v}.macroEnabled.main+xml" for v in ("presentation", "slideshow", "template")))),
    Kind("slide, layout, master, notes", INSPECTED, "scan",
         (PML + "slide+xml", PML + "slideLayout+xml", PML + "slideMaster+xml", PML + "notesSlide+xml",
          PML + "notesMaster+xml", PML + "handoutMaster+xml")),
    Kind("chart", INSPECTED, "scan", (DML + "chart+xml", DML + "chartshapes+xml", "application/vnd.ms-office.chartex+xml")),
    Kind("SmartArt data and drawing", INSPECTED, "scan",
         (DML + "diagramData+xml", "application/vnd.ms-office.drawingml.diagramDrawing+xml")),
    Kind("theme", INSPECTED, "scan", (OOX + "theme+xml",)),
    Kind("picture", INSPECTED, "scan", ("image/*",)),
    # Harmless structure: settings, styles and layout definitions.
    Kind("presentation settings", STRUCTURE, "", (PML + "presProps+xml", PML + "viewProps+xml", PML + "tableStyles+xml")),
    Kind("theme override", STRUCTURE, "", (OOX + "themeOverride+xml",)),
    Kind("chart style", STRUCTURE, "", ("application/vnd.ms-office.chartstyle+xml",
                                         "application/vnd.ms-office.chartcolorstyle+xml")),
    Kind("SmartArt layout, style, colours", STRUCTURE, "",
         (DML + "diagramLayout+xml", DML + "diagramStyle+xml", DML + "diagramColors+xml")),
    Kind("embedded font", FONT, "", ("application/x-fontdata", "application/x-font*", "font/*", OOX + "obfuscatedFont"),
         ("relationships/font",), ("fntdata", "ttf", "otf", "odttf")),
)
UNKNOWN = Kind("part of unknown type", NOT_INSPECTABLE, "nobody")
URL = re.compile(r"https?://[^\s\"'<>]+", re.I)


def matches(pattern: str, value: str) -> bool:
    value = value.lower()
    pattern = pattern.lower()
    return value.startswith(pattern[:-1]) if pattern.endswith("*") else value == pattern


def kind_of(part, reltypes: set[str]) -> Kind:
    """The first row that names the part's content type, a relationship reaching it, or its extension."""
    ct, ext = part.content_type, part_ext(part)
    for kind in KINDS:
        if (any(matches(p, ct) for p in kind.content_types)
                or any(type_is(r, *kind.reltypes) for r in reltypes)
                or ext in kind.extensions):
            return kind
    return UNKNOWN


def incoming(deck) -> dict[str, list[tuple[object, str, object]]]:
    """partname → [(source, rId, relationship)] of every internal relationship."""
    found: dict[str, list] = {}
    for source in sources(deck):
        for rid, rel in list(rels_of(source).items()):
            if not rel.is_external:
                found.setdefault(str(rel._target.partname), []).append((source, rid, rel))
    return found


def classified(deck):
    """(part, kind, incoming relationships) of every part that will be written."""
    into = incoming(deck)
    for part in deck.parts():
        rels = into.get(str(part.partname), [])
        yield part, kind_of(part, {rel.reltype for _s, _r, rel in rels}), rels


def to_remove(kind: Kind, options) -> bool:
    return kind.handling in REMOVABLE and not (kind.handling == INK and options.extra.get("keep_ink"))


# -- what a removed part said ------------------------------------------------------------------

def described(deck, part, kind: Kind) -> str:
    """What an add-in, ink or signature part named: add-in ids, stores, settings and URLs, ink devices."""
    try:
        root = deck.xml(part)
    except Exception:
        return f"{part.content_type}, {len(part.blob)} bytes"
    said = []
    for el in root.iter():
        name = local(el.tag)
        if kind.handling == WEB_EXTENSION and name == "reference":
            said.append(" ".join(f"{k}={v}" for k, v in el.attrib.items() if v))
        elif kind.handling == WEB_EXTENSION and name == "property":
            said.append(f"{el.get('name', '')}={el.get('value', '')}")
        elif kind.handling == INK and name in ("inkSource", "timestamp", "property"):
            said.append(" ".join(f"{local(k)}={v}" for k, v in el.attrib.items() if v))
        elif kind.handling == SIGNATURE and name in ("X509SubjectName", "SignatureComments") and el.text:
            said.append(el.text.strip())
    if kind.handling == WEB_EXTENSION:
        urls = {u for el in root.iter() for v in el.attrib.values() for u in URL.findall(v)}
        said += sorted(urls - {u for s in said for u in URL.findall(s)})
    return "; ".join(s for s in dict.fromkeys(said) if s)


# -- removing a part and the shapes that show it -------------------------------------------------

def fallback_of(element):
    """The mc:Fallback beside the mc:Choice holding `element`, when it shows something."""
    node = element
    while node is not None and node.tag != CHOICE:
        node = node.getparent()
    if node is None or node.getparent() is None:
        return None
    fallback = node.getparent().find(FALLBACK)
    return fallback if fallback is not None and len(fallback) else None


def replace_with_fallback(fallback) -> None:
    """Put the fallback's children where the mc:AlternateContent was."""
    alternate = fallback.getparent()
    parent = alternate.getparent()
    index = parent.index(alternate)
    parent.remove(alternate)
    for offset, child in enumerate(list(fallback)):
        parent.insert(index + offset, child)


def unhook(deck, source, rid: str) -> int:
    """Remove the shapes of `source` that use `rid` (keeping a fallback picture), then the relationship.
    Returns how many fallback pictures were kept."""
    kept = 0
    root = None if source is deck.package or not deck.is_xml(source) else deck.xml(source)
    if root is not None:
        for node in [n for n, _name, value in rel_attrs(root) if value == rid]:
            if node.getroottree().getroot() is not root:
                continue                              # went with an earlier wrapper
            fallback = fallback_of(node)
            if fallback is not None:
                candidates = referenced_rids(fallback.getparent())
                replace_with_fallback(fallback)
                kept += 1
                drop_unused_rels(deck, source, candidates - {rid})
            else:
                remove_element(enclosing_or_self(node))
    cut(deck, source, rid)
    return kept


def scrub_removable(deck, ctx, part, kind: Kind, rels) -> None:
    said = described(deck, part, kind)
    name = str(part.partname)
    slides = sorted({n for n in (deck.slide_number(s) for s, _r, _l in rels if s is not deck.package) if n})
    slide = slides[0] if slides else None
    kept = sum(unhook(deck, source, rid) for source, rid, _rel in rels)
    if kind.handling == WEB_EXTENSION:
        ctx.add("web-extension", INFO, "removed", "Office add-in (web extension) removed with its settings",
                text=quote(said, 300) if said else None, part=name, slide=slide)
    elif kind.handling == SIGNATURE:
        ctx.add("signature", INFO, "removed", "digital signature removed (it names the signer; cleaning breaks it)",
                text=quote(said, 200) if said else None, part=name)
    else:
        ctx.add("ink", INFO, "removed", "handwritten ink annotation removed (with its device and time data)",
                text=quote(said, 200) if said else None, part=name, slide=slide)
        if kept:
            ctx.add("ink", REVIEW, "not-inspected",
                    "the picture PowerPoint keeps of the ink stays in its place; OCR does not read handwriting",
                    part=name, slide=slide)


# -- the step ----------------------------------------------------------------------------------

def reported(ctx) -> set[str]:
    """Part names some earlier finding already names (in part, image or its quoted text)."""
    names = set()
    for finding in ctx.findings:
        for value in (finding.part, finding.image, finding.text):
            if value:
                names.add(value)
    return names


def named_in(partname: str, reported_values: set[str]) -> bool:
    return any(partname == v or partname in v for v in reported_values)


def where_from(deck, part, rels) -> tuple[int | None, str]:
    slide = deck.slide_number(part)
    owners = sorted({str(s.partname) for s, _r, _l in rels if s is not deck.package})
    return slide, ", ".join(owners) or "the package"


def unused(deck, rels) -> bool:
    """No XML of any part that relates to it names the relationship: nothing draws or uses the part."""
    for source, rid, _rel in rels:
        root = None if source is deck.package or not deck.is_xml(source) else deck.xml(source)
        if root is None or rid in referenced_rids(root):
            return False
    return bool(rels)


def scrub(deck, ctx) -> None:
    options = ctx.options
    for part, kind, rels in list(classified(deck)):
        if to_remove(kind, options):
            scrub_removable(deck, ctx, part, kind, rels)
        elif kind is UNKNOWN and unused(deck, rels):
            for source, rid, _rel in rels:
                cut(deck, source, rid)
            ctx.add("unknown-part", INFO, "removed",
                    f"part of unknown type ({part.content_type}) that nothing uses removed",
                    part=str(part.partname), text=f"{len(part.blob)} bytes")
    fonts, earlier = [], reported(ctx)
    for part, kind, rels in classified(deck):
        name = str(part.partname)
        slide, owners = where_from(deck, part, rels)
        size = f"{part.content_type}, {len(part.blob)} bytes"
        if kind.handling == FONT:
            fonts.append(posixpath.basename(name))
        elif kind.handling == INK:      # kept with keep_ink
            ctx.add("ink", REVIEW, "not-inspected", "handwritten ink annotation kept (keep ink); it cannot be read",
                    part=name, slide=slide, text=size)
        elif kind.handling == NOT_INSPECTABLE:
            what = "3D model" if kind is not UNKNOWN else f"part of unknown type ({part.content_type})"
            ctx.add("unknown-part", REVIEW, "not-inspected",
                    f"{what} cannot be inspected; it is written as it is (used by {owners})",
                    part=name, slide=slide, text=size)
        elif kind.handling == OWNED and not named_in(name, earlier):
            ctx.add("unknown-part", REVIEW, "not-inspected",
                    f"{kind.label} left in the deck and not reported by the {kind.by} step (used by {owners})",
                    part=name, slide=slide, text=size)
    if fonts:
        ctx.add("embedded-font", INFO, "kept", f"{len(fonts)} embedded font(s) kept (glyph outlines, no content)",
                text=quote(", ".join(fonts), 200))


def residue(deck, options) -> list[str]:
    out = [f"{kind.label} {part.partname} is still in the package"
           for part, kind, rels in classified(deck) if to_remove(kind, options) or (kind is UNKNOWN and unused(deck, rels))]
    for part in deck.parts():
        if deck.is_xml(part) and not part.content_type.startswith("image/") and "vml" not in part.content_type.lower():
            try:
                root = deck.xml(part)
            except Exception:       # a part that is not XML cannot name an add-in
                continue
            if any(local(el.tag) == "webextensionref" for el in root.iter()):
                out.append(f"{part.partname} still names an Office add-in")
    return out
