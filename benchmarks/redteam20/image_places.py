"""Red team 20 places inside image payloads: what an image stream holds that its page does not show.

Each place is `name(text) -> pikepdf.Pdf`: one page whose picture hides `text` (a made-up patient's line,
or a teaching sentence for the clean twin) in the named way, the page itself showing only a heading and
harmless pixels.
"""

from __future__ import annotations

import zlib

import pikepdf
from PIL import Image

from build import (ascii85, ascii_hex, ccitt_g4, draw_image, flate, gradient, image_stream, jp2_box, jpeg_bytes,
                   jpx_bytes, lzw, new_page, png_rows, run_length, text_picture, with_segment)

W, H = 240, 40


def _trailing(text: str, filters, encode, parms=None, packed=False) -> pikepdf.Pdf:
    pdf, page = new_page()
    samples = gradient(W, H).tobytes()
    extra = zlib.compress(text.encode()) if packed else text.encode()
    stream = image_stream(pdf, encode(samples + extra), W, H, filters=filters, parms=parms)
    draw_image(pdf, page, "/Im1", stream)
    return pdf


def samples_trailing_text(text):
    """Decoded samples longer than Width x Height x bpc needs; the text after the rows."""
    return _trailing(text, ["/FlateDecode"], flate)


def samples_trailing_deflated(text):
    """The same, the text itself deflated inside the payload (printable runs see nothing)."""
    return _trailing(text, ["/FlateDecode"], flate, packed=True)


def samples_trailing_lzw(text):
    return _trailing(text, ["/LZWDecode"], lzw)


def samples_trailing_runlength(text):
    return _trailing(text, ["/RunLengthDecode"], run_length)


def samples_trailing_chain(text):
    """Three filters chained: ASCII85 of Flate of ASCIIHex."""
    return _trailing(text, ["/ASCII85Decode", "/FlateDecode", "/ASCIIHexDecode"],
                     lambda data: ascii85(flate(ascii_hex(data))))


def samples_trailing_predictor(text):
    """Flate with PNG predictors: the text as more predicted rows than /Height declares."""
    pdf, page = new_page()
    band = text_picture(text, W * 3, 40).resize((W, 40)).tobytes()
    data = gradient(W, H).tobytes() + band
    parms = pikepdf.Dictionary(Predictor=15, Colors=1, Columns=W, BitsPerComponent=8)
    stream = image_stream(pdf, flate(png_rows(data, W)), W, H, filters=["/FlateDecode"], parms=parms)
    draw_image(pdf, page, "/Im1", stream)
    return pdf


def rows_cropped_by_height(text):
    """A name band in rows past /Height: the picture was 'cropped' by lowering its height only."""
    pdf, page = new_page()
    band = text_picture(text, 720, 48)
    picture = Image.new("L", (720, 148), 255)
    picture.paste(gradient(720, 100), (0, 0))
    picture.paste(band, (0, 100))
    stream = image_stream(pdf, flate(picture.tobytes()), 720, 100, filters=["/FlateDecode"])
    draw_image(pdf, page, "/Im1", stream, w=540, h=75)
    return pdf


def decode_array_hides(text):
    """Text in the samples, every sample mapped to white by /Decode [1 1]."""
    pdf, page = new_page()
    picture = text_picture(text, 720, 48)
    stream = image_stream(pdf, flate(picture.tobytes()), 720, 48, filters=["/FlateDecode"],
                          Decode=pikepdf.Array([1, 1]))
    draw_image(pdf, page, "/Im1", stream, w=540, h=36)
    return pdf


def colour_key_mask_hides(text):
    """Text drawn in one colour that a /Mask colour-key range leaves unpainted."""
    pdf, page = new_page()
    picture = text_picture(text, 720, 48, ink=200, mode="RGB")
    stream = image_stream(pdf, flate(picture.tobytes()), 720, 48, space="/DeviceRGB", filters=["/FlateDecode"],
                          Mask=pikepdf.Array([200, 200, 200, 200, 200, 200]))
    draw_image(pdf, page, "/Im1", stream, w=540, h=36)
    return pdf


def _masked(pdf, text, mask_stream, key):
    picture = text_picture(text, 720, 48, mode="RGB")
    stream = image_stream(pdf, flate(picture.tobytes()), 720, 48, space="/DeviceRGB", filters=["/FlateDecode"])
    stream[key] = mask_stream
    return stream


def soft_mask_hides(text):
    """An /SMask of zeros over the whole picture: nothing of it is shown."""
    pdf, page = new_page()
    mask = image_stream(pdf, flate(bytes(720 * 48)), 720, 48, filters=["/FlateDecode"])
    draw_image(pdf, page, "/Im1", _masked(pdf, text, mask, "/SMask"), w=540, h=36)
    return pdf


def stencil_mask_hides(text):
    """An explicit /Mask (a 1-bit stencil image) whose 1s leave every pixel unpainted."""
    pdf, page = new_page()
    mask = image_stream(pdf, flate(b"\xff" * (90 * 48)), 720, 48, filters=["/FlateDecode"], bpc=1,
                        ImageMask=True)
    del mask["/ColorSpace"]
    draw_image(pdf, page, "/Im1", _masked(pdf, text, mask, "/Mask"), w=540, h=36)
    return pdf


def _palette(text: str) -> bytes:
    used = bytes([250, 250, 250, 60, 60, 60])
    return (used + text.encode()).ljust(256 * 3, b" ")[:256 * 3]


def indexed_palette_string(text):
    """An Indexed colour space whose lookup string holds text past the two entries the image uses."""
    pdf, page = new_page()
    samples = bytes((x // 12) % 2 for x in range(W)) * H
    space = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 255, pikepdf.String(_palette(text))])
    draw_image(pdf, page, "/Im1", image_stream(pdf, flate(samples), W, H, space=space, filters=["/FlateDecode"]))
    return pdf


def indexed_palette_stream(text):
    """The same lookup table as a deflated stream."""
    pdf, page = new_page()
    samples = bytes((x // 12) % 2 for x in range(W)) * H
    lookup = pdf.make_stream(flate(_palette(text)))
    lookup.Filter = pikepdf.Name.FlateDecode
    space = pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 255, lookup])
    draw_image(pdf, page, "/Im1", image_stream(pdf, flate(samples), W, H, space=space, filters=["/FlateDecode"]))
    return pdf


def _ccitt(text, packed):
    pdf, page = new_page()
    data = ccitt_g4(gradient(W, H).point(lambda v: 255 if v > 120 else 0))
    data += zlib.compress(text.encode()) if packed else text.encode()
    parms = pikepdf.Dictionary(K=-1, Columns=W, Rows=H, BlackIs1=False)
    draw_image(pdf, page, "/Im1", image_stream(pdf, data, W, H, bpc=1, filters=["/CCITTFaxDecode"], parms=parms))
    return pdf


def ccitt_trailing_text(text):
    """Bytes after a CCITT G4 picture's end: a decoder stops at the end of the last row."""
    return _ccitt(text, False)


def ccitt_trailing_deflated(text):
    return _ccitt(text, True)


def jbig2_globals(text):
    """Deflated text in a /JBIG2Globals stream (the image itself unreadable here: fail closed expected)."""
    pdf, page = new_page()
    globals_ = pdf.make_stream(flate(text.encode()))
    globals_.Filter = pikepdf.Name.FlateDecode
    parms = pikepdf.Dictionary(JBIG2Globals=globals_)
    data = bytes.fromhex("0000000030000100000013000000f0000000f00000000000000000000000")
    draw_image(pdf, page, "/Im1", image_stream(pdf, data, W, H, bpc=1, filters=["/JBIG2Decode"], parms=parms))
    return pdf


def _jpeg(pdf, page, data, filters=("/DCTDecode",), encode=lambda d: d):
    stream = image_stream(pdf, encode(data), W, H, space="/DeviceRGB", filters=list(filters))
    draw_image(pdf, page, "/Im1", stream)


def jpeg_after_eoi(text):
    """Text after a JPEG's end-of-image marker."""
    pdf, page = new_page()
    _jpeg(pdf, page, jpeg_bytes(gradient(W, H).convert("RGB")) + text.encode())
    return pdf


def jpeg_app_segment_in_flate(text):
    """A JPEG with an APP9 segment holding text, the JPEG itself deflated ([/FlateDecode /DCTDecode])."""
    pdf, page = new_page()
    data = with_segment(jpeg_bytes(gradient(W, H).convert("RGB")), 0xE9, text.encode())
    _jpeg(pdf, page, data, ("/FlateDecode", "/DCTDecode"), flate)
    return pdf


def jpeg_comment_in_hex(text):
    """A JPEG comment (COM) with the JPEG written as ASCIIHex ([/ASCIIHexDecode /DCTDecode])."""
    pdf, page = new_page()
    data = with_segment(jpeg_bytes(gradient(W, H).convert("RGB")), 0xFE, text.encode())
    _jpeg(pdf, page, data, ("/ASCIIHexDecode", "/DCTDecode"), ascii_hex)
    return pdf


def jpx_xml_box_in_flate(text):
    """A JPEG 2000 file with an XML box, deflated ([/FlateDecode /JPXDecode])."""
    pdf, page = new_page()
    data = jpx_bytes(gradient(W, H).convert("RGB"))
    data += jp2_box(b"xml ", f"<note>{text}</note>".encode())
    stream = image_stream(pdf, flate(data), W, H, space="/DeviceRGB", filters=["/FlateDecode", "/JPXDecode"])
    draw_image(pdf, page, "/Im1", stream)
    return pdf


def inline_image_trailing(text):
    """An inline image (BI ... ID ... EI) whose data runs past what /W x /H needs, the text inside."""
    pdf, page = new_page()
    samples = gradient(W, 8).tobytes() + text.encode().replace(b"EI", b"E-I")
    inline = b"q 240 0 0 8 40 200 cm BI /W 240 /H 8 /BPC 8 /CS /G ID " + samples + b"\nEI Q\n"
    from build import add_content
    add_content(pdf, page, inline)
    return pdf


def inline_image_decode_hides(text):
    """An inline image showing the text in its samples, mapped to white by /D [1 1]."""
    pdf, page = new_page()
    picture = text_picture(text, 720, 48)
    data = flate(picture.tobytes())
    inline = (b"q 540 0 0 36 40 200 cm BI /W 720 /H 48 /BPC 8 /CS /G /D [1 1] /F /Fl /L " + str(len(data)).encode()
              + b" ID " + data + b"\nEI Q\n")
    from build import add_content
    add_content(pdf, page, inline)
    return pdf


PLACES = {f.__name__: f for f in (
    samples_trailing_text, samples_trailing_deflated, samples_trailing_lzw, samples_trailing_runlength,
    samples_trailing_chain, samples_trailing_predictor, rows_cropped_by_height, decode_array_hides,
    colour_key_mask_hides, soft_mask_hides, stencil_mask_hides, indexed_palette_string, indexed_palette_stream,
    ccitt_trailing_text, ccitt_trailing_deflated, jbig2_globals, jpeg_after_eoi, jpeg_app_segment_in_flate,
    jpeg_comment_in_hex, jpx_xml_box_in_flate, inline_image_trailing, inline_image_decode_hides)}
