"""Hiding place: colour under a soft mask that lets nothing through.

An image with a `/SMask` shows its colour only where the mask is not zero. A PACS screenshot whose
name band was "hidden" with a transparent mask (or a picture exported with transparency) still
carries every pixel of the band: extract the image and the name is there. The deck cleaner clears
colour under alpha 0 when it rebuilds pictures; this is the same rule for PDF images: where the
mask is (nearly) zero the samples are set to one value, so the page looks the same and the hidden
pixels hold nothing. Masks and images this module cannot decode are reported as not inspected.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
import pikepdf
from PIL import Image

from slidesan.pdf.images import CannotCut, components, kind, size_of
from slidesan.pdf.objects import name_of

INVISIBLE = 3          # alpha at or below this (of 255) shows less than 2% of the colour


def masked_images(doc):
    for obj in doc.streams():
        if name_of(obj.get("/Subtype")) == "/Image" and isinstance(obj.get("/SMask"), pikepdf.Stream):
            yield obj


def invisible_of(image) -> np.ndarray:
    """Boolean (height, width) of the image's pixels its soft mask hides."""
    mask = image["/SMask"]
    alpha = decoded(mask)[:, :, 0]
    decode = mask.get("/Decode")
    if isinstance(decode, pikepdf.Array) and len(decode) == 2 and float(decode[0]) > float(decode[1]):
        alpha = 255 - alpha
    width, height = size_of(image)
    if alpha.shape != (height, width):
        alpha = np.asarray(Image.fromarray(alpha).resize((width, height), Image.NEAREST))
    return alpha <= INVISIBLE


def decoded(image) -> np.ndarray:
    """(height, width, components) 8-bit samples of an image stored as samples or JPEG."""
    width, height = size_of(image)
    how = kind(image)
    if how == "jpeg":
        pil = Image.open(io.BytesIO(image.read_raw_bytes()))
        if pil.mode not in ("L", "RGB"):
            raise CannotCut(f"{pil.mode} JPEG")
        pil.load()
        arr = np.array(pil)
        return arr.reshape(arr.shape[0], arr.shape[1], -1)
    comps = components(image) or 0
    if how != "samples" or int(image.get("/BitsPerComponent", 8)) != 8 or not comps:
        raise CannotCut("not 8-bit samples or a JPEG")
    data = image.read_bytes()
    if len(data) < width * height * comps:
        raise CannotCut("image data is short")
    return np.frombuffer(data, dtype=np.uint8, count=width * height * comps).reshape(height, width, comps).copy()


def holds_hidden(samples: np.ndarray, hidden: np.ndarray) -> bool:
    under = samples[hidden]
    return bool(under.size) and bool((under != under[0]).any())


def cleared(image, samples: np.ndarray, hidden: np.ndarray) -> None:
    """Hidden samples set to 0 and the image written losslessly (a JPEG re-encoded would blur the
    cleared pixels again at block edges)."""
    samples[hidden] = 0
    image.write(zlib.compress(samples.tobytes(), 6), filter=pikepdf.Name("/FlateDecode"))


def scrub(doc, ctx) -> None:
    done = set()
    for image in masked_images(doc):
        if image.objgen in done:
            continue
        done.add(image.objgen)
        label = f"image {image.objgen[0]}"
        try:
            samples, hidden = decoded(image), invisible_of(image)
        except (CannotCut, pikepdf.PdfError, OSError, ValueError, KeyError) as exc:
            ctx.add("picture", "review", "not-inspected",
                    f"{label}: the pixels its soft mask hides cannot be checked ({exc})", image=label)
            continue
        if holds_hidden(samples, hidden):
            cleared(image, samples, hidden)
            ctx.add("cropped-pixels", "high", "removed",
                    f"{label}: {int(hidden.sum())} pixel(s) hidden by its soft mask cleared", image=label)


def residue(doc, options) -> list[str]:
    found = []
    for image in masked_images(doc):
        try:
            if holds_hidden(decoded(image), invisible_of(image)):
                found.append(f"image {image.objgen[0]}: pixels under a zero soft mask still differ")
        except (CannotCut, pikepdf.PdfError, OSError, ValueError, KeyError):
            continue
    return found
