"""Slide titles, so a report can say "Slide 9 (Case 3: chest film)" instead of a part path."""

from __future__ import annotations

from slidesan.deck.package import NS

TITLE_TYPES = ("title", "ctrTitle")
MAX_TITLE = 60


def slide_titles(deck) -> dict[int, str]:
    """1-based slide number -> its title placeholder's text (or its first line of text), shortened."""
    titles = {}
    for number, part in enumerate(deck.slide_parts(), start=1):
        root = part._element
        text = ""
        for sp in root.iter(f"{{{NS['p']}}}sp"):
            ph = sp.find(f"{{{NS['p']}}}nvSpPr/{{{NS['p']}}}nvPr/{{{NS['p']}}}ph")
            if ph is not None and ph.get("type") in TITLE_TYPES:
                text = _text(sp)
                if text:
                    break
        if not text:
            text = next((t for t in (_text(sp) for sp in root.iter(f"{{{NS['p']}}}sp")) if t), "")
        if text:
            titles[number] = text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"
    return titles


def _text(shape) -> str:
    paragraphs = ("".join(t.text or "" for t in p.iter(f"{{{NS['a']}}}t")) for p in shape.iter(f"{{{NS['a']}}}p"))
    return " ".join(" ".join(paragraphs).split())
