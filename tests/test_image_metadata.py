"""Image metadata: the library rewrites containers without touching pixels; the step cleans every image part."""

import io
import json
import shutil
import struct
import subprocess
import zipfile

import pytest
from PIL import Image
from pptx import Presentation

import slidesan
from fixtures.decks.image_metadata import (planted_exif, planted_gif, planted_jpeg, planted_png, planted_tiff,
                                           segment)
from helpers import members, where_bytes
from slidesan.images.metadata import (CorruptImage, UnknownImageFormat, find_metadata, sniff_format,
                                      strip_metadata)
from slidesan.options import Options
from slidesan.report.model import verdict_of

PLANTED = b"PLANTED-"
FAST = Options(ocr=False)


def pixels(data: bytes) -> list[bytes]:
    """Decoded pixels of every frame, as shown (palette indices resolved to colours)."""
    img = Image.open(io.BytesIO(data))
    out = []
    for index in range(getattr(img, "n_frames", 1)):
        img.seek(index)
        out.append((img.convert("RGBA") if img.mode in ("P", "PA") else img).tobytes())
    return out


def entropy_tail(data: bytes) -> bytes:
    """From the first start-of-scan to end-of-image: the compressed picture itself."""
    pos = 2
    while data[pos + 1] != 0xDA:
        pos += 2 + struct.unpack(">H", data[pos + 2:pos + 4])[0]
    return data[pos:data.rindex(b"\xff\xd9") + 2]


def png_chunks(data: bytes) -> list[bytes]:
    pos, out = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        out.append(data[pos:pos + 12 + length])
        if data[pos + 4:pos + 8] == b"IEND":
            break
        pos += 12 + length
    return out


METADATA_GROUPS = ("ExifIFD", "GPS", "IFD1", "XMP", "IPTC", "Photoshop", "InteropIFD", "MakerNotes")
IFD0_METADATA = {"Artist", "ImageDescription", "Software", "ModifyDate", "Make", "Model", "Copyright",
                 "HostComputer", "DocumentName", "PageName", "XPAuthor", "XPComment"}


def exiftool_groups(path) -> dict:
    res = subprocess.run(["exiftool", "-j", "-G1", "-a", str(path)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)[0]


# -- the library -----------------------------------------------------------------------------

@pytest.mark.parametrize("progressive", [False, True])
def test_jpeg_loses_every_metadata_segment_and_keeps_scan_bytes(progressive):
    data = planted_jpeg(progressive=progressive)
    result = strip_metadata(data)
    assert PLANTED not in result.data
    assert {"EXIF", "XMP", "extended XMP", "JPEG comment", "Photoshop/IPTC"} <= set(result.removed)
    assert any("after the end of the image" in r for r in result.removed)
    assert entropy_tail(result.data) == entropy_tail(data)
    assert result.data.endswith(b"\xff\xd9")
    assert pixels(result.data) == pixels(data)
    assert b"ICC_PROFILE\x00" in result.data, "colour profile must stay"
    assert find_metadata(result.data) == []
    assert strip_metadata(result.data).data == result.data, "stripping is idempotent"


def test_jpeg_quotes_who_where_and_when():
    details = "; ".join(strip_metadata(planted_jpeg()).details)
    for expected in ("Artist: PLANTED-EXIF-ARTIST", "CameraOwnerName: PLANTED-EXIF-OWNER",
                     "DateTimeOriginal: 2023:05:06", "GPS: N51.51", "XMP creator: PLANTED-XMP-CREATOR",
                     "IPTC By-line: PLANTED-IPTC-BYLINE", "ImageDescription: PLANTED-EXIF-DESC"):
        assert expected in details


def test_cmyk_jpeg_keeps_adobe_segment():
    data = planted_jpeg(mode="CMYK")
    assert b"Adobe" in data
    result = strip_metadata(data)
    assert b"\xff\xeeAdobe" not in result.data  # length sits between marker and name
    assert b"Adobe" in result.data
    assert pixels(result.data) == pixels(data)


def test_jfif_thumbnail_and_fill_bytes():
    base = Image.new("RGB", (16, 16), (200, 10, 10))
    buf = io.BytesIO()
    base.save(buf, "JPEG")
    data = buf.getvalue()
    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x02\x01" + b"PLANTE"      # 2x1 RGB thumbnail
    app0 = segment(0xE0, jfif)
    start = data.index(b"\xff\xe0")
    end = start + 2 + struct.unpack(">H", data[start + 2:start + 4])[0]
    data = data[:start] + app0 + b"\xff\xff" + data[end:]                  # two fill bytes before DQT
    result = strip_metadata(data)
    assert "JFIF thumbnail" in result.removed
    assert b"PLANTE" not in result.data and b"JFIF\x00" in result.data
    assert pixels(result.data) == pixels(data)


@pytest.mark.parametrize("data, words", [
    (b"\xff\xd8\xff\xe1\x00\x40Exif", "truncated"),
    (b"\xff\xd8garbage that is not a marker", "garbage"),
    (planted_jpeg()[:-200], "truncated"),
    (planted_png()[:300], "truncated"),
    (planted_gif()[:20], "truncated"),
])
def test_broken_files_raise_one_clear_error(data, words):
    with pytest.raises(CorruptImage, match=words):
        strip_metadata(data)


def test_unknown_format_is_not_guessed():
    with pytest.raises(UnknownImageFormat):
        strip_metadata(b"\x01\x00\x00\x00 EMF header")
    assert find_metadata(b"%PDF-1.4") == []


def test_png_keeps_display_chunks_verbatim():
    data = planted_png()
    result = strip_metadata(data)
    assert PLANTED not in result.data
    kept = png_chunks(result.data)
    assert [c[4:8] for c in kept] == [b"IHDR", b"IDAT", b"IEND"]
    assert all(chunk in data for chunk in kept), "kept chunks (with their CRCs) are copied byte for byte"
    assert not Image.open(io.BytesIO(result.data)).text
    assert pixels(result.data) == pixels(data)
    assert find_metadata(result.data) == []


def test_gif_keeps_animation_and_loop():
    data = planted_gif()
    result = strip_metadata(data)
    assert PLANTED not in result.data
    assert result.removed == ["GIF comment", "XMP"]
    assert b"NETSCAPE2.0" in result.data
    img = Image.open(io.BytesIO(result.data))
    assert img.n_frames == 2 and img.info.get("loop") == 0
    assert pixels(result.data) == pixels(data)


def test_tiff_resave_keeps_pixels_and_only_structure():
    data = planted_tiff()
    result = strip_metadata(data)
    assert {"Artist", "ImageDescription", "Software", "DateTime"} <= set(result.removed)
    assert PLANTED not in result.data
    assert pixels(result.data) == pixels(data)
    assert Image.open(io.BytesIO(result.data)).info.get("dpi") == (150, 150)
    assert find_metadata(result.data) == []


def test_webp_drops_exif_and_xmp_chunks():
    buf = io.BytesIO()
    Image.new("RGB", (32, 24), (9, 99, 199)).save(buf, "WEBP", lossless=True, exif=planted_exif(),
                                                   xmp=b"<x:xmpmeta>PLANTED-WEBP-XMP</x:xmpmeta>")
    data = buf.getvalue()
    result = strip_metadata(data)
    assert set(result.removed) == {"EXIF", "XMP"}
    assert PLANTED not in result.data
    assert pixels(result.data) == pixels(data)
    assert find_metadata(result.data) == []


def test_bmp_has_nothing_to_strip():
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "BMP")
    assert sniff_format(buf.getvalue()) == "BMP"
    assert strip_metadata(buf.getvalue()).data == buf.getvalue()


# -- the step, through slidesan.clean ----------------------------------------------------------

def test_deck_images_lose_metadata_and_keep_pixels(build_deck, tmp_path):
    path, planted = build_deck("image_metadata")
    for marker in planted["markers"]:
        assert where_bytes(path, marker.encode()), f"fixture did not plant {marker}"
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, FAST)
    for marker in planted["markers"]:
        assert where_bytes(out, marker.encode()) == [], marker
    media = {name: data for name, data in members(out).items() if name.startswith("ppt/media/")}
    by_format = {sniff_format(data): data for data in media.values()}
    images = planted["images"]
    for fmt, original in (("JPEG", images["jpeg"]), ("PNG", images["png"]), ("GIF", images["gif"]),
                          ("TIFF", images["tiff"])):
        assert pixels(by_format[fmt]) == pixels(original), fmt
    assert entropy_tail(by_format["JPEG"]) == entropy_tail(images["jpeg"])
    assert "PLANTED-PNG-ZTXT" not in json.dumps(Image.open(io.BytesIO(by_format["PNG"])).text)
    stripped = [f for f in report.findings if f.category == "image-metadata" and f.action == "stripped"]
    jpeg_finding = next(f for f in stripped if "JPEG" in f.message and f.slide == 1)
    assert "PLANTED-EXIF-OWNER" in jpeg_finding.text and "GPS" in jpeg_finding.text
    assert len([f for f in stripped if f.slide == 1]) == 1, "a shared part is stripped once"
    assert len(Presentation(str(out)).slides) == 2


@pytest.mark.skipif(not shutil.which("exiftool"), reason="exiftool not installed")
def test_exiftool_sees_no_exif_xmp_or_iptc(build_deck, tmp_path):
    path, planted = build_deck("image_metadata")
    (tmp_path / "in.jpg").write_bytes(planted["images"]["jpeg"])
    seen = exiftool_groups(tmp_path / "in.jpg")
    assert {k.split(":")[0] for k in seen} >= {"ExifIFD", "GPS", "XMP-dc", "IPTC"}, "exiftool must see the plants"
    out = tmp_path / "out.pptx"
    slidesan.clean(path, out, FAST)
    with zipfile.ZipFile(out) as zf:
        names = [n for n in zf.namelist() if n.startswith("ppt/media/")]
        zf.extractall(tmp_path / "x", members=names)
    for name in names:
        tags = exiftool_groups(tmp_path / "x" / name)
        bad = [k for k in tags if k.split(":")[0].startswith(METADATA_GROUPS)
               or (k.startswith("IFD0:") and k.split(":")[1] in IFD0_METADATA)]
        assert bad == [], (name, bad)
        assert "PLANTED" not in json.dumps(tags), name


def test_undecodable_picture_is_not_inspected(build_deck, tmp_path):
    path, _planted = build_deck("image_metadata", corrupt=True)
    report = slidesan.clean(path, tmp_path / "out.pptx", FAST)
    broken = [f for f in report.findings if f.category == "image-metadata" and f.action == "not-inspected"]
    assert [f.part for f in broken] == ["/ppt/media/broken1.jpeg"]
    assert report.verdict != "publication" and verdict_of(broken) == "needs-review"


def test_real_decks_images_come_out_clean(shared_dir, tmp_path):
    from slidesan.deck.package import Deck

    for name in ("poi_KEY02", "poi_2411-Performance_Up", "poi_56812"):
        deck_path = shared_dir / "corpus" / "decks" / f"{name}.pptx"
        if not deck_path.exists():
            pytest.skip(f"{name} missing")
        before = {n: d for n, d in members(deck_path).items() if n.startswith("ppt/media/")}
        out = tmp_path / f"{name}.pptx"
        slidesan.clean(deck_path, out, FAST)
        deck = Deck(out)
        for part in deck.parts():
            if part.content_type.startswith("image/"):
                assert find_metadata(part.blob) == [], (name, part.partname)
        for member, data in members(out).items():
            if member in before and sniff_format(data) == "JPEG" and sniff_format(before[member]) == "JPEG":
                assert entropy_tail(data) == entropy_tail(before[member]), (name, member)


def test_a_program_named_in_a_software_field_is_no_person_but_a_name_elsewhere_is():
    """EXIF Software / Make / Model and XMP CreatorTool name what wrote the picture: `Photoshop CC` or
    `GIMP 2.10` there is information, not a patient's name; the same words as Artist, or a hospital
    number in the Software field, still count."""
    from slidesan.scan.metadata_text import metadata_identifiers

    def rated(detail):
        return [(m.category, severity) for m, severity, _label, _field in metadata_identifiers([detail])]

    assert {s for _c, s in rated("XMP CreatorTool: Photoshop CC")} <= {"info"}
    assert {s for _c, s in rated("Software: Photoshop CC")} <= {"info"}
    assert any(c == "name" and s != "info" for c, s in rated("Artist: Okonkwo Chidi"))
    assert any(s == "high" for _c, s in rated("Software: NHS 485 777 3456"))
    assert rated("XMP CreatorTool: Photoshop CC"), "still reported, as information"
