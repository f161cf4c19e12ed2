"""Scan what the cleaned deck still shows: slide text, kept notes, alt text and pictures."""

from __future__ import annotations

from slidesan.report.model import REVIEW


def scan_deck(deck, ctx, report) -> None:
    ctx.step = "scan"
    ctx.add("scan", REVIEW, "not-inspected",
            "visible slide text and pictures were not scanned for identifiers in this version")
    ctx.step = ""
