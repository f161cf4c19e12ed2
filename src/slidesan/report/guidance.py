"""What a finding means for the lecturer: where it is in words, what to do next, one summary line.

The findings model says what was seen and what the tool did; a radiologist reading the report
needs "Slide 9 (Case 3: chest film), picture 4" rather than "/ppt/slides/slide9.xml", "crop the
name band and clean again" rather than "flagged", and one sentence on top that says whether the
deck can be shared and what stands in the way. JSON, HTML, the terminal and the window all use
these three functions, so they never say different things.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter

from slidesan.report.model import DIRECT_CATEGORIES, HIGH, INFO, REFUSED, REVIEW, Finding, Report

# -- where -----------------------------------------------------------------------------------------

_PART_WORDS = (
    (re.compile(r"/ppt/slideLayouts/slideLayout(\d+)\.xml$"), "slide layout {0} (a template several slides use)"),
    (re.compile(r"/ppt/slideMasters/slideMaster(\d+)\.xml$"), "slide master {0} (behind every slide)"),
    (re.compile(r"/ppt/notesSlides/notesSlide(\d+)\.xml$"), "speaker notes"),
    (re.compile(r"/ppt/notesMasters/"), "the speaker notes template"),
    (re.compile(r"/ppt/handoutMasters/"), "the handout template"),
    (re.compile(r"/ppt/(?:comments|commentAuthors|authors)"), "comments"),
    (re.compile(r"/docProps/thumbnail"), "the preview picture of slide 1"),
    (re.compile(r"/docProps/|/customXml/"), "the file's properties (author, company, ...)"),
    (re.compile(r"/ppt/media/([^/]+)$"), "picture file {0} (not placed on a slide)"),
    (re.compile(r"/ppt/embeddings/([^/]+)$"), "embedded file {0}"),
    (re.compile(r"/ppt/charts/"), "a chart"),
    (re.compile(r"/ppt/presentation\.xml$"), "the deck's slide list"),
)


def slide_label(slide: int, title: str | None, unit: str = "Slide") -> str:
    """`Slide 9 (Case 3: CT head)`; a PDF handout's `Page 4`."""
    return f"{unit} {slide}" + (f" ({title})" if title else "")


def part_words(part: str) -> str:
    for pattern, words in _PART_WORDS:
        found = pattern.search(part)
        if found:
            return words.format(*found.groups())
    return posixpath.basename(part) or part


def where(finding: Finding, titles: dict | None = None, input_path: str = "") -> str:
    """'Slide 9 (Case 3: chest film), Picture 4' / 'slide layout 2 (...)' / 'Page 4' of a PDF / 'the whole file'."""
    titles = titles or {}
    bits = []
    if finding.slide:
        unit = "Page" if (finding.file or input_path).lower().endswith(".pdf") else "Slide"
        bits.append(slide_label(finding.slide, titles.get(finding.file or "", {}).get(finding.slide), unit))
    elif finding.part:
        bits.append(part_words(finding.part))
    if finding.shape:
        bits.append(finding.shape)
    if finding.image and finding.box and not finding.shape:
        bits.append("in the picture")
    return ", ".join(bits) or ("the file" if finding.file else "the whole deck")


# -- what to do next ---------------------------------------------------------------------------------

def next_step(finding: Finding) -> str:
    """One plain instruction, or "" when nothing is left to do (removed, or text read for a glance)."""
    if finding.clean_removes:
        return "Nothing to do by hand: clean removes this automatically."
    if not finding.remains or finding.severity == INFO:
        return ""
    category, action, message = finding.category, finding.action, finding.message
    if REFUSED in message:
        return ("slidesan cannot remove this: it sits where no cleaning step reaches. Print a PDF to a new PDF "
                "from a viewer, or paste a deck's slides into a new blank presentation, and clean that copy.")
    if action == "not-inspected":
        return _not_inspected_step(finding)
    if action == "covered-not-removed":
        return ("The shape over it only hides it: tick \"Burn in covers\" (--burn-in-covers) or crop the picture, "
                "then clean again.")
    if category == "face":
        return ("Look at the picture: if it shows the patient (a photograph or a 3D render), delete it or crop the "
                "face away, then clean again.")
    if finding.file and finding.step == "pack":
        return "Remove this file from the pack (or convert it to DICOM, a picture or a .pptx), then clean again."
    in_picture = bool(finding.image and finding.box)
    if in_picture:
        if finding.severity == HIGH:
            return ("Crop the band with this text off the picture, or tick \"Redact\" (--redact) to paint it over, "
                    "then clean again.")
        return "Look at the text in the picture; crop or redact it if it identifies the patient."
    if category in ("notes",) or "notes" in message:
        return "Delete it from the speaker notes, or clean without \"Keep speaker notes\"."
    if category == "hidden-slide":
        return "Delete the hidden slide, or clean without \"Keep hidden slides\"."
    if finding.severity == HIGH and category in DIRECT_CATEGORIES:
        return "Delete or retype this text on the slide (e.g. \"a 60-year-old man\"), then clean again."
    if finding.severity == HIGH:
        return ("Fine for a closed audience (limited access); to publish, remove it or make it general "
                "(\"a teaching hospital\", the year only).")
    if finding.severity == REVIEW:
        return "Check it: if it could identify the patient, delete or retype it, then clean again."
    return ""


def _not_inspected_step(finding: Finding) -> str:
    category, message = finding.category, finding.message
    if category == "ocr" and "not read reliably" in message:
        return "Look at the picture; crop or redact the text, or run with --thorough."
    if category == "ocr":
        return ("Pictures were not read for text: install Tesseract (`slidesan doctor` says what is missing) and "
                "clean again, or look at every picture yourself.")
    if category == "face":
        return ("Faces were not looked for (`slidesan doctor` says what is missing): check photographs and "
                "3D renders yourself.")
    if category in ("media",):
        return "Watch or listen to it yourself, or clean without \"Keep video and audio\" to remove it."
    if category in ("picture", "unsupported-picture", "crop", "image-metadata"):
        return ("slidesan cannot read this picture: replace it with a PNG or JPEG export (or delete it), then "
                "clean again.")
    if finding.file:
        return "Remove this file from the pack, or check it yourself before sharing."
    return "slidesan could not look inside this: check it yourself, or delete it and clean again."


# -- one line on top -------------------------------------------------------------------------------

def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _places(findings: list[Finding]) -> str:
    slides = sorted({f.slide for f in findings if f.slide})
    files = sorted({f.file for f in findings if f.file and not f.slide})
    bits = []
    if slides:
        shown = ", ".join(str(s) for s in slides[:6]) + (" ..." if len(slides) > 6 else "")
        bits.append(("slide " if len(slides) == 1 else "slides ") + shown)
    if files:
        bits.append(_count(len(files), "file"))
    return " on " + " and ".join(bits) if bits else ""


def _kinds(findings: list[Finding]) -> str:
    kinds = Counter("not inspected" if f.action == "not-inspected" else f.category.replace("-", " ")
                    for f in findings)
    words = [kind if n == 1 else f"{kind} ×{n}" for kind, n in kinds.most_common(3)]
    if len(kinds) > 3:
        words.append("more")
    return ", ".join(words)


def summary_line(report: Report) -> str:
    """One sentence a radiologist understands: can this be shared, and what stands in the way.
    For `check`, what clean removes by itself is said first, and the rest is what remains after."""
    remaining = [f for f in report.findings if f.remains and f.severity != INFO and not f.clean_removes]
    automatic = [f for f in report.findings if f.clean_removes and f.severity != INFO]
    fix = [f for f in remaining if f.severity == HIGH and f.category in DIRECT_CATEGORIES]
    look = [f for f in remaining if f not in fix and (f.severity == REVIEW or f.action == "not-inspected")]
    indirect = [f for f in remaining if f not in fix and f not in look]
    if fix:
        line = (f"Do not share yet: {_count(len(fix), 'identifier')} to remove ({_kinds(fix)}){_places(fix)}"
                + (f", and {_count(len(look), 'thing')} to check" if look else "") + ".")
    elif look:
        line = f"Look before sharing: {_count(len(look), 'thing')} to check ({_kinds(look)}){_places(look)}."
    elif indirect:
        line = (f"Share only with a closed audience: {_count(len(indirect), 'indirect identifier')} "
                f"({_kinds(indirect)}){_places(indirect)} remain.")
    else:
        line = "Ready to share: nothing identifying was found and everything was inspected."
    if report.command == "check" and automatic:
        direct = sum(1 for f in automatic if f.category in DIRECT_CATEGORIES and f.severity == HIGH)
        lead = (f"Run clean: it removes {_count(len(automatic), 'item')} by itself"
                + (f" ({direct} of them identifiers)" if direct else "") + ". After that: ")
        return lead + line[0].lower() + line[1:]
    removed = sum(1 for f in report.findings if not f.remains)
    return line + (f" {_count(removed, 'hidden item')} removed." if removed and report.command == "clean" else "")
