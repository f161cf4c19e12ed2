"""Hiding places red team 7 found in PDF handouts (a generator written from scratch), as general forms:
entries the spec does not define on the catalog and pages, colour under a zero soft mask, named
destinations' names, page labels / layer names / any structure-tree string, text in pattern cells,
letters traced as pixel runs. Made-up patient: Nkechi OBIORA-LINDQVIST, NHS 943 476 5919."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pikepdf
from pdf_helpers import images_of, render_diff, where_planted
from PIL import Image, ImageDraw

import slidesan
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan.options import Options

NAME = "Patient: Nkechi Obiora-Lindqvist NHS 943 476 5919"
NEEDLE = b"Lindqvist"


def clean(path, **kw):
    out = path.with_name(path.stem + ".clean.pdf")
    return out, slidesan.clean(path, out, Options(ocr=False, **kw))


def checked(path):
    return slidesan.check([path], Options(ocr=False))


def flagged_then_gone(pdf, path):
    """Save `pdf`, prove `check` does not pass it and that the cleaned copy holds no trace of the name."""
    save(pdf, path)
    assert checked(path).verdict != "publication"
    out, _report = clean(path)
    assert not where_planted(out, NEEDLE)
    return out


def test_entries_the_spec_does_not_define_on_catalog_and_pages_go(tmp_path):
    pdf = new_pdf()
    pdf.Root["/AcmeCaseRef"] = pikepdf.String(NAME)
    pdf.pages[0].obj["/AcmeNote"] = pikepdf.Dictionary(Text=pikepdf.String(NAME))
    ghost = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Page, Contents=pdf.make_stream(
        b"BT /F1 9 Tf 10 10 Td (" + NAME.encode() + b") Tj ET")))
    pdf.Root["/Extra"] = ghost                   # a page object no page tree reaches
    path = tmp_path / "private.pdf"
    save(pdf, path)
    assert where_planted(path, NEEDLE)
    assert checked(path).verdict != "publication"
    out, report = clean(path)
    assert not where_planted(out, NEEDLE)
    with pikepdf.open(out) as written:
        assert "/Pages" in written.Root and "/Type" in written.pages[0].obj     # spec keys stay
    assert max(render_diff(path, out)) <= 4


def masked_picture(pdf) -> pikepdf.Stream:
    """A grey picture with a name band in its top rows that a soft mask makes fully transparent."""
    img = Image.new("RGB", (160, 120), (90, 90, 90))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 159, 19), fill=(255, 0, 255))
    draw.text((4, 4), "OBIORA-LINDQVIST", fill=(0, 0, 0))
    stream = pdf.make_stream(zlib.compress(img.tobytes()))
    stream.Filter, stream.Type, stream.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height, stream.ColorSpace, stream.BitsPerComponent = 160, 120, pikepdf.Name.DeviceRGB, 8
    alpha = Image.new("L", (80, 60), 255)                      # a mask of another size
    alpha.paste(0, (0, 0, 80, 10))
    mask = pdf.make_stream(zlib.compress(alpha.tobytes()))
    mask.Filter, mask.Type, mask.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
    mask.Width, mask.Height, mask.ColorSpace, mask.BitsPerComponent = 80, 60, pikepdf.Name.DeviceGray, 8
    stream.SMask = mask
    return stream


def magenta(img) -> int:
    arr = np.asarray(img.convert("RGB")).astype(int)
    return int(((arr[:, :, 0] > 200) & (arr[:, :, 1] < 60) & (arr[:, :, 2] > 200)).sum())


def test_colour_under_a_zero_soft_mask_is_cleared(tmp_path):
    pdf = new_pdf()
    pdf.pages[0].obj.Resources.XObject.Im1 = masked_picture(pdf)
    add_content(pdf, 0, b"q 160 0 0 120 200 40 cm /Im1 Do Q\n")
    path = tmp_path / "masked.pdf"
    save(pdf, path)
    assert sum(magenta(img) for img in images_of(path)) > 1000
    out, report = clean(path)
    assert sum(magenta(img) for img in images_of(out)) == 0
    assert any(f.step == "masked-pixels" for f in report.findings)
    assert max(render_diff(path, out)) <= 4


def test_named_destinations_are_renamed_and_links_follow(tmp_path):
    pdf = new_pdf(pages=2)
    second = pdf.pages[1].obj
    key = "Obiora-Lindqvist_MRI"
    pdf.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=pikepdf.Array(
        [pikepdf.String(key), pikepdf.Array([second, pikepdf.Name.Fit])])))
    pdf.Root.Dests = pikepdf.Dictionary({"/Lindqvist_CT": pikepdf.Array([second, pikepdf.Name.Fit])})
    link = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                                Rect=pikepdf.Array([10, 10, 100, 30]), Dest=pikepdf.String(key)))
    pdf.pages[0].obj.Annots = pikepdf.Array([link])
    outline = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines))
    item = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Case 2"), Parent=outline,
                                                A=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Name("/Lindqvist_CT"))))
    outline.First = outline.Last = item
    pdf.Root.Outlines = outline
    out = flagged_then_gone(pdf, tmp_path / "dests.pdf")
    with pikepdf.open(out) as written:
        tree = dict(pikepdf.NameTree(written.Root.Names.Dests).items())
        target = tree[str(written.pages[0].obj.Annots[0].Dest)]
        assert target[0].objgen == written.pages[1].obj.objgen
        target = tree[str(written.Root.Outlines.First.A.D)]
        assert target[0].objgen == written.pages[1].obj.objgen


def test_page_labels_layer_names_and_every_structure_string_are_scanned(tmp_path):
    for place in ("labels", "layer", "struct"):
        pdf = new_pdf()
        if place == "labels":
            pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(P=pikepdf.String(NAME))]))
        elif place == "layer":
            group = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String(NAME)))
            pdf.Root.OCProperties = pikepdf.Dictionary(OCGs=pikepdf.Array([group]),
                                                       D=pikepdf.Dictionary(Order=pikepdf.Array([group])))
        else:
            element = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure,
                                                           ID=pikepdf.String(NAME), Pg=pdf.pages[0].obj))
            pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot,
                                                                           K=pikepdf.Array([element])))
        path = tmp_path / f"{place}.pdf"
        save(pdf, path)
        out, report = clean(path)
        flagged = [f for f in report.findings if f.action == "flagged" and f.severity == "high"]
        assert flagged and report.verdict == "identifiable", place


def test_text_in_a_pattern_cell_makes_the_page_read_as_drawn(tmp_path):
    pdf = new_pdf()
    cell = pdf.make_stream(b"BT /F1 8 Tf 2 4 Td (" + NAME.encode() + b") Tj ET")
    cell.Type, cell.PatternType, cell.PaintType, cell.TilingType = pikepdf.Name.Pattern, 1, 1, 1
    cell.BBox, cell.XStep, cell.YStep = pikepdf.Array([0, 0, 260, 14]), 260, 14
    cell.Resources = pikepdf.Dictionary(Font=pdf.pages[0].obj.Resources.Font)
    pdf.pages[0].obj.Resources.Pattern = pikepdf.Dictionary(P1=cell)
    add_content(pdf, 0, b"/Pattern cs /P1 scn 20 40 260 14 re f\n")
    path = tmp_path / "pattern.pdf"
    save(pdf, path)
    _out, report = clean(path)
    assert any(f.action == "not-inspected" and "pattern" in f.message for f in report.findings)
    assert report.verdict != "publication"


def traced_caption(rows: int) -> bytes:
    """A caption drawn as one rectangle per run of lit pixels (how some tools flatten text)."""
    img = Image.new("1", (300, 24), 0)
    ImageDraw.Draw(img).text((2, 4), NAME, fill=1)
    lit = np.asarray(img)[:rows]
    ops = [b"0 g"]
    for y, row in enumerate(lit):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                ops.append(b"%d %.1f %d 0.8 re" % (20 + start, 200 - y * 0.8, x - start))
            x += 1
    return b" ".join(ops) + b" f\n"


def test_letters_traced_as_rectangle_runs_make_the_page_read_as_drawn(tmp_path):
    pdf = new_pdf()
    add_content(pdf, 0, traced_caption(24))
    path = tmp_path / "traced.pdf"
    save(pdf, path)
    _out, report = clean(path)
    assert any(f.action == "not-inspected" and "straight-edged" in f.message for f in report.findings)
    assert report.verdict != "publication"


def test_a_table_of_cells_is_not_taken_for_traced_letters(tmp_path):
    pdf = new_pdf()
    cells = b" ".join(b"%d %d 40 14 re" % (20 + 42 * c, 40 + 16 * r) for r in range(8) for c in range(8))
    add_content(pdf, 0, b"0.9 g " + cells + b" f\n")
    path = tmp_path / "table.pdf"
    save(pdf, path)
    _out, report = clean(path)
    assert not any(f.action == "not-inspected" for f in report.findings)


def page_text(path) -> str:
    from slidesan.pdf.text import page_texts

    return " ".join(p.text for p in page_texts(path.read_bytes()))


def test_text_under_an_opaque_box_goes_but_text_under_a_see_through_highlight_stays(tmp_path):
    pdf = new_pdf()
    pdf.pages[0].obj.Resources.ExtGState = pikepdf.Dictionary(
        Half=pikepdf.Dictionary(ca=0.4), Mul=pikepdf.Dictionary(BM=pikepdf.Name.Multiply))
    add_content(pdf, 0, b"BT /F1 10 Tf 40 60 Td (" + NAME.encode() + b") Tj ET 0 g 35 55 300 20 re f\n"
                b"BT /F1 10 Tf 40 120 Td (Highlighted finding) Tj ET q /Half gs 1 1 0 rg 35 115 200 20 re f Q\n"
                b"BT /F1 10 Tf 40 160 Td (Multiplied finding) Tj ET q /Mul gs 1 1 0 rg 35 155 200 20 re f Q\n")
    path = tmp_path / "boxed.pdf"
    save(pdf, path)
    assert "Lindqvist" in page_text(path)
    out, report = clean(path)
    assert not where_planted(out, NEEDLE) and "Lindqvist" not in page_text(out)
    assert "Highlighted finding" in page_text(out) and "Multiplied finding" in page_text(out)
    assert "Visible teaching text" in page_text(out)
    assert any("opaque shape" in f.message for f in report.findings)
    assert max(render_diff(path, out)) <= 4


def test_check_reads_what_annotation_appearances_and_field_tooltips_say(tmp_path):
    for place in ("stamp", "tooltip"):
        pdf = new_pdf()
        fields = {}
        if place == "stamp":
            look = pdf.make_stream(b"BT /F1 9 Tf 2 4 Td (" + NAME.encode() + b") Tj ET")
            look.Type, look.Subtype, look.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, pikepdf.Array([0, 0, 300, 20])
            look.Resources = pikepdf.Dictionary(Font=pdf.pages[0].obj.Resources.Font)
            fields = dict(Subtype=pikepdf.Name.Stamp, AP=pikepdf.Dictionary(N=look))
        else:
            fields = dict(Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("f1"), TU=pikepdf.String(NAME))
        annot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Rect=pikepdf.Array([40, 40, 340, 60]),
                                                     **fields))
        pdf.pages[0].obj.Annots = pikepdf.Array([annot])
        if place == "tooltip":
            pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([annot]))
        path = tmp_path / f"{place}.pdf"
        save(pdf, path)
        assert checked(path).verdict == "identifiable", place


def test_a_picture_stored_sideways_on_a_turned_page_is_read_as_shown(tmp_path):
    import shutil

    import pytest

    if not shutil.which("tesseract"):
        pytest.skip("Tesseract is needed")
    from PIL import ImageFont

    from fixtures.decks.scan import FONT_PATHS

    font = ImageFont.truetype(FONT_PATHS[0], 28)
    img = Image.new("L", (760, 50), 255)
    ImageDraw.Draw(img).text((10, 8), "OBIORA-LINDQVIST NHS 943 476 5919", fill=0, font=font)
    img = img.rotate(90, expand=True)               # stored reading bottom to top
    pdf = new_pdf()
    stream = pdf.make_stream(zlib.compress(img.tobytes()))
    stream.Filter, stream.Type, stream.Subtype = pikepdf.Name.FlateDecode, pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height = img.size
    stream.ColorSpace, stream.BitsPerComponent = pikepdf.Name.DeviceGray, 8
    pdf.pages[0].obj.Resources.XObject.Im1 = stream
    pdf.pages[0].obj.Rotate = 90                     # the viewer turns it upright
    add_content(pdf, 0, b"q 25 0 0 250 40 20 cm /Im1 Do Q\n")
    path = tmp_path / "turned.pdf"
    save(pdf, path)
    out = path.with_name("turned.clean.pdf")
    report = slidesan.clean(path, out, Options())
    assert report.verdict == "identifiable"
    assert any(f.action == "flagged" and f.image and "turned" in f.image for f in report.findings)


def test_output_intent_text_goes_and_its_identifier_stays(tmp_path):
    pdf = new_pdf()
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1, OutputConditionIdentifier=pikepdf.String("sRGB"),
        Info=pikepdf.String(NAME), OutputCondition=pikepdf.String(NAME))])
    out = flagged_then_gone(pdf, tmp_path / "intent.pdf")
    with pikepdf.open(out) as written:
        assert str(written.Root.OutputIntents[0].OutputConditionIdentifier) == "sRGB"
