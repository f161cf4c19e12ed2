"""Every PDF hiding place: its planted canaries are gone from the written file (raw bytes and every
decoded stream), what must stay stays, the pages look the same, and `check` reports it."""

from __future__ import annotations

import pytest
from pdf_helpers import build_pdf, render_diff, where_planted

import slidesan
from slidesan.options import Options

PLACES = ["document_info", "annotations", "embedded_files", "actions", "form_fields", "optional_content",
          "thumbnails", "private_data", "metadata_streams", "invisible_text", "incremental_history",
          "content_comments", "font_programs", "unused_resources"]


def clean(path, **kw):
    out = path.with_name(path.stem + ".clean.pdf")
    report = slidesan.clean(path, out, Options(ocr=False, **kw))
    return out, report


@pytest.mark.parametrize("place", PLACES)
def test_canaries_gone(tmp_path, place):
    path, planted = build_pdf(tmp_path, place)
    for canary in planted["canaries"]:
        assert where_planted(path, canary), f"fixture did not plant {canary!r}"
    out, report = clean(path)
    for canary in planted["canaries"]:
        assert not where_planted(out, canary), f"{canary!r} survived in {place}"
    kept = planted.get("kept", [])
    for needle in kept if isinstance(kept, list) else [kept]:
        assert where_planted(out, needle), f"{needle!r} should stay"
    assert max(render_diff(path, out)) <= 4
    assert any(f.step and f.step.replace("-", "_") == place for f in report.findings), "no finding from the step"


def test_check_reports_without_writing(tmp_path):
    path, _ = build_pdf(tmp_path, "annotations")
    report = slidesan.check([path], Options(ocr=False))
    assert report.files[0]["kind"] == "pdf"
    assert any(f.category == "comment" and f.action == "flagged" for f in report.findings)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations.pdf"]


def test_check_reads_what_an_undrawn_form_said(tmp_path):
    path, _ = build_pdf(tmp_path, "unused_resources")
    report = slidesan.check([path], Options(ocr=False))
    assert {"name", "nhs-number"} <= {f.category for f in report.findings if f.step == "unused-resources"}
    assert report.verdict == "identifiable"


def test_document_id_regenerated(tmp_path):
    path, planted = build_pdf(tmp_path, "document_id")
    out, report = clean(path)
    assert any(f.category == "document-id" for f in report.findings)
    import pikepdf

    with pikepdf.open(out) as pdf:
        ids = [bytes(i) for i in pdf.trailer.ID]
    assert planted["id"] not in ids
    assert b"/Prev" not in out.read_bytes() and out.read_bytes().count(b"%%EOF") == 1


def test_invisible_text_keeps_visible_glyphs_in_place(tmp_path):
    from slidesan.pdf.text import page_texts

    path, _ = build_pdf(tmp_path, "invisible_text")
    out, report = clean(path)
    before = {c: b for c, b in zip(page_texts(path.read_bytes())[0].text, page_texts(path.read_bytes())[0].boxes)}
    after = page_texts(out.read_bytes())[0]
    assert "PLANTED" not in after.text and "Kept after mode3" in after.text
    k = after.text.index("Kept")
    original = page_texts(path.read_bytes())[0]
    k0 = original.text.index("Kept")
    assert after.boxes[k] == pytest.approx(original.boxes[k0], abs=0.01)
    reasons = " ".join(f.message for f in report.findings if f.category == "invisible-text")
    for reason in ("render mode 3", "white", "zero", "under a picture", "clipped"):
        assert reason in reasons
    del before


def test_kept_web_link_with_a_name_in_its_path_is_flagged(tmp_path):
    import pikepdf

    from fixtures.pdfs.common import new_pdf, save

    pdf = new_pdf()
    pdf.pages[0].obj.Annots = pikepdf.Array([pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10], A=pikepdf.Dictionary(
            S=pikepdf.Name.URI, URI=pikepdf.String("https://pacs.example.org/view/Mr-John-Smith"))))])
    path = tmp_path / "link.pdf"
    save(pdf, path)
    _out, report = clean(path)
    assert any(f.category == "name" and f.action == "flagged" for f in report.findings)


def test_text_the_rewrite_drops_unread_is_still_rated_by_check(tmp_path):
    """A comment line in the body and bytes after the last %%EOF: no viewer shows them and the rewrite
    drops them, but `check` must rate the input by what it held."""
    import io

    import pikepdf

    from fixtures.pdfs.common import new_pdf

    buf = io.BytesIO()
    new_pdf(text=b"Chest radiograph").save(buf, compress_streams=False,
                                           object_stream_mode=pikepdf.ObjectStreamMode.disable)
    raw = buf.getvalue()
    header_end = raw.index(b"\n", raw.index(b"%PDF-")) + 1
    raw = raw[:header_end] + b"% Patient: SMITH^JOHN, DOB 14/03/1961\n" + raw[header_end:] + b"NHS 943 476 5919\n"
    path = tmp_path / "dropped.pdf"
    path.write_bytes(raw)
    report = slidesan.check(path, Options(ocr=False))
    found = {(f.category, f.text) for f in report.findings if f.severity == "high"}
    assert {("name", "SMITH^JOHN"), ("date-of-birth", "14/03/1961"), ("nhs-number", "943 476 5919")} <= found, found
    assert report.verdict != "publication"
    out, _ = clean(path)
    assert where_planted(out, b"SMITH") == [] and where_planted(out, b"943 476") == []


def test_comment_lines_inside_stream_data_are_not_body_text(tmp_path):
    """A Type 1 font carries `%` lines of its own (its designer, its date): stream data, not a comment."""
    import io

    import pikepdf

    from fixtures.pdfs.common import new_pdf

    pdf = new_pdf(text=b"Chest radiograph")
    pdf.make_indirect(pikepdf.Stream(pdf, b"%!PS-AdobeFont-1.0: CMR10\n%Copyright: David M. Jones 1997\n"))
    pdf.Root.FontProgram = pdf.objects[-1]
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    path = tmp_path / "font.pdf"
    path.write_bytes(buf.getvalue())
    assert b"%Copyright: David M. Jones" in path.read_bytes()
    report = slidesan.check(path, Options(ocr=False))
    assert not [f for f in report.findings if "outside the document's objects" in str(vars(f))]


def test_a_jpeg_2000_images_boxes_are_left_out_and_its_codestream_kept(tmp_path):
    """A JPXDecode image is a JP2 file as it came: its XML box said the patient's name and record
    number, which `check` saw (the sweep) but `clean` could not remove, so nothing was written."""
    import io
    import struct

    import numpy as np
    import pikepdf
    from PIL import Image

    pixels = np.full((64, 64), 90, np.uint8)
    buffer = io.BytesIO()
    try:
        Image.fromarray(pixels).save(buffer, "JPEG2000", irreversible=False)
    except (OSError, KeyError):
        pytest.skip("Pillow was built without OpenJPEG")
    xml = b"<case>Patient Wilberforce Grantchester MRN GX7741203</case>"
    data = buffer.getvalue() + struct.pack(">I4s", 8 + len(xml), b"xml ") + xml
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64, Height=64,
                           Filter=pikepdf.Name.JPXDecode)
    page = pdf.add_blank_page(page_size=(200, 200))
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 100 0 0 100 10 10 cm /Im0 Do Q")
    path = tmp_path / "jpx.pdf"
    pdf.save(path)
    out, report = clean(path)
    assert b"Grantchester" not in out.read_bytes() and report.verdict != "publication"
    with pikepdf.open(out) as written:
        kept = pikepdf.PdfImage(next(iter(written.pages[0].Resources.XObject.values())))
        assert np.array_equal(np.asarray(kept.as_pil_image()), pixels)
