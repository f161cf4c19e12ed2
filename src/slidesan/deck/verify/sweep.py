"""The last sweep: every string left in the written package, judged whatever step wrote it.

Steps know their hiding places; this walks the zip itself and knows none of them: every XML text
node, attribute value, comment and processing instruction, every relationship id and target
(internal and external), every part name in [Content_Types].xml, and the printable strings of
binary parts (binary_strings.py). Each string is judged by deck/leaks.py, the same judgement the
steps use. What it finds is sorted by place:

- a place the audience sees (slide, chart and diagram text, alt text, number formats, SVG text,
  kept notes, the strings of EMF/WMF/PDF pictures, which may be what they draw): flagged with its
  slide, unless a finding already names it;
- a part already reported as not inspected (an EMF picture, a part of unknown type): flagged, high;
- any other place nobody sees: a defect of the cleaner. The self-check fails and nothing is
  written, until the step that owns the place removes it.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from slidesan.deck.leaks import PART_NAME, TEXT, TYPEFACE, URL, leaks, normalise, shown_leaks
from slidesan.deck.verify.binary_strings import strings
from slidesan.deck.verify.xml_strings import attribute_uses, element_at, offset_of, xml_strings
from slidesan.report.model import HIGH, REVIEW, Finding
from slidesan.written_output import Sweep, sweep_defect

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SVG = "http://www.w3.org/2000/svg"
# Parts whose text a viewer shows (slide canvas, charts, diagrams, pictures); notes only when kept.
SHOWN_PARTS = ("slide+xml", "slideLayout+xml", "slideMaster+xml", "chart+xml", "chartex+xml", "chartshapes+xml",
               "diagramData+xml", "diagramDrawing+xml", "notesMaster+xml", "handoutMaster+xml", "svg+xml")
VECTOR_PICTURES = {"image/x-emf", "image/emf", "image/x-wmf", "image/wmf", "application/pdf", "image/x-eps",
                   "application/postscript"}
TEMPLATE_PARTS = ("slideLayout+xml", "slideMaster+xml", "notesMaster+xml", "handoutMaster+xml")
SHOWN_TEXT = {"v", "pt", "formatCode", "text", "tspan", "textPath"}     # chart caches, SVG text
SHOWN_ATTRIBUTES = {("cNvPr", "descr"), ("cNvPr", "title"), ("numFmt", "formatCode")}
TYPEFACE_ATTRIBUTES = {"typeface", "panose", "pitchFamily", "charset"}
URL_ATTRIBUTES = {"href", "Target", "link", "invalidUrl", "src"}
# Attributes the schemas make numeric: a bare number there is an id, a size or a count.
NUMERIC_ATTRIBUTES = {
    "id", "val", "idx", "spid", "cId", "grpId", "presetID", "presetSubtype", "sz", "x", "y", "cx", "cy", "w", "h",
    "l", "t", "r", "b", "rot", "dur", "delay", "spd", "accel", "decel", "lvl", "ord", "srcOrd", "destOrd", "modelId",
    "cxnId", "kern", "baseline", "dist", "dir", "amt", "imgW", "imgH", "pos", "sx", "sy", "kx", "ky", "tx", "ty",
    "ang", "stAng", "swAng", "count", "fmtId", "lastIdx", "clrIdx", "authorId", "cmId", "lastClr", "dpi", "time",
    "v", "n", "d", "restoredLeft", "restoredTop", "firstSlideNum", "bookmarkIdSeed", "presId", "mod", "creationId",
}


@dataclass
class Place:
    member: str
    where: object       # element/@attribute, "relationship target", "part name"...; an XmlString until located
    value: str
    kind: str = TEXT
    shown: bool = False


_LOCAL: dict[str, str] = {}


def local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    name = _LOCAL.get(tag)
    if name is None:
        name = _LOCAL[tag] = tag.rsplit("}", 1)[-1]
    return name


def content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str], list[Place]]:
    """(overrides by member, defaults by extension, the part names declared) of [Content_Types].xml."""
    root = etree.fromstring(zf.read("[Content_Types].xml"), PARSER)
    overrides, defaults, places = {}, {}, []
    for node in root:
        if local(node.tag) == "Override":
            name = node.get("PartName", "")
            overrides[name.lstrip("/").lower()] = node.get("ContentType", "")
            places.append(Place("[Content_Types].xml", "Override/@PartName", name, PART_NAME))
        elif local(node.tag) == "Default":
            defaults[node.get("Extension", "").lower()] = node.get("ContentType", "")
    return overrides, defaults, places


def rels_places(member: str, data: bytes) -> list[Place]:
    """Every string of a relationships part: each attribute of each element (a target is a part name
    or, external, a link; a type that reads as a URI is judged as one), any text, comment or
    processing instruction."""
    root = etree.fromstring(data, PARSER)
    out = []
    for node in (root.iter() if root is not None else ()):
        if not isinstance(node.tag, str):
            out.append(Place(member, "comment in relationships", node.text or ""))
            continue
        external = node.get("TargetMode") == "External"
        for key, value in node.attrib.items():
            name = local(key)
            if name == "Target":
                out.append(Place(member, "external relationship target" if external else "relationship target",
                                 value, URL if external else PART_NAME))
            else:
                out.append(Place(member, f"{local(node.tag)}/@{name}", value))     # a URI is judged as one
        if (node.text or "").strip():
            out.append(Place(member, f"text in {local(node.tag)}", node.text))
    return out


def in_placeholder(node) -> bool:
    """Inside a placeholder shape (on a layout or master its text is an editing prompt, never shown)."""
    for shape in node.iterancestors():
        if local(shape.tag) in ("sp", "graphicFrame", "pic"):
            return any(local(el.tag) == "ph" for nv in shape if local(nv.tag).startswith("nv") for el in nv.iter())
    return False


def attribute_kind(key: str, value: str, element: str = "") -> str | None:
    if key in TYPEFACE_ATTRIBUTES or (element, key) == ("fontScheme", "name"):
        return TYPEFACE
    if key in URL_ATTRIBUTES:
        return URL
    if key in NUMERIC_ATTRIBUTES and value.strip().lstrip("-").isdigit():
        return None                                   # an id, a size or a count
    return TEXT


@dataclass
class XmlPart:
    """An XML part read by xml_strings; where a string sits is worked out only when it is needed."""

    member: str
    data: bytes
    shown_part: bool
    template: bool
    _text: str = ""
    _root: object = None
    _paragraphs: tuple[str, ...] = ()

    def places(self) -> list[Place]:
        self._text, found = xml_strings(self.data)
        self._paragraphs = tuple(item.value for item in found if item.what == "paragraph")
        return [Place(self.member, item, item.value, TEXT, False) for item in found]

    def locate(self, place: Place) -> list[tuple[str, bool, str]]:
        """[(where, shown, kind)] of a string found to leak: an attribute value may sit in several
        attributes (a typeface is judged again as one; a number in a numeric attribute is an id).
        Run text is left to the paragraph that holds it, when a paragraph was read: DrawingML bound
        as the default namespace or under another URI (Strict's) has no `a:p` for xml_strings to join."""
        item = place.where
        if item.what == "attribute":
            out = []
            for element, key in attribute_uses(self._text, item):
                kind = attribute_kind(key, item.value, element)
                if kind is not None:
                    out.append((f"{element}/@{key}", self.shown_part and (element, key) in SHOWN_ATTRIBUTES, kind))
            return out
        if item.what == "comment":
            return [("comment", False, TEXT)]
        if item.what == "paragraph":
            return [("paragraph", self.shown_part and not (self.template and self.paragraph_in_placeholder(item.value)),
                     TEXT)]
        element, tail = element_at(self._text, offset_of(self._text, item))
        if element == "t" and not tail and any(item.value.strip() in para for para in self._paragraphs):
            return []              # judged with its paragraph (a `t` no paragraph read is judged alone)
        if tail:
            return [(f"text after {element}", self.shown_part and self.member.endswith(".svg"), TEXT)]
        return [(element, self.shown_part and element in SHOWN_TEXT, TEXT)]

    def paragraph_in_placeholder(self, value: str) -> bool:
        if self._root is None:
            self._root = etree.fromstring(self.data, PARSER)
        for para in self._root.iter(f"{{{A}}}p") if self._root is not None else ():
            if "".join(para.itertext()) == value:
                return in_placeholder(para)
        return False


def places_of(zf: zipfile.ZipFile, keep_notes: bool) -> tuple[list[Place], dict[str, XmlPart]]:
    overrides, defaults, out = content_types(zf)
    xml_parts = {}
    for info in zf.infolist():
        member = info.filename
        out.append(Place(member, "part name", "/" + member, PART_NAME))
        if info.comment:
            out.append(Place(member, "zip entry comment", info.comment.decode("latin-1")))
        if member == "[Content_Types].xml":
            continue
        data = zf.read(member)
        if member.endswith(".rels"):
            out += rels_places(member, data)
            continue
        ct = overrides.get(member.lower()) or defaults.get(posixpath.splitext(member)[1].lstrip(".").lower(), "")
        if ct.endswith("xml") or data[:5] in (b"<?xml", b"\xef\xbb\xbf<?x") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            shown = ct.endswith(SHOWN_PARTS) or (keep_notes and ct.endswith("notesSlide+xml"))
            xml_parts[member] = XmlPart(member, data, shown, ct.endswith(TEMPLATE_PARTS))
            out += xml_parts[member].places()
        else:
            drawn = ct.lower() in VECTOR_PICTURES       # a vector picture's strings may be what it draws
            kind = TYPEFACE if "font" in ct.lower() or drawn else TEXT     # ... or the fonts it draws with
            out += [Place(member, "binary string", s, kind, drawn) for s in strings(data)]
    return out, xml_parts


def sweep_zip(path, options, findings=(), slide_of=None) -> Sweep:
    """Judge every string of the written package at `path` (see the module docstring). Shown places
    are judged with the scan's vocabulary (so the sweep and the scan agree on slide text), hidden
    ones with the structural vocabulary of deck/leaks.py."""
    from slidesan.scan.identifiers import default_vocabulary
    from slidesan.scan.identifiers.vocabulary import vocabulary_for

    user = vocabulary_for(options)                      # --config and --presenter, as the scan uses them
    shown_vocabulary = user or default_vocabulary()
    uninspected = " | ".join(v for f in findings if f.action == "not-inspected" for v in (f.part, f.image, f.text) if v)
    known = [normalise(f.text).lower() for f in findings if f.remains and f.text]
    result, judged = Sweep(), {}
    with zipfile.ZipFile(path) as zf:
        places, xml_parts = places_of(zf, options.keep_notes)
    for place in places:
        key = (place.value, place.kind)
        if key not in judged:
            judged[key] = leaks(place.value, place.kind, user=user)
            result.strings += 1
        if not judged[key]:
            continue
        if place.member not in xml_parts or isinstance(place.where, str):
            for leak in judged[key]:
                report(result, place, leak, uninspected, known, slide_of)
            continue
        for where, shown, kind in xml_parts[place.member].locate(place):
            found = shown_leaks(place.value, shown_vocabulary) if shown else \
                judged[key] if kind == TEXT else leaks(place.value, kind, user=user)
            for leak in found:
                report(result, Place(place.member, where, place.value, kind, shown), leak, uninspected, known, slide_of)
    return result


def report(result: Sweep, place: Place, leak, uninspected: str, known: list[str], slide_of) -> None:
    text = normalise(leak.text).lower()
    slide = slide_of(place.member) if slide_of else None
    label = leak.category.replace("-", " ")
    if place.shown or f"/{place.member}" in uninspected or f"{place.member} " in f"{uninspected} ":
        if any(text in k or k in text for k in known):
            return
        known.append(text)
        severity = REVIEW if leak.category in ("name", "clinician") and leak.confidence < 0.7 else HIGH
        why = "shown" if place.shown else "in a part that could not be inspected"
        result.flags.append(Finding(leak.category, severity, "flagged",
                                    f"{label} {why} ({place.where}), found by the final sweep",
                                    text=leak.text, slide=slide, part="/" + place.member, step="sweep"))
        return
    result.defects.append(sweep_defect(leak.category, f"{place.member} {place.where}", unquote(leak.text),
                                       slide=slide, part="/" + place.member))
