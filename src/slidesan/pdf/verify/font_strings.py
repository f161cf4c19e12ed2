"""The strings of an embedded font program that the sweep reads, beyond its name table.

binary_strings reads a TrueType/OpenType font through its name table, a CFF through its strings, a
Type 1 font through its clear text. A program holds more that nobody sees: a Type 1 font's private
part is eexec-encrypted (printable runs see nothing), and a TrueType `post` table names every glyph
(a glyph never drawn can be named after anyone). These are read here: the private part decrypted,
and the glyph names that are not the standard forms (`uni20AC`, `a.sc`, `glyph12`, `cid00042`).
"""

from __future__ import annotations

import io
import re

from slidesan.deck.verify.binary_strings import strings

_HEX = re.compile(rb"^[\s0-9A-Fa-f]+$")
_NUMBERED = re.compile(r"^(?:uni[0-9A-Fa-f]{4,}|u[0-9A-Fa-f]{4,6}|glyph\d+|g\d+|cid\d+|index\d+|\.notdef|"
                       r"[A-Za-z]{1,2}\d*)(?:[._].*)?$")
MAX_GLYPH_NAMES = 5000


def eexec_plain(data: bytes, key: int = 55665) -> bytes:
    """A Type 1 font's eexec section decrypted (Adobe Type 1 Font Format, 7.2); hex form accepted."""
    if data[:4] and _HEX.match(data[:64]):
        data = bytes.fromhex(re.sub(rb"\s", b"", data).decode("ascii", "ignore")[: len(data) // 2 * 2])
    out, r = bytearray(), key
    for cipher in data:
        out.append(cipher ^ (r >> 8))
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    return bytes(out[4:])


def private_part(stream, data: bytes) -> list[str]:
    """The printable strings of a Type 1 program's encrypted part (between /Length1 and /Length1+/Length2)."""
    try:
        start, size = int(stream.get("/Length1")), int(stream.get("/Length2"))
    except (TypeError, ValueError):
        return []
    return strings(eexec_plain(data[start:start + size]))


def glyph_names(data: bytes) -> list[str]:
    """Names of an sfnt's glyphs other than the numbered and single-letter forms, underscores as spaces."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        if "post" not in font:
            return []
        names = font.getGlyphOrder()
    except (TTLibError, OSError, ValueError, KeyError, AssertionError, IndexError, TypeError, Exception):  # noqa: BLE001
        return []
    return [n.replace("_", " ") for n in names[:MAX_GLYPH_NAMES] if len(n) > 3 and not _NUMBERED.match(n)]
