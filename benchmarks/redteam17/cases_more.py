"""Red team 17: TIFF, GIF, WebP, BMP and JPEG 2000 cases, and text burned into large captures (see gen.py)."""

from __future__ import annotations

import struct

import numpy as np
from PIL import Image, ImageDraw

import pictures
from layouts import (
    BYTE, LONG, SHORT, UNDEFINED, ascii_value, bmp_v5, box, exif_app1, gif_blocks, icc_profile, iptc_block, jp2_boxes,
    riff, sub_blocks, tiff_blob, webp_chunks, xmp_packet,
)
from cases_jpeg_png import band_under_alpha
from pictures import band_text, case, encode, font, meta_text, scene, with_band

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
    return tiff_blob(ifds, chain, blobs, endian=pictures.rng_endian[0])


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
