"""Page text with positions, as PDFium extracts it (its ToUnicode and font handling, not ours).

Each page is a string with one box per character in PDF user space (the content streams' own
coordinates), so a match found by the identifier detectors maps back to boxes, and boxes map back
to the glyphs the content interpreter placed (invisible text, --redact).
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from slidesan.pdf.geometry import Rect

MAX_CHARS_PER_PAGE = 500_000
GRID = 24.0                  # points per grid cell
MAX_CELLS = 2_000_000


@dataclass
class PageText:
    number: int
    text: str
    boxes: list[Rect | None]

    def boxes_of(self, start: int, end: int) -> list[Rect]:
        return [b for b in self.boxes[start:end] if b is not None]

    def text_in(self, boxes: list[Rect]) -> str:
        """The characters whose centre lies in any of `boxes`, in page order (boxes bucketed on a
        grid, so an OCR layer of thousands of glyphs is not compared with every character)."""
        grid: dict[tuple[int, int], list[Rect]] = {}
        for b in boxes:
            for gx in range(int(b[0] // GRID), int(b[2] // GRID) + 1):
                for gy in range(int(b[1] // GRID), int(b[3] // GRID) + 1):
                    grid.setdefault((gx, gy), []).append(b)
                    if len(grid) > MAX_CELLS:
                        return ""
        out = []
        for ch, box in zip(self.text, self.boxes):
            if box is None:
                continue
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            near = grid.get((int(cx // GRID), int(cy // GRID)), ())
            if any(b[0] - 0.5 <= cx <= b[2] + 0.5 and b[1] - 0.5 <= cy <= b[3] + 0.5 for b in near):
                out.append(ch)
        return "".join(out)


def open_pdfium(data: bytes, password: str | None = None):
    return pdfium.PdfDocument(data, password=password)


def page_texts(data: bytes, password: str | None = None) -> list[PageText]:
    document = open_pdfium(data, password)
    try:
        return [page_text(document[i], i + 1) for i in range(len(document))]
    finally:
        document.close()


def page_text(page, number: int) -> PageText:
    textpage = page.get_textpage()
    try:
        count = min(textpage.count_chars(), MAX_CHARS_PER_PAGE)
        chars, boxes = [], []
        for i in range(count):
            code = pdfium_raw.FPDFText_GetUnicode(textpage.raw, i)
            chars.append(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else " ")
            if chars[-1] in "\r\n":
                boxes.append(None)
                chars[-1] = "\n"
                continue
            left, bottom, right, top = textpage.get_charbox(i)
            boxes.append((left, bottom, right, top))
        return PageText(number, "".join(chars), boxes)
    finally:
        textpage.close()
