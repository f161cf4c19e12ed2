"""Faces in a PDF's pictures: a handout shows the 3D surface render or clinical photograph its deck
showed, so every image the file holds (inline images too) is looked at with the detector deck and
pack pictures use (images/faces.py), with OCR on or off (a face has no text to read). A face is a
review finding on the page that draws the image; a detector that cannot run makes the image not
inspected for faces (face_finding says so), never silently passed. Pictures are decoded and looked
at on a few threads (OpenCV's detector and the decoders release the GIL): the face check is most of
a handout's clean without OCR. A picture too small to hold a face at the detector's minimum size is not
decoded at all (its size is in its dictionary).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pikepdf

from slidesan.pdf.content import first_pages


def look_for_faces(ctx, candidates, pages) -> None:
    """`candidates`: image XObjects (scan.ocr_candidates); `pages`: the interpreted pages (for the
    page each image is drawn on, and their inline images)."""
    from slidesan.images.faces import face_finding

    page_of = first_pages(pages)
    pictures = [(f"image {obj.objgen[0]}", page_of.get(obj.objgen), pikepdf.PdfImage(obj))
                for obj in candidates]
    inline = [(number, image) for number, image in ((page.number, image) for page in pages for image in page.inline)]
    pictures += [(f"inline image {index} (page {number})", number, image)
                 for index, (number, image) in enumerate(inline, start=1)]
    def look(picture):
        label, _number, image = picture
        if too_small_for_a_face(image):
            return None
        try:
            pil = image.as_pil_image()
        except Exception:  # noqa: BLE001 - undecodable: the OCR pass reports the image as not inspected
            return None
        return face_finding(pil.convert("RGB") if pil.mode not in ("RGB", "L") else pil, None, label)

    workers = max(1, min(len(pictures), ctx.options.jobs or os.cpu_count() or 1, 4))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        found = list(pool.map(look, pictures))          # in the pictures' order, so reports do not vary
    for (label, number, _image), finding in zip(pictures, found):
        if finding is not None:
            ctx.add(finding.category, finding.severity, finding.action, finding.message, image=label,
                    slide=number, box=finding.box)


# Decoders that take the picture's size from the coded data, not from /Width and /Height: a dictionary
# saying 30 x 30 over a JPEG of a whole face must not spare the face.
SELF_SIZED_FILTERS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}


def too_small_for_a_face(image) -> bool:
    """True when the image is below what find_faces looks at (it would say "no face" after the decode)
    and its decoder takes that size from the dictionary. A size or filter that cannot be read is not
    small: the image is decoded, as before."""
    from slidesan.images.faces import MIN_PIXELS

    try:
        if SELF_SIZED_FILTERS.intersection(str(name) for name in image.filters):
            return False
        return min(int(image.width), int(image.height)) < MIN_PIXELS
    except Exception:  # noqa: BLE001 - a broken dictionary: let the decode decide, as before
        return False
