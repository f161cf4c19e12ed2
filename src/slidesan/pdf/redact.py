"""--redact for PDFs: identifiers leave the file, not just the view.

The classic PDF redaction failure is a black box drawn over text that is still in the content
stream. Here the glyphs of a matched identifier are removed from the content stream (their
advance kept, so the rest of the line stays put) and a black box is drawn where they were; then the
page text is extracted again and a finding only becomes "redacted" when its text is gone. In
images, the boxes OCR found are painted into the pixels and the image is stored again.
"""

from __future__ import annotations

import io
import zlib

import pikepdf

from slidesan.pdf.content import Interpreter
from slidesan.pdf.rewrite import Edits, instruction, without_glyphs
from slidesan.report.model import HIGH

PAD = 0.5


def centre_in(box, boxes) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(b[0] - PAD <= cx <= b[2] + PAD and b[1] - PAD <= cy <= b[3] + PAD for b in boxes)


def redact_text(doc, ctx, text_findings) -> None:
    targets = [(f, page, s, e) for f, page, s, e in text_findings if f.severity == HIGH and f.action == "flagged"]
    if not targets:
        return
    boxes_by_page: dict[int, list] = {}
    for _f, page, start, end in targets:
        boxes_by_page.setdefault(page.number, []).extend(page.boxes_of(start, end))
    interpreter = Interpreter(doc)
    edits = Edits(interpreter)
    for content in interpreter.pages():
        boxes = boxes_by_page.get(content.number)
        if not boxes:
            continue
        for run in content.texts:
            if any(centre_in(g.box, boxes) for g in run.glyphs):
                edits.replace(run.container, run.index,
                              without_glyphs(run, lambda g, b=boxes: centre_in(g.box, b)))
        paint_boxes_on_page(doc, content.number, boxes)
    edits.apply(doc)
    confirm(doc, targets)


def paint_boxes_on_page(doc, number: int, boxes) -> None:
    """Black boxes over the removed text, appended to the page (drawn last, in page space)."""
    ops = [instruction("q"), instruction("g", 0)]
    for x0, y0, x1, y1 in boxes:
        ops.append(instruction("re", x0 - PAD, y0 - PAD, x1 - x0 + 2 * PAD, y1 - y0 + 2 * PAD))
    ops += [instruction("f"), instruction("Q")]
    page = doc.pages[number - 1]
    page.contents_add(doc.pdf.make_stream(b"q\n"), prepend=True)       # the page's own state ends before
    page.contents_add(doc.pdf.make_stream(b"\nQ\n" + pikepdf.unparse_content_stream(ops)), prepend=False)


def confirm(doc, targets) -> None:
    """Extract the text again: a finding is redacted only if its text is no longer on its page."""
    from slidesan.pdf.text import page_texts

    after = {p.number: p.text for p in page_texts(doc.to_bytes())}
    for finding, page, _s, _e in targets:
        squeezed = "".join(after.get(page.number, "").split())
        if "".join((finding.text or "").split()) not in squeezed:
            finding.action = "redacted"
            finding.message = finding.message.replace(" in page text", "") + " removed from the page text"


def redact_images(doc, ctx, image_findings, images) -> None:
    from slidesan.images.redact import paint_boxes
    from slidesan.images.safe_open import UnreadableImage

    by_image: dict[str, list] = {}
    for f in image_findings:
        if f.severity == HIGH and f.box and f.action == "flagged":
            by_image.setdefault(f.image, []).append(f)
    for label, findings in by_image.items():
        stream, data = images[label]
        if stream is None:               # an inline image: stays flagged
            continue
        try:
            painted, ext = paint_boxes(data, sorted({f.box for f in findings}))
        except UnreadableImage:
            continue
        store(stream, painted, ext)
        for f in findings:
            f.action = "redacted"
            f.message = f.message.replace(" read in ", " painted over in the pixels of ")


def store(stream, data: bytes, ext: str) -> None:
    """Put painted pixels back into the image stream (8-bit gray or RGB; the mask is kept)."""
    from PIL import Image

    img = Image.open(io.BytesIO(data))
    img.load()
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    for key in ("/Decode", "/DecodeParms", "/ImageMask", "/Intent"):
        if key in stream:
            del stream[key]
    stream["/ColorSpace"] = pikepdf.Name("/DeviceGray" if img.mode == "L" else "/DeviceRGB")
    stream["/BitsPerComponent"] = 8
    stream["/Width"], stream["/Height"] = img.size
    if ext == "jpeg":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=92)
        stream.write(buf.getvalue(), filter=pikepdf.Name("/DCTDecode"))
    else:
        stream.write(zlib.compress(img.tobytes(), 6), filter=pikepdf.Name("/FlateDecode"))
