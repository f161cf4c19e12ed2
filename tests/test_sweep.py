"""The last sweep of the written package, the judgement it shares with the steps, and what it reads.

The sweep knows no hiding place: a place no step covers must fail the self-check (nothing written),
a shown place the scan missed must be flagged, and ordinary OOXML structure must stay quiet."""

import io
import struct
import zlib

import pytest
from PIL import Image

import slidesan
from fixtures.hiding import build_case, by_name
from fixtures.metafile_bitmap import emf_with_bitmap, wmf_with_bitmap
from slidesan.deck import pipeline
from slidesan.deck.leaks import PART_NAME, TYPEFACE, URL, leaks, normalise
from slidesan.deck.verify.binary_strings import strings
from slidesan.deck.verify.sweep import rels_places
from slidesan.errors import SlidesanError

NHS = "9434765919"          # made up, with a valid check digit


def test_a_place_no_step_covers_fails_the_self_check(build_deck, tmp_path, monkeypatch):
    deck = tmp_path / "in.pptx"
    build_case(by_name("theme_name"), deck)
    monkeypatch.setattr(pipeline, "STEPS", [s for s in pipeline.STEPS if s.__name__.endswith(".page_names") is False])
    with pytest.raises(SlidesanError, match="sweep: ppt/theme/theme1.xml theme/@name"):
        slidesan.clean(deck, tmp_path / "out.pptx", slidesan.Options(ocr=False))
    assert not (tmp_path / "out.pptx").exists()
    report = slidesan.check(deck, slidesan.Options(ocr=False))     # check rates the input by it instead
    hidden = [f for f in report.findings if f.step == "sweep" and "theme/@name" in f.message]
    assert hidden and all(f.severity == "high" and f.remains and not f.clean_removes for f in hidden)
    assert "a clean refuses to write this file" in hidden[0].message
    assert report.verdict == "identifiable" and report.exit_code() == 1


def test_a_shown_identifier_the_scan_missed_is_flagged_with_its_slide(tmp_path, monkeypatch):
    from slidesan.scan import deck_scan

    deck = tmp_path / "in.pptx"
    build_case(by_name("chart_drawing_alt_text"), deck)
    monkeypatch.setattr(deck_scan, "scan_text", lambda *args: None)
    report = slidesan.clean(deck, tmp_path / "out.pptx", slidesan.Options(ocr=False))
    swept = [f for f in report.findings if f.step == "sweep" and f.remains]
    assert swept and any(NHS[:3] in (f.text or "") or f.category == "name" for f in swept)
    assert report.verdict == "identifiable"


def test_the_scan_reads_text_as_shown_soft_hyphens_and_zero_width_removed(tmp_path):
    deck = tmp_path / "in.pptx"
    canary = build_case(by_name("shown_text_soft_hyphens"), deck)
    report = slidesan.clean(deck, tmp_path / "out.pptx", slidesan.Options(ocr=False))
    scanned = [f for f in report.findings if f.step == "scan" and f.remains]
    assert any(f.category == "nhs-number" and "".join(filter(str.isdigit, f.text)) == canary.nhs for f in scanned)
    assert any(f.category == "name" and canary.surname in f.text for f in scanned), scanned
    assert normalise("Smi\u00adth 943\u200b476\u200d5919") == "Smith 9434765919"


@pytest.mark.parametrize("value, kind", [
    ("Segoe UI", TYPEFACE), ("Gill Sans MT", TYPEFACE), ("Microsoft Yi Baiti", TYPEFACE), ("Office Theme", "text"),
    ("Title and Content", "text"), ("Medium Style 2 - Accent 1", "text"), ("Isosceles Triangle 3", "text"),
    ("{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}", "text"), ("*/ 1346400 w 21600", "text"), ("pt-BR", "text"),
    ("ppaction://hlinkshowjump?jump=nextslide", "text"), ("/ppt/media/image12.png", PART_NAME),
    ("https://radiopaedia.org/articles/pneumothorax", URL), ("2147483647", "text"), ("Copyright Apple Inc., 2018", "text"),
    ("urn:microsoft.com/office/officeart/2005/8/colors/accent1_2", "text"),
    ("GziFTCfK1iA8Tu+A8IZw6vEIEITjheqta3yWHx4Cxm+GuF/x3R965RYQl6cYYxoI", "text"),     # a hash, base64
    ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk", URL),
    ("3FA2B90C1D4E5F60718293A4B5C6D7E8", "text"), ("colour FF00AA", "text"), ("Slide1234567", "text"),
])
def test_structure_is_quiet(value, kind):
    assert leaks(value, kind) == []


@pytest.mark.parametrize("value, kind, category", [
    (f"https://pacs.example.org/viewer/Quennevarth_Oswin/{NHS}", URL, "nhs-number"),
    (f"/ppt/media/QUENNEVARTH_OSWIN_{NHS}.png", PART_NAME, "nhs-number"),
    (f"rIdQuennevarth{NHS}", "text", "nhs-number"),
    (f"'Oswin Quennevarth {NHS}'!$B$2", "text", "nhs-number"),
    ("Mrs Edna Farrowby", TYPEFACE, "name"),
    ("C:\\Users\\drjones\\Patients\\X\\ct.dcm", "text", "file-path"),
    ("Oswin Quenne\u00advarth 94\u200b3 476 59\u200b19", "text", "nhs-number"),
    ("Hosp No: K7741208", "text", "hospital-number"),     # splitting glued words cut the number from its letter
    ("MRN: AB1234567", "text", "hospital-number"),
])
def test_identifiers_are_found_however_written(value, kind, category):
    assert category in {leak.category for leak in leaks(value, kind)}


def test_binary_strings_skip_pixel_data_and_inflate_compressed_chunks():
    img = Image.effect_noise((200, 200), 90).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=95, comment=b"Patient Oswin Quennevarth")
    found = strings(buf.getvalue())
    assert any("Quennevarth" in s for s in found)
    assert all("Quennevarth" in s or len(s) < 200 for s in found)
    png = io.BytesIO()
    img.save(png, "PNG")
    body = b"icc\0\0" + zlib.compress("Oswin Quennevarth".encode("utf-16-be"))
    chunk = struct.pack(">I", len(body)) + b"iCCP" + body + struct.pack(">I", zlib.crc32(b"iCCP" + body))
    data = png.getvalue()
    data = data[:33] + chunk + data[33:]
    assert any("Quennevarth" in s for s in strings(data))


def test_every_string_of_a_relationships_part_is_read(tmp_path):
    """A relationship's type, its other attributes and a comment are strings of the package too; only
    the target was read, and a name in a layout's relationship type was written out with the verdict
    publication (benchmarks/plant_identifiers.py). python-pptx writes relationships anew, keeping the type."""
    import zipfile

    from fixtures.common import blank_deck

    deck = tmp_path / "in.pptx"
    blank_deck().save(deck)
    planted = tmp_path / "planted.pptx"
    with zipfile.ZipFile(deck) as src, zipfile.ZipFile(planted, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "ppt/slideLayouts/_rels/slideLayout1.xml.rels":
                data = data.replace(b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"',
                                    b'Type="Patient: Oakhart, Quentin (MRN 55120934)"', 1)
            dst.writestr(info, data)
    with pytest.raises(SlidesanError, match="Relationship/@Type holds name"):
        slidesan.clean(planted, tmp_path / "out.pptx", slidesan.Options(ocr=False))
    assert slidesan.check(planted, slidesan.Options(ocr=False)).verdict == "identifiable"
    places = [(p.where, p.value) for p in rels_places(
        "x.rels", b'<Relationships xmlns="r"><!-- MRN 55120934 --><Relationship Id="rId1" Type="t:Oakhart" '
                  b'Target="slide1.xml"/></Relationships>')]
    assert ("comment in relationships", " MRN 55120934 ") in places and ("Relationship/@Type", "t:Oakhart") in places
    assert leaks("DOB 14/03/1961", [p for p in rels_places(
        "x.rels", b'<Relationships xmlns="r"><Relationship Id="rId1" Type="DOB 14/03/1961" Target="s.xml"/>'
                  b'</Relationships>') if p.where == "Relationship/@Type"][0].kind)     # not read as a URL


@pytest.mark.parametrize("metafile, first_record", [(emf_with_bitmap, 88), (wmf_with_bitmap, 60)])
def test_pixels_of_a_bitmap_in_a_metafile_are_not_strings_but_its_text_is(metafile, first_record):
    # a grey picture pasted as a metafile stores each pixel as three equal bytes; here they spell words
    grey = Image.frombytes("L", (40, 1), b"Quennevarth Oswin 4857773456 ".ljust(40, b"x")).convert("RGB")
    data = metafile(grey, text="Farrowby Edna")
    found = strings(data)
    assert any("Farrowby" in s for s in found)
    assert not any("QQQuuu" in s or "444888" in s for s in found)
    # a record that claims more bytes than the file holds ends the walk: the rest is read whole
    size = struct.pack("<I", len(data)) if metafile is wmf_with_bitmap else struct.pack("<II", 81, len(data))
    broken = data[:first_record] + size + data[first_record + len(size):]
    assert any("QQQuuu" in s for s in strings(broken))


def test_an_emf_plus_image_is_read_as_a_picture_file_its_pixels_no_strings():
    """An EMF+ image object's PNG: its text chunk is read, its compressed pixels are not strings."""
    import io
    import zlib

    from fixtures.metafile_bitmap import emf_plus_with_image

    grey = Image.frombytes("L", (40, 1), b"Quennevarth Oswin 4857773456 ".ljust(40, b"x"))
    png = io.BytesIO()
    grey.save(png, "PNG", compress_level=0)           # stored, not deflated: the pixel bytes spell words
    data = png.getvalue()
    text = b"tEXtAuthor\0Farrowby Edna"
    chunk = struct.pack(">I", len(text) - 4) + text + struct.pack(">I", zlib.crc32(text))
    data = data[:33] + chunk + data[33:]               # after IHDR
    found = strings(emf_plus_with_image(data, grey.size, pieces=2))
    assert any("Farrowby" in s for s in found)
    assert not any("Quennevarth" in s for s in found)
