"""Scan what the cleaned PDF still shows: page text with positions, bookmark titles, alt text, and
every image through OCR; with --thorough every rendered page through OCR too (text drawn as vector
outlines has no characters to extract), without it the pages whose drawn letters the text layer does not
account for (pdf/drawn_text.py). --redact then removes what was found (pdf/redact.py).

Runs after the steps, on the document as it will be written: hidden layers, invisible text and
clipped pixels are already gone, so findings are about what will be shared.
"""

from __future__ import annotations

import io
import re

import pikepdf

from slidesan.pdf.images import components, kind
from slidesan.pdf.objects import is_dict, name_of, text_of
from slidesan.report.model import INFO, REVIEW
from slidesan.scan.identifiers.match import text_severity

MAX_OUTLINE_ITEMS = 100_000
MIN_OCR_SIDE = 8             # an image thinner than this cannot hold a legible letter
RENDER_DPI = 200


def scan_pdf(doc, ctx, report) -> None:
    from slidesan.pdf.drawn_text import pages_to_read
    from slidesan.pdf.faces import look_for_faces
    from slidesan.pdf.redact import redact_images, redact_text
    from slidesan.pdf.text import page_texts
    from slidesan.scan.deck_scan import load_user_vocabulary

    ctx.step = "scan"
    vocabulary = load_user_vocabulary(ctx.options)
    data = doc.to_bytes()
    try:
        texts = page_texts(data)
    except Exception as exc:       # PDFium refuses what pikepdf wrote: nobody read the text
        ctx.add("pdf-text", REVIEW, "not-inspected", f"page text could not be extracted ({exc})")
        texts = []
    text_findings = scan_page_text(texts, ctx, vocabulary)
    scan_strings(outline_titles(doc), "bookmark title", ctx, vocabulary)
    scan_strings(alt_texts(doc), "alt text", ctx, vocabulary)
    scan_strings(page_label_prefixes(doc), "a page label (the viewer's page number box)", ctx, vocabulary)
    scan_strings(layer_names(doc), "a layer name (the viewer's layers panel)", ctx, vocabulary)
    candidates = ocr_candidates(doc)
    pages = page_contents(doc)
    inline = [(page.number, image) for page in pages for image in page.inline]
    look_for_faces(ctx, candidates, pages)
    # without --thorough only pages whose drawn letters the text layer does not account for are rendered
    to_read = None if thorough(ctx.options) else pages_to_read(data, texts, pages)
    count = len(candidates) + len(inline)
    images = {}
    if count and ocr_available(ctx, count, "image(s)"):
        from slidesan.pdf.stored_samples import stored_inputs
        from slidesan.pdf.turned import turned_inputs

        images = {**ocr_inputs(candidates, ctx), **inline_inputs(inline, ctx)}
        images.update(turned_inputs(doc, pages, images))
        images.update(stored_inputs(candidates, ctx))
    image_findings = read_pictures(ctx, images, vocabulary, shown_on(images, pages)) if images else []
    if to_read is None:
        read_rendered_pages(data, ctx, vocabulary)
    elif to_read:
        read_drawn_pages(data, ctx, vocabulary, to_read)
    if ctx.options.redact:
        redact_text(doc, ctx, text_findings)
        redact_images(doc, ctx, image_findings, images)
    ctx.step = ""


def flag(ctx, match, how: str, **where):
    severity, label = text_severity(match)
    return ctx.add(match.category, severity, "flagged", f"{label} in {how}", text=match.text, **where)


def scan_page_text(texts, ctx, vocabulary) -> list:
    """Findings for page text, each carrying its character span for --redact."""
    from slidesan.scan.identifiers import find_identifiers

    found = []
    for page in texts:
        for match in find_identifiers(page.text, vocabulary, source="text"):
            if match.category == "other-text":
                continue
            finding = flag(ctx, match, "page text", slide=page.number)
            found.append((finding, page, match.start, match.end))
    return found


def scan_strings(items, how: str, ctx, vocabulary) -> None:
    from slidesan.scan.identifiers import find_identifiers

    for text, page in items:
        for match in find_identifiers(text, vocabulary, source="text"):
            if match.category != "other-text":
                flag(ctx, match, how, slide=page)


def outline_titles(doc) -> list[tuple[str, int | None]]:
    outlines = doc.pdf.Root.get("/Outlines")
    out, seen = [], set()
    stack = [outlines.get("/First")] if is_dict(outlines) else []
    while stack and len(seen) < MAX_OUTLINE_ITEMS:
        item = stack.pop()
        if not is_dict(item) or (item.is_indirect and item.objgen in seen):
            continue
        if item.is_indirect:
            seen.add(item.objgen)
        title = text_of(item.get("/Title"))
        if title.strip():
            out.append((title, None))
        stack.extend(x for x in (item.get("/Next"), item.get("/First")) if x is not None)
    return out


def alt_texts(doc) -> list[tuple[str, int | None]]:
    """Every text string of the structure tree: /Alt, /ActualText, /E and /T are what readers speak and
    show, and an element's /ID, /Lang or an attribute can say as much (back links are not followed)."""
    out = []
    tree = doc.pdf.Root.get("/StructTreeRoot")
    if is_dict(tree):
        from slidesan.pdf.document import walk

        for obj in walk(tree):
            if name_of(obj.get("/Type")) in ("/Page", "/Annot") or name_of(obj.get("/Subtype")) in ("/Form", "/Image"):
                continue                   # content the page scan reads; /Pg and /OBJR point there
            for key, item in obj.items():
                value = text_of(item) if isinstance(item, pikepdf.String) else ""
                if value.strip():
                    out.append((value, None))
    return out


def page_label_prefixes(doc) -> list[tuple[str, int | None]]:
    """/PageLabels prefixes: a viewer shows them instead of the page number."""
    labels = doc.pdf.Root.get("/PageLabels")
    if not is_dict(labels):
        return []
    try:
        entries = list(pikepdf.NumberTree(labels).items())
    except (pikepdf.PdfError, TypeError, ValueError, AttributeError):
        return []
    return [(text_of(item.get("/P")), None) for _n, item in entries if is_dict(item) and "/P" in item]


def layer_names(doc) -> list[tuple[str, int | None]]:
    """Names of optional-content groups that remain: the layers panel lists them."""
    props = doc.pdf.Root.get("/OCProperties")
    groups = props.get("/OCGs") if is_dict(props) else None
    if not isinstance(groups, pikepdf.Array):
        return []
    return [(text_of(group.get("/Name")), None) for group in groups if is_dict(group)]


def mask_ids(doc) -> set:
    out = set()
    for obj in doc.streams():
        for key in ("/SMask", "/Mask"):
            mask = obj.get(key)
            if isinstance(mask, pikepdf.Stream):
                out.add(mask.objgen)
    return out


def ocr_candidates(doc) -> list:
    """Every image the file holds that could hold a line of text, masks excepted."""
    masks = mask_ids(doc)
    return [obj for obj in doc.streams() if name_of(obj.get("/Subtype")) == "/Image" and obj.objgen not in masks
            and min(int(obj.get("/Width", 0)), int(obj.get("/Height", 0))) >= MIN_OCR_SIDE]


def ocr_inputs(candidates, ctx) -> dict[str, tuple]:
    """{label: (image stream, PNG/JPEG bytes)}: a gray or RGB JPEG as it is, anything else as PNG."""
    out = {}
    for obj in candidates:
        label = f"image {obj.objgen[0]}"
        if kind(obj) == "jpeg" and components(obj) in (1, 3) and "/Decode" not in obj:
            out[label] = (obj, obj.read_raw_bytes())
            continue
        try:
            pil = pikepdf.PdfImage(obj).as_pil_image()
            buf = io.BytesIO()
            if pil.mode not in ("RGB", "L", "RGBA", "LA", "1", "P"):
                pil = pil.convert("RGB")
            pil.save(buf, "PNG", compress_level=1)
        except Exception as exc:     # an encoding nothing here decodes (JBIG2 without jbig2dec...)
            ctx.add("picture", REVIEW, "not-inspected", f"{label} cannot be decoded for OCR "
                    f"({type(exc).__name__}: {str(exc)[:80]})", image=label)
            continue
        out[label] = (obj, buf.getvalue())
    return out


def thorough(options) -> bool:
    return bool(getattr(options, "thorough", False) or options.extra.get("thorough"))


def page_contents(doc) -> list:
    from slidesan.pdf.content import Interpreter

    return list(Interpreter(doc).pages())


def inline_inputs(inline, ctx) -> dict[str, tuple]:
    """Inline images as PNG for OCR (they cannot be painted over in place: --redact leaves them flagged)."""
    out = {}
    for index, (number, image) in enumerate(inline, start=1):
        label = f"inline image {index} (page {number})"
        try:
            pil = image.as_pil_image()
            if min(pil.size) < MIN_OCR_SIDE:
                continue
            buf = io.BytesIO()
            pil.convert("RGB").save(buf, "PNG", compress_level=1)
        except Exception as exc:
            ctx.add("picture", REVIEW, "not-inspected", f"{label} cannot be decoded for OCR ({type(exc).__name__})",
                    slide=number, image=label)
            continue
        out[label] = (None, buf.getvalue())
    return out


def ocr_available(ctx, count: int, what: str) -> bool:
    if not ctx.options.ocr:
        ctx.add("ocr", REVIEW, "not-inspected", f"{count} {what} not read for burned-in text (OCR was not run)")
        return False
    from slidesan.scan.ocr import tesseract_status

    available, message = tesseract_status()
    if not available:
        ctx.add("ocr", REVIEW, "not-inspected", f"{count} {what} not read: {message}")
    return available


def read_and_judge(rasters: dict[str, bytes], ctx, vocabulary) -> dict[str, object]:
    """The one place PDF pictures meet the OCR engine and the judgement of what it read
    (scan/picture_text, as for deck pictures), for images and rendered pages alike.
    Returns {label: PictureText, or the reason the picture could not be read}."""
    from slidesan.scan.ocr import read_many
    from slidesan.scan.picture_text import judge_picture, reading_settled

    tick = (lambda done, total: ctx.progress(done, total, "reading pictures")) if ctx.progress else None
    results = read_many(rasters, jobs=ctx.options.jobs, tick=tick, thorough=ctx.options.thorough,
                        settled=reading_settled(ctx.options, vocabulary))
    return {label: lines if isinstance(lines, str) else judge_picture(lines, vocabulary)
            for label, lines in results.items()}


def add_judged(ctx, judged, where: str, **place) -> list:
    """Findings for one judged picture: identifiers (and info text) flagged, unread lines to review."""
    from slidesan.scan.picture_findings import UNREAD_CATEGORY, UNREAD_MESSAGE, match_box, what_was_read

    found = []
    for line, match in judged.matches():
        found.append(ctx.add(match.category, match.severity, "flagged", what_was_read(match, where), text=match.text,
                             box=match_box(line, match), **place))
    for account in judged.unread():
        found.append(ctx.add(UNREAD_CATEGORY, REVIEW, "not-inspected", f"{UNREAD_MESSAGE} in {where} ({account.reason})",
                             text=account.line.text.strip() or None, box=tuple(int(v) for v in account.line.box),
                             **place))
    return found


def read_pictures(ctx, images, vocabulary, pages_of: dict | None = None) -> list:
    """OCR of every image; findings carry image label, box in the image's pixels, and the first page
    that shows the image (`pages_of`: label -> page), so a report says where to look."""
    judged = read_and_judge({label: data for label, (_obj, data) in images.items()}, ctx, vocabulary)
    found = []
    for label, text in judged.items():
        place = {"image": label, "slide": (pages_of or {}).get(label)}
        if isinstance(text, str):
            ctx.add("picture", REVIEW, "not-inspected", f"{label} could not be read: {text}", **place)
            continue
        found += add_judged(ctx, text, label, **place)
    return found


_INLINE_PAGE = re.compile(r"\(page (\d+)\)")


def shown_on(images: dict, pages) -> dict:
    """{label: first page showing it} for the pictures read: an XObject by the page that draws it
    (also its turned views), an inline image by the page its label names."""
    from slidesan.pdf.content import first_pages

    first = first_pages(pages)
    out = {}
    for label, (obj, _data) in images.items():
        if obj is not None and obj.objgen in first:
            out[label] = first[obj.objgen]
        elif (m := _INLINE_PAGE.search(label)) is not None:
            out[label] = int(m.group(1))
    by_number = {f"image {objgen[0]}": number for objgen, number in first.items()}
    for label in images:
        if label not in out and label.split(" as shown", 1)[0] in by_number:
            out[label] = by_number[label.split(" as shown", 1)[0]]
    return out


def read_drawn_pages(data: bytes, ctx, vocabulary, reasons: dict[int, str]) -> None:
    """Pages whose letters only their pixels show (pdf/drawn_text.py) rendered and read; when they
    cannot be read, each is not inspected, with the reason."""
    from slidesan.scan.ocr import tesseract_status

    readable, message = (True, "") if not ctx.options.ocr else tesseract_status()
    if not ctx.options.ocr or not readable:
        for number, why in sorted(reasons.items()):
            ctx.add("pdf-text", REVIEW, "not-inspected", f"{why}; the rendered page was not read "
                    f"({message or 'OCR was not run'})", slide=number)
        return
    for number, why in sorted(reasons.items()):
        ctx.add("pdf-text", INFO, "kept", f"page read as rendered: {why}", slide=number)
    read_rendered_pages(data, ctx, vocabulary, sorted(reasons))


def read_rendered_pages(data: bytes, ctx, vocabulary, numbers=None) -> None:
    """--thorough: each page rendered and read, so text drawn as outlines is seen too (or only `numbers`)."""
    from slidesan.pdf.render import render_pages

    pages = render_pages(data, RENDER_DPI, numbers=numbers)
    if not ocr_available(ctx, len(pages), "rendered page(s)"):
        return
    rasters = {}
    for number, image in zip(numbers or range(1, len(pages) + 1), pages):
        buf = io.BytesIO()
        image.save(buf, "PNG", compress_level=1)
        rasters[f"page {number}"] = buf.getvalue()
    for label, text in read_and_judge(rasters, ctx, vocabulary).items():
        number = int(label.split()[1])
        if isinstance(text, str):
            ctx.add("picture", REVIEW, "not-inspected", f"rendered {label} could not be read: {text}", slide=number)
            continue
        before = len(ctx.findings)
        add_judged(ctx, text, "the rendered page", slide=number)
        ctx.findings[before:] = [f for f in ctx.findings[before:] if f.category != "other-text"]
