"""Paint opaque boxes into pixels and store the result without losing more than it must.

Redaction is only real in the pixels: a rectangle drawn on top of a picture is a shape anyone
can move. PNG/GIF/BMP/TIFF become PNG (lossless); JPEG is re-encoded with the original
quantisation tables and subsampling so the rest of the picture keeps its quality.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, JpegImagePlugin

from slidesan.images.safe_open import open_image


def paint_boxes(data: bytes, boxes, colour=(0, 0, 0), pad: int = 2) -> tuple[bytes, str]:
    """Return (new bytes, extension) with every box filled with `colour`."""
    img = open_image(data)
    fmt = (img.format or "PNG").upper()
    quant = getattr(img, "quantization", None)
    sampling = JpegImagePlugin.get_sampling(img) if fmt == "JPEG" else None
    icc = img.info.get("icc_profile")
    work = img if img.mode in ("RGB", "RGBA", "L", "LA") else img.convert("RGBA" if "A" in img.getbands() else "RGB")
    draw = ImageDraw.Draw(work)
    fill = colour if work.mode in ("RGB", "RGBA") else (sum(colour) // 3 if work.mode == "L" else (sum(colour) // 3, 255))
    if work.mode == "RGBA":
        fill = (*colour, 255)
    width, height = work.size
    alpha = work.getchannel("A") if work.mode in ("RGBA", "LA") else None
    for left, top, right, bottom in boxes:
        draw.rectangle([max(0, left - pad), max(0, top - pad), min(width - 1, right + pad),
                        min(height - 1, bottom + pad)], fill=fill)
    if alpha is not None:       # paint covers what is shown; what is transparent (outside a shape's outline) stays so
        work.putalpha(alpha)
    out = io.BytesIO()
    if fmt == "JPEG" and work.mode in ("RGB", "L"):
        kwargs = {"qtables": quant} if quant else {"quality": 95}
        if sampling is not None and sampling >= 0:
            kwargs["subsampling"] = sampling
        if icc:
            kwargs["icc_profile"] = icc
        work.save(out, "JPEG", **kwargs)
        return out.getvalue(), "jpeg"
    kwargs = {"icc_profile": icc} if icc else {}
    work.save(out, "PNG", **kwargs)
    return out.getvalue(), "png"
