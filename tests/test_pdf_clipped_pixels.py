"""Clipped-away pixels leave the PDF; the pages look the same (item 1 of issue 14)."""

from __future__ import annotations

import pikepdf
import pytest
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


def sample_image(pdf, kind: str):
    """A 64x48 picture in one of the sample layouts the cutter must handle, top 12 rows distinct."""
    import zlib

    import numpy as np

    rows = np.zeros((48, 64), dtype=np.uint8)
    rows[:12] = 1
    rows[30:40, 10:50] = 2
    fields = dict(Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64, Height=48,
                  Filter=pikepdf.Name.FlateDecode)
    if kind == "indexed-4bit":
        palette = pikepdf.String(bytes([20, 40, 60, 255, 0, 255, 250, 200, 20] + [0] * 39))
        packed = np.packbits(np.unpackbits(rows[..., None], axis=2)[..., 4:].reshape(48, -1), axis=1)
        return pdf.make_stream(zlib.compress(packed.tobytes()), ColorSpace=pikepdf.Array(
            [pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 15, palette]), BitsPerComponent=4, **fields)
    if kind == "gray-16bit":
        values = (rows.astype(">u2") * 30000).tobytes()
        return pdf.make_stream(zlib.compress(values), ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=16,
                               **fields)
    if kind == "mask-1bit":
        bits = np.packbits((rows > 0).astype(np.uint8), axis=1)
        return pdf.make_stream(zlib.compress(bits.tobytes()), ImageMask=True, **fields)
    raise ValueError(kind)



@pytest.mark.parametrize("kind", ["indexed-4bit", "gray-16bit", "mask-1bit"])
def test_sample_layouts_cut_and_look_the_same(tmp_path, kind):
    from fixtures.pdfs.common import add_content, add_image, new_pdf, save

    pdf = new_pdf()
    add_image(pdf, 0, "/Im1", sample_image(pdf, kind))
    # 64x48 px drawn at 128x96 pt; the clip hides the top 12 rows (24 pt) and 4 columns on the left
    add_content(pdf, 0, b"1 0 0 rg q 28 20 120 72 re W n 128 0 0 96 20 20 cm /Im1 Do Q\n")
    path = tmp_path / f"{kind}.pdf"
    save(pdf, path)
    out, report = clean(path)
    assert max(render_diff(path, out, dpi=150)) <= 4
    sizes = [(w, h) for w, h, _f in image_sizes(out)]
    assert sizes == [(60, 36)], sizes
