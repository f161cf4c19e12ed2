"""Metadata values worth quoting in a report: who took or owns a picture, where and when.

Stripping never depends on this module: a value that cannot be parsed is only not quoted.
"""

from __future__ import annotations

import re
import struct
import warnings

MAX_DETAIL = 120              # characters quoted per metadata value
MAX_TEXT_INFLATE = 1 << 20    # zTXt/iTXt are decompressed only this far, for quoting


def clip(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = " ".join(str(value).replace("\x00", " ").split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


EXIF_BASE = {270: "ImageDescription", 271: "Make", 272: "Model", 305: "Software", 306: "DateTime",
             315: "Artist", 33432: "Copyright", 40091: "XPTitle", 40092: "XPComment", 40093: "XPAuthor",
             40094: "XPKeywords", 40095: "XPSubject"}
EXIF_SUB = {36867: "DateTimeOriginal", 42032: "CameraOwnerName", 42033: "BodySerialNumber", 42016: "ImageUniqueID",
            37510: "UserComment"}
EXIF_IFD, GPS_IFD, EXIF_IFD1 = 0x8769, 0x8825, -1


def exif_details(payload: bytes) -> list[str]:
    """Readable EXIF values; parsing failures only lose the quote, never the stripping."""
    from PIL import Image

    out: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")     # Pillow warns on the corrupt EXIF we are about to drop
            exif = Image.Exif()
            exif.load(payload)
        out += [f"{name}: {exif_text(exif[tag])}" for tag, name in EXIF_BASE.items() if exif.get(tag)]
        sub = exif.get_ifd(EXIF_IFD)
        out += [f"{name}: {exif_text(sub[tag])}" for tag, name in EXIF_SUB.items() if sub.get(tag)]
        gps = exif.get_ifd(GPS_IFD)
        if gps:
            out.append("GPS: " + gps_text(gps))
        if exif.get_ifd(EXIF_IFD1).get(0x201):
            out.append("EXIF thumbnail (a preview of the original picture)")
    except Exception:  # noqa: BLE001 - malformed EXIF is still removed
        out.append("EXIF (unparseable)")
    return out


def exif_text(value) -> str:
    if isinstance(value, bytes):
        if value[:2] in (b"\xff\xfe",) or (len(value) > 1 and value[1:2] == b"\x00"):
            value = value.decode("utf-16-le", "replace")
        elif value.startswith((b"ASCII\x00\x00\x00", b"UNICODE\x00")):
            value = value[8:].decode("utf-16-le" if value.startswith(b"UNI") else "ascii", "replace")
    return clip(value)


def gps_text(gps) -> str:
    def degrees(val):
        try:
            d, m, s = (float(x) for x in val)
            return f"{d + m / 60 + s / 3600:.5f}"
        except Exception:  # noqa: BLE001
            return clip(val)
    parts = []
    if 2 in gps:
        parts.append(f"{gps.get(1, '')}{degrees(gps[2])}")
    if 4 in gps:
        parts.append(f"{gps.get(3, '')}{degrees(gps[4])}")
    return clip(", ".join(parts) or "present")


XMP_FIELDS = {"creator", "rights", "description", "title", "Credit", "Source", "PersonInImage",
              "Owner", "OwnerName", "CameraOwnerName", "Artist", "Author", "DocumentID", "CreatorTool"}


def xmp_details(packet: bytes) -> list[str]:
    from lxml import etree

    out: list[str] = []
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
        start = packet.find(b"<x:xmpmeta")
        root = etree.fromstring(packet[start if start >= 0 else 0:].rsplit(b">", 1)[0] + b">", parser)
        if root is None:
            return ["XMP (unparseable)"]
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if etree.QName(attr).localname in XMP_FIELDS and value.strip():
                    out.append(f"XMP {etree.QName(attr).localname}: {clip(value)}")
            name = etree.QName(el).localname
            if name in XMP_FIELDS:
                text = " ".join(t.strip() for t in el.itertext() if t.strip())
                if text:
                    out.append(f"XMP {name}: {clip(text)}")
    except Exception:  # noqa: BLE001
        out.append("XMP (unparseable)")
    return out[:12]


IPTC_NAMES = {5: "Title", 25: "Keywords", 40: "Instructions", 80: "By-line", 85: "By-line title", 90: "City",
              105: "Headline", 110: "Credit", 115: "Source", 116: "Copyright", 118: "Contact", 120: "Caption",
              122: "Writer"}
IPTC_QUOTED = 24


def iptc_details(payload: bytes) -> list[str]:
    """Every text dataset of the IPTC application record (2:xx; inside Photoshop resource 0x0404 or a
    TIFF's IPTC tag): a name or a record number can be typed into any of them, not only the by-line
    or the caption. 2:00, the record's version, is a number."""
    out = []
    for m in re.finditer(rb"\x1c\x02(.)(..)", payload, re.S):
        tag, length = m.group(1)[0], struct.unpack(">H", m.group(2))[0]
        if tag:
            out.append(f"IPTC {IPTC_NAMES.get(tag, f'2:{tag}')}: {clip(payload[m.end():m.end() + length])}")
    return out[:IPTC_QUOTED]


_PRINTABLE_RUN = re.compile(rb"[\x20-\x7e]{4,}")
TAIL_READ = 1 << 20             # bytes after the end of a picture read for text
TAIL_DETAILS = 40
TAIL_OVERLAP = 40               # quoted pieces overlap, so no identifier is cut in two


def tail_details(tail: bytes, label: str = "bytes after the end") -> list[str]:
    """What is readable in bytes appended after the end of a picture (a tool's trailer, a name, a
    record number), or in any other run of bytes no decoder reads (`label` says where), in
    overlapping quoted pieces so the identifier search sees all of it."""
    text = " | ".join(" ".join(run.group().decode("ascii").split()) for run in _PRINTABLE_RUN.finditer(tail[:TAIL_READ]))
    step = MAX_DETAIL - TAIL_OVERLAP
    return [f"{label}: {text[i:i + MAX_DETAIL]}" for i in range(0, len(text), step)][:TAIL_DETAILS]
