"""Pixels as a viewer shows them, with nothing the eye cannot see left in their values.

Three tricks keep content in pixel values that never reach the screen: colour under transparent
pixels (alpha 0 hides any RGB, and an alpha of a few levels in 255 shows it too faintly to see,
while any tool that drops the alpha shows it whole), a palette with two entries of one colour (text drawn
with the second entry is invisible, yet its indices spell it out), and a colour profile the
picture carries (its description is text, and an odd profile changes what the eye sees). Every
picture written afresh goes through `shown_pixels` first: indexed pictures are expanded to grey,
RGB or RGBA, colour under alpha 0 or nearly 0 (`UNSEEN_ALPHA`) becomes 0, and colours are in sRGB or a known standard space.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from slidesan.images.icc import profile_description, standard_profile, to_srgb


@dataclass
class Shown:
    image: Image.Image
    icc: bytes | None = None                          # our copy of a standard profile, or None (sRGB)
    changes: list[str] = field(default_factory=list)  # what was done, for the report


def expand_palette(img: Image.Image) -> Image.Image:
    """P/PA/1-with-palette to L, LA, RGB or RGBA: the smallest mode that shows the same colours."""
    transparent = img.mode == "PA" or "transparency" in img.info
    rgba = img.convert("RGBA" if transparent else "RGB")
    arr = np.asarray(rgba)
    grey = bool((arr[..., 0] == arr[..., 1]).all() and (arr[..., 1] == arr[..., 2]).all())
    if grey:
        return rgba.convert("LA" if transparent else "L")
    return rgba


# The most alpha (of 255) at which a pixel's colour changes what is shown by so few levels that no
# one sees it: its colour is cleared like colour under alpha 0, the shown picture moves by at most as
# many levels. Text kept under alpha 2 is invisible on screen and whole once the alpha is dropped.
UNSEEN_ALPHA = 7


def unseen(arr: np.ndarray) -> np.ndarray:
    """Where a pixel's alpha (last channel) is too low for its colour to be seen: any bit depth."""
    limit = UNSEEN_ALPHA if arr.dtype == np.uint8 else UNSEEN_ALPHA * (np.iinfo(arr.dtype).max // 255)
    return arr[..., -1] <= limit


EDGE = 2      # px around shown pixels where colour under unseen alpha is their soft edge


def hiding(arr: np.ndarray) -> np.ndarray:
    """Where colour under unseen alpha can hold something of its own: alpha 0 anywhere, and a few
    levels above 0 away from the shown pixels (at least EDGE px). Beside them it is the soft edge every
    anti-aliased shape has, the shown colour running out; a clean clears it too, a check need not read it."""
    import cv2

    shown = (~unseen(arr)).astype(np.uint8)
    near = cv2.dilate(shown, np.ones((2 * EDGE + 1, 2 * EDGE + 1), np.uint8)) > 0
    return (arr[..., -1] == 0) | (unseen(arr) & ~near)


def clear_hidden_colour(img: Image.Image) -> tuple[Image.Image, int]:
    """Colour under unseen alpha set to 0 (the alpha kept); returns (image, pixels changed). 8-bit LA/RGBA only."""
    if img.mode not in ("LA", "RGBA"):
        return img, 0
    arr = np.asarray(img)
    count = hidden_colour_count(arr)
    if not count:
        return img, 0
    return Image.fromarray(cleared_colour(arr), img.mode), count


def cleared_colour(arr: np.ndarray) -> np.ndarray:
    """A copy of `arr` whose colour channels are 0 wherever the alpha is unseen."""
    out = arr.copy()
    out[..., :-1][unseen(arr)] = 0
    return out


def hidden_colour_count(arr: np.ndarray) -> int:
    """Pixels whose alpha (last channel) is unseen (0 or nearly) while a colour channel is not 0."""
    import cv2

    channels = cv2.split(np.ascontiguousarray(arr))
    colour = channels[0]
    for channel in channels[1:-1]:
        colour = cv2.bitwise_or(colour, channel)
    hidden = unseen(arr).astype(np.uint8)
    return cv2.countNonZero(cv2.bitwise_and(hidden, cv2.compare(colour, 0, cv2.CMP_NE)))


def colour_policy(img: Image.Image, icc: bytes | None) -> Shown:
    """Keep a standard profile as our own copy; convert pixels under any other profile to sRGB."""
    shown = Shown(img)
    if not icc:
        return shown
    standard = standard_profile(icc)
    if standard is not None:
        shown.icc = standard.data
        if icc != standard.data:
            shown.changes.append(f"colour profile replaced by slidesan's copy of standard {standard}")
        return shown
    label = profile_description(icc)
    converted = to_srgb(img, icc)
    if converted is None:
        shown.changes.append(f"unreadable colour profile removed ({label})")
    else:
        shown.image = converted
        shown.changes.append(f"colour profile '{label}' is no known standard one: colours converted to sRGB")
    return shown


def shown_pixels(img: Image.Image, icc: bytes | None = None) -> Shown:
    """The picture's pixels ready to be written afresh (see module docstring)."""
    changes = []
    if img.mode in ("P", "PA") or (img.mode == "1" and img.palette is not None and img.palette.mode != "1"):
        img = expand_palette(img)
        changes.append("indexed colours expanded (no palette is written)")
    elif img.mode in ("La", "RGBa"):
        img = img.convert("RGBA")
    elif "transparency" in img.info and img.mode in ("L", "RGB"):
        img = img.convert("LA" if img.mode == "L" else "RGBA")   # a colour key becomes a real alpha channel
    shown = colour_policy(img, icc)
    shown.image, cleared = clear_hidden_colour(shown.image)
    if cleared:
        changes.append(f"colour under {cleared} transparent or nearly transparent pixels cleared")
    shown.changes = changes + shown.changes
    return shown


def stored_view(img: Image.Image) -> Image.Image | None:
    """What the file stores but no viewer shows, made visible, or None when nothing is hidden: the
    colour under transparent or nearly transparent pixels (alpha dropped), and pixels drawn with a palette entry of
    the same colour as an earlier used entry (those entries turned to the opposite colour). A clean
    removes both (shown_pixels); a check reports the input, where they can still be read. One colour
    under all the transparency (white or black, as many editors store it) can spell nothing: None."""
    if img.mode in ("P", "PA"):
        return _palette_lookalikes(img)
    if img.mode in ("La", "RGBa"):
        img = img.convert("RGBA")
    if img.mode not in ("LA", "RGBA"):
        return None
    arr = np.asarray(img)
    if not hidden_colour_count(arr):
        return None
    under = arr[hiding(arr)][:, :-1]
    if not len(under):
        return None
    if not (under != under[0]).any():
        return None
    return Image.fromarray(np.ascontiguousarray(arr[..., :-1]).squeeze(), "L" if img.mode == "LA" else "RGB")


def _palette_lookalikes(img: Image.Image) -> Image.Image | None:
    palette = img.getpalette() or []
    used = np.unique(np.asarray(img if img.mode == "P" else img.getchannel(0)))
    first: dict[tuple, int] = {}
    twins = []
    for index in used.tolist():
        colour = tuple(palette[3 * index:3 * index + 3])
        if colour in first:
            twins.append(index)
        else:
            first[colour] = index
    if not twins:
        return None
    turned = list(palette)
    for index in twins:
        turned[3 * index:3 * index + 3] = [255 - v for v in palette[3 * index:3 * index + 3]]
    view = img.convert("P") if img.mode == "PA" else img.copy()
    view.info.pop("transparency", None)
    view.putpalette(turned)
    return view.convert("RGB")
