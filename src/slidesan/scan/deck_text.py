"""Every piece of text the cleaned deck can still show or carry, with where it sits.

Text is gathered per paragraph (runs joined) because identifiers are split across runs as soon as
a lecturer bolds a surname. Layout and master text counts too: it appears on every slide that
uses them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from slidesan.deck.geometry import enclosing_shape, shape_label
from slidesan.deck.package import NS

A, P = NS["a"], NS["p"]
TEXT_PART_TYPES = ("slide+xml", "slideLayout+xml", "slideMaster+xml", "notesSlide+xml", "chart+xml",
                   "diagramData+xml", "diagramDrawing+xml", "drawingml.chart", "notesMaster+xml", "handoutMaster+xml")
TEMPLATE_TYPES = ("slideLayout+xml", "slideMaster+xml", "notesMaster+xml", "handoutMaster+xml")


@dataclass(frozen=True)
class TextItem:
    text: str
    part: str
    slide: int | None
    shape: str | None
    kind: str          # "text", "alt-text", "notes", "chart", "diagram"


def text_parts(deck):
    for part in deck.parts():
        ct = part.content_type
        if any(ct.endswith(t) for t in TEXT_PART_TYPES):
            yield part


def paragraphs(root) -> Iterator[tuple[str, object]]:
    """(paragraph text, the element holding it) for DrawingML text bodies."""
    for para in root.iter(f"{{{A}}}p"):
        pieces = []
        for node in para.iter(f"{{{A}}}t", f"{{{A}}}br"):
            pieces.append("\n" if node.tag == f"{{{A}}}br" else (node.text or ""))
        text = "".join(pieces).strip()
        if text:
            yield text, para


def alt_texts(root) -> Iterator[tuple[str, object]]:
    for cnv in root.iter(f"{{{P}}}cNvPr"):
        for attr in ("descr", "title"):
            value = (cnv.get(attr) or "").strip()
            if value:
                yield value, cnv


def chart_values(root) -> Iterator[tuple[str, object]]:
    """Category labels and series names cached in a chart (numbers are skipped)."""
    for node in root.iter(f"{{{NS['c']}}}v"):
        value = (node.text or "").strip()
        if value and not value.replace(".", "", 1).replace("-", "", 1).replace("E", "", 1).isdigit():
            yield value, node


def iter_text(deck, options) -> Iterator[TextItem]:
    notes_parts = set()
    if options.keep_notes:
        for slide in deck.slide_parts():
            for rel in slide.rels.values():
                if rel.reltype == RT.NOTES_SLIDE and not rel.is_external:
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


def in_placeholder(node) -> bool:
    """Placeholder text on layouts and masters is an editing prompt, never shown in a show."""
    shape = enclosing_shape(node)
    return shape is not None and shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None


def label_of(node) -> str | None:
    shape = enclosing_shape(node)
    return shape_label(shape) if shape is not None else None
