"""Red team 17: made-up loose pictures whose containers carry a patient, each with a clean twin.

Every case is one function `(who, rng) -> (bytes, extension, truth)`: `who` is a made-up patient
(identifying file) or None (the twin: the same container, the same place holding harmless text).
Where Pillow cannot write a container part, the bytes are made here from the format's layout
(TIFF/EXIF directories, ICC profiles, JPEG segments, PNG chunks, GIF blocks, RIFF and JP2 boxes).

    python benchmarks/redteam17/gen.py OUT [--seed 17]

writes OUT/pack/NNN_container_place[_twin].ext and OUT/truth.json:
{file: {container, place, identifying, strings: [...], hidden: how the scorer finds hidden pixels,
box: [x0, y0, x1, y1] of identifying pixels a viewer shows, or null}}.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"

GIVEN_SURNAMES = [
    ("Aoife", "Ni Bhriain"), ("Kwame", "Mensah-Boateng"), ("Mei", "Zhang"), ("Joaquin", "Garcia Ruiz"),
    ("Oluwaseun", "Adeyemi"), ("Priya", "Raghunathan"), ("Henrik", "Lindqvist"), ("Fatima", "El Amrani"),
    ("Dmitri", "Volkov"), ("Siobhan", "O'Rourke"), ("Thanh", "Nguyen"), ("Giulia", "Bianchi"),
    ("Yusuf", "Demirci"), ("Ingrid", "Halvorsen"), ("Tomasz", "Wisniewski"), ("Keiko", "Tanaka"),
    ("Marguerite", "Delacroix"), ("Rahul", "Venkataraman"), ("Astrid", "Bergstrom"), ("Chidi", "Okonkwo"),
]
INSTITUTIONS = ["St Brendan's University Hospital", "Klinikum Nordstadt Hannover", "Hopital Saint-Eloi Montpellier",
                "Riverside General Hospital", "Ospedale San Gerardo Monza", "Royal Devon Infirmary"]
HARMLESS = ["Axial T2 FLAIR", "Chest PA teaching case", "Radiology teaching file", "Case 12 follow-up",
            "Coronal reformat", "Right knee lateral"]


@dataclass
class Who:
    given: str
    surname: str
    mrn: str
    dob: str
    institution: str

    @property
    def full(self) -> str:
        return f"{self.surname.upper()}, {self.given}"

    @property
    def line(self) -> str:
        return f"{self.full}  {self.mrn}  DOB {self.dob}"

    def strings(self) -> list[str]:
        return [self.surname, self.mrn, self.dob]


def make_who(rng: random.Random) -> Who:
    given, surname = rng.choice(GIVEN_SURNAMES)
    digits = "".join(rng.choice("0123456789") for _ in range(6))
    mrn = rng.choice([f"RX-{digits}-{rng.choice('KLMQ')}", f"MRN {digits[:3]}-{digits[3:]}",
                      f"H{digits[:4]}-{digits[4:]}B", f"PID ZH-{digits}"])
    y, m, d = rng.randint(1931, 1999), rng.randint(1, 12), rng.randint(1, 28)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    dob = rng.choice([f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{m:02d}/{d:02d}/{y}",
                      f"{d:02d} {months[m - 1]} {y}", f"{d:02d}-{months[m - 1].upper()}-{y}"])
    return Who(given, surname, mrn, dob, rng.choice(INSTITUTIONS))


# -- pictures ---------------------------------------------------------------------------------------

def scene(rng: random.Random, w: int = 640, h: int = 480) -> Image.Image:
    """A grey radiograph-like picture: noisy gradient, a bright body outline, no text."""
    y, x = np.mgrid[0:h, 0:w]
    base = 30 + 40 * (x / w) + rng.randint(0, 20)
    cx, cy = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.45, 0.6)
    body = ((x - cx) / (w * 0.33)) ** 2 + ((y - cy) / (h * 0.38)) ** 2 < 1
    arr = base + body * (90 + 30 * np.sin(x / 17.0) * np.cos(y / 23.0))
    arr = arr + np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, (h, w))
    grey = np.clip(arr, 0, 255).astype(np.uint8)
    return Image.fromarray(np.stack([grey] * 3, -1), "RGB")


def font(size: int, mono: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(MONO if mono else FONT, size)


def with_band(img: Image.Image, text: str, size: int = 26) -> tuple[Image.Image, list[int]]:
    """The picture with a black band on top holding `text` in white (the uncropped original)."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    f = font(size)
    x0, y0, x1, y1 = draw.textbbox((12, 8), text, font=f)
    draw.rectangle((0, 0, out.width, y1 + 8), fill=(0, 0, 0))
    draw.text((12, 8), text, fill=(255, 255, 255), font=f)
    return out, [x0, y0, x1, y1]


def encode(img: Image.Image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **params)
    return buf.getvalue()


def band_text(who: Who | None, rng: random.Random) -> str:
    return who.line if who else rng.choice(HARMLESS) + "  W 400 L 40"


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


# -- the cases ----------------------------------------------------------------------------------------

CASES = []


def case(container: str, place: str, hidden: str | None = None):
    def register(fn):
        CASES.append((container, place, hidden, fn))
        return fn
    return register


def meta_text(who: Who | None, rng: random.Random, form: str = "line") -> str:
    if who is None:
        return rng.choice(HARMLESS)
    return {"line": who.line, "name": f"{who.given} {who.surname}", "inst": f"{who.institution}, {who.full}"}[form]


@case("JPEG", "EXIF Artist")
def jpeg_artist(who, rng):
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({315: ascii_value(meta_text(who, rng, "name"))}))]), "jpg"


@case("JPEG", "EXIF ImageDescription")
def jpeg_description(who, rng):
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({270: ascii_value(meta_text(who, rng))}))]), "jpg"


@case("JPEG", "EXIF UserComment unicode")
def jpeg_usercomment_unicode(who, rng):
    text = b"UNICODE\x00" + meta_text(who, rng).encode("utf-16-be")
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({271: ascii_value("Canon")},
                                                          {37510: (UNDEFINED, text)}))]), "jpg"


@case("JPEG", "EXIF UserComment ascii")
def jpeg_usercomment_ascii(who, rng):
    text = b"ASCII\x00\x00\x00" + meta_text(who, rng).encode("ascii", "replace")
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({271: ascii_value("Nikon")},
                                                          {37510: (UNDEFINED, text)}))]), "jpg"


@case("JPEG", "EXIF XPAuthor/XPComment UTF-16")
def jpeg_xp(who, rng):
    author = (meta_text(who, rng, "name") + "\x00").encode("utf-16-le")
    comment = (meta_text(who, rng) + "\x00").encode("utf-16-le")
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({40093: (BYTE, author), 40092: (BYTE, comment)}))]), "jpg"


@case("JPEG", "EXIF MakerNote text")
def jpeg_makernote(who, rng):
    note = b"VENDORX\x00" + b"\x01\x00" + meta_text(who, rng).encode("latin-1", "replace") + b"\x00" * 6
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({271: ascii_value("VendorX")},
                                                          {0x927C: (UNDEFINED, note)}))]), "jpg"


@case("JPEG", "EXIF GPS area text")
def jpeg_gps(who, rng):
    area = b"ASCII\x00\x00\x00" + (f"home of {who.full}, {who.institution}" if who else "Conference hall").encode()
    gps = {1: (ASCII, b"N\x00"), 2: (RATIONAL, struct.pack(">6I", 51, 1, 30, 1, 1234, 100)),
           3: (ASCII, b"W\x00"), 4: (RATIONAL, struct.pack(">6I", 0, 1, 7, 1, 3900, 100)),
           28: (UNDEFINED, area)}
    return jpeg_with(scene(rng), [segment(0xE1, exif_app1({271: ascii_value("Apple")}, None, gps))]), "jpg"


@case("JPEG", "EXIF thumbnail of the uncropped original", hidden="embedded")
def jpeg_exif_thumbnail(who, rng):
    img = scene(rng)
    original, _ = with_band(img, band_text(who, rng), 30)
    thumb = encode(original.resize((320, 240)), "JPEG", quality=90)
    return jpeg_with(img, [segment(0xE1, exif_app1({271: ascii_value("Apple")}, None, None, thumb))]), "jpg"


@case("JPEG", "MPF second image (uncropped original)", hidden="embedded")
def jpeg_mpf(who, rng):
    img = scene(rng)
    original, _ = with_band(img, band_text(who, rng), 28)
    second = encode(original, "JPEG", quality=85)
    first_without = encode(img, "JPEG", quality=88)
    # MP index: a little-endian TIFF-like block after "MPF\0"; offsets from its own header
    def mpf(first_len, second_offset):
        entries = struct.pack("<HHI", 0xB000, UNDEFINED, 4) + b"0100"
        entries += struct.pack("<HHII", 0xB001, LONG, 1, 2)
        entries += struct.pack("<HHII", 0xB002, UNDEFINED, 32, 8 + 2 + 12 * 3 + 4)
        ifd = struct.pack("<H", 3) + entries + struct.pack("<I", 0)
        mp = struct.pack("<IIIHH", 0x20030000, first_len, 0, 0, 0)
        mp += struct.pack("<IIIHH", 0x00020002, len(second), second_offset, 0, 0)
        return b"MPF\x00" + b"II*\x00" + struct.pack("<I", 8) + ifd + mp
    seg_len = len(segment(0xE2, mpf(0, 0)))
    total_first = len(first_without) + seg_len
    app0_end = 4 + struct.unpack(">H", first_without[4:6])[0]
    mpf_header_at = app0_end + 4 + 4          # marker+len, "MPF\0"
    payload = mpf(total_first, total_first - mpf_header_at)
    data = first_without[:app0_end] + segment(0xE2, payload) + first_without[app0_end:] + second
    return data, "jpg"


@case("JPEG", "JFXX thumbnail", hidden="embedded")
def jpeg_jfxx(who, rng):
    img = scene(rng)
    original, _ = with_band(img, band_text(who, rng), 30)
    thumb = encode(original.resize((256, 192)), "JPEG", quality=90)
    return jpeg_with(img, [segment(0xE0, b"JFXX\x00\x10" + thumb)]), "jpg"


@case("JPEG", "XMP dc:creator")
def jpeg_xmp_creator(who, rng):
    inner = f"<dc:creator><rdf:Seq><rdf:li>{meta_text(who, rng, 'name')}</rdf:li></rdf:Seq></dc:creator>"
    return jpeg_with(scene(rng), [segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(inner))]), "jpg"


@case("JPEG", "XMP photoshop:History")
def jpeg_xmp_history(who, rng):
    text = f"File {who.surname}_{who.given}_{who.mrn.replace(' ', '')}.dcm opened; cropped" if who else "cropped"
    inner = f"<photoshop:History>{text}</photoshop:History>"
    return jpeg_with(scene(rng), [segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(inner))]), "jpg"


@case("JPEG", "XMP DocumentAncestors")
def jpeg_xmp_ancestors(who, rng):
    name = f"{who.surname.replace(' ', '_')}_{who.mrn.replace(' ', '')}_{who.dob.replace('/', '-')}" if who else "case12"
    inner = (f"<photoshop:DocumentAncestors><rdf:Bag><rdf:li>xmp.did:{name}</rdf:li>"
             f"<rdf:li>file:///C:/PACS/export/{name}.jpg</rdf:li></rdf:Bag></photoshop:DocumentAncestors>")
    return jpeg_with(scene(rng), [segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(inner))]), "jpg"


@case("JPEG", "XMP IPTC core (entities)")
def jpeg_xmp_iptc(who, rng):
    text = meta_text(who, rng)
    inner = (f"<Iptc4xmpCore:Location>{entities(text)}</Iptc4xmpCore:Location>"
             f"<xmpMM:History><rdf:Seq><rdf:li stEvt:action='saved' stEvt:parameters='{entities(text)}'/>"
             "</rdf:Seq></xmpMM:History>")
    return jpeg_with(scene(rng), [segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + xmp_packet(inner))]), "jpg"


@case("JPEG", "IPTC IIM in APP13")
def jpeg_iptc(who, rng):
    records = [(5, meta_text(who, rng, "name")), (120, meta_text(who, rng)), (40, who.mrn if who else "none")]
    return jpeg_with(scene(rng), [segment(0xED, iptc_block(records))]), "jpg"


@case("JPEG", "COM segment")
def jpeg_comment(who, rng):
    return jpeg_with(scene(rng), [segment(0xFE, meta_text(who, rng).encode("latin-1", "replace"))]), "jpg"


@case("JPEG", "ICC profile desc/cprt")
def jpeg_icc(who, rng):
    icc = icc_profile(meta_text(who, rng, "name"), meta_text(who, rng, "inst") if who else "No copyright")
    return jpeg_with(scene(rng), [segment(0xE2, b"ICC_PROFILE\x00\x01\x01" + icc)]), "jpg"


@case("JPEG", "APPn of unusual numbers")
def jpeg_appn(who, rng):
    text = meta_text(who, rng).encode("latin-1", "replace")
    return jpeg_with(scene(rng), [segment(0xE7, b"\x00\x01" + text), segment(0xEB, b"JP\x00" + text),
                                  segment(0xEF, text)]), "jpg"


@case("JPEG", "bytes after EOI (text)")
def jpeg_tail_text(who, rng):
    return jpeg_with(scene(rng), [], tail=b"\r\nPATIENT=" + meta_text(who, rng).encode("latin-1", "replace")), "jpg"


@case("JPEG", "bytes after EOI (the uncropped original)", hidden="embedded")
def jpeg_tail_original(who, rng):
    img = scene(rng)
    original, _ = with_band(img, band_text(who, rng), 28)
    return jpeg_with(img, [], tail=encode(original, "JPEG", quality=80)), "jpg"


@case("JPEG", "text inside the scan before EOI")
def jpeg_scan_tail(who, rng):
    data = jpeg_with(scene(rng), [])
    text = ("  " + meta_text(who, rng) + "  ").encode("latin-1", "replace")
    return data[:-2] + text + data[-2:], "jpg"


@case("JPEG", "SOF height cut (rows of the original still coded)", hidden="sof-height")
def jpeg_sof_cut(who, rng):
    img = scene(rng, 640, 480)
    full = Image.new("RGB", (640, 528))
    full.paste(img, (0, 0))
    band = Image.new("RGB", (640, 48))
    ImageDraw.Draw(band).text((12, 10), band_text(who, rng), fill=(255, 255, 255), font=font(26))
    full.paste(band, (0, 480))
    data = bytearray(encode(full, "JPEG", quality=90))
    at = data.find(b"\xff\xc0")
    struct.pack_into(">H", data, at + 5, 480)
    return bytes(data), "jpg"


@case("JPEG", "Adobe APP14 extra payload")
def jpeg_adobe(who, rng):
    text = meta_text(who, rng).encode("latin-1", "replace")
    return jpeg_with(scene(rng), [segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 1) + text)]), "jpg"


# PNG

def png_of(img: Image.Image) -> bytes:
    return encode(img, "PNG")


@case("PNG", "tEXt Author")
def png_text(who, rng):
    data = png_of(scene(rng))
    return png_insert(data, b"IDAT", [png_chunk(b"tEXt", b"Author\x00" + meta_text(who, rng, "name").encode("latin-1"))]), "png"


@case("PNG", "zTXt Comment")
def png_ztxt(who, rng):
    data = png_of(scene(rng))
    body = b"Comment\x00\x00" + zlib.compress(meta_text(who, rng).encode("latin-1"))
    return png_insert(data, b"IDAT", [png_chunk(b"zTXt", body)]), "png"


@case("PNG", "iTXt compressed UTF-8")
def png_itxt(who, rng):
    data = png_of(scene(rng))
    text = (f"Patient: {who.given} {who.surname} — geb. {who.dob}, {who.mrn}" if who else "Befund: unauffällig")
    body = b"Description\x00\x01\x00de\x00Beschreibung\x00" + zlib.compress(text.encode("utf-8"))
    return png_insert(data, b"IDAT", [png_chunk(b"iTXt", body)]), "png"


@case("PNG", "eXIf Artist")
def png_exif(who, rng):
    data = png_of(scene(rng))
    exif = exif_app1({315: ascii_value(meta_text(who, rng, "name"))})[6:]
    return png_insert(data, b"IDAT", [png_chunk(b"eXIf", exif)]), "png"


@case("PNG", "tEXt after IDAT")
def png_text_after(who, rng):
    data = png_of(scene(rng))
    return png_insert(data, b"", [png_chunk(b"tEXt", b"Comment\x00" + meta_text(who, rng).encode("latin-1"))],
                      after_idat=True), "png"


@case("PNG", "iCCP profile name")
def png_iccp_name(who, rng):
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    name = (who.full if who else "sRGB IEC61966-2.1").encode("latin-1")[:79]
    data = png_of(scene(rng))
    return png_insert(data, b"IDAT", [png_chunk(b"iCCP", name + b"\x00\x00" + zlib.compress(icc))]), "png"


@case("PNG", "private chunk")
def png_private(who, rng):
    data = png_of(scene(rng))
    return png_insert(data, b"IDAT", [png_chunk(b"prVt", meta_text(who, rng).encode("latin-1"))]), "png"


@case("PNG", "bytes after IEND (the uncropped original)", hidden="embedded")
def png_after_iend(who, rng):
    img = scene(rng)
    original, _ = with_band(img, band_text(who, rng), 28)
    return png_of(img.crop((0, 60, 640, 480))) + png_of(original), "png"


@case("PNG", "APNG later frame", hidden="frames")
def png_apng(who, rng):
    img = scene(rng)
    named, _ = with_band(img, band_text(who, rng), 26)
    return encode(img, "PNG", save_all=True, append_images=[img.copy(), named], duration=400, loop=0), "png"


def band_under_alpha(who, rng, level: int) -> Image.Image:
    """The picture with its name band, the band's alpha set to `level` (0: transparent)."""
    img = scene(rng)
    named, box_ = with_band(img, band_text(who, rng), 26)
    rgba = named.convert("RGBA")
    alpha = Image.new("L", img.size, 255)
    ImageDraw.Draw(alpha).rectangle((0, 0, img.width, box_[3] + 8), fill=level)
    rgba.putalpha(alpha)
    return rgba


@case("PNG", "name under alpha 0", hidden="alpha")
def png_alpha0(who, rng):
    return png_of(band_under_alpha(who, rng, 0)), "png"


@case("PNG", "name under alpha 2 (nearly transparent)", hidden="alpha")
def png_alpha_low(who, rng):
    return png_of(band_under_alpha(who, rng, 2)), "png"


@case("PNG", "name in the tRNS key colour", hidden="alpha")
def png_trns_key(who, rng):
    img = Image.new("RGB", (640, 200), (255, 255, 255))
    ImageDraw.Draw(img).text((20, 20), "Right knee lateral", fill=(40, 40, 40), font=font(26))
    ImageDraw.Draw(img).text((20, 100), band_text(who, rng), fill=(0, 0, 1), font=font(26))
    return encode(img, "PNG", transparency=(0, 0, 1)), "png"


@case("PNG", "image data holds extra rows", hidden="idat-rows")
def png_extra_rows(who, rng):
    img = scene(rng, 640, 420)
    tall = Image.new("RGB", (640, 480))
    tall.paste(img, (0, 0))
    ImageDraw.Draw(tall).text((12, 430), band_text(who, rng), fill=(255, 255, 255), font=font(26))
    raw = b"".join(b"\x00" + tall.tobytes()[y * 640 * 3:(y + 1) * 640 * 3] for y in range(480))
    ihdr = struct.pack(">IIBBBBB", 640, 420, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw, 6))
            + png_chunk(b"IEND", b"")), "png"


# TIFF

def tiff_rgb(pages: list[tuple[Image.Image, dict]], sub: Image.Image | None = None, alpha: bool = False) -> bytes:
    """An uncompressed RGB(A) TIFF written by hand: every page with its extra tags; `sub`: a SubIFD
    preview of the first page."""
    ifds, blobs, chain = [], [], []
    for img, extra in pages:
        mode = "RGBA" if alpha else "RGB"
        raw = img.convert(mode).tobytes()
        blobs.append(raw)
        n = len(mode)
        ifd = {256: (LONG, [img.width]), 257: (LONG, [img.height]), 258: (SHORT, [8] * n), 259: (SHORT, [1]),
               262: (SHORT, [2]), 273: (LONG, ("blob", len(blobs) - 1)), 277: (SHORT, [n]),
               278: (LONG, [img.height]), 279: (LONG, [len(raw)]), 284: (SHORT, [1])}
        if alpha:
            ifd[338] = (SHORT, [2])
        ifd.update(extra)
        ifds.append(ifd)
        chain.append(len(ifds) - 1)
    if sub is not None:
        raw = sub.convert("RGB").tobytes()
        blobs.append(raw)
        ifds.append({254: (LONG, [1]), 256: (LONG, [sub.width]), 257: (LONG, [sub.height]), 258: (SHORT, [8, 8, 8]),
                     259: (SHORT, [1]), 262: (SHORT, [2]), 273: (LONG, ("blob", len(blobs) - 1)), 277: (SHORT, [3]),
                     278: (LONG, [sub.height]), 279: (LONG, [len(raw)])})
        ifds[0][330] = (LONG, ("ifd", len(ifds) - 1))
    return tiff_blob(ifds, chain, blobs, endian=rng_endian[0])


rng_endian = [">"]


@case("TIFF", "page 2 shows the name", hidden="frames")
def tiff_page2(who, rng):
    img = scene(rng)
    named, _ = with_band(img, band_text(who, rng), 28)
    return tiff_rgb([(img, {}), (named, {})]), "tif"


@case("TIFF", "Artist")
def tiff_artist(who, rng):
    return tiff_rgb([(scene(rng), {315: ascii_value(meta_text(who, rng, "name"))})]), "tif"


@case("TIFF", "DocumentName/PageName/HostComputer")
def tiff_names(who, rng):
    extra = {269: ascii_value(f"{who.surname}_{who.mrn}" if who else "case12"),
             285: ascii_value(meta_text(who, rng)), 316: ascii_value(f"WS-{who.surname.upper()[:6]}" if who else "WS-04")}
    return tiff_rgb([(scene(rng), extra)]), "tif"


@case("TIFF", "SubIFD preview of the original", hidden="subifd")
def tiff_subifd(who, rng):
    img = scene(rng)
    named, _ = with_band(img, band_text(who, rng), 28)
    return tiff_rgb([(img, {})], sub=named.resize((480, 360))), "tif"


@case("TIFF", "EXIF IFD UserComment")
def tiff_exif(who, rng):
    # the EXIF IFD as a sub-directory of the page: built by placing a second IFD through tiff_rgb's extra
    img = scene(rng)
    comment = b"ASCII\x00\x00\x00" + meta_text(who, rng).encode("latin-1", "replace")
    ifds, blobs = [], [img.tobytes()]
    ifds.append({256: (LONG, [img.width]), 257: (LONG, [img.height]), 258: (SHORT, [8, 8, 8]), 259: (SHORT, [1]),
                 262: (SHORT, [2]), 273: (LONG, ("blob", 0)), 277: (SHORT, [3]), 278: (LONG, [img.height]),
                 279: (LONG, [len(blobs[0])]), 34665: (LONG, ("ifd", 1))})
    ifds.append({37510: (UNDEFINED, comment)})
    return tiff_blob(ifds, [0], blobs), "tif"


@case("TIFF", "XMP tag 700")
def tiff_xmp(who, rng):
    inner = f"<dc:creator><rdf:Seq><rdf:li>{meta_text(who, rng, 'name')}</rdf:li></rdf:Seq></dc:creator>"
    return tiff_rgb([(scene(rng), {700: (BYTE, xmp_packet(inner))})]), "tif"


@case("TIFF", "IPTC tag 33723")
def tiff_iptc(who, rng):
    block = iptc_block([(120, meta_text(who, rng))])[14 + 12:]
    return tiff_rgb([(scene(rng), {33723: (UNDEFINED, block)})]), "tif"


@case("TIFF", "name under alpha 0", hidden="alpha")
def tiff_alpha0(who, rng):
    return tiff_rgb([(band_under_alpha(who, rng, 0), {})], alpha=True), "tif"


# GIF

def gif_blocks(data: bytes) -> tuple[bytes, bytes]:
    """(header with colour table, rest without the trailer)."""
    flags = data[10]
    head = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    return data[:head], data[head:-1]


def sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes((len(payload[i:i + 255]),)) + payload[i:i + 255] for i in range(0, len(payload), 255)) + b"\x00"


@case("GIF", "later frame of the animation", hidden="frames")
def gif_frames(who, rng):
    img = scene(rng, 480, 360)
    named, _ = with_band(img, band_text(who, rng), 22)
    frames = [img.quantize(64)] * 4 + [named.quantize(64)] + [img.quantize(64)] * 3
    frames = [f.copy() for f in frames]
    return encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0), "gif"


@case("GIF", "comment extension")
def gif_comment(who, rng):
    head, rest = gif_blocks(encode(scene(rng, 480, 360).quantize(64), "GIF"))
    return head + b"\x21\xfe" + sub_blocks(meta_text(who, rng).encode("latin-1")) + rest + b"\x3b", "gif"


@case("GIF", "application extension")
def gif_app(who, rng):
    head, rest = gif_blocks(encode(scene(rng, 480, 360).quantize(64), "GIF"))
    ext = b"\x21\xff\x0bPACSEXPT1.0" + sub_blocks(meta_text(who, rng).encode("latin-1"))
    return head + ext + rest + b"\x3b", "gif"


@case("GIF", "plain text extension")
def gif_plain_text(who, rng):
    head, rest = gif_blocks(encode(scene(rng, 480, 360).quantize(64), "GIF"))
    text = meta_text(who, rng).encode("latin-1")
    ext = b"\x21\x01\x0c" + struct.pack("<HHHHBBBB", 8, 8, 460, 20, 8, 14, 1, 0) + sub_blocks(text)
    return head + rest + ext + b"\x3b", "gif"


# WebP

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


def webp_extended(img: Image.Image, extra: list[tuple[bytes, bytes]], flags: int) -> bytes:
    chunks = webp_chunks(encode(img, "WEBP", quality=90))
    assert chunks[0][0] in (b"VP8 ", b"VP8L"), chunks[0][0]
    vp8x = b"VP8X", bytes((flags, 0, 0, 0)) + struct.pack("<I", img.width - 1)[:3] + struct.pack("<I", img.height - 1)[:3]
    return riff([vp8x] + chunks + extra)


@case("WebP", "EXIF chunk")
def webp_exif(who, rng):
    exif = exif_app1({315: ascii_value(meta_text(who, rng, "name")), 270: ascii_value(meta_text(who, rng))})[6:]
    return webp_extended(scene(rng), [(b"EXIF", exif)], 0x08), "webp"


@case("WebP", "XMP chunk")
def webp_xmp(who, rng):
    inner = f"<dc:description>{meta_text(who, rng)}</dc:description>"
    return webp_extended(scene(rng), [(b"XMP ", xmp_packet(inner))], 0x04), "webp"


@case("WebP", "unknown chunk")
def webp_unknown(who, rng):
    return webp_extended(scene(rng), [(b"NOTE", meta_text(who, rng).encode("latin-1"))], 0), "webp"


@case("WebP", "animated, name on frame 3", hidden="frames")
def webp_animated(who, rng):
    img = scene(rng, 480, 360)
    named, _ = with_band(img, band_text(who, rng), 22)
    return encode(img, "WEBP", save_all=True, append_images=[img.copy(), named, img.copy()], duration=300,
                  lossless=True), "webp"


# BMP

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


@case("BMP", "gap between header and pixels")
def bmp_gap(who, rng):
    return bmp_v5(scene(rng), gap=b"PATIENT " + meta_text(who, rng).encode("latin-1") + b"\x00" * 3), "bmp"


@case("BMP", "embedded ICC profile desc")
def bmp_profile(who, rng):
    return bmp_v5(scene(rng), profile=icc_profile(meta_text(who, rng, "name"), "none")), "bmp"


@case("BMP", "bytes after the pixels")
def bmp_tail(who, rng):
    return bmp_v5(scene(rng)) + meta_text(who, rng).encode("latin-1"), "bmp"


@case("BMP", "name under alpha 0", hidden="alpha")
def bmp_alpha0(who, rng):
    rgba = band_under_alpha(who, rng, 0)
    return bmp_v5(rgba.convert("RGB"), alpha=rgba.getchannel("A")), "bmp"


# JPEG 2000

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


def jp2_with(img: Image.Image, extra: list[bytes], in_header: list[bytes] | None = None,
             codestreams: list[bytes] | None = None) -> bytes:
    data = encode(img, "JPEG2000", irreversible=False)
    out = b""
    for kind, body in jp2_boxes(data):
        if kind == b"jp2h" and in_header:
            body = body + b"".join(in_header)
        out += box(kind, body)
        if kind == b"jp2c":
            out += b"".join(box(b"jp2c", cs) for cs in codestreams or [])
    return out + b"".join(extra)


@case("JPEG 2000", "xml box")
def jp2_xml(who, rng):
    xml = f"<?xml version='1.0'?><case><patient>{meta_text(who, rng)}</patient></case>".encode("utf-8")
    return jp2_with(scene(rng), [box(b"xml ", xml)]), "jp2"


@case("JPEG 2000", "uuid XMP box")
def jp2_uuid(who, rng):
    inner = f"<dc:creator><rdf:Seq><rdf:li>{meta_text(who, rng, 'name')}</rdf:li></rdf:Seq></dc:creator>"
    return jp2_with(scene(rng), [box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac") + xmp_packet(inner))]), "jp2"


@case("JPEG 2000", "codestream comment")
def jp2_com(who, rng):
    data = encode(scene(rng), "JPEG2000", irreversible=False, no_jp2=True)
    text = meta_text(who, rng).encode("latin-1")
    com = b"\xff\x64" + struct.pack(">HH", len(text) + 4, 1) + text
    at = data.find(b"\xff\x90")
    return data[:at] + com + data[at:], "j2k"


@case("JPEG 2000", "second codestream (the uncropped original)", hidden="embedded-j2k")
def jp2_second(who, rng):
    img = scene(rng)
    named, _ = with_band(img, band_text(who, rng), 28)
    second = encode(named, "JPEG2000", irreversible=False, no_jp2=True)
    return jp2_with(img, [], codestreams=[second]), "jp2"


@case("JPEG 2000", "colr ICC profile in the header box")
def jp2_icc(who, rng):
    icc = icc_profile(meta_text(who, rng, "name"), meta_text(who, rng, "inst") if who else "none")
    return jp2_with(scene(rng), [], in_header=[box(b"colr", b"\x02\x00\x00" + icc)]), "jp2"


@case("JPEG 2000", "unknown box inside the header box")
def jp2_header_box(who, rng):
    return jp2_with(scene(rng), [], in_header=[box(b"note", meta_text(who, rng).encode("latin-1"))]), "jp2"


# burned in, shown: small or faint in a corner of a large capture

def corner_capture(who, rng, fmt: str, faint: bool):
    w, h = rng.choice([(1000, 800), (1400, 1100), (1920, 1080), (2000, 1500)])
    img = scene(rng, w, h)
    size = rng.randint(9, 14)
    text = band_text(who, rng)
    corner = rng.choice(["tl", "tr", "bl", "br"])
    draw = ImageDraw.Draw(img)
    f = font(size, mono=rng.random() < 0.5)
    bx = draw.textbbox((0, 0), text, font=f)
    tw, th = bx[2] - bx[0], bx[3] - bx[1]
    x = 6 if corner[1] == "l" else w - tw - 6
    y = 4 if corner[0] == "t" else h - th - 8
    region = np.asarray(img.crop((x, y, x + tw, y + th + 4)).convert("L"))
    back = int(region.mean())
    colour = (back + 45 if back < 128 else back - 45) if faint else (235 if back < 128 else 10)
    draw.text((x, y), text, fill=(colour,) * 3, font=f)
    box_ = [x + bx[0], y + bx[1], x + bx[2], y + bx[3]]
    data = encode(img, "JPEG", quality=92) if fmt == "jpg" else encode(img, "PNG")
    return data, fmt, box_


for _container, _ext, _faint, _place in (
        ("JPEG", "jpg", False, "burned in, small, corner of a large capture"),
        ("PNG", "png", False, "burned in, small, corner of a large capture"),
        ("PNG", "png", True, "burned in, small and faint, corner"),
        ("JPEG", "jpg", True, "burned in, small and faint, corner")):
    case(_container, _place, hidden="shown")(
        lambda who, rng, ext=_ext, faint=_faint: corner_capture(who, rng, ext, faint=faint))


def generate(out: Path, seed: int) -> dict:
    pack = out / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    truth = {}
    for n, (container, place, hidden, fn) in enumerate(CASES):
        for twin in (False, True):
            rng = random.Random(f"{seed}:{n}")        # twin and identifying file share the picture
            who = make_who(random.Random(f"{seed}:{n}:who"))
            rng_endian[0] = ">" if (seed + n) % 2 else "<"
            result = fn(None if twin else who, rng)
            data, ext = result[0], result[1]
            box_ = result[2] if len(result) > 2 else None
            slug = "".join(c if c.isalnum() else "_" for c in f"{container}_{place}".lower())[:48].strip("_")
            name = f"{n:03d}_{slug}{'_twin' if twin else ''}.{ext}"
            (pack / name).write_bytes(data)
            truth[name] = {"container": container, "place": place, "identifying": not twin,
                           "strings": [] if twin else who.strings(), "given": None if twin else who.given,
                           "hidden": hidden, "box": None if twin else box_}
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False))
    return truth


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    truth = generate(args.out, args.seed)
    print(f"{len(truth)} files in {args.out / 'pack'}")


if __name__ == "__main__":
    main()
