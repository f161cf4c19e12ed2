"""Hiding place: bytes after an inline image's last row (`BI ... ID <data> EI` in a content stream).

An inline image declares its size as an image XObject does (/W, /H, /BPC, the colour space); a
viewer reads the rows it declares and then looks for `EI`. Bytes between the last row and `EI` are
read by nothing but a tool that looks, and the last sweep does not read an inline image's data as
text. Inline images whose data decodes here (no filter, or Flate/LZW/RunLength/ASCII filters) and
runs past its rows are written again with only their rows, unfiltered (the stream is compressed
as a whole); what the cut bytes said is read first, as steps/image_samples.py does for XObjects.
"""

from __future__ import annotations

import pikepdf

from slidesan.pdf.images import GENERAL_FILTERS
from slidesan.pdf.payload_text import read_payload
from slidesan.pdf.finders import content_streams, parsed, readable

COMPONENTS = {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4, "/CMYK": 4, "/I": 1,
              "/Indexed": 1}
ENCODING_KEYS = {"/F", "/Filter", "/DP", "/DecodeParms", "/L", "/Length"}


def needed_bytes(image) -> int | None:
    try:
        bits = 1 if image.image_mask else int(image.bits_per_component)
        space = image.obj.get("/ColorSpace", image.obj.get("/CS"))
        comps = 1 if image.image_mask else COMPONENTS.get(str(space if not isinstance(space, pikepdf.Array)
                                                               else space[0]))
        width, height = int(image.width), int(image.height)
    except (AttributeError, TypeError, ValueError, KeyError, NotImplementedError):
        return None
    return (width * comps * bits + 7) // 8 * height if comps and width > 0 and height > 0 else None


def samples_of(image) -> bytes | None:
    filters = [str(f) for f in image.filters]
    if any(f not in GENERAL_FILTERS for f in filters):
        return None
    scratch = pikepdf.new()
    stream = scratch.make_stream(image.read_raw_bytes())
    if filters:
        stream.Filter = pikepdf.Array([pikepdf.Name(f) for f in filters])
        parms = image.decode_parms
        if parms:
            stream.DecodeParms = pikepdf.Array([p if isinstance(p, pikepdf.Dictionary) else pikepdf.Dictionary()
                                                for p in parms])
    try:
        return stream.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    except pikepdf.PdfError:
        return None


def long_images(instructions):
    """(index, image, samples, needed) for each inline image whose samples run past its rows."""
    for index, item in enumerate(instructions):
        if not isinstance(item, pikepdf.ContentStreamInlineImage):
            continue
        image = item.iimage
        needed = needed_bytes(image)
        data = samples_of(image) if needed else None
        # qpdf keeps the white space before `EI` as data: a byte or two of it is the separator
        if data is not None and len(data) > needed and not (len(data) - needed <= 2 and not data[needed:].strip()):
            yield index, image, data, needed


def rebuilt(image, samples: bytes) -> bytes:
    """`BI <dictionary without its encoding> /F /AHx ID <samples in hex> EI`, written out (pikepdf builds
    inline images only from parsed ones). In hex, because raw samples may hold white space, `EI` and
    white space, where every reader would end the image early."""
    tokens = list(image._image_object)          # noqa: SLF001 - the dictionary as its tokens, abbreviations kept
    kept = [t for k, v in zip(tokens[::2], tokens[1::2]) if str(k) not in ENCODING_KEYS for t in (k, v)]
    return b"BI " + b" ".join(pikepdf.Object.unparse(t) if isinstance(t, pikepdf.Object) else
                              str(t).encode() for t in kept) + b" /F /AHx ID " + samples.hex().encode() + b">\nEI\n"


def scrub(doc, ctx) -> None:
    for stream in list(content_streams(doc)):
        result = parsed(stream) if readable(stream) is not None else None
        if result is None:
            continue
        instructions = list(result[0])
        found = list(long_images(instructions))
        if not found:
            continue
        replaced = {}
        for index, image, data, needed in found:
            replaced[index] = rebuilt(image, data[:needed])
            payload = read_payload(data[needed:])
            hits = sum(ctx.identifiers_in(text, "bytes after an inline image's last row (removed)")
                       for text in payload.texts)
            if payload.opaque or (payload.texts and not hits):
                ctx.add("private-data", "review" if payload.opaque else "info", "removed",
                        f"{len(data) - needed} bytes after an inline image's last row removed"
                        + (" (what they held could not be read as text)" if payload.opaque else ""))
        stream.write(b"".join(replaced.get(i) or pikepdf.unparse_content_stream([item]) + b"\n"
                              for i, item in enumerate(instructions)))


def residue(doc, options) -> list[str]:
    found = []
    for stream in content_streams(doc):
        result = parsed(stream) if readable(stream) is not None else None
        if result is not None and any(True for _ in long_images(result[0])):
            found.append("an inline image still holds bytes after its last row")
    return found
