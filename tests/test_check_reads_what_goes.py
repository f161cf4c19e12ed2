"""What a clean drops without a step reading it still rates the input in `check`: an orphan zip
entry's name and bytes, a master's cached footer or date text, bytes appended after a picture's end.
benchmarks/plant_identifiers.py --check found each rated `limited-access` with a hospital number there.
Every deck here is made up in the test."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

import slidesan
from fixtures.common import add_picture, blank_deck, blank_slide

MRN = "Hosp No: K7741208"


def _deck(tmp_path, change) -> object:
    prs = blank_deck()
    slide = blank_slide(prs)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (90, 90, 90)).save(buffer, "PNG")
    add_picture(slide, buffer.getvalue(), 914400, 914400)
    plain = tmp_path / "plain.pptx"
    prs.save(plain)
    path = tmp_path / "deck.pptx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)))
        extra = change("", b"")
        if extra:
            dst.writestr(*extra)
    return path


def _rated(path) -> str:
    return slidesan.check([path], slidesan.Options(ocr=False)).verdict


def test_an_orphan_zip_entry_is_read_by_its_name_and_bytes(tmp_path):
    by_bytes = _deck(tmp_path, lambda name, data: ("ppt/extra.bin", b"\x00\x01" + MRN.encode() + b"\x00")
                     if name == "" else data)
    assert _rated(by_bytes) == "identifiable"
    by_number = _deck(tmp_path, lambda name, data: ("ppt/notes.bin", b"\x00\x01NHS 943 476 5919\x00")
                      if name == "" else data)
    assert _rated(by_number) == "identifiable"      # no two words: read all the same
    by_name = _deck(tmp_path, lambda name, data: ("ppt/media/Hosp_No_K7741208.bin", b"\x00" * 8)
                    if name == "" else data)
    assert _rated(by_name) == "identifiable"


def test_a_masters_cached_date_text_is_read(tmp_path):
    def change(name, data):
        if name == "ppt/slideMasters/slideMaster1.xml" and b'type="datetime' in data:
            head, _, tail = data.partition(b'type="datetime')
            start = tail.index(b"<a:t>") + 5
            return head + b'type="datetime' + tail[:start] + MRN.encode() + b" " + tail[start:]
        return data if name else None
    path = _deck(tmp_path, change)
    assert MRN.encode() in zipfile.ZipFile(path).read("ppt/slideMasters/slideMaster1.xml")
    assert _rated(path) == "identifiable"


def test_bytes_after_a_pictures_end_are_read(tmp_path):
    path = _deck(tmp_path, lambda name, data: data + b"\x00trailer " + MRN.encode()
                 if name.startswith("ppt/media/") else (data if name else None))
    assert _rated(path) == "identifiable"
    far = _deck(tmp_path, lambda name, data: data + b"\x00" + b"export log " * 40 + MRN.encode()
                if name.startswith("ppt/media/") else (data if name else None))
    assert _rated(far) == "identifiable"          # deep inside one long printable run
    out = tmp_path / "out.pptx"
    slidesan.clean(path, out, slidesan.Options(ocr=False))
    assert not any(b"K7741208" in zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist())


def test_xml_comments_and_instructions_are_read_and_removed(tmp_path):
    """Before a part's root, inside its tree, in a relationships part: read (check rates the deck by
    them), and none written (deck/steps/xml_comments.py)."""
    def change(name, data):
        if name == "ppt/slides/slide1.xml":
            data = data.replace(b"?>", b"?><?acme-export user=\"Oakhart, Quentin\"?>", 1)
            return data.replace(b"<p:spTree>", b"<p:spTree><!-- NHS 943 476 5919 -->", 1)
        if name == "ppt/slides/_rels/slide1.xml.rels":
            return data.replace(b"<Relationships ", b"<!-- " + MRN.encode() + b" --><Relationships ", 1)
        return data if name else None
    path = _deck(tmp_path, change)
    report = slidesan.check([path], slidesan.Options(ocr=False))
    assert report.verdict == "identifiable"
    assert {f.category for f in report.findings if "XML comment" in f.message} >= {"name", "nhs-number",
                                                                                 "hospital-number"}
    out = tmp_path / "out.pptx"
    slidesan.clean(path, out, slidesan.Options(ocr=False))
    with zipfile.ZipFile(out) as zf:
        written = b"".join(zf.read(n) for n in zf.namelist())
    assert b"<!--" not in written and b"Oakhart" not in written and b"K7741208" not in written


def test_a_dangling_relationships_target_rates_the_input(tmp_path):
    """A relationship whose target part is missing (here a chart's workbook) is dropped by the writer
    unread; a name in its target rated nothing in check (plant_identifiers.py --check, seeds 10 and 12)."""
    from fixtures.decks import embeddings

    source = tmp_path / "source.pptx"
    embeddings.build(source)
    path = tmp_path / "deck.pptx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("ppt/charts/_rels/") and b"relationships/package" in data:
                data = data.replace(b"Microsoft_Excel_Sheet1.xlsx", b"Patient_Oakhart_Quentin.xlsx", 1)
            dst.writestr(info, data)
    findings = slidesan.check([path], slidesan.Options(ocr=False)).findings
    assert any(f.category == "name" and "missing part" in f.message for f in findings)
