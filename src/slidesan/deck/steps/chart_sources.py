"""Hiding place: where a chart says its data came from, and what it prints (beyond its cached values).

A chart keeps the formulas that fed it (c:f, c15:f, cx:f: "'Smith John 4857773456'!$B$2"), the pivot
table and workbook path behind a pivot chart (c:pivotSource), a print header and footer
(c:printSettings/c:headerFooter), and in the shapes drawn over it a macro name and a cell link
(cdr:*@macro, @textlink). None of it is shown: the slide draws the cached values. The workbook
itself is removed by the embeddings step, so a formula that identifies someone is pointed at a
neutral sheet (its cell reference kept), the pivot source and print header and footer go, and so do
macro names and identifying cell links.
"""

from __future__ import annotations

from slidesan.deck.drawing import local, quote
from slidesan.deck.leaks import category_of, finding_kind, leaks
from slidesan.report.model import HIGH, INFO

CHART_PARTS = ("drawingml.chart+xml", "chartex+xml", "drawingml.chartshapes+xml")
NEUTRAL_SHEET = "Sheet1"
DROPPED = {"pivotSource": "pivot table source", "headerFooter": "print header and footer"}
DRAWING_ATTRIBUTES = ("macro", "textlink")


def chart_parts(deck):
    return [p for p in deck.parts() if p.content_type.lower().endswith(CHART_PARTS)]


def neutral_formula(formula: str) -> str:
    """The formula's cell reference on a neutral sheet: "'Smith John'!$B$2" -> "Sheet1!$B$2"."""
    reference = formula.rsplit("!", 1)[-1] if "!" in formula else "$A$1"
    return f"{NEUTRAL_SHEET}!{reference}" if reference and not leaks(reference) else f"{NEUTRAL_SHEET}!$A$1"


def findings(deck):
    """(part, element, what, value) of everything this step would change."""
    for part in chart_parts(deck):
        for node in deck.xml(part).iter():
            name = local(node.tag)
            if name == "f" and node.text and leaks(node.text):
                yield part, node, "formula", node.text
            elif name in DROPPED and node.getparent() is not None:
                yield part, node, DROPPED[name], " ".join(t.strip() for t in node.itertext() if t.strip())
            for attr in DRAWING_ATTRIBUTES:
                value = node.get(attr)
                if value and (attr == "macro" or leaks(value)):
                    yield part, node, attr, value


def scrub(deck, ctx) -> None:
    for part, node, what, value in list(findings(deck)):
        where = {"slide": deck.slide_number(part), "part": str(part.partname)}
        if what == "formula":
            node.text = neutral_formula(node.text)
            ctx.add(*finding_kind(value, "chart-source"), "replaced", f"chart formula naming its source replaced by \u201c{node.text}\u201d",
                    text=quote(value, 200), **where)
        elif what in DRAWING_ATTRIBUTES:
            node.attrib.pop(what)
            severity = HIGH if leaks(value) else INFO
            ctx.add(category_of(value, "chart-source"), severity, "removed", f"{what} of a shape drawn over a chart removed",
                    text=quote(value, 200), **where)
        elif node.getparent() is not None:
            node.getparent().remove(node)
            ctx.add(category_of(value, "chart-source"), HIGH if leaks(value) else INFO, "removed", f"chart {what} removed",
                    text=quote(value, 200) or None, **where)


def residue(deck, options) -> list[str]:
    return [f"{part.partname}: chart {what} \u201c{quote(value, 60)}\u201d" for part, _n, what, value in findings(deck)]
