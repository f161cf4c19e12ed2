"""Red team 20 places in content streams and the streams beside them: operands nobody draws, PostScript,
functions, a stream longer than its /Length, and text on the page made invisible.

Each place is `name(text) -> pikepdf.Pdf` (or the file's bytes, when the place is in the file's syntax).
"""

from __future__ import annotations

import re

import pikepdf

from build import add_content, add_xobject, draw_image, flate, gradient, image_stream, new_page, pdf_text, \
    text_picture


def _with(text: str, template: bytes) -> pikepdf.Pdf:
    pdf, page = new_page()
    add_content(pdf, page, template.replace(b"@", pdf_text(text)))
    return pdf


def unknown_operator(text):
    """A string operand of an operator no viewer knows, inside BX ... EX (which tells viewers to skip it)."""
    return _with(text, b"BX (@) Zpatient EX\n")


def dangling_operand(text):
    """A string left on the operand stack at the end of the stream: no operator ever consumes it."""
    return _with(text, b"(@)")


def postscript_operator(text):
    """The PDF 1.1 PS operator: PostScript passed to a printer, ignored on screen."""
    return _with(text, b"(/Helvetica findfont 12 scalefont setfont 40 100 moveto (@) show) PS\n")


def postscript_xobject(text):
    """An XObject of /Subtype /PS drawn by Do (viewers skip it; a PostScript printer runs it)."""
    pdf, page = new_page()
    ps = pdf.make_stream(b"/Helvetica findfont 12 scalefont setfont 40 100 moveto (" + pdf_text(text) + b") show\n")
    ps.Type, ps.Subtype = pikepdf.Name.XObject, pikepdf.Name.PS
    add_xobject(page, "/PS1", ps)
    add_content(pdf, page, b"/PS1 Do\n")
    return pdf


def form_clipped_by_bbox(text):
    """A form XObject drawn on the page whose text lies outside the form's own /BBox."""
    pdf, page = new_page()
    form = pdf.make_stream(b"BT /F1 12 Tf 200 200 Td (" + pdf_text(text) + b") Tj ET\n")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 20, 20]
    form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=page.obj.Resources.Font.F1))
    add_xobject(page, "/Fm1", form)
    add_content(pdf, page, b"q 1 0 0 1 40 40 cm /Fm1 Do Q\n")
    return pdf


def calculator_function(text):
    """A shading's PostScript calculator function (Type 4) carrying the text as a comment."""
    pdf, page = new_page()
    function = pdf.make_stream(b"{ % " + text.encode("latin-1", "replace") + b"\n pop 0.8 }")
    function.FunctionType, function.Domain, function.Range = 4, [0, 1], [0, 1]
    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceGray, Coords=[0, 0, 1, 0],
                                 Function=function)
    page.obj.Resources.Shading = pikepdf.Dictionary(Sh1=shading)
    add_content(pdf, page, b"q 40 0 0 40 40 40 cm 0 0 1 1 re W n /Sh1 sh Q\n")
    return pdf


def sampled_function_trailing(text):
    """A Type 0 function's table followed by the deflated text (the known open item's cousin)."""
    import zlib

    pdf, page = new_page()
    table = bytes(range(0, 256, 16))
    function = pdf.make_stream(flate(table + zlib.compress(text.encode())))
    function.Filter = pikepdf.Name.FlateDecode
    function.FunctionType, function.Domain, function.Range = 0, [0, 1], [0, 1]
    function.Size, function.BitsPerSample = [16], 8
    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceGray, Coords=[0, 0, 1, 0],
                                 Function=function)
    page.obj.Resources.Shading = pikepdf.Dictionary(Sh1=shading)
    add_content(pdf, page, b"q 40 0 0 40 40 40 cm 0 0 1 1 re W n /Sh1 sh Q\n")
    return pdf


def private_stream_deflated_twice(text):
    """Text deflated inside a stream that is itself deflated, under a page's /PieceInfo-like private key."""
    import zlib

    pdf, page = new_page()
    hidden = pdf.make_stream(flate(b"BLOB" + zlib.compress(text.encode())))
    hidden.Filter = pikepdf.Name.FlateDecode
    page.obj.Resources.XObject.Blob = hidden
    return pdf


def length_shorter_than_data(text) -> bytes:
    """A content stream whose /Length stops before its last line: the bytes up to `endstream` are
    outside what the dictionary declares (a reader either skips them or recovers them as content)."""
    pdf, page = new_page()
    tail = b"\n% " + pdf_text(text) + b"\n"
    page.obj.Contents = pdf.make_stream(page.obj.Contents.read_bytes() + tail)
    import io
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=False, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    data = buf.getvalue()
    body = page.obj.Contents.read_bytes()
    at = data.find(body)
    head = data.rfind(b"/Length ", 0, at)
    match = re.match(rb"/Length (\d+)", data[head:])
    shorter = str(int(match.group(1)) - len(tail)).encode()
    shorter = shorter.ljust(len(match.group(1)), b" ")
    return data[:head + 8] + shorter + data[head + 8 + len(match.group(1)):]


def render_mode_invisible(text):
    return _with(text, b"BT /F1 12 Tf 3 Tr 40 100 Td (@) Tj ET\n")


def white_on_white(text):
    return _with(text, b"BT 1 1 1 rg /F1 12 Tf 40 100 Td (@) Tj ET 0 0 0 rg\n")


def clipped_away(text):
    return _with(text, b"q 0 0 5 5 re W n BT /F1 12 Tf 40 100 Td (@) Tj ET Q\n")


def outside_media_box(text):
    return _with(text, b"BT /F1 12 Tf 40 -300 Td (@) Tj ET\n")


def zero_size_font(text):
    return _with(text, b"BT /F1 0 Tf 40 100 Td (@) Tj ET\n")


def under_opaque_image(text):
    pdf, page = new_page()
    add_content(pdf, page, b"BT /F1 12 Tf 40 100 Td (" + pdf_text(text) + b") Tj ET\n")
    draw_image(pdf, page, "/Im1", image_stream(pdf, flate(gradient(240, 40).tobytes()), 240, 40,
                                               filters=["/FlateDecode"]), x=30, y=80, w=660, h=50)
    return pdf


def soft_mask_group_hides(text):
    """Text drawn under an ExtGState soft mask whose luminosity group is black: nothing shows."""
    pdf, page = new_page()
    group = pdf.make_stream(b"0 g 0 0 720 405 re f\n")
    group.Type, group.Subtype, group.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 720, 405]
    group.Group = pikepdf.Dictionary(S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceGray)
    state = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState,
                               SMask=pikepdf.Dictionary(S=pikepdf.Name.Luminosity, G=group))
    page.obj.Resources.ExtGState = pikepdf.Dictionary(GS1=state)
    add_content(pdf, page, b"q /GS1 gs BT /F1 12 Tf 40 100 Td (" + pdf_text(text) + b") Tj ET Q\n")
    return pdf


def transfer_function_whitens(text):
    """A picture of the text drawn through a transfer function that maps every value to white."""
    pdf, page = new_page()
    white = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1], C1=[1], N=1)
    page.obj.Resources.ExtGState = pikepdf.Dictionary(GS1=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, TR=white))
    picture = text_picture(text, 720, 48)
    add_xobject(page, "/Im1", image_stream(pdf, flate(picture.tobytes()), 720, 48, filters=["/FlateDecode"]))
    add_content(pdf, page, b"q /GS1 gs 540 0 0 36 40 100 cm /Im1 Do Q\n")
    return pdf


PLACES = {f.__name__: f for f in (
    unknown_operator, dangling_operand, postscript_operator, postscript_xobject, form_clipped_by_bbox,
    calculator_function, sampled_function_trailing, private_stream_deflated_twice, length_shorter_than_data,
    render_mode_invisible, white_on_white, clipped_away, outside_media_box, zero_size_font, under_opaque_image,
    soft_mask_group_hides, transfer_function_whitens)}
