"""Scan what the cleaned deck still shows: slide text, alt text, kept notes and every picture.

Runs after the scrub steps, so findings refer to what will be written: pictures are already
cropped to their visible region. Every raster image part that will be written is read, whether
a slide, layout, chart or preview uses it, because anything in the file can be unzipped.
"""

from __future__ import annotations

import re
from collections import defaultdict

from slidesan.deck.leaks import normalise
from slidesan.deck.pictures import picture_uses
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.report.model import REVIEW
from slidesan.scan.deck_text import iter_text
from slidesan.scan.identifiers.match import text_severity
from slidesan.scan.picture_findings import judged_findings
from slidesan.scan.picture_views import read_views
from slidesan.scan.pixels import burn_in_covers, redact_images, thumbnails

VECTOR_TYPES = ("image/x-emf", "image/x-wmf", "image/emf", "image/wmf", "application/pdf", "image/x-eps")
SVG_TYPES = ("image/svg+xml",)


def scan_deck(deck, ctx, report) -> None:
    ctx.step = "scan"
    options = ctx.options
    vocabulary = load_user_vocabulary(options)
    scan_text(deck, ctx, vocabulary)
    uses_by_image = picture_uses_by_image(deck)
    if options.burn_in_covers:
        burn_in_covers(deck, ctx, uses_by_image)
        uses_by_image = picture_uses_by_image(deck)
    rasters = inventory_images(deck, ctx, vocabulary)
    ocr_findings = read_pictures(deck, ctx, rasters, uses_by_image, vocabulary, report) if rasters else []
    # frames 2.., faint text, vector pictures, text as outlines, --thorough slides (scan/picture_views.py)
    ocr_findings += read_views(deck, ctx, rasters, uses_by_image, vocabulary, ocr_findings)
    if options.redact and ocr_findings:
        redact_images(deck, ctx, ocr_findings, vocabulary)
    if ocr_findings:
        for name, entry in thumbnails(deck, ocr_findings, uses_by_image).items():
            report.images.setdefault(name, {}).update(entry)
    ctx.step = ""


def look_for_face(deck, ctx, name: str, image, slide) -> None:
    """A "face" review finding when the picture shows one (images/faces.py): a clinical photo or
    surface render may identify the patient; a diagram may not, so a person decides."""
    from slidesan.images.faces import face_finding

    finding = face_finding(image, None)
    if finding is not None:
        ctx.add(finding.category, finding.severity, finding.action, finding.message, part=name, image=name,
                slide=slide, box=finding.box)


def load_user_vocabulary(options):
    from slidesan.scan.identifiers.vocabulary import vocabulary_for

    return vocabulary_for(options)


def scan_text(deck, ctx, vocabulary) -> None:
    """Text enters the detectors as a reader sees it (NFKC; soft hyphens and zero-width characters
    dropped), so "Smi\u00adth" or an NHS number with zero-width spaces is not hidden from them."""
    from slidesan.scan.identifiers import find_identifiers

    for item in iter_text(deck, ctx.options):
        for match in find_identifiers(normalise(item.text), vocabulary, source="text"):
            if match.category == "other-text":
                continue
            severity, label = text_severity(match)
            ctx.add(match.category, severity, "flagged", f"{label} in {item.kind.replace('-', ' ')}",
                    text=match.text, slide=item.slide, part=item.part, shape=item.shape)


def picture_uses_by_image(deck) -> dict[str, list]:
    by_image = defaultdict(list)
    for use in picture_uses(deck):
        image = use.image_part()
        if image is not None:
            by_image[str(image.partname)].append(use)
    return by_image


def inventory_images(deck, ctx, vocabulary) -> dict[str, bytes]:
    """Raster image parts that decode within budget; everything else is reported as not inspected.

    Each picture is decoded once here (and looked at for faces while decoded), one at a time, so
    memory follows the largest picture; OCR decodes again in its own workers from the bytes.
    """
    rasters = {}
    parts = deck.parts()
    for index, part in enumerate(parts):
        if ctx.progress and index % 8 == 0:
            ctx.progress(index, len(parts), "checking pictures")
        ct = part.content_type
        if not ct.startswith("image/") and ct not in VECTOR_TYPES:
            continue
        name = str(part.partname)
        slide = deck.slide_number(part)
        if ct in VECTOR_TYPES:
            continue  # reported by the unsafe-pictures step, which knows where it is used
        if ct in SVG_TYPES:
            scan_svg(part, ctx, vocabulary, slide)
            continue
        try:
            image = open_image(part.blob)
        except UnreadableImage as exc:
            ctx.add("picture", REVIEW, "not-inspected", f"picture {exc}", part=name, slide=slide, image=name)
            continue
        look_for_face(deck, ctx, name, image, slide)
        del image
        rasters[name] = part.blob
    return rasters


SVG_TEXT = {"text", "tspan", "textPath", "title", "desc"}


def svg_texts(blob: bytes) -> list[str]:
    """The text of every SVG text element, as parsed (any encoding, CDATA and character references
    resolved); one string per <text>, its tspans joined."""
    from lxml import etree

    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, ValueError):
        return [m.decode("utf-8", "replace") for m in re.findall(rb">([^<]{1,2000})<", blob)]
    texts = []
    for node in root.iter():
        name = node.tag.rsplit("}", 1)[-1] if isinstance(node.tag, str) else ""
        parent = node.getparent()
        if name in SVG_TEXT and not (parent is not None and str(parent.tag).rsplit("}", 1)[-1] in SVG_TEXT):
            texts.append(" ".join(t.strip() for t in node.itertext() if t.strip()))
    return [t for t in texts if t]


def scan_svg(part, ctx, vocabulary, slide) -> None:
    """SVG text is plain XML text; an embedded raster inside it cannot be read here."""
    from slidesan.scan.identifiers import find_identifiers

    name = str(part.partname)
    blob = part.blob
    if re.search(rb"<(?:\w+:)?image\b", blob):
        ctx.add("picture", REVIEW, "not-inspected", "SVG picture embeds a raster image that is not read",
                part=name, slide=slide, image=name)
    for text in svg_texts(blob):
        for match in find_identifiers(normalise(text), vocabulary, source="text"):
            if match.category != "other-text":
                severity, label = text_severity(match)
                ctx.add(match.category, severity, "flagged", f"{label} in SVG picture text",
                        text=match.text, slide=slide, part=name, image=name)


def read_pictures(deck, ctx, rasters, uses_by_image, vocabulary, report=None) -> list:
    """OCR every distinct picture once and judge its lines (scan/picture_text); one finding per
    identifier, and per line not read reliably, per place the picture is shown. Each picture's
    account (how many lines, how each ended) goes into the report."""
    from slidesan.scan.picture_text import judge_picture, reading_settled

    if not ctx.options.ocr:
        ctx.add("ocr", REVIEW, "not-inspected",
                f"{len(rasters)} picture(s) not read for burned-in text (OCR was not run)")
        return []
    from slidesan.scan.ocr import read_many, tesseract_status

    available, message = tesseract_status()
    if not available:
        ctx.add("ocr", REVIEW, "not-inspected", f"{len(rasters)} picture(s) not read: {message}")
        return []
    note_missing_reader(ctx, len(rasters))
    tick = (lambda done, total: ctx.progress(done, total, "reading pictures")) if ctx.progress else None
    results = read_many(rasters, jobs=ctx.options.jobs, tick=tick, thorough=ctx.options.thorough,
                        settled=reading_settled(ctx.options, vocabulary))
    found = []
    for name, lines in results.items():
        if isinstance(lines, str):
            ctx.add("picture", REVIEW, "not-inspected", f"picture could not be read: {lines}", part=name, image=name)
            continue
        size = open_image(rasters[name], load=False).size
        judged = judge_picture(lines, vocabulary)
        if report is not None:
            report.images.setdefault(name, {})["text_lines"] = judged.counts()
        found += judged_findings(deck, ctx, name, size, uses_by_image.get(name, []), judged)
    return found


def note_missing_reader(ctx, count: int) -> None:
    """Without the learned reader, text Tesseract's masks miss is never looked for: the pictures
    are read, but not fully inspected (slidesan doctor says why)."""
    from slidesan.scan.ocr.learned import status

    available, message = status()
    if not available:
        ctx.add("ocr", REVIEW, "not-inspected", f"{count} picture(s) read by Tesseract alone, so text it misses "
                f"is not looked for: {message}")
