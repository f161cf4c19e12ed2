"""Every piece of text the cleaned deck can still show or carry, with where it sits.

Text is gathered per paragraph (runs joined) because identifiers are split across runs as soon as
a lecturer bolds a surname. Layout and master text counts too: it appears on every slide that
uses them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from slidesan.deck.geometry import enclosing_shape, shape_label
from slidesan.deck.package import NS

A, P = NS["a"], NS["p"]
TEXT_PART_TYPES = ("slide+xml", "slideLayout+xml", "slideMaster+xml", "notesSlide+xml", "chart+xml",
                   "diagramData+xml", "diagramDrawing+xml", "drawingml.chart", "notesMaster+xml", "handoutMaster+xml",
                   "drawingml.chartshapes+xml", "chartex+xml")
CHARTEX = "http://schemas.microsoft.com/office/drawing/2014/chartex"
OMML = "http://schemas.openxmlformats.org/officeDocument/2006/math"
TEMPLATE_TYPES = ("slideLayout+xml", "slideMaster+xml", "notesMaster+xml", "handoutMaster+xml")


@dataclass(frozen=True)
class TextItem:
    text: str
    part: str
    slide: int | None
    shape: str | None
    kind: str          # "text", "alt-text", "notes", "chart", "diagram", or one of NAME_KINDS


def text_parts(deck):
    for part in deck.parts():
        ct = part.content_type
        if any(ct.endswith(t) for t in TEXT_PART_TYPES):
            yield part


def paragraphs(root) -> Iterator[tuple[str, object]]:
    """(paragraph text, the element holding it) for DrawingML text bodies, equations (OMML m:t) included."""
    for para in root.iter(f"{{{A}}}p"):
        pieces = []
        for node in para.iter(f"{{{A}}}t", f"{{{A}}}br", f"{{{OMML}}}t"):
            pieces.append("\n" if node.tag == f"{{{A}}}br" else (node.text or ""))
        text = "".join(pieces).strip()
        if text:
            yield text, para


def alt_texts(root) -> Iterator[tuple[str, object]]:
    """Alt text and titles of shapes of every namespace: p:, p14:, chart drawings (cdr:), SmartArt
    drawings (dsp:), pictures inside graphics (pic:)."""
    for cnv in (el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("}cNvPr")):
        for attr in ("descr", "title"):
            value = (cnv.get(attr) or "").strip()
            if value:
                yield value, cnv


def chart_values(root) -> Iterator[tuple[str, object]]:
    """Category labels and series names cached in a chart or chartex (numbers are skipped), and the
    literal text of number formats, which every label of an axis or series shows."""
    for node in root.iter(f"{{{NS['c']}}}v", f"{{{CHARTEX}}}v", f"{{{CHARTEX}}}pt"):
        value = (node.text or "").strip()
        if value and not value.replace(".", "", 1).replace("-", "", 1).replace("E", "", 1).isdigit():
            yield value, node
    for node in root.iter(f"{{{NS['c']}}}numFmt", f"{{{CHARTEX}}}numFmt", f"{{{NS['c']}}}formatCode"):
        code = node.get("formatCode") or node.text or ""
        literal = " ".join(re.findall(r'"([^"]*)"', code)).strip()
        if literal:
            yield literal, node


def iter_text(deck, options) -> Iterator[TextItem]:
    notes_parts = set()
    if options.keep_notes:
        for slide in deck.slide_parts():
            for rel in slide.rels.values():
                if rel.reltype.lower().endswith("/notesslide") and not rel.is_external:
                    notes_parts.add(str(rel._target.partname))
    for part in text_parts(deck):
        name = str(part.partname)
        ct = part.content_type
        if ct.endswith("notesSlide+xml") and name not in notes_parts:
            continue
        root = deck.xml(part)
        slide = deck.slide_number(part)
        kind = "notes" if ct.endswith("notesSlide+xml") else "chart" if "chart" in ct else \
            "diagram" if "diagram" in ct else "text"
        template = ct.endswith(TEMPLATE_TYPES)
        for text, node in paragraphs(root):
            if template and in_placeholder(node):
                continue
            yield TextItem(text, name, slide, label_of(node), kind)
        for text, node in alt_texts(root):
            yield TextItem(text, name, slide, label_of(node), "alt-text")
        if kind == "chart":
            for text, node in chart_values(root):
                yield TextItem(text, name, slide, None, "chart")
        for text, node, name_kind in names_in(root, ct):
            yield TextItem(text, name, slide, label_of(node) if name_kind == "shape-name" else None, name_kind)
    yield from package_names(deck)


def in_placeholder(node) -> bool:
    """Placeholder text on layouts and masters is an editing prompt, never shown in a show."""
    shape = enclosing_shape(node)
    return shape is not None and shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None


def label_of(node) -> str | None:
    shape = enclosing_shape(node)
    return shape_label(shape) if shape is not None else None


# -- names nothing shows but the file carries ----------------------------------------------------
#
# Slide, layout and master names (p:cSld@name), shape names (cNvPr@name: selection pane), hyperlink
# tooltips, theme and scheme names, section and custom-show names. A lecturer who names slide 4
# "Mrs Jones CT" or a picture "Mr Smith scan" has put a name in the file. PowerPoint's own defaults
# ("Picture 3", "Content Placeholder 2", "Grafik 5", "Title and Content", "Office Theme") are skipped
# here, cheaply, because the name detector would take a title-case pair such as "Two Content" for
# a person.

NAME_KINDS = ("slide-name", "layout-name", "master-name", "shape-name", "tooltip", "theme-name", "section-name")
PAGE_NAME_KIND = {"slide+xml": "slide-name", "slideLayout+xml": "layout-name", "slideMaster+xml": "master-name",
                  "notesMaster+xml": "master-name", "handoutMaster+xml": "master-name"}
LINK_ELEMENTS = ("hlinkClick", "hlinkHover", "hlinkMouseOver")
# "<Word(s)> <number>" in any script ("Picture 3", "Rounded Rectangle 12", "Рисунок 4", "图片 2"), the
# "2_" copy prefix PowerPoint adds to duplicated layouts, but never after a title ("Mr Smith 2").
NUMBERED_DEFAULT = re.compile(r"^(?!(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame)\b)(?:[^\W\d_]+[ .\-]?){1,5}\s*\d+$",
                              re.IGNORECASE)
COPY_PREFIX = re.compile(r"^\d+_")
# Words of PowerPoint's built-in layout, theme and scheme names; a name made only of them is a default.
TEMPLATE_WORDS = frozenset("""
    title titles slide slides content contents and with only blank comparison section header caption picture
    pictures vertical text two three four column columns layout layouts master masters subtitle office theme
    custom default object objects chart table image images body bullet bullets notes handout design
    """.split())


def is_default_name(value: str) -> bool:
    text = COPY_PREFIX.sub("", value.strip())
    if not text or NUMBERED_DEFAULT.match(text):
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    return bool(words) and all(w in TEMPLATE_WORDS for w in words)


def names_in(root, ct: str) -> Iterator[tuple[str, object, str]]:
    """(name, element, kind) of every non-default page name, shape name and tooltip in a part."""
    page_kind = next((k for suffix, k in PAGE_NAME_KIND.items() if ct.endswith(suffix)), None)
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        local = tag.rsplit("}", 1)[-1]
        if local == "cSld" and page_kind:
            value, kind = node.get("name"), page_kind
        elif local == "cNvPr":
            value, kind = node.get("name"), "shape-name"
        elif local in LINK_ELEMENTS:
            value, kind = node.get("tooltip"), "tooltip"
        else:
            continue
        value = (value or "").strip()
        if value and not is_default_name(value):
            yield value, node, kind


def package_names(deck) -> Iterator[TextItem]:
    """Theme and colour-scheme names, section and custom-show names."""
    for part in deck.parts():
        if not part.content_type.endswith("theme+xml"):
            continue
        root = deck.xml(part)
        for node in root.iter(f"{{{A}}}theme", f"{{{A}}}clrScheme"):      # font schemes are named after fonts
            value = (node.get("name") or "").strip()
            if value and not is_default_name(value):
                yield TextItem(value, str(part.partname), None, None, "theme-name")
    prs = deck.presentation_part
    for node in deck.xml(prs).iter(f"{{{NS['p14']}}}section", f"{{{P}}}custShow"):
        value = (node.get("name") or "").strip()
        if value and not is_default_name(value):
            yield TextItem(value, str(prs.partname), None, None, "section-name")
