"""Small builders the red team 20 places share: a one-page PDF, encoders, pictures of a line of text.

Every encoder here is written for this benchmark (LZW, RunLength, ASCII85 and ASCIIHex as ISO 32000-1
7.4 describes them), so a place can chain filters a producer would not.
"""

from __future__ import annotations

import base64
import io
import zlib

import pikepdf
from PIL import Image, ImageDraw, ImageFont

FONT_FILE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
HEADING = "Teaching case: chest radiograph, right lower lobe"


def new_page(heading: str = HEADING) -> tuple[pikepdf.Pdf, pikepdf.Page]:
    """A 720 x 405 slide-sized page with a visible heading in Helvetica (font /F1)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(720, 405))
    page = pdf.pages[0]
    helvetica = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                     BaseFont=pikepdf.Name.Helvetica,
                                                     Encoding=pikepdf.Name.WinAnsiEncoding))
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica),
                                            XObject=pikepdf.Dictionary())
    page.obj.Contents = pdf.make_stream(b"BT /F1 20 Tf 40 360 Td (" + pdf_text(heading) + b") Tj ET\n")
    return pdf, page


def pdf_text(text: str) -> bytes:
    raw = text.encode("latin-1", "replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def add_content(pdf: pikepdf.Pdf, page: pikepdf.Page, data: bytes) -> None:
    old = page.obj.Contents.read_bytes()
    page.obj.Contents = pdf.make_stream(old + data)


def add_xobject(page: pikepdf.Page, name: str, stream) -> None:
    page.obj.Resources.XObject[name] = stream


def draw_image(pdf, page, name: str, stream, x=40, y=60, w=400, h=120) -> None:
    add_xobject(page, name, stream)
    add_content(pdf, page, f"q {w} 0 0 {h} {x} {y} cm /{name[1:]} Do Q\n".encode())


def text_picture(text: str, width: int = 720, height: int = 48, size: int = 26, ink: int = 0,
                 paper: int = 255, mode: str = "L") -> Image.Image:
    """A line of text drawn in pixels (what OCR would read)."""
    picture = Image.new(mode, (width, height), paper if mode == "L" else (paper,) * 3)
    font = ImageFont.truetype(FONT_FILE, size)
    ImageDraw.Draw(picture).text((8, (height - size) // 2 - 2), text, fill=ink if mode == "L" else (ink,) * 3,
                                 font=font)
    return picture


def gradient(width: int, height: int) -> Image.Image:
    """A harmless picture: a smooth ramp, nothing to read."""
    row = bytes(int(40 + 170 * x / max(1, width - 1)) for x in range(width))
    return Image.frombytes("L", (width, height), row * height)


def image_stream(pdf, data: bytes, width: int, height: int, space="/DeviceGray", bpc: int = 8,
                 filters=None, parms=None, **extra):
    stream = pdf.make_stream(data)
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    stream.Width, stream.Height, stream.BitsPerComponent = width, height, bpc
    stream.ColorSpace = pikepdf.Name(space) if isinstance(space, str) else space
    if filters:
        stream.Filter = pikepdf.Name(filters[0]) if len(filters) == 1 else pikepdf.Array(
            [pikepdf.Name(f) for f in filters])
    if parms is not None:
        stream.DecodeParms = parms
    for key, value in extra.items():
        stream[f"/{key}"] = value
    return stream


# --- encoders -------------------------------------------------------------------------------------------

def flate(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def ascii_hex(data: bytes) -> bytes:
    return data.hex().encode() + b">"


def ascii85(data: bytes) -> bytes:
    return base64.a85encode(data) + b"~>"


def run_length(data: bytes) -> bytes:
    """RunLengthDecode's encoding: literal runs only (valid, if not small), then EOD."""
    out = bytearray()
    for start in range(0, len(data), 128):
        chunk = data[start:start + 128]
        out.append(len(chunk) - 1)
        out += chunk
    out.append(128)
    return bytes(out)


def lzw(data: bytes) -> bytes:
    """LZWDecode with the default early change 1: 9-12 bit codes, clear table when full, EOD 257."""
    out, bits, nbits = bytearray(), 0, 0
    table = {bytes([i]): i for i in range(256)}
    width, nxt = 9, 258

    def put(code: int) -> None:
        nonlocal bits, nbits
        bits = (bits << width) | code
        nbits += width
        while nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)

    put(256)
    word = b""
    for byte in data:
        candidate = word + bytes([byte])
        if candidate in table:
            word = candidate
            continue
        put(table[word])
        table[candidate] = nxt
        nxt += 1
        word = bytes([byte])
        if nxt >= (1 << width) and width < 12:        # the decoder, one entry behind, widens at early change 1
            width += 1
        if nxt >= 4094:
            put(256)
            table = {bytes([i]): i for i in range(256)}
            width, nxt = 9, 258
    if word:
        put(table[word])
        if nxt + 1 >= (1 << width) and width < 12:    # the decoder adds one more entry after the last code
            width += 1
    put(257)
    if nbits:
        out.append((bits << (8 - nbits)) & 0xFF)
    return bytes(out)


def png_rows(samples: bytes, row_bytes: int) -> bytes:
    """PNG predictor rows (filter type 2, Up), as /Predictor 15 allows each row to choose."""
    out, previous = bytearray(), bytes(row_bytes)
    for start in range(0, len(samples), row_bytes):
        row = samples[start:start + row_bytes].ljust(row_bytes, b"\0")
        out.append(2)
        out += bytes((a - b) & 0xFF for a, b in zip(row, previous))
        previous = row
    return bytes(out)


def jpeg_bytes(picture: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def with_segment(jpeg: bytes, marker: int, payload: bytes) -> bytes:
    """A JPEG with one more marker segment right after SOI (COM 0xFE, APPn 0xE0+n)."""
    length = len(payload) + 2
    return jpeg[:2] + bytes([0xFF, marker, length >> 8, length & 0xFF]) + payload + jpeg[2:]


def ccitt_g4(picture: Image.Image) -> bytes:
    """A bilevel picture as one CCITT Group 4 strip (Pillow's TIFF writer, strip read back out)."""
    buf = io.BytesIO()
    picture.convert("1").save(buf, "TIFF", compression="group4")
    tiff = Image.open(io.BytesIO(buf.getvalue()))
    offsets, counts = tiff.tag_v2[273], tiff.tag_v2[279]
    raw = buf.getvalue()
    return b"".join(raw[o:o + c] for o, c in zip(offsets, counts))


def jpx_bytes(picture: Image.Image) -> bytes:
    buf = io.BytesIO()
    picture.save(buf, "JPEG2000", irreversible=False)
    return buf.getvalue()


def jp2_box(kind: bytes, payload: bytes) -> bytes:
    return (len(payload) + 8).to_bytes(4, "big") + kind + payload


def eexec(data: bytes, key: int = 55665) -> bytes:
    """Type 1 eexec encryption (four random bytes first, as the spec asks)."""
    out, r = bytearray(), key
    for plain in b"\x00\x00\x00\x00" + data:
        cipher = plain ^ (r >> 8)
        out.append(cipher)
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)
