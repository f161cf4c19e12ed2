"""Red team 17: container bytes made by hand from the formats' layouts (TIFF/EXIF directories, ICC
profiles, JPEG segments, PNG chunks, GIF blocks, RIFF and JP2 boxes, BITMAPV5HEADER), where Pillow cannot
write them."""

from __future__ import annotations

import struct
import zlib

import numpy as np
from PIL import Image

from pictures import encode

# -- TIFF / EXIF directories made by hand -----------------------------------------------------------

ASCII, SHORT, LONG, RATIONAL, UNDEFINED, BYTE = 2, 3, 4, 5, 7, 1
SIZES = {BYTE: 1, ASCII: 1, SHORT: 2, LONG: 4, RATIONAL: 8, UNDEFINED: 1}


def tiff_blob(ifds: list[dict], chain: list[int], blobs: list[bytes], endian: str = ">",
              prefix: int = 0) -> bytes:
    """A TIFF structure: `ifds` are {tag: (type, value)}; value is bytes (already in `endian`), a
    list of ints, ("ifd", i) or ("blob", i) (a LONG offset), or ("blobs", [i, ...]). `chain`: IFD
    indexes linked by next-IFD pointers (the first is IFD0). `prefix` shifts offsets (EXIF's are
    counted from the TIFF header, which is where this blob starts, so 0)."""
    header = (b"MM\x00*" if endian == ">" else b"II*\x00")
    table_sizes = [2 + 12 * len(ifd) + 4 for ifd in ifds]
    ifd_at, pos = [], 8
    for size in table_sizes:
        ifd_at.append(pos)
        pos += size

    def pack(fmt, *v):
        return struct.pack(endian + fmt, *v)

    values: list[list[tuple[int, int, int, bytes]]] = []
    for ifd in ifds:
        row = []
        for tag in sorted(ifd):
            kind, value = ifd[tag]
            row.append((tag, kind, value))
        values.append(row)
    # overflow data after all tables, blobs after that
    overflow_at = pos
    overflow = bytearray()
    resolved: list[list[tuple[int, int, int, bytes]]] = []
    blob_at, bpos = [], 0
    pending = []
    for row in values:
        out_row = []
        for tag, kind, value in row:
            if isinstance(value, tuple):
                out_row.append((tag, LONG, value, None))
                continue
            if isinstance(value, list):
                fmt = {SHORT: "H", LONG: "I", BYTE: "B"}[kind]
                raw = b"".join(pack(fmt, v) for v in value)
                count = len(value)
            else:
                raw = value
                count = len(raw) // SIZES[kind]
            out_row.append((tag, kind, count, raw))
        resolved.append(out_row)
        pending.append(out_row)
    # place overflow
    placed = []
    for row in resolved:
        prow = []
        for tag, kind, count, raw in row:
            if raw is None:
                prow.append((tag, kind, count, None, None))
            elif len(raw) <= 4:
                prow.append((tag, kind, count, raw.ljust(4, b"\x00"), None))
            else:
                at = overflow_at + len(overflow)
                overflow += raw + (b"\x00" if len(raw) % 2 else b"")
                prow.append((tag, kind, count, None, at))
        placed.append(prow)
    blobs_start = overflow_at + len(overflow)
    for b in blobs:
        blob_at.append(blobs_start + bpos)
        bpos += len(b) + (len(b) % 2)
    body = bytearray(header + pack("I", ifd_at[chain[0]] + prefix))
    for index, prow in enumerate(placed):
        nxt = 0
        if index in chain and chain.index(index) + 1 < len(chain):
            nxt = ifd_at[chain[chain.index(index) + 1]] + prefix
        body += pack("H", len(prow))
        for tag, kind, count, inline, at in prow:
            if inline is None and at is None:
                ref_kind, ref = count
                if ref_kind == "ifd":
                    body += pack("HHI", tag, LONG, 1) + pack("I", ifd_at[ref] + prefix)
                elif ref_kind == "blob":
                    body += pack("HHI", tag, LONG, 1) + pack("I", blob_at[ref] + prefix)
                else:       # several blobs: written as an overflow list is overkill; at most 1 here
                    body += pack("HHI", tag, LONG, 1) + pack("I", blob_at[ref[0]] + prefix)
            elif inline is not None:
                body += pack("HHI", tag, kind, count) + inline
            else:
                body += pack("HHI", tag, kind, count) + pack("I", at + prefix)
        body += pack("I", nxt)
    body += overflow
    for b in blobs:
        body += b + (b"\x00" if len(b) % 2 else b"")
    return bytes(body)


def ascii_value(text: str) -> tuple[int, bytes]:
    return (ASCII, text.encode("latin-1", "replace") + b"\x00")


def exif_app1(ifd0: dict, exif: dict | None = None, gps: dict | None = None, thumb: bytes | None = None) -> bytes:
    ifds, chain, blobs = [dict(ifd0)], [0], []
    if exif:
        ifds.append(dict(exif))
        ifds[0][0x8769] = (LONG, ("ifd", len(ifds) - 1))
    if gps:
        ifds.append(dict(gps))
        ifds[0][0x8825] = (LONG, ("ifd", len(ifds) - 1))
    if thumb is not None:
        blobs.append(thumb)
        ifds.append({0x0103: (SHORT, [6]), 0x0201: (LONG, ("blob", 0)), 0x0202: (LONG, [len(thumb)])})
        chain.append(len(ifds) - 1)
    return b"Exif\x00\x00" + tiff_blob(ifds, chain, blobs)


# -- JPEG segments ------------------------------------------------------------------------------------


def segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def jpeg_with(img: Image.Image, segments: list[bytes], tail: bytes = b"", quality: int = 88) -> bytes:
    """A JPEG whose extra segments follow its JFIF APP0, and `tail` after its end."""
    data = encode(img, "JPEG", quality=quality)
    assert data[2:4] == b"\xff\xe0"
    app0_end = 4 + struct.unpack(">H", data[4:6])[0]
    return data[:app0_end] + b"".join(segments) + data[app0_end:] + tail


def xmp_packet(inner: str) -> bytes:
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
            'xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/" '
            'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#">'
            f'{inner}</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>').encode("utf-8")


def entities(text: str) -> str:
    return "".join(f"&#x{ord(c):X};" for c in text)


def iptc_block(records: list[tuple[int, str]]) -> bytes:
    iim = b"".join(b"\x1c\x02" + bytes((tag,)) + struct.pack(">H", len(v.encode("utf-8"))) + v.encode("utf-8")
                   for tag, v in [(0, "\x00\x04")] + records)
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    if len(iim) % 2:
        resource += b"\x00"
    return b"Photoshop 3.0\x00" + resource


def icc_profile(desc: str, copyright_text: str) -> bytes:
    """A small ICC v2 RGB matrix/TRC profile (sRGB primaries, gamma 2.2) with our own text tags."""
    def xyz(x, y, z):
        return b"XYZ \x00\x00\x00\x00" + b"".join(struct.pack(">i", round(v * 65536)) for v in (x, y, z))

    d = desc.encode("ascii", "replace")
    desc_tag = (b"desc\x00\x00\x00\x00" + struct.pack(">I", len(d) + 1) + d + b"\x00" + b"\x00" * 8
                + b"\x00\x00\x00" + b"\x00" * 67)
    cprt_tag = b"text\x00\x00\x00\x00" + copyright_text.encode("ascii", "replace") + b"\x00"
    curve = b"curv\x00\x00\x00\x00" + struct.pack(">I", 1) + struct.pack(">H", 0x0233) + b"\x00\x00"
    tags = [(b"desc", desc_tag), (b"cprt", cprt_tag), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table_len = 4 + 12 * len(tags)
    pos, table, data = 128 + table_len, b"", b""
    for sig, body in tags:
        while (pos + len(data)) % 4:
            data += b"\x00"
        table += sig + struct.pack(">II", pos + len(data), len(body))
        data += body
    size = 128 + table_len + len(data)
    header = (struct.pack(">I", size) + b"lcms" + bytes((2, 0x10, 0, 0)) + b"mntrRGB XYZ "
              + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"APPL" + b"\x00" * 4 + b"\x00" * 4
              + b"\x00" * 4 + b"\x00" * 8 + b"\x00" * 4 + struct.pack(">iii", 63190, 65536, 54061) + b"\x00" * 4
              + b"\x00" * 16 + b"\x00" * 28)
    assert len(header) == 128, len(header)
    return header + struct.pack(">I", len(tags)) + table + data


# -- PNG chunks ---------------------------------------------------------------------------------------


def png_chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = 8, []
    while pos < len(data):
        n, t = struct.unpack(">I4s", data[pos:pos + 8])
        out.append((t, data[pos + 8:pos + 8 + n]))
        pos += 12 + n
    return out


def png_insert(data: bytes, before: bytes, extra: list[bytes], after_idat: bool = False) -> bytes:
    out = bytearray(data[:8])
    done = False
    chunks = png_chunks(data)
    for i, (t, body) in enumerate(chunks):
        if not done and not after_idat and t == before:
            out += b"".join(extra)
            done = True
        out += png_chunk(t, body)
        if not done and after_idat and t == b"IDAT" and chunks[i + 1][0] != b"IDAT":
            out += b"".join(extra)
            done = True
    return bytes(out)


# -- GIF, WebP, BMP, JPEG 2000 ---------------------------------------------------------------------


def gif_blocks(data: bytes) -> tuple[bytes, bytes]:
    """(header with colour table, rest without the trailer)."""
    flags = data[10]
    head = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    return data[:head], data[head:-1]


def sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes((len(payload[i:i + 255]),)) + payload[i:i + 255] for i in range(0, len(payload), 255)) + b"\x00"


def riff(chunks: list[tuple[bytes, bytes]]) -> bytes:
    body = b"WEBP" + b"".join(t + struct.pack("<I", len(b)) + b + (b"\x00" if len(b) % 2 else b"") for t, b in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = 12, []
    while pos + 8 <= len(data):
        t, n = struct.unpack("<4sI", data[pos:pos + 8])
        out.append((t, data[pos + 8:pos + 8 + n]))
        pos += 8 + n + (n & 1)
    return out


def bmp_v5(img: Image.Image, gap: bytes = b"", profile: bytes | None = None, alpha: Image.Image | None = None) -> bytes:
    """A 32-bit BGRA BITMAPV5HEADER bitmap by hand; `gap`: bytes between the headers and the pixels,
    `profile`: an embedded ICC profile after the pixels, `alpha`: the alpha channel."""
    w, h = img.size
    rgba = img.convert("RGB").convert("RGBA")
    if alpha is not None:
        rgba.putalpha(alpha)
    arr = np.asarray(rgba)[::-1, :, [2, 1, 0, 3]]
    pixels = arr.tobytes()
    header_len = 124
    offset = 14 + header_len + len(gap)
    prof_offset = header_len + len(gap) + len(pixels) if profile else 0
    cs = b"MBED" if profile else b"BGRs"
    v5 = struct.pack("<IiiHHIIiiII", header_len, w, h, 1, 32, 3, len(pixels), 2835, 2835, 0, 0)
    v5 += struct.pack("<IIII", 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
    v5 += cs[::-1] + b"\x00" * 36 + struct.pack("<III", 0, 0, 0)
    v5 += struct.pack("<IIII", 4, prof_offset, len(profile or b""), 0)
    assert len(v5) == header_len
    body = v5 + gap + pixels + (profile or b"")
    return b"BM" + struct.pack("<IHHI", 14 + len(body), 0, 0, offset) + body


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body) + 8) + kind + body


def jp2_boxes(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, out = 0, []
    while pos + 8 <= len(data):
        n, t = struct.unpack(">I4s", data[pos:pos + 8])
        n = n or len(data) - pos
        out.append((t, data[pos + 8:pos + n]))
        pos += n
    return out
