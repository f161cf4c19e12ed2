"""Glyph codes and widths of a font, enough to place each glyph of a text-showing operator.

Removing glyphs from a string (invisible text, --redact) must not move the glyphs after them, so
each removed glyph is replaced by a TJ offset of its own advance, which needs its width. Simple
fonts read one byte per code with /Widths from /FirstChar; composite (Type0) fonts are read two
bytes per code (Identity-H/V and nearly every exported font) with /W and /DW of the descendant.
A font without widths (one of the standard 14) gets a typical width: placement is then
approximate, which matters only for boxes, never for what is removed from the file.
"""

from __future__ import annotations

import pikepdf

DEFAULT_WIDTH = 0.5          # in text space per unit font size (1000 glyph units = 1)
MAX_W_ENTRIES = 200_000


class FontMetrics:
    def __init__(self, font):
        self.two_byte = False
        self.widths: dict[int, float] = {}
        self.default = DEFAULT_WIDTH
        self.ascent, self.descent = 0.8, -0.2
        self.scale = 0.001
        if not isinstance(font, pikepdf.Dictionary):
            return
        try:
            self._read(font)
        except (pikepdf.PdfError, TypeError, ValueError, AttributeError, IndexError):
            pass

    def _read(self, font) -> None:
        subtype = str(font.get("/Subtype", ""))
        descriptor = font.get("/FontDescriptor")
        if subtype == "/Type0":
            self.two_byte = True
            kids = font.get("/DescendantFonts")
            cid = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else None
            if isinstance(cid, pikepdf.Dictionary):
                descriptor = cid.get("/FontDescriptor")
                self.default = float(cid.get("/DW", 1000)) * self.scale
                self._read_w(cid.get("/W"))
        else:
            if subtype == "/Type3":
                matrix = font.get("/FontMatrix")
                if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
                    self.scale = abs(float(matrix[0])) or 0.001
            first = int(font.get("/FirstChar", 0))
            widths = font.get("/Widths")
            if isinstance(widths, pikepdf.Array):
                for i, w in enumerate(widths):
                    self.widths[first + i] = float(w) * self.scale
            if isinstance(descriptor, pikepdf.Dictionary) and "/MissingWidth" in descriptor:
                self.default = float(descriptor["/MissingWidth"]) * self.scale
        if isinstance(descriptor, pikepdf.Dictionary):
            ascent = float(descriptor.get("/Ascent", 0) or 0) * 0.001
            descent = float(descriptor.get("/Descent", 0) or 0) * 0.001
            if ascent > 0:
                self.ascent = min(ascent, 1.5)
            if descent < 0:
                self.descent = max(descent, -1.0)

    def _read_w(self, w) -> None:
        """/W: [c [w1 w2 ...]] or [c_first c_last w], repeated."""
        if not isinstance(w, pikepdf.Array):
            return
        items = list(w)
        i = 0
        while i < len(items) and len(self.widths) < MAX_W_ENTRIES:
            start = int(items[i])
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(nxt, pikepdf.Array):
                for k, width in enumerate(nxt):
                    self.widths[start + k] = float(width) * self.scale
                i += 2
            elif i + 2 < len(items):
                last, width = int(nxt), float(items[i + 2]) * self.scale
                for code in range(start, min(last, start + MAX_W_ENTRIES) + 1):
                    self.widths[code] = width
                i += 3
            else:
                break

    def codes(self, data: bytes) -> list[bytes]:
        if self.two_byte:
            return [data[i:i + 2] for i in range(0, len(data), 2)]
        return [data[i:i + 1] for i in range(len(data))]

    def width(self, code: bytes) -> float:
        return self.widths.get(int.from_bytes(code, "big"), self.default)


def metrics_for(font, cache: dict) -> FontMetrics:
    """FontMetrics of a font dictionary, cached per indirect object in `cache` (one per document)."""
    key = font.objgen if isinstance(font, pikepdf.Object) and font.is_indirect else None
    if key is None:
        return FontMetrics(font)
    if key not in cache:
        cache[key] = FontMetrics(font)
    return cache[key]
