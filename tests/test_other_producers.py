"""Red team 18: files other programs write. Content types spelt in another letter case, a trailer key a
writer keeps its own data under (LibreOffice's hybrid PDF keeps the source presentation there), and a
ZIP package inside a PDF stream, whose text is deflated where printable runs see nothing."""

from __future__ import annotations

import io
import re
import zipfile

import pikepdf
import pytest

import slidesan
from fixtures.hiding.kit import Package
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.pdf.steps.trailer_keys import STANDARD_KEYS

PATIENT = "Patient: Thistlewood, Ansel  Hosp No RX4471209  DOB 12/03/1958"


def odf_package(text: str) -> bytes:
    """A made-up presentation package whose content holds `text`, deflated as an ODF writer stores it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        package.writestr("content.xml", f"<office:document-content><text:p>{text}</text:p>"
                                        + "<draw:page/>" * 200 + "</office:document-content>")
    return buf.getvalue()


def mixed_case_types(path) -> None:
    """[Content_Types].xml rewritten the way some writers spell it: types and part names in other cases."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    types = members["[Content_Types].xml"].decode()
    types = re.sub(r'ContentType="application/', 'ContentType="Application/', types)
    types = re.sub(r'PartName="(/[^"]+)"', lambda m: f'PartName="{m.group(1).upper()}"', types)
    members["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def test_content_types_in_another_letter_case_are_read_as_their_own(tmp_path):
    pkg = Package()
    deck, out = tmp_path / "deck.pptx", tmp_path / "out.pptx"
    pkg.save(deck)
    mixed_case_types(deck)
    report = slidesan.clean(deck, out, Options(ocr=False))
    assert out.exists() and report.verdict == "publication"
    types = zipfile.ZipFile(out).read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types and "Application/" not in types
    assert slidesan.check([deck], Options(ocr=False)).verdict != "identifiable"


def test_a_deck_with_mixed_case_types_still_has_its_notes_read(tmp_path):
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Imaging review"
    slide.notes_slide.notes_text_frame.text = PATIENT
    deck, out = tmp_path / "deck.pptx", tmp_path / "out.pptx"
    prs.save(deck)
    mixed_case_types(deck)
    assert slidesan.check([deck], Options(ocr=False)).verdict == "identifiable"
    slidesan.clean(deck, out, Options(ocr=False))
    assert not any(b"Thistlewood" in zipfile.ZipFile(out).read(n) for n in zipfile.ZipFile(out).namelist())


def hybrid(tmp_path, text: str):
    pdf = new_pdf()
    pdf.trailer.AdditionalStreams = pikepdf.Array([
        pikepdf.Name("/application#2Fvnd.oasis.opendocument.presentation"), pdf.make_stream(odf_package(text))])
    path = tmp_path / "hybrid.pdf"
    save(pdf, path)
    return path


@pytest.mark.parametrize("text", [PATIENT, "Axial CT shows a 2 cm lesion"], ids=["identifying", "teaching"])
def test_a_writers_own_trailer_key_is_removed(tmp_path, text):
    path, out = hybrid(tmp_path, text), tmp_path / "out.pdf"
    report = slidesan.clean(path, out, Options(ocr=False))
    assert report.verdict == "publication"
    with pikepdf.open(out) as written:
        assert {str(k) for k in written.trailer.keys()} <= STANDARD_KEYS
        assert not any(isinstance(o, pikepdf.Stream) and o.read_bytes().startswith(b"PK") for o in written.objects)
    assert any("AdditionalStreams" in f.message and f.action == "removed" for f in report.findings)


def vendor_stream(pdf, data: bytes) -> None:
    """A graphics state the page uses, carrying a stream under a key nobody defines."""
    pdf.pages[0].obj.Resources.ExtGState = pikepdf.Dictionary(
        GS1=pikepdf.Dictionary(CA=1, VendorSource=pdf.make_stream(data)))
    add_content(pdf, 0, b"q /GS1 gs Q\n")


@pytest.mark.parametrize("before", [b"", b"\n\x00\x07"], ids=["at the start", "after other bytes"])
def test_a_zip_package_in_a_stream_nobody_owns_is_read_inflated(tmp_path, before):
    """No step knows the key; the sweep reads the package's members, so the file is not written. Bytes
    before a package do not stop a ZIP reader, so they do not stop the sweep either."""
    pdf = new_pdf()
    vendor_stream(pdf, before + odf_package(PATIENT))
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(pdf, path)
    with pytest.raises(SlidesanError, match="self-check"):
        slidesan.clean(path, out, Options(ocr=False))
    assert not out.exists()


def test_a_member_header_or_an_end_record_alone_is_no_package():
    """Either signature alone is chance in binary data (an image's samples) and changes nothing."""
    from slidesan.pdf.verify.places import packed_strings, strings

    for chance in (b"\x00\x01PK\x03\x04 pixels", b"\x00PK\x05\x06 pixels PK\x03\x04 more"):
        assert packed_strings(chance) == strings(chance)


def test_a_teaching_zip_package_in_a_stream_does_not_stop_the_clean(tmp_path):
    pdf = new_pdf()
    vendor_stream(pdf, odf_package("Axial CT shows a 2 cm lesion"))
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(pdf, path)
    assert slidesan.clean(path, out, Options(ocr=False)).verdict == "publication"


def _rewritten_deck(tmp_path, change) -> Path:
    from pptx import Presentation

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "Imaging review"
    deck = tmp_path / "deck.pptx"
    prs.save(deck)
    with zipfile.ZipFile(deck) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    change(members)
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)
    return deck


def test_a_deck_with_any_part_in_the_strict_namespaces_is_refused_in_one_line(tmp_path):
    """Steps read the transitional namespaces only: a layout written in Strict's would go unread."""
    def strict_layout(members):
        layout = "ppt/slideLayouts/slideLayout2.xml"
        members[layout] = members[layout].replace(b"http://schemas.openxmlformats.org/presentationml/2006/main",
                                                  b"http://purl.oclc.org/ooxml/presentationml/main")

    with pytest.raises(SlidesanError, match="Strict Open XML"):
        slidesan.clean(_rewritten_deck(tmp_path, strict_layout), tmp_path / "out.pptx", Options(ocr=False))
    assert not (tmp_path / "out.pptx").exists()


def test_run_text_no_paragraph_was_read_for_is_judged_alone(tmp_path):
    """DrawingML written as the default namespace (other writers' choice of prefix) has no `a:p` for
    the sweep to join runs into; the run's own text must still be judged, not left to a paragraph."""
    from slidesan.deck.verify.sweep import sweep_zip

    layout = ('<?xml version="1.0" encoding="UTF-8"?><p:sldLayout xmlns:p="http://schemas.openxmlformats.org/'
              'presentationml/2006/main"><p:cSld><p:spTree><p:sp><p:txBody><bodyPr xmlns="http://schemas.'
              'openxmlformats.org/drawingml/2006/main"/><p xmlns="http://schemas.openxmlformats.org/drawingml/'
              f'2006/main"><r><t>{PATIENT}</t></r></p></p:txBody></p:sp></p:spTree></p:cSld></p:sldLayout>')
    path = tmp_path / "written.pptx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override '
                         'PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.presentationml.slideLayout+xml"/></Types>')
        package.writestr("ppt/slideLayouts/slideLayout1.xml", layout)
    result = sweep_zip(path, Options(ocr=False))
    said = " ".join(str(getattr(d, "message", d)) for d in [*result.defects, *result.flags])
    assert "Thistlewood" in said or "RX4471209" in said or "12/03/1958" in said


def test_a_plain_trailer_entry_is_removed_as_private_data(tmp_path):
    pdf = new_pdf()
    pdf.trailer.DocChecksum = pikepdf.Name("/0A1B2C3D4E5F")
    path, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    save(pdf, path)
    report = slidesan.clean(path, out, Options(ocr=False))
    assert report.verdict == "publication"
    with pikepdf.open(out) as written:
        assert "/DocChecksum" not in written.trailer
    assert [f.category for f in report.findings if "DocChecksum" in f.message] == ["private-data"]


def test_an_ordinary_deck_that_names_the_strict_uri_is_not_refused(tmp_path):
    """Only a part whose root element is in Strict's namespaces is Strict: a title, a property or an
    extension element that mentions the URI is ordinary content."""
    def mention(members):
        slide = "ppt/slides/slide1.xml"
        members[slide] = members[slide].replace(b"Imaging review", b"Schemas: http://purl.oclc.org/ooxml/ explained")
        members[slide] = members[slide].replace(
            b"</p:sld>", b'<p:extLst><p:ext uri="{0A1B}"><x:y xmlns:x="http://purl.oclc.org/ooxml/example"/>'
                         b"</p:ext></p:extLst></p:sld>")

    report = slidesan.clean(_rewritten_deck(tmp_path, mention), tmp_path / "out.pptx", Options(ocr=False))
    assert (tmp_path / "out.pptx").exists() and report.verdict != "identifiable"


def test_a_strict_part_under_any_name_is_refused(tmp_path):
    """A Strict layout stored under a name that does not end in .xml is still a Strict part."""
    def renamed_strict_layout(members):
        layout = "ppt/slideLayouts/slideLayout2.xml"
        data = members.pop(layout).replace(b"http://schemas.openxmlformats.org/presentationml/2006/main",
                                           b"http://purl.oclc.org/ooxml/presentationml/main")
        members["ppt/slideLayouts/slideLayout2.dat"] = data
        rels = "ppt/slides/_rels/slide1.xml.rels"
        members[rels] = members[rels].replace(b"slideLayout2.xml", b"slideLayout2.dat")
        types = "[Content_Types].xml"
        members[types] = members[types].replace(b"</Types>", b'<Default Extension="dat" ContentType='
                                                b'"application/vnd.openxmlformats-officedocument.presentationml.'
                                                b'slideLayout+xml"/></Types>')

    with pytest.raises(SlidesanError, match="Strict Open XML"):
        slidesan.clean(_rewritten_deck(tmp_path, renamed_strict_layout), tmp_path / "out.pptx", Options(ocr=False))
    assert not (tmp_path / "out.pptx").exists()
