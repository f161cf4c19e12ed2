"""Embedded fonts as fonts: read them (fontTools), list their strings, keep only what names the font.

PowerPoint embeds fonts as Embedded OpenType (an EOT header with family, style, version and full
names, then the font data, usually MicroType-compressed); other producers embed plain TrueType or
OpenType. A font's name table can hold anything (designer, description, copyright, licence URL,
sample text), so a cleaned font keeps only the records that name it (family, subfamily, full and
PostScript names, version, typographic family and subfamily) and loses its digital signature and
metadata tables. EOT font data that is compressed cannot be decompressed here; its header is read
and checked, and its data is kept as it is.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field

EOT_MAGIC = b"LP"
COMPRESSED, XOR_ENCRYPTED = 0x4, 0x10000000
KEPT_NAME_IDS = {1, 2, 4, 5, 6, 16, 17, 21, 22}
DROPPED_TABLES = ("DSIG", "meta")


class FontError(ValueError):
    """The bytes are not a font this module can read."""


@dataclass
class Font:
    kind: str                                   # "sfnt" or "eot"
    header_strings: list[str] = field(default_factory=list)
    names: list[tuple[int, str]] = field(default_factory=list)     # (name id, string) of the name table
    compressed: bool = False

    def strings(self) -> list[str]:
        return self.header_strings + [s for _i, s in self.names]

    def kept_strings(self) -> list[str]:
        return self.header_strings + [s for i, s in self.names if i in KEPT_NAME_IDS]


@dataclass
class Eot:
    flags: int
    strings: list[str]
    header: bytes
    data: bytes
    version: int


def parse_eot(blob: bytes) -> Eot:
    try:
        eot_size, data_size, version, flags = struct.unpack("<IIII", blob[:16])
        if blob[34:36] != EOT_MAGIC or eot_size != len(blob) or data_size > len(blob) or version >> 16 != 2:
            raise FontError("not an Embedded OpenType font")
        pos, strings = 82, []
        count = 4 if version == 0x00020000 else 5
        for index in range(count):
            size = struct.unpack("<H", blob[pos:pos + 2])[0]
            strings.append(blob[pos + 2:pos + 2 + size].decode("utf-16-le", "replace").rstrip("\0"))
            pos += 2 + size + (2 if index < count - 1 else 0)      # padding before the next size
        return Eot(flags, [s for s in strings if s], blob[:len(blob) - data_size], blob[len(blob) - data_size:],
                   version)
    except (struct.error, UnicodeDecodeError) as exc:
        raise FontError(f"broken Embedded OpenType header ({exc})") from None


def sfnt_of(eot: Eot) -> bytes:
    return bytes(b ^ 0x50 for b in eot.data) if eot.flags & XOR_ENCRYPTED else eot.data


def load_sfnt(data: bytes):
    import logging

    from fontTools.ttLib import TTFont, TTLibError

    logging.getLogger("fontTools").setLevel(logging.ERROR)      # its notes on odd timestamps are not ours

    try:
        font = TTFont(io.BytesIO(data), lazy=False, fontNumber=0)
        font["name"], font["head"]        # noqa: B018 - a font must have these to be one
        return font
    except (TTLibError, KeyError, struct.error, ValueError, AssertionError, IndexError, TypeError) as exc:
        raise FontError(f"not a TrueType/OpenType font ({type(exc).__name__})") from None


def names_of(font) -> list[tuple[int, str]]:
    out = []
    for record in font["name"].names:
        try:
            out.append((record.nameID, record.toUnicode()))
        except (UnicodeDecodeError, ValueError):
            out.append((record.nameID, record.string.decode("latin-1", "replace")))
    return out


def read_font(blob: bytes) -> Font:
    """What a font part says about itself; FontError when it is no font."""
    if blob[34:36] == EOT_MAGIC:
        eot = parse_eot(blob)
        if eot.flags & COMPRESSED:
            return Font("eot", eot.strings, compressed=True)
        return Font("eot", eot.strings, names_of(load_sfnt(sfnt_of(eot))))
    return Font("sfnt", [], names_of(load_sfnt(blob)))


def cleaned_sfnt(data: bytes) -> bytes:
    font = load_sfnt(data)
    table = font["name"]
    table.names = [record for record in table.names if record.nameID in KEPT_NAME_IDS]
    for tag in DROPPED_TABLES:
        if tag in font:
            del font[tag]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def clean_font(blob: bytes) -> bytes:
    """The font with only the name records that name it (compressed EOT data is left as it is)."""
    if blob[34:36] != EOT_MAGIC:
        return cleaned_sfnt(blob)
    eot = parse_eot(blob)
    if eot.flags & COMPRESSED:
        return blob
    data = cleaned_sfnt(sfnt_of(eot))
    if eot.flags & XOR_ENCRYPTED:
        data = bytes(b ^ 0x50 for b in data)
    header = bytearray(eot.header)
    header[0:8] = struct.pack("<II", len(header) + len(data), len(data))
    return bytes(header) + data
