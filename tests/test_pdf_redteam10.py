"""PDF forms red team 10 found in files written by other producers (LibreOffice's PDF export, hand-made
incremental updates, ghostscript, qpdf, img2pdf), as general forms. Made-up patient: Wilberforce
Grantchester, hospital number GX7741203."""

from __future__ import annotations

import pikepdf
from pdf_helpers import where_planted

import slidesan
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan.options import Options

MRN = "GX7741203"


def checked(path):
    return slidesan.check([path], Options(ocr=False))


def assert_cleaned_away(path, tmp_path, *secrets: bytes):
    """A clean without OCR writes none of `secrets`, in any part or stream of the output (returned)."""
    out = tmp_path / "out.pdf"
    slidesan.clean(path, out, Options(ocr=False))
    for secret in secrets:
        assert not where_planted(out, secret), secret
    return out


def identifiable_then_cleaned(path, tmp_path, said: str) -> None:
    """check names the hospital number (its message saying where: `said`) and rates the input
    identifiable; a clean leaves the number nowhere."""
    report = checked(path)
    assert any(f.category == "hospital-number" and said in f.message for f in report.findings)
    assert report.verdict == "identifiable"
    assert_cleaned_away(path, tmp_path, MRN.encode())



def _link(pdf, uri: str) -> None:
    annot = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 72, 200, 90], Border=[0, 0, 0],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(uri))))
    pdf.pages[0].obj["/Annots"] = pikepdf.Array([annot])


def test_a_link_whose_address_carries_a_hospital_number_is_a_direct_identifier(tmp_path):
    pdf = new_pdf()
    _link(pdf, f"https://pacs.example.org/viewer?mrn={MRN}&name=Grantchester")
    path = tmp_path / "link.pdf"
    save(pdf, path)
    report = checked(path)
    assert report.verdict == "identifiable", [(f.category, f.severity, f.message) for f in report.findings]
    assert_cleaned_away(path, tmp_path, MRN.encode())


def test_a_plain_link_with_a_query_is_not_identifiable(tmp_path):
    pdf = new_pdf()
    _link(pdf, "https://radiopaedia.example.org/search?q=pulmonary+embolism&lang=en")
    path = tmp_path / "link.pdf"
    save(pdf, path)
    assert checked(path).verdict != "identifiable"


def _jpeg_page(pdf, jpeg: bytes, metadata: bytes | None = None) -> None:
    image = pikepdf.Stream(pdf, jpeg, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64, Height=48,
                           BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceGray, Filter=pikepdf.Name.DCTDecode)
    if metadata is not None:
        image.Metadata = pikepdf.Stream(pdf, metadata)
    page = pdf.pages[0]
    page.obj.Resources.XObject = pikepdf.Dictionary(Im9=pdf.make_indirect(image))
    add_content(pdf, 0, b"q 100 0 0 75 10 10 cm /Im9 Do Q")


def _jpeg(description: str = "") -> bytes:
    import io

    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    exif = Image.Exif()
    if description:
        exif[0x010E] = description                                      # ImageDescription
    pixels = np.random.default_rng(5).integers(0, 255, (48, 64), dtype=np.uint8)
    Image.fromarray(pixels).save(buffer, "JPEG", exif=exif.tobytes() if description else b"")
    return buffer.getvalue()


def test_a_name_in_a_jpeg_images_exif_makes_the_handout_identifiable(tmp_path):
    pdf = new_pdf()
    _jpeg_page(pdf, _jpeg(f"Wilberforce Grantchester {MRN}"))
    path = tmp_path / "exif.pdf"
    save(pdf, path)
    identifiable_then_cleaned(path, tmp_path, "metadata")


def test_a_name_in_an_images_xmp_is_named(tmp_path):
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li>'
           + f"Wilberforce Grantchester {MRN}".encode() + b"</rdf:li></rdf:Alt></dc:description></rdf:Description>"
           b"</rdf:RDF></x:xmpmeta>")
    pdf = new_pdf()
    _jpeg_page(pdf, _jpeg(), xmp)
    path = tmp_path / "xmp.pdf"
    save(pdf, path)
    assert checked(path).verdict == "identifiable"


def test_a_plain_jpeg_adds_no_identifier(tmp_path):
    pdf = new_pdf()
    _jpeg_page(pdf, _jpeg("Axial CT, lung window"))
    path = tmp_path / "plain.pdf"
    save(pdf, path)
    assert checked(path).verdict != "identifiable"


def _append_revision(base: bytes, objects: dict[tuple[int, int], bytes]) -> bytes:
    """An incremental update written by hand: new bodies for `objects`, an xref section, /Prev."""
    import re as _re

    with pikepdf.open(__import__("io").BytesIO(base)) as pdf:
        size, root = int(pdf.trailer.Size), pdf.Root.objgen
    prev = int(_re.findall(rb"startxref\s+(\d+)", base)[-1])
    out, offsets = bytearray(base if base.endswith(b"\n") else base + b"\n"), {}
    for (num, gen), body in objects.items():
        offsets[num, gen] = len(out)
        out += f"{num} {gen} obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(f"{n} 1\n{offsets[n, g]:010d} {g:05d} n \n".encode() for n, g in sorted(offsets))
    out += (f"trailer\n<< /Size {size} /Root {root[0]} {root[1]} R /Prev {prev} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _named_then_blanked(tmp_path, text: bytes):
    pdf = new_pdf(text)
    path = tmp_path / "first.pdf"
    save(pdf, path)
    with pikepdf.open(path) as first:
        contents = first.pages[0].obj.Contents
        objgen = (contents if isinstance(contents, pikepdf.Stream) else contents[0]).objgen
    blank = b"<< /Length 0 >>\nstream\n\nendstream"
    updated = tmp_path / "updated.pdf"
    updated.write_bytes(_append_revision(path.read_bytes(), {objgen: blank}))
    return updated


def test_a_name_only_an_earlier_revision_shows_makes_the_input_identifiable(tmp_path):
    path = _named_then_blanked(tmp_path, f"Patient Wilberforce Grantchester {MRN}".encode())
    with pikepdf.open(path) as pdf:                              # the last revision shows nothing
        assert b"Grantchester" not in pdf.pages[0].obj.Contents.read_bytes()
    identifiable_then_cleaned(path, tmp_path, "earlier revision")


def test_an_earlier_revision_of_plain_text_adds_no_identifier(tmp_path):
    report = checked(_named_then_blanked(tmp_path, b"Pulmonary embolism: CT signs"))
    assert not [f for f in report.findings if "earlier revision" in f.message]


def test_a_colour_profiles_text_is_read_and_blanked_and_the_profile_kept(tmp_path):
    import numpy as np

    from slidesan.images.icc import SRGB_CURVE, SRGB_PRIMARIES, profile_texts, rgb_profile

    profile = rgb_profile(f"Calibrated for Wilberforce Grantchester {MRN}", SRGB_PRIMARIES, SRGB_CURVE)
    pdf = new_pdf()
    pixels = np.random.default_rng(7).integers(0, 255, (48, 64, 3), dtype=np.uint8).tobytes()
    colour = pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(profile, N=3)])
    image = pdf.make_stream(pixels, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64, Height=48,
                            BitsPerComponent=8, ColorSpace=colour)
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Im9=image)
    add_content(pdf, 0, b"q 100 0 0 75 10 10 cm /Im9 Do Q")
    path = tmp_path / "icc.pdf"
    save(pdf, path)
    assert checked(path).verdict == "identifiable"
    out = assert_cleaned_away(path, tmp_path, b"Grantchester", MRN.encode())
    with pikepdf.open(out) as written:
        (shown,) = written.pages[0].images.values()
        kept = [shown.ColorSpace[1].read_bytes()]
    assert kept[0][36:40] == b"acsp"                                                  # a profile stays
    assert all(not text.strip() for _what, text in profile_texts(kept[0]))


def test_a_plain_profile_adds_no_identifier(tmp_path):
    from slidesan.images.icc import standard_bytes

    pdf = new_pdf()
    colour = pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(standard_bytes("sRGB"), N=3)])
    image = pdf.make_stream(bytes(64 * 48 * 3), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64,
                            Height=48, BitsPerComponent=8, ColorSpace=colour)
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Im9=image)
    add_content(pdf, 0, b"q 100 0 0 75 10 10 cm /Im9 Do Q")
    path = tmp_path / "plain.pdf"
    save(pdf, path)
    assert checked(path).verdict != "identifiable"


def test_a_jpeg_images_own_colour_profile_text_is_read_and_left_out(tmp_path):
    import io

    import numpy as np
    from PIL import Image

    from slidesan.images.icc import SRGB_CURVE, SRGB_PRIMARIES, rgb_profile

    buffer = io.BytesIO()
    pixels = np.random.default_rng(8).integers(0, 255, (48, 64, 3), dtype=np.uint8)
    profile = rgb_profile(f"Calibrated for Wilberforce Grantchester {MRN}", SRGB_PRIMARIES, SRGB_CURVE)
    Image.fromarray(pixels).save(buffer, "JPEG", icc_profile=profile)
    pdf = new_pdf()
    image = pikepdf.Stream(pdf, buffer.getvalue(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=64,
                           Height=48, BitsPerComponent=8, ColorSpace=pikepdf.Name.DeviceRGB,
                           Filter=pikepdf.Name.DCTDecode)
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Im9=pdf.make_indirect(image))
    add_content(pdf, 0, b"q 100 0 0 75 10 10 cm /Im9 Do Q")
    path = tmp_path / "jpeg_icc.pdf"
    save(pdf, path)
    assert checked(path).verdict == "identifiable"
    assert_cleaned_away(path, tmp_path, b"Grantchester")
