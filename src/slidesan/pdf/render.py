"""Render pages with PDFium (no external program): for --thorough OCR and for comparing a page
before and after cleaning. Annotations and form widgets are not drawn: the page content is."""

from __future__ import annotations

import pypdfium2 as pdfium
from PIL import Image

MAX_PAGE_PIXELS = 40_000_000


def render_pages(data: bytes, dpi: int = 100, password: str | None = None, numbers=None) -> list[Image.Image]:
    """Every page, or only the pages `numbers` (1-based) in that order."""
    document = pdfium.PdfDocument(data, password=password)
    try:
        out = []
        for i in range(len(document)) if numbers is None else [n - 1 for n in numbers]:
            page = document[i]
            width, height = page.get_size()
            scale = dpi / 72.0
            if width * height * scale * scale > MAX_PAGE_PIXELS:
                scale = (MAX_PAGE_PIXELS / max(width * height, 1)) ** 0.5
            out.append(page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB"))
            page.close()
        return out
    finally:
        document.close()
