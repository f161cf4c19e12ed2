"""The last sweep of a written PDF (pdf/verify/): every string left is judged, whatever step wrote it.

Made-up PDFs put identifiers where no step looks: the self-check must refuse to write them, flag them
where a viewer shows them, or report what it could not read; harmless structure (spec names, binary
IDs, `%` inside strings) must pass."""

from __future__ import annotations

import pikepdf
import pytest

import slidesan
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan.errors import SlidesanError
from slidesan.options import Options
from slidesan.pdf.comment_lexer import comments, without_comments
from slidesan.pdf.name_words import name_leaks, name_text
from slidesan.pdf.objects import is_binary
from slidesan.pdf.verify.sweep import sweep_pdf
from slidesan.report.model import Finding

PATIENT = "Patient SMITH, John  NHS 943 476 5919  DOB 14/03/1961"


def graphics_state(pdf, **private):
    """A graphics state the page uses, carrying private entries no step knows."""
    pdf.pages[0].obj.Resources.ExtGState = pikepdf.Dictionary(GS1=pikepdf.Dictionary(CA=1, **private))
    add_content(pdf, 0, b"q /GS1 gs Q\n")


def written(tmp_path, build):
    pdf = new_pdf()
    build(pdf)
    path = tmp_path / "in.pdf"
    save(pdf, path)
    return path


def test_identifier_in_a_place_no_step_knows_is_never_written(tmp_path):
    """A stream hung under a key nobody defines: no step owns it, so the self-check refuses."""
    path = written(tmp_path, lambda pdf: graphics_state(pdf, VendorData=pdf.make_stream(PATIENT.encode())))
    out = tmp_path / "out.pdf"
    with pytest.raises(SlidesanError, match="self-check.*sweep"):
        slidesan.clean(path, out, Options(ocr=False))
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in.pdf"]
    report = slidesan.check([path], Options(ocr=False))      # check rates the input by what a clean cannot remove
    hidden = [f for f in report.findings if f.step == "sweep" and f.remains]
    assert {f.category for f in hidden} >= {"name", "nhs-number"}
    assert all(f.severity == "high" and "a clean refuses to write this file" in f.message for f in hidden)
    assert report.verdict == "identifiable" and report.exit_code() == 1


@pytest.mark.parametrize("plant", [
    lambda pdf: pdf.pages[0].obj.Resources.Font.F1.__setitem__("/ReviewNote", pikepdf.String(PATIENT)),
    lambda pdf: graphics_state(pdf, Vendor=pikepdf.Dictionary(Notes=pikepdf.Array([pikepdf.String(PATIENT)]))),
    lambda pdf: pdf.pages[0].obj.Resources.Font.F1.__setitem__("/Note", pikepdf.String("Hosp No: K7741208")),
    # Shift-JIS bytes (mostly above ASCII, like a file ID) are decoded as the producer wrote them
    lambda pdf: graphics_state(pdf, Vendor=pikepdf.Dictionary(Note=pikepdf.String(
        "患者氏名 山田太郎 生年月日 昭和三十六年三月十四日 番号 9434765919".encode("cp932")))),
], ids=["private key on a font", "array in a private dictionary", "a labelled record number", "Shift-JIS"])
def test_a_string_under_a_key_no_step_owns_is_emptied(tmp_path, plant):
    """Strings under keys no step owns (pdf/steps/stray_strings.py), on any dictionary: emptied by the
    clean, and rated by check as the identifiers they are (plant_identifiers_pdf.py found a labelled
    record number on a font and on a stream's dictionary kept, with the verdict publication)."""
    path = written(tmp_path, plant)
    out = tmp_path / "out.pdf"
    report = slidesan.clean(path, out, Options(ocr=False))
    emptied = [f for f in report.findings if f.step == "stray-strings"]
    assert emptied and all(f.action == "removed" and f.severity == "high" for f in emptied)
    with pikepdf.open(out) as pdf:
        strings = [bytes(v) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) for v in obj.values()
                   if isinstance(v, pikepdf.String)]
    assert not any(b"943 476" in s or b"K7741208" in s or b"9434765919" in s for s in strings)
    assert report.verdict == "publication"
    assert slidesan.check([path], Options(ocr=False)).verdict == "identifiable"


def test_harmless_private_entries_pass(tmp_path):
    path = written(tmp_path, lambda pdf: pdf.Root.__setitem__("/Extra", pikepdf.Dictionary(
        Producer=pikepdf.String("Teaching export 2.1"), Mode=pikepdf.Name("/MarkInfo"))))
    report = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert (tmp_path / "out.pdf").exists() and not [f for f in report.findings if f.step == "sweep"]


def test_shown_places_are_flagged_not_refused(tmp_path):
    def plant(pdf):
        add_content(pdf, 0, b"/Span << /ActualText (Dr Priya Raghunathan) >> BDC BT /F1 9 Tf 40 40 Td (x) Tj ET EMC\n")
    pdf = pikepdf.open(written(tmp_path, plant))
    flags = sweep_pdf(pdf, Options(ocr=False)).flags
    assert [f.text for f in flags if f.severity == "high" and "marked-content" in f.message] == \
        ["Dr Priya Raghunathan"]
    assert sweep_pdf(pdf, Options(ocr=False), findings=[Finding(
        "name", "high", "flagged", "x", text="Dr Priya Raghunathan")]).flags == []      # already flagged: once


def test_a_stream_nobody_can_decode_is_not_inspected(tmp_path):
    def plant(pdf):
        graphics_state(pdf, VendorData=pdf.make_stream(b"\x00\x01opaque", Filter=pikepdf.Name("/VendorDecode")))
    report = slidesan.clean(written(tmp_path, plant), tmp_path / "out.pdf", Options(ocr=False))
    assert any(f.step == "sweep" and f.action == "not-inspected" for f in report.findings)
    assert report.verdict != "publication"


def test_names_are_read_as_their_words():
    assert name_text(pikepdf.Name("/ABCDEF+JohnSmith-Regular")) == "John Smith Regular"
    assert name_leaks(name_text(pikepdf.Name("/ABCDEF+JohnSmith-Regular")))
    for structural in ("/MarkInfo", "/JBIG2Decode", "/StructTreeRoot", "/TimesNewRomanPS-BoldMT", "/CMBX10",
                       "/Caps#20Head#202", "/ArtBox", "/RichMediaContent"):
        assert not name_leaks(name_text(pikepdf.Name(structural))), structural
    assert name_leaks(name_text(pikepdf.Name("/RX1234567-943-476-5919")))      # numbers always count


def test_a_palette_and_a_file_id_are_bytes_not_text(tmp_path):
    palette = bytes.fromhex("dd5e6c0f9a11c2e4") * 6                    # reads "Ý^l..." (a SURNAME^GIVEN) as Latin-1
    path = written(tmp_path, lambda pdf: pdf.pages[0].obj.Resources.__setitem__("/ColorSpace", pikepdf.Dictionary(
        CS0=pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 15, pikepdf.String(palette)]))))
    with pikepdf.open(path) as pdf:
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(bytes.fromhex("dd5e6c0f9a11c2e4")), pikepdf.String(b"x" * 8)])
        assert not sweep_pdf(pdf, Options(ocr=False)).defects


def test_the_written_file_id_is_never_read_as_text(tmp_path):
    """The writer's /ID is a hash of the written content: random bytes, which one time in ten have no
    control byte and few high ones, and then read as letters (a corpus handout's hash read as the
    name `Ùcƒsÿ`, and check said a clean would refuse the file). The sweep never reads it; the input's
    IDs are judged by the document-ID step."""
    path = written(tmp_path, lambda pdf: None)
    looks_like_text = bytes.fromhex("d963836673ff") + b"Okonkwo Chidi"     # no control byte, few high bytes
    assert not is_binary(looks_like_text)
    with pikepdf.open(path) as pdf:
        pdf.trailer.ID = pikepdf.Array([pikepdf.String(looks_like_text), pikepdf.String(looks_like_text)])
        assert not sweep_pdf(pdf, Options(ocr=False)).defects


def test_binary_strings_are_not_text():
    assert is_binary(bytes.fromhex("dd5e6c0f9a11c2e4"))            # a file ID: reads 'Ý^l' if taken as text
    assert not is_binary(b"Teaching file")
    assert not is_binary("Zürich".encode("utf-16-be").join([b"\xfe\xff", b""]))
    assert not is_binary("caf\u00e9 au lait".encode("latin-1"))


def test_comment_lexer_knows_a_comment_from_a_percent_sign():
    data = (b"% one\n(50% of (nested %) cases) Tj <25> Tj /ID 3 def\nBI /W 1 /H 1 /BPC 8 /CS /G ID %( EI\n"
            b"q %two\rQ %three")
    assert comments(data) == ["one", "two", "three"]
    assert without_comments(data) == (b" \n(50% of (nested %) cases) Tj <25> Tj /ID 3 def\n"
                                      b"BI /W 1 /H 1 /BPC 8 /CS /G ID %( EI\nq  \rQ  ")


def test_check_reports_what_a_step_left_as_not_inspected(tmp_path, monkeypatch):
    """A step that leaves its own hiding place full fails the clean's self-check; check reports the
    leftover as a high not-inspected finding (never `publication`) instead of stopping with an error."""
    from slidesan.pdf.steps import document_info

    def plant(pdf):
        pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Keywords=pikepdf.String("teaching file")))
    path = written(tmp_path, plant)
    monkeypatch.setattr(document_info, "scrub", lambda doc, ctx: None)
    with pytest.raises(SlidesanError, match="self-check"):
        slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    report = slidesan.check([path], Options(ocr=False))
    left = [f for f in report.findings if f.category == "self-check"]
    assert left and left[0].action == "not-inspected" and "document-info" in left[0].message
    assert report.verdict != "publication" and report.exit_code() == 1


def test_what_a_clean_cannot_remove_says_what_to_do(tmp_path):
    from slidesan.report.guidance import next_step

    path = written(tmp_path, lambda pdf: graphics_state(pdf, VendorData=pdf.make_stream(PATIENT.encode())))
    hidden = [f for f in slidesan.check([path], Options(ocr=False)).findings if f.step == "sweep"]
    assert hidden and all("Print a PDF to a new PDF" in next_step(f) for f in hidden)


def test_megabytes_of_private_data_are_removed_without_reading_them_all(tmp_path, monkeypatch):
    """An editor's private data can hold megabytes (a real Illustrator /PieceInfo: 3.7 MB); its text is
    read up to a limit (an identifier there still rates the input), the rest is removed unread and a
    check says so (review), instead of the detectors spending minutes on it."""
    from slidesan.pdf.steps import private_data

    monkeypatch.setattr(private_data, "READ_LIMIT", 2048)
    blob = (PATIENT + " ").encode() + b"AIPrivateData " * 2000 + b"\x00\x01\x02" * 500

    def plant(pdf):
        pdf.pages[0].obj.PieceInfo = pikepdf.Dictionary(Illustrator=pikepdf.Dictionary(
            Private=pdf.make_stream(blob)))
    path = written(tmp_path, plant)
    report = slidesan.check([path], Options(ocr=False))
    assert any(f.category == "nhs-number" for f in report.findings)
    assert any("only the first 2 KB were read" in f.message and f.severity == "review" for f in report.findings)
    cleaned = slidesan.clean(path, tmp_path / "out.pdf", Options(ocr=False))
    assert b"AIPrivateData" not in (tmp_path / "out.pdf").read_bytes()
    assert cleaned.verdict == "publication"          # removed whole, read or not: nothing of it is left


def test_a_cleaned_handout_passes_its_own_check(tmp_path):
    """Cleaning slidesan's own output gives the same bytes and the same content-derived /ID: that ID
    is not the input's identifying one, and check must not call the handout unvouched for."""
    path = written(tmp_path, lambda pdf: None)
    once = tmp_path / "once.pdf"
    slidesan.clean(path, once, Options(ocr=False))
    report = slidesan.check([once], Options(ocr=False))
    assert not [f for f in report.findings if f.category == "self-check"], report.findings
    assert report.verdict == "publication"


@pytest.mark.parametrize("plant", [
    # a picture the page lists but never draws: removed by unused_resources
    lambda pdf: pdf.pages[0].obj.Resources.__setitem__("/XObject", pikepdf.Dictionary(Im9=pdf.make_stream(
        b"\x00" * 12, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=2, Height=2,
        ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, Comment=pikepdf.String("Hosp No: K7741208")))),
    # a page thumbnail: removed by thumbnails
    lambda pdf: pdf.pages[0].obj.__setitem__("/Thumb", pdf.make_stream(
        b"\x00" * 12, Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
        Note=pikepdf.String("Hosp No: K7741208"))),
    # a file attachment: its embedded stream's own dictionary, removed by embedded_files
    lambda pdf: pdf.pages[0].obj.__setitem__("/Annots", pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.FileAttachment, Rect=[10, 10, 30, 30],
        FS=pikepdf.Dictionary(Type=pikepdf.Name.Filespec, F=pikepdf.String("case.txt"), EF=pikepdf.Dictionary(
            F=pdf.make_stream(b"notes", Type=pikepdf.Name.EmbeddedFile, Comment=pikepdf.String(
                "Hosp No: K7741208"))))))])),
], ids=["unused picture", "thumbnail", "attachment"])
def test_what_a_step_removes_whole_is_read_first(tmp_path, plant):
    """A resource no page draws, a thumbnail and an attachment go whole; the strings of their own
    dictionaries rated nothing, and check said limited-access with a hospital number there
    (plant_identifiers_pdf --check)."""
    path = written(tmp_path, plant)
    report = slidesan.check([path], Options(ocr=False))
    assert any(f.category == "hospital-number" for f in report.findings)
    assert report.verdict == "identifiable"
