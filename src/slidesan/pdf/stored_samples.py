"""Images read as stored as well as shown, where the dictionary hides what the samples hold.

pikepdf (like a viewer) gives an image's pixels through its /Decode array and its masks: `/Decode
[1 1]` shows every sample as white, a stencil `/Mask` or a colour-key range leaves the text unpainted,
a `/SMask` makes it transparent. Extraction tools (pdfimages, an editor's "export image") give the
samples as stored, where the name is plain to read. So an image whose dictionary carries a /Decode
array or a mask is read a second time without them, labelled "(stored samples)"; what that reading
finds cannot be painted over in place (the label carries no image object), so it stays flagged.
Soft-masked pixels that show nothing are cleared earlier by steps/masked_pixels.py, so what remains
here is what that step could not clear or what the other keys hide.
"""

from __future__ import annotations

import io

import pikepdf

from slidesan.report.model import REVIEW

HIDING_KEYS = ("/Decode", "/Mask", "/SMask")


def stored_inputs(candidates, ctx) -> dict[str, tuple]:
    """{label: (None, PNG bytes)} of the stored samples of every candidate a key above changes."""
    out = {}
    for obj in candidates:
        if not any(key in obj for key in HIDING_KEYS):
            continue
        label = f"image {obj.objgen[0]} (stored samples)"
        try:
            out[label] = (None, stored_png(obj))
        except Exception as exc:  # noqa: BLE001 - pikepdf raises many kinds for encodings it cannot decode
            ctx.add("picture", REVIEW, "not-inspected", f"{label} cannot be decoded for OCR "
                    f"({type(exc).__name__}: {str(exc)[:80]})", image=label)
    return out


def stored_png(obj) -> bytes:
    scratch = pikepdf.new()
    copy = scratch.copy_foreign(obj)
    for key in HIDING_KEYS:
        if key in copy:
            del copy[key]
    picture = pikepdf.PdfImage(copy).as_pil_image()
    if picture.mode not in ("RGB", "L", "1", "P"):
        picture = picture.convert("RGB")
    buf = io.BytesIO()
    picture.save(buf, "PNG", compress_level=1)
    return buf.getvalue()
