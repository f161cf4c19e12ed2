"""Identifiers inside the payloads of PDF streams, where the last sweep does not read (red team 20), as
general forms: bytes after an image's or an inline image's last row, operators no viewer runs and
operands no operator takes, a JPEG deflated inside a filter chain, bytes after a fax image's rows, and
samples a /Decode array or a stencil mask hides from the shown picture.
Made-up patient: Oyelaran QUILLFEATHER, hospital number QF7731904."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pikepdf
from pdf_helpers import render_diff, where_planted
from PIL import Image, ImageDraw

import slidesan
from fixtures.pdfs.common import add_content, new_pdf, save
from slidesan.options import Options

NAME = "Patient: Oyelaran Quillfeather  Hosp No QF7731904"
NEEDLE = b"Quillfeather"


def clean(path):
    out = path.with_name(path.stem + ".clean.pdf")
    return out, slidesan.clean(path, out, Options(ocr=False))


def check_verdict(path) -> str:
    return slidesan.check([path], Options(ocr=False)).verdict


def image(pdf, data: bytes, width: int, height: int, **keys) -> pikepdf.Stream:
    stream = pdf.make_stream(data)
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height, stream.BitsPerComponent = width, height, keys.pop("bpc", 8)
    stream.ColorSpace = pikepdf.Name.DeviceGray
    for key, value in keys.items():
        stream[f"/{key}"] = value
    return stream


def drawn(pdf, stream) -> None:
    pdf.pages[0].obj.Resources.XObject = pikepdf.Dictionary(Im1=stream)
    add_content(pdf, 0, b"q 200 0 0 40 40 150 cm /Im1 Do Q\n")


def ramp(width: int, height: int) -> bytes:
    return bytes(int(40 + 170 * x / (width - 1)) for x in range(width)) * height


def only_unread_pictures(report) -> bool:
    """Nothing remains but the pictures OCR (off in these tests) did not read."""
    return all(f.category == "ocr" for f in report.findings if f.remains)


def gone_and_rated(path, deflated: bool = False):
    """The name is in the input, `check` rates it identifiable, the cleaned copy holds no trace of it and
    looks the same (`deflated`: the name is compressed inside the payload, where a search cannot see it)."""
    assert deflated or where_planted(path, NEEDLE)
    assert check_verdict(path) == "identifiable"
    out, report = clean(path)
    assert not where_planted(out, NEEDLE)
    assert only_unread_pictures(report)
    assert max(render_diff(path, out)) <= 1
    return out


def test_bytes_after_an_images_last_row_are_cut_and_read(tmp_path):
    pdf = new_pdf()
    drawn(pdf, image(pdf, zlib.compress(ramp(120, 20) + NAME.encode()), 120, 20, Filter=pikepdf.Name.FlateDecode))
    save(pdf, tmp_path / "rows.pdf")
    gone_and_rated(tmp_path / "rows.pdf")


def run_length(data: bytes) -> bytes:
    return b"".join(bytes([len(data[i:i + 128]) - 1]) + data[i:i + 128] for i in range(0, len(data), 128)) + b"\x80"


def test_bytes_after_the_last_row_of_a_run_length_image_are_cut(tmp_path):
    """qpdf decodes RunLength only when asked for more than its default level."""
    pdf = new_pdf()
    drawn(pdf, image(pdf, run_length(ramp(120, 20) + NAME.encode()), 120, 20, Filter=pikepdf.Name.RunLengthDecode))
    save(pdf, tmp_path / "runs.pdf")
    assert check_verdict(tmp_path / "runs.pdf") == "identifiable"
    out, report = clean(tmp_path / "runs.pdf")
    assert NEEDLE not in out.read_bytes() and only_unread_pictures(report)
    with pikepdf.open(out) as written:
        assert all(NEEDLE not in o.read_bytes(pikepdf.StreamDecodeLevel.specialized) for o in written.objects
                   if isinstance(o, pikepdf.Stream))


def test_predicted_rows_past_the_declared_height_are_cut(tmp_path):
    """PNG predictors, and deflated text among the extra rows (read through the inner zlib stream)."""
    rows = ramp(120, 20) + zlib.compress(NAME.encode()).ljust(240, b"\0")
    predicted = b"".join(b"\0" + rows[i:i + 120] for i in range(0, len(rows), 120))
    pdf = new_pdf()
    drawn(pdf, image(pdf, zlib.compress(predicted), 120, 20, Filter=pikepdf.Name.FlateDecode,
                     DecodeParms=pikepdf.Dictionary(Predictor=15, Columns=120)))
    save(pdf, tmp_path / "predicted.pdf")
    out = gone_and_rated(tmp_path / "predicted.pdf", deflated=True)
    with pikepdf.open(out) as written:
        assert not any(zlib.compress(NAME.encode()) in obj.read_bytes() for obj in written.objects
                       if isinstance(obj, pikepdf.Stream))


def test_operators_no_viewer_runs_and_left_over_operands_go(tmp_path):
    pdf = new_pdf()
    add_content(pdf, 0, b"BX (" + NAME.encode() + b") Zcase EX\n(" + NAME.encode() + b") PS\n")
    save(pdf, tmp_path / "operators.pdf")
    gone_and_rated(tmp_path / "operators.pdf")
    pdf = new_pdf()
    add_content(pdf, 0, b"(" + NAME.encode() + b")")          # nothing ever takes this operand
    save(pdf, tmp_path / "dangling.pdf")
    gone_and_rated(tmp_path / "dangling.pdf")


def test_operands_that_end_one_content_stream_of_a_page_and_are_taken_in_the_next_stay(tmp_path):
    """A page's /Contents array is read as one stream: the split may fall inside an operation."""
    pdf = new_pdf()
    parts = [b"0 0 1 rg 20 20 160", b"160 re f BT /F1 12 Tf 30 300 Td [(Axial", b") -20 (T2)] TJ ET"]
    pdf.pages[0].obj.Contents = pikepdf.Array([pdf.make_stream(part) for part in parts])
    save(pdf, tmp_path / "split.pdf")
    out, report = clean(tmp_path / "split.pdf")
    assert max(render_diff(tmp_path / "split.pdf", out)) < 0.5
    assert not [f for f in report.findings if "operands no operator takes" in f.message]


def test_bytes_after_an_inline_images_rows_are_cut(tmp_path):
    pdf = new_pdf()
    add_content(pdf, 0, b"q 200 0 0 20 40 150 cm BI /W 60 /H 4 /BPC 8 /CS /G ID " + ramp(60, 4) + NAME.encode()
                + b"\nEI Q\n")
    save(pdf, tmp_path / "inline.pdf")
    gone_and_rated(tmp_path / "inline.pdf")


def test_an_inline_image_whose_samples_hold_ei_stays_one_image(tmp_path):
    """Samples `00 20 'EI' 20 ...` written raw would end the image early; the cut image is written in hex."""
    samples = b"\x00\x20EI\x20" + bytes(7)
    pdf = new_pdf()
    add_content(pdf, 0, b"q 100 0 0 100 50 50 cm BI /W 2 /H 2 /CS /RGB /BPC 8 /F /AHx ID "
                + (samples + NAME.encode()).hex().encode() + b">\nEI Q 0 0 1 rg 0 0 20 20 re f\n")
    save(pdf, tmp_path / "ei.pdf")
    out, _ = clean(tmp_path / "ei.pdf")
    with pikepdf.open(out) as written:
        operators = [str(i.operator) for i in pikepdf.parse_content_stream(written.pages[0])]
    assert operators.count("INLINE IMAGE") == 1 and "EI" not in operators
    assert not where_planted(out, NEEDLE)


def test_a_jpeg_deflated_inside_a_filter_chain_is_unwrapped_and_its_comment_stripped(tmp_path):
    buf = io.BytesIO()
    Image.frombytes("L", (120, 20), ramp(120, 20)).convert("RGB").save(buf, "JPEG", quality=90)
    jpeg = buf.getvalue()
    comment = NAME.encode()
    jpeg = jpeg[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + jpeg[2:]
    pdf = new_pdf()
    stream = image(pdf, zlib.compress(jpeg), 120, 20, Filter=pikepdf.Array([pikepdf.Name.FlateDecode,
                                                                            pikepdf.Name.DCTDecode]))
    stream.ColorSpace = pikepdf.Name.DeviceRGB
    drawn(pdf, stream)
    save(pdf, tmp_path / "chain.pdf")
    assert check_verdict(tmp_path / "chain.pdf") == "identifiable"
    out, report = clean(tmp_path / "chain.pdf")
    assert only_unread_pictures(report)
    with pikepdf.open(out) as written:
        picture = next(o for o in written.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image")
        assert picture.Filter == pikepdf.Name.DCTDecode and NEEDLE not in picture.read_raw_bytes()


def fax_coded(text_pixels: Image.Image) -> bytes:
    buf = io.BytesIO()
    text_pixels.convert("1").save(buf, "TIFF", compression="group4")
    tiff = Image.open(io.BytesIO(buf.getvalue()))
    start, count = tiff.tag_v2[273][0], tiff.tag_v2[279][0]
    return buf.getvalue()[start:start + count]


def test_bytes_after_a_fax_images_rows_go(tmp_path):
    picture = Image.new("L", (160, 24), 255)
    ImageDraw.Draw(picture).rectangle((10, 6, 120, 18), fill=0)
    pdf = new_pdf()
    drawn(pdf, image(pdf, fax_coded(picture) + NAME.encode(), 160, 24, bpc=1,
                     Filter=pikepdf.Name.CCITTFaxDecode,
                     DecodeParms=pikepdf.Dictionary(K=-1, Columns=160, Rows=24)))
    save(pdf, tmp_path / "fax.pdf")
    out, report = clean(tmp_path / "fax.pdf")
    assert where_planted(tmp_path / "fax.pdf", NEEDLE) and not where_planted(out, NEEDLE)
    assert only_unread_pictures(report)
    assert max(render_diff(tmp_path / "fax.pdf", out)) <= 1


def test_a_fax_image_drawn_in_two_colours_keeps_them(tmp_path):
    """The 1-bit grey rewrite is only for grey and stencil fax images: an Indexed red/white one stays."""
    picture = Image.new("L", (160, 24), 255)
    ImageDraw.Draw(picture).rectangle((10, 6, 120, 18), fill=0)
    pdf = new_pdf()
    stream = image(pdf, fax_coded(picture), 160, 24, bpc=1, Filter=pikepdf.Name.CCITTFaxDecode,
                   DecodeParms=pikepdf.Dictionary(K=-1, Columns=160, Rows=24))
    stream.ColorSpace = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1,
                                       pikepdf.String(bytes([255, 0, 0, 255, 255, 255]))])
    drawn(pdf, stream)
    save(pdf, tmp_path / "red.pdf")
    out, _ = clean(tmp_path / "red.pdf")
    assert max(render_diff(tmp_path / "red.pdf", out)) < 0.5


def test_samples_a_decode_array_or_a_stencil_mask_hides_are_read_as_stored(tmp_path):
    """pikepdf (like a viewer) applies /Decode and masks; an extraction tool does not: the scan reads both."""
    from slidesan.pdf.stored_samples import stored_inputs
    from slidesan.step_context import StepContext

    samples = Image.new("L", (160, 24), 255)
    ImageDraw.Draw(samples).rectangle((10, 6, 120, 18), fill=0)
    pdf = new_pdf()
    white = image(pdf, zlib.compress(samples.tobytes()), 160, 24, Filter=pikepdf.Name.FlateDecode,
                  Decode=pikepdf.Array([1, 1]))
    stencil = image(pdf, zlib.compress(b"\xff" * 20 * 24), 160, 24, bpc=1, ImageMask=True,
                    Filter=pikepdf.Name.FlateDecode)
    del stencil["/ColorSpace"]
    masked = image(pdf, zlib.compress(samples.tobytes()), 160, 24, Filter=pikepdf.Name.FlateDecode, Mask=stencil)
    plain = image(pdf, zlib.compress(samples.tobytes()), 160, 24, Filter=pikepdf.Name.FlateDecode)
    assert np.asarray(pikepdf.PdfImage(white).as_pil_image()).min() == 255          # as shown: blank
    read = stored_inputs([white, masked, plain], StepContext(Options()))
    assert sorted(read) == [f"image {white.objgen[0]} (stored samples)", f"image {masked.objgen[0]} (stored samples)"]
    for _obj, png in read.values():
        assert np.asarray(Image.open(io.BytesIO(png)).convert("L")).min() == 0        # as stored: the bar


def test_palette_entries_no_pixel_uses_are_cleared(tmp_path):
    """Text in an Indexed palette past the two entries the picture uses: cleared, the picture unchanged."""
    palette = (bytes([250, 250, 250, 60, 60, 60]) + NAME.encode()).ljust(256 * 3, b" ")
    samples = bytes((x // 10) % 2 for x in range(120)) * 20
    pdf = new_pdf()
    stream = image(pdf, zlib.compress(samples), 120, 20, Filter=pikepdf.Name.FlateDecode)
    stream.ColorSpace = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 255, pikepdf.String(palette)])
    drawn(pdf, stream)
    save(pdf, tmp_path / "palette.pdf")
    out = gone_and_rated(tmp_path / "palette.pdf")
    with pikepdf.open(out) as written:
        lookup = bytes(next(o for o in written.objects if isinstance(o, pikepdf.Stream)
                            and o.get("/Subtype") == "/Image").ColorSpace[3])
        assert lookup[:6] == palette[:6] and not lookup[6:].strip(b"\0")


def test_a_palette_whose_hival_is_outside_the_standard_is_left_to_the_sweep(tmp_path):
    """hival is 0..255: a negative one (or 10^5, which padded a huge lookup) is not cleared here."""
    samples = bytes(120 * 20)
    for hival in (-2, 100_000):
        pdf = new_pdf()
        stream = image(pdf, zlib.compress(samples), 120, 20, Filter=pikepdf.Name.FlateDecode)
        stream.ColorSpace = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, hival,
                                           pikepdf.String(bytes(6))])
        drawn(pdf, stream)
        save(pdf, tmp_path / "hival.pdf")
        out, report = clean(tmp_path / "hival.pdf")
        assert out.exists() and report.verdict


def embedded_truetype(pdf, program: bytes) -> None:
    stream = pdf.make_stream(program)
    stream.Length1 = len(program)
    descriptor = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=pikepdf.Name("/ABCDEF+DejaVuSans"), Flags=32,
        FontBBox=[-1021, -463, 1793, 1232], ItalicAngle=0, Ascent=928, Descent=-236, CapHeight=729, StemV=80,
        FontFile2=stream))
    pdf.pages[0].obj.Resources.Font.F2 = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name("/ABCDEF+DejaVuSans"),
        FirstChar=32, LastChar=126, Widths=[600] * 95, Encoding=pikepdf.Name.WinAnsiEncoding,
        FontDescriptor=descriptor))
    add_content(pdf, 0, b"BT /F2 14 Tf 40 200 Td (Lobe) Tj ET\n")


def small_truetype():
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    options = subset.Options()
    options.layout_features, options.glyph_names = [], True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="Lobe ")
    subsetter.subset(font)
    return font


def font_bytes(font) -> bytes:
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def test_a_font_table_no_renderer_reads_goes(tmp_path):
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    font = small_truetype()
    private = DefaultTable("zPAT")
    private.data = NAME.encode("utf-16-be")
    font["zPAT"] = private
    pdf = new_pdf()
    embedded_truetype(pdf, font_bytes(font))
    save(pdf, tmp_path / "table.pdf")
    gone_and_rated(tmp_path / "table.pdf")


def test_a_font_signature_table_goes_unread(tmp_path):
    """A signed font's DSIG names its vendor's certificate authority: removed, never reported as a person."""
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    font = small_truetype()
    signature = DefaultTable("DSIG")
    signature.data = b"\x00\x00\x00\x01\x00\x00\x00\x00" + b"VeriSign, Inc. Class 3 Code Signing John Smith"
    font["DSIG"] = signature
    pdf = new_pdf()
    embedded_truetype(pdf, font_bytes(font))
    save(pdf, tmp_path / "signed.pdf")
    out, report = clean(tmp_path / "signed.pdf")
    assert b"VeriSign" not in out.read_bytes()
    assert not [f for f in report.findings if f.category == "name"]


def test_the_sweep_reads_glyph_names_and_a_type1_fonts_encrypted_part(tmp_path):
    """Fail closed: a name as a glyph name, or inside a Type 1 font's eexec part, is never written."""
    import pytest

    from slidesan.errors import SlidesanError

    font = small_truetype()
    order = font.getGlyphOrder()
    spare, renamed = order[-1], "Oyelaran_Quillfeather"
    font.setGlyphOrder([renamed if g == spare else g for g in order])
    font["post"].formatType, font["post"].extraNames, font["post"].mapping = 2.0, [], {}
    font["hmtx"].metrics[renamed] = font["hmtx"].metrics.pop(spare)
    font["glyf"].glyphs[renamed] = font["glyf"].glyphs.pop(spare)
    font["glyf"].glyphOrder = font.getGlyphOrder()
    for table in font["cmap"].tables:
        table.cmap = {c: (renamed if g == spare else g) for c, g in table.cmap.items()}
    pdf = new_pdf()
    embedded_truetype(pdf, font_bytes(font))
    save(pdf, tmp_path / "glyph.pdf")
    with pytest.raises(SlidesanError, match="font program"):
        clean(tmp_path / "glyph.pdf")
    from slidesan.pdf.verify.font_strings import eexec_plain

    r, secret = 55665, b"\0\0\0\0/Note (" + NAME.encode() + b") def"
    encrypted = bytearray()
    for plain in secret:
        cipher = plain ^ (r >> 8)
        encrypted.append(cipher)
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    assert NAME.encode() in eexec_plain(bytes(encrypted))
    assert NAME.encode() in eexec_plain(bytes(encrypted).hex().encode())        # the hex form too


def test_text_inside_a_type3_glyph_no_page_uses_is_never_written(tmp_path):
    import pytest

    from slidesan.errors import SlidesanError

    pdf = new_pdf()
    helvetica = pdf.pages[0].obj.Resources.Font.F1
    box = pdf.make_stream(b"500 0 0 0 500 700 d1 50 0 400 600 re f\n")
    hidden = pdf.make_stream(b"500 0 d0 BT /F1 40 Tf 0 0 Td (" + NAME.encode() + b") Tj ET\n")
    pdf.pages[0].obj.Resources.Font.F3 = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, 0, 500, 700],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=pikepdf.Dictionary(a=box, b=hidden),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[97, pikepdf.Name.a, pikepdf.Name.b]),
        FirstChar=97, LastChar=98, Widths=[500, 500], Resources=pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=helvetica))))
    add_content(pdf, 0, b"BT /F3 12 Tf 40 200 Td (aaa) Tj ET\n")
    save(pdf, tmp_path / "type3.pdf")
    assert check_verdict(tmp_path / "type3.pdf") != "publication"
    with pytest.raises(SlidesanError, match="Type 3 glyph"):
        clean(tmp_path / "type3.pdf")


def gray_profile(private_text: bytes = b"", past_end: bytes = b"") -> bytes:
    """A small ICC v2 gray profile: description, white point, identity curve, and a 'zpat' text tag."""
    import struct

    tags = {b"desc": b"desc" + bytes(4) + struct.pack(">I", 5) + b"Gray\0" + bytes(79),
            b"wtpt": b"XYZ " + bytes(4) + struct.pack(">iii", 63190, 65536, 54061),
            b"kTRC": b"curv" + bytes(4) + struct.pack(">I", 0)}
    if private_text:
        tags[b"zpat"] = b"text" + bytes(4) + private_text + b"\0"
    table, body, start = b"", b"", 128 + 4 + 12 * len(tags)
    for sig, data in tags.items():
        data += bytes(-len(data) % 4)
        table, body = table + sig + struct.pack(">II", start + len(body), len(data)), body + data
    size = 128 + 4 + len(table) + len(body)
    header = (struct.pack(">I", size) + b"none" + bytes([2, 0x10, 0, 0]) + b"mntrGRAY" + b"XYZ " + bytes(12)
              + b"acsp" + bytes(28) + struct.pack(">iii", 63190, 65536, 54061) + bytes(48))
    return header + struct.pack(">I", len(tags)) + table + body + past_end


def test_a_colour_profiles_own_text_tag_and_bytes_past_its_end_go(tmp_path):
    for name, profile in (("tag", gray_profile(private_text=NAME.encode())),
                          ("past", gray_profile(past_end=NAME.encode("utf-16-be")))):
        pdf = new_pdf()
        icc = pdf.make_stream(profile)
        icc.N = 1
        stream = image(pdf, zlib.compress(ramp(120, 20)), 120, 20, Filter=pikepdf.Name.FlateDecode)
        stream.ColorSpace = pikepdf.Array([pikepdf.Name.ICCBased, icc])
        drawn(pdf, stream)
        save(pdf, tmp_path / f"{name}.pdf")
        gone_and_rated(tmp_path / f"{name}.pdf")
