"""Hiding place: the free text of ICC colour profiles kept in the PDF.

An image's /ICCBased colour space and an output intent carry a whole ICC profile, and a profile has
text tags anyone with a profile editor or a calibration tool fills in: the description, copyright,
device maker and model, viewing conditions ("Calibrated for Dr J Smith", a workstation name).
img2pdf copies a picture's embedded profile into the PDF as it came. The profile stays (it describes
the colours); its text tags are read for identifiers and their characters turned to spaces, in place,
so the colour transform and the tag table are unchanged.
"""

from __future__ import annotations

import pikepdf

from slidesan.images.icc import blank_profile_texts, profile_texts
from slidesan.pdf.finders import profile_streams


def _texts(stream) -> tuple[bytes, list[tuple[str, str]]]:
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return b"", []
    return data, [(what, text) for what, text in profile_texts(data) if text.strip(" \x00")]


def scrub(doc, ctx) -> None:
    said = []
    for stream in profile_streams(doc):
        data, texts = _texts(stream)
        if not texts:
            continue
        for what, text in texts:
            ctx.identifiers_in(text, f"a colour profile's {what} (blanked)")
        stream.write(blank_profile_texts(data))           # written unencoded; the writer compresses it
        said += [f"{what}: {text}" for what, text in texts]
    if said:
        ctx.add("metadata", "info", "removed", "text of the colour profiles blanked (the profiles stay)",
                text="; ".join(dict.fromkeys(said))[:300])


def residue(doc, options) -> list[str]:
    return [f"a colour profile still says {texts[0][1]!r}" for s in profile_streams(doc)
            for texts in [_texts(s)[1]] if texts]
