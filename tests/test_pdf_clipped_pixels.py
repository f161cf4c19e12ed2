"""Clipped-away pixels leave the PDF; the pages look the same (item 1 of issue 14)."""

from __future__ import annotations

import pikepdf
from pdf_helpers import build_pdf, magenta_pixels, render_diff

import slidesan
from slidesan.options import Options


def clean(path):
    out = path.with_name(path.stem + ".clean.pdf")
    return out, slidesan.clean(path, out, Options(ocr=False))


def image_sizes(path) -> list[tuple[int, int, str]]:
    with pikepdf.open(path) as pdf:
        return sorted((int(o.Width), int(o.Height), str(o.get("/Filter"))) for o in pdf.objects
                      if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")


def test_every_hidden_pixel_gone_and_pages_alike(tmp_path):
    path, _ = build_pdf(tmp_path, "clipped_pixels")
    assert magenta_pixels(path) > 10_000
    out, report = clean(path)
    assert magenta_pixels(out) == 0
    assert max(render_diff(path, out, dpi=100)) <= 4
    crops = [f for f in report.findings if f.category == "crop" and f.action == "cropped"]
    assert len(crops) >= 5
    assert report.verdict != "publication"          # OCR was off


def test_one_image_per_visible_region_with_encodings_kept(tmp_path):
    path, _ = build_pdf(tmp_path, "clipped_pixels")
    out, _ = clean(path)
    sizes = image_sizes(out)
    # Im1 on page 1 and page 2 use 1 (same region: one image), page 2 use 2 (another region),
    # Im2 (JPEG, stays JPEG), the soft masks cut alike, Im3 off the page and inside an ellipse-like path.
    assert (200, 120, "/FlateDecode") in sizes                       # 150 rows less the 30-row band
    assert (100, 100, "/FlateDecode") in sizes or (100, 67, "/FlateDecode") in sizes
    assert any(f == "/DCTDecode" and (w, h) == (160, 96) for w, h, f in sizes)
    assert sizes.count((200, 120, "/FlateDecode")) == 2              # the picture and its soft mask
    assert not any((w, h) == (200, 150) for w, h, _f in sizes)


def test_written_pdf_has_no_uncut_residue(tmp_path):
    from slidesan.pdf.document import PdfDoc
    from slidesan.pdf.steps import clipped_pixels

    path, _ = build_pdf(tmp_path, "clipped_pixels")
    assert clipped_pixels.residue(PdfDoc(path), Options())
    out, _ = clean(path)
    assert clipped_pixels.residue(PdfDoc(out), Options()) == []


def test_outside_an_elliptical_clip_made_white(tmp_path):
    path, _ = build_pdf(tmp_path, "clipped_pixels")
    out, report = clean(path)
    with pikepdf.open(out) as pdf:
        page = pdf.pages[3]
        name = next(iter(page.Resources.XObject.keys()))
        img = pikepdf.PdfImage(page.Resources.XObject[name]).as_pil_image().convert("RGB")
    w, h = img.size
    for corner in ((2, 2), (w - 3, 2), (2, h - 3), (w - 3, h - 3)):
        assert img.getpixel(corner) == (255, 255, 255)
    assert img.getpixel((w // 2, h // 2)) != (255, 255, 255)
    assert any("non-rectangular" in f.message for f in report.findings)
    assert max(render_diff(path, out, dpi=100)) <= 4


def test_image_drawn_only_by_a_pattern_is_not_vouched_for(tmp_path):
    from fixtures.pdfs.common import image_xobject, new_pdf, save

    pdf = new_pdf()
    picture = image_xobject(pdf, 40, 30, band=10)
    tile = pdf.make_stream(b"q 40 0 0 30 0 0 cm /Im1 Do Q", Type=pikepdf.Name.Pattern, PatternType=1, PaintType=1,
                           TilingType=1, BBox=[0, 0, 40, 30], XStep=40, YStep=30,
                           Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im1=picture)))
    page = pdf.pages[0]
    page.obj.Resources.Pattern = pikepdf.Dictionary(P1=tile)
    page.obj.Contents = pdf.make_stream(b"/Pattern cs /P1 scn 10 10 100 100 re f\n")
    path = tmp_path / "pattern.pdf"
    save(pdf, path)
    out, report = clean(path)
    assert any("drawn only by patterns" in f.message and f.action == "not-inspected" for f in report.findings)
    assert report.verdict == "needs-review"
