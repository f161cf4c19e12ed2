"""Red team 17: JPEG and PNG cases (see gen.py)."""

from __future__ import annotations

import struct
import zlib

from PIL import Image, ImageDraw

from layouts import (
    ASCII, BYTE, LONG, RATIONAL, UNDEFINED, ascii_value, entities, exif_app1, icc_profile, iptc_block, jpeg_with,
    png_chunk, png_insert, segment, xmp_packet,
)
from pictures import band_text, case, encode, font, meta_text, scene, with_band


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
