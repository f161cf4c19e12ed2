"""The report as a page a lecturer reads: verdict and one summary line first, then what to do (each
item with its place in words and its next step), then what changed slide by slide, with every
flagged picture small in the list and full size, boxes drawn, one click away."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from slidesan.report import guidance
from slidesan.report.json_view import PRIVATE_NOTICE
from slidesan.report.model import DIRECT_CATEGORIES, HIGH, INFO, LIMITED_ACCESS, REMAINING_ACTIONS, REVIEW, Report

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
        title = report.slide_titles.get(file, {}).get(slide) if slide else None
        label = (file + " — " if file else "") + (guidance.slide_label(slide, title, unit) if slide else "Whole file")
        remaining = sorted((f for f in items if f.remains), key=lambda f: _ORDER.get(f.severity, 1))
        out.append((label, items[0], [f for f in remaining if f.severity != INFO],
                    [f for f in remaining if f.severity == INFO], [f for f in items if not f.remains]))
    return out


def to_do(report: Report):
    """(must review, clean removes automatically): remaining findings that need a person, high
    first, each with where and what next; in `check`, what a clean would remove on its own apart."""
    remaining = sorted((f for f in report.findings if f.remains and f.severity != INFO),
                       key=lambda f: (_ORDER.get(f.severity, 1), f.file or "", f.slide or 0))
    return ([f for f in remaining if not f.clean_removes], [f for f in remaining if f.clean_removes])


def render_html(report: Report, images: dict | None = None) -> str:
    return "".join(_html_parts(report, images))


def _html_parts(report: Report, images: dict | None = None):
    """The page in pieces: a pack's pictures are read from disk one at a time as they are written."""
    env = Environment(loader=PackageLoader("slidesan", "report/templates"), autoescape=select_autoescape())
    template = env.get_template("report.html.j2")
    title, summary = VERDICT_WORDS[report.verdict]
    review, automatic = to_do(report)
    images = images or report.images
    return template.generate(
        report=report, verdict=report.verdict, verdict_title=title, verdict_summary=summary,
        summary_line=guidance.summary_line(report), review=review, automatic=automatic,
        notice=PRIVATE_NOTICE, groups=group_findings(report), counts=report.counts(),
        images=images, images_at=_by_place(images), anchors={key: f"picture-{n}" for n, key in enumerate(images, start=1)},
        where=lambda f: guidance.where(f, report.slide_titles, report.input_path), next_step=guidance.next_step,
        sev=lambda item: shown_severity(item, report.settings.get("level")),
        settings={k: v for k, v in report.settings.items() if v not in (None, "", {}, (), [])},
    )


def shown_severity(item, level) -> str:
    """A finding's (or a pack group's) severity as the page shows it. Cleaning for limited access keeps
    indirect identifiers (dates, hospital, consultant) on purpose: what remains of them is shown as
    "indirect", not in the red of what stops the file being shared at the level asked for."""
    get = item.get if isinstance(item, dict) else lambda key: getattr(item, key)
    severity = get("severity")
    remains = get("action") in REMAINING_ACTIONS
    if level == LIMITED_ACCESS and severity == HIGH and remains and get("category") not in DIRECT_CATEGORIES:
        return "indirect"
    return severity


def _by_place(images: dict) -> dict:
    """(file, slide) -> [(key, picture)]: each section finds its pictures without a scan of them all."""
    out: dict = {}
    for key, img in images.items():
        out.setdefault((img.get("file"), img.get("slide")), []).append((key, img))
    return out


def write_html(report: Report, path: Path) -> None:
    tmp = Path(path).with_name(Path(path).name + ".partial")
    with open(tmp, "w", encoding="utf-8") as out:
        out.writelines(_html_parts(report))
    os.replace(tmp, path)
