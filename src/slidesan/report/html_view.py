"""The report as a page a lecturer reads: verdict first, then what changed slide by slide."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from slidesan.report.json_view import PRIVATE_NOTICE
from slidesan.report.model import HIGH, INFO, REVIEW, Report

VERDICT_WORDS = {
    "identifiable": ("Identifiable", "A direct identifier is still visible. Do not share."),
    "needs-review": ("Needs review", "Something could not be inspected or needs a human look before sharing."),
    "limited-access": ("De-identified for limited access",
                       "Only indirect identifiers remain: share under contract, not publicly."),
    "publication": ("De-identified for publication", "Nothing identifying was found and everything was inspected."),
}


_ORDER = {HIGH: 0, REVIEW: 1, INFO: 2}


def group_findings(report: Report):
    """Per place (deck-wide first, then slide order): (label, a finding there, what remains to
    fix, high before review, what remains for a glance only (info: text read that matched no
    identifier), what was removed or fixed). A screenshot can add dozens of info rows; folded
    apart, they no longer push the names down the page."""
    groups = defaultdict(list)
    for f in report.findings:
        key = (f.file or "", f.slide if f.slide is not None else 0)
        groups[key].append(f)
    out = []
    for (file, slide), items in sorted(groups.items()):
        unit = "Page" if (file or report.input_path).lower().endswith(".pdf") else "Slide"   # PDF handouts
        label = (file + " — " if file else "") + (f"{unit} {slide}" if slide else "Whole file")
        remaining = sorted((f for f in items if f.remains), key=lambda f: _ORDER.get(f.severity, 1))
        out.append((label, items[0], [f for f in remaining if f.severity != INFO],
                    [f for f in remaining if f.severity == INFO], [f for f in items if not f.remains]))
    return out


def render_html(report: Report, images: dict | None = None) -> str:
    env = Environment(loader=PackageLoader("slidesan", "report/templates"), autoescape=select_autoescape())
    template = env.get_template("report.html.j2")
    title, summary = VERDICT_WORDS[report.verdict]
    return template.render(
        report=report, verdict=report.verdict, verdict_title=title, verdict_summary=summary,
        notice=PRIVATE_NOTICE, groups=group_findings(report), counts=report.counts(),
        images=images or report.images,
    )


def write_html(report: Report, path: Path) -> None:
    tmp = Path(path).with_name(Path(path).name + ".partial")
    tmp.write_text(render_html(report), encoding="utf-8")
    os.replace(tmp, path)
