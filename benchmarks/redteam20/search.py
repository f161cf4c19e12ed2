"""Search a written PDF for identifying keys everywhere a determined reader would look.

Raw bytes; every string and name; every stream decoded by each filter pikepdf can decode (and the raw
bytes of those it cannot), with every zlib stream found inside a payload inflated; a Type 1 font's eexec
part decrypted; TrueType/CFF programs parsed by fontTools (names, glyph names, CFF strings); image
samples past what /Width x /Height need read as more rows; pictures OCR'd by Tesseract (`pdfimages` of
every image and mask, the image samples as stored ignoring /Decode, and `pdftoppm -r 200` pages). Each
text form is tried as Latin-1, UTF-8 and UTF-16 (both byte orders).
"""

from __future__ import annotations

import io
import math
import re
import subprocess
import tempfile
import zlib
from pathlib import Path

import pikepdf
from PIL import Image


def _forms(data: bytes) -> list[str]:
    out = [data.decode("latin-1")]
    for codec in ("utf-16-be", "utf-16-le"):
        for start in (0, 1):
            out.append(data[start:].decode(codec, "ignore"))
    return out


def inflated_inside(data: bytes, limit: int = 64) -> list[bytes]:
    """Every zlib stream that starts somewhere inside `data` (a payload hiding deflated text)."""
    found = []
    for match in re.finditer(rb"\x78[\x01\x5e\x9c\xda]", data):
        try:
            inflater = zlib.decompressobj()
            found.append(inflater.decompress(data[match.start():], 1 << 22))
        except zlib.error:
            continue
        if len(found) >= limit:
            break
    return found


def eexec_plain(data: bytes, key: int = 55665) -> bytes:
    out, r = bytearray(), key
    for cipher in data:
        out.append(cipher ^ (r >> 8))
        r = ((cipher + r) * 52845 + 22719) & 0xFFFF
    return bytes(out[4:])


def font_texts(data: bytes) -> list[bytes]:
    """Names, glyph names and CFF strings of a font program (fontTools), or b'' when it does not parse."""
    try:
        from fontTools.cffLib import CFFFontSet
        from fontTools.ttLib import TTFont
    except ImportError:
        return []
    texts = []
    try:
        if data[:4] in (b"\0\1\0\0", b"true", b"OTTO"):
            font = TTFont(io.BytesIO(data))
            texts += [str(r).encode("utf-8", "ignore") for r in font["name"].names] if "name" in font else []
            texts.append(" ".join(font.getGlyphOrder()).encode())
        elif data[:1] == b"\x01":
            cff = CFFFontSet()
            cff.decompile(io.BytesIO(data), None)
            texts.append(" ".join(cff.strings.strings).encode("latin-1", "ignore"))
            for name in cff.fontNames:
                texts.append(" ".join(cff[name].charset).encode("latin-1", "ignore"))
    except Exception:  # noqa: BLE001 - a font fontTools cannot read is searched as bytes only
        pass
    return texts


def extra_rows(stream, data: bytes) -> Image.Image | None:
    """The samples past what /Width x /Height need, as more rows of an 8-bit gray or RGB picture."""
    try:
        width, height = int(stream.Width), int(stream.Height)
        bpc = int(stream.get("/BitsPerComponent", 8))
        comps = {"/DeviceRGB": 3, "/DeviceCMYK": 4}.get(str(stream.get("/ColorSpace")), 1)
    except (AttributeError, ValueError, TypeError, KeyError):
        return None
    row = math.ceil(width * comps * bpc / 8)
    rest = data[row * height:]
    if bpc != 8 or len(rest) < row * 8:
        return None
    rows = len(rest) // row
    return Image.frombytes("RGB" if comps == 3 else "L", (width, rows), rest[:rows * row]) if comps in (1, 3) else None


def stream_blobs(pdf: pikepdf.Pdf, pictures: list) -> list[bytes]:
    blobs = []
    for obj in pdf.objects:
        if isinstance(obj, (pikepdf.String, pikepdf.Name)):
            blobs.append(bytes(obj) if isinstance(obj, pikepdf.String) else str(obj).encode())
        if not isinstance(obj, (pikepdf.Stream, pikepdf.Dictionary)):
            continue
        blobs.append(str(obj.to_json() if hasattr(obj, "to_json") else obj).encode("utf-8", "ignore")
                     if not isinstance(obj, pikepdf.Stream) else repr(dict(obj.items())).encode("utf-8", "ignore"))
        if not isinstance(obj, pikepdf.Stream):
            continue
        raw = obj.read_raw_bytes()
        blobs.append(raw)
        try:
            data = obj.read_bytes()
        except Exception:  # noqa: BLE001 - undecodable: the raw bytes were added
            data = b""
        try:
            partial = obj.read_bytes(pikepdf.StreamDecodeLevel.generalized)
        except Exception:  # noqa: BLE001
            partial = b""
        for blob in {data, partial}:
            blobs.append(blob)
            blobs.extend(inflated_inside(blob))
            blobs.extend(font_texts(blob))
        if obj.get("/Length2") is not None and data:
            blobs.append(eexec_plain(data[int(obj.get("/Length1", 0)):]))
        if str(obj.get("/Subtype")) == "/Image" and data:
            rows = extra_rows(obj, data)
            if rows is not None:
                pictures.append(rows)
    return blobs


def stored_samples(pdf: pikepdf.Pdf) -> list[Image.Image]:
    """Every 8-bit gray/RGB image as its samples are stored, whatever /Decode, /Mask or /SMask do."""
    out = []
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and str(obj.get("/Subtype")) == "/Image":
            try:
                data = obj.read_bytes()
                width, height = int(obj.Width), int(obj.Height)
                mode = {"/DeviceRGB": "RGB", "/DeviceGray": "L"}.get(str(obj.get("/ColorSpace")))
                if mode and int(obj.get("/BitsPerComponent", 8)) == 8:
                    out.append(Image.frombytes(mode, (width, height), data[:width * height * len(mode)]))
            except Exception:  # noqa: BLE001 - pdfimages reads the rest
                continue
    return out


def ocr_text(paths: list[Path]) -> str:
    texts = []
    for path in paths:
        done = subprocess.run(["tesseract", str(path), "-", "--psm", "11"], capture_output=True, text=True)
        texts.append(done.stdout)
    return "\n".join(texts)


def pictures_text(path: Path, pictures: list[Image.Image]) -> str:
    with tempfile.TemporaryDirectory(prefix="rt20-") as folder:
        folder = Path(folder)
        subprocess.run(["pdfimages", "-png", str(path), str(folder / "img")], capture_output=True)
        subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(folder / "page")], capture_output=True)
        for index, picture in enumerate(pictures):
            if min(picture.size) >= 8:
                big = picture.resize((picture.width * 2, picture.height * 2)) if picture.height < 100 else picture
                big.save(folder / f"raw-{index}.png")
        return ocr_text(sorted(folder.glob("*.png")))


def found_keys(path: Path, keys: list[str]) -> dict[str, list[str]]:
    """{key: [where it was found]} for each key found in the PDF at `path`."""
    raw = path.read_bytes()
    found: dict[str, list[str]] = {}
    pictures: list[Image.Image] = []
    try:
        with pikepdf.open(path) as pdf:
            blobs = stream_blobs(pdf, pictures)
            pictures += stored_samples(pdf)
    except pikepdf.PdfError:
        blobs = []
    texts = [(form, "bytes") for blob in [raw, *inflated_inside(raw), *blobs] for form in _forms(blob)]
    texts.append((pictures_text(path, pictures), "ocr"))
    for key in keys:
        needle = re.compile(re.escape(key).replace(r"\ ", r"\s*"), re.I)
        places = sorted({where for text, where in texts if needle.search(text)})
        if places:
            found[key] = places
    return found
