"""Hiding place: image pixels that no page shows (clipped away, outside the crop box, off the page).

An exported cropped picture is the whole picture with a clip: LibreOffice (measured) and, it is
reported, PowerPoint write every pixel and let a clipping path hide the name band. For each use of
each image the interpreter gives the region shown (CTM, clips, forms' /BBox, the crop box); the
image is cut to the whole pixels of that region and the drawing matrix is adjusted so the page
looks the same. A form drawn several times keeps the union of what its uses show; an image drawn
in several places with different regions gets one cut image per region. A use that shows nothing
is dropped. Encodings this cannot cut (JPEG 2000, JBIG2, CCITT) are reported as not inspected.
"""

from __future__ import annotations

from collections import defaultdict

import pikepdf

from slidesan.pdf.clip_mask import whiten_outside
from slidesan.pdf.content import Interpreter
from slidesan.pdf.geometry import invert, transform_rect
from slidesan.pdf.images import CannotCut, cut, cuttable, pixel_box, size_of
from slidesan.pdf.objects import is_dict, name_of
from slidesan.pdf.rewrite import Edits, instruction

TOLERANCE_PX = 1          # a remainder under one pixel on a side is float noise, not hidden content


def regions(doc, inline: list | None = None):
    """(interpreter, {(container key, index): [use, box, shapes]}, problems): each op's box is the union of its
    uses' boxes; shapes are the (CTM, non-rectangular clips) of each use."""
    interpreter = Interpreter(doc)
    by_op: dict = {}
    problems = []
    for page in interpreter.pages():
        problems += [(page.number, p) for p in page.problems]
        if inline is not None and page.inline_hidden:
            inline.append((page.number, page.inline_hidden))
        for use in page.images:
            inverse = invert(use.ctm)
            box = None
            if use.visible is not None and inverse is not None:
                box = pixel_box(use.image, transform_rect(inverse, use.visible))
            key = (interpreter.key(use.container), use.index)
            if key in by_op:
                by_op[key][1] = merge(by_op[key][1], box)
                by_op[key][2].append((use.ctm, use.shape))
            else:
                by_op[key] = [use, box, [(use.ctm, use.shape)]]
    return interpreter, by_op, problems


def merge(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def hidden_share(image, box) -> float:
    width, height = size_of(image)
    if box is None:
        return 1.0
    return 1.0 - (box[2] - box[0]) * (box[3] - box[1]) / max(1, width * height)


def is_full(image, box) -> bool:
    width, height = size_of(image)
    return box is not None and box[0] <= TOLERANCE_PX and box[1] <= TOLERANCE_PX and \
        box[2] >= width - TOLERANCE_PX and box[3] >= height - TOLERANCE_PX


def scrub(doc, ctx) -> None:
    doc.pdf.remove_unreferenced_resources()         # a resource no content names is not a picture shown
    inline: list = []
    interpreter, by_op, problems = regions(doc, inline)
    for number, problem in problems:
        ctx.add("crop", "review", "not-inspected", problem, slide=number)
    for number, count in inline:
        ctx.add("crop", "review", "not-inspected", f"{count} inline image(s) partly hidden; inline images are "
                "not cut", slide=number)
    unplaced = placed_elsewhere(doc, {use.image.objgen for use, _b, _s in by_op.values()})
    if unplaced:
        ctx.add("crop", "review", "not-inspected", f"{unplaced} image(s) drawn only by patterns, glyphs or "
                "annotation appearances: what they show is not computed, hidden pixels may remain")
    edits = Edits(interpreter)
    made: dict = {}
    for (_key, index), (use, box, shapes) in by_op.items():
        image = use.image
        label = f"image {use.name[1:]}"
        if box is None:
            edits.replace(use.container, index, [])
            ctx.add("crop", "info", "removed", f"{label} drawn where nothing of it is visible; removed",
                    slide=use.page, image=label)
            continue
        shaped = all(shape for _ctm, shape in shapes)
        if is_full(image, box) and not shaped:
            continue
        if not cuttable(image):
            ctx.add("crop", "review", "not-inspected", f"{label} is partly hidden but its encoding "
                    f"({name_of(image.get('/Filter'))[1:] or 'filter chain'}) is not cut here; hidden pixels kept",
                    slide=use.page, image=label)
            continue
        try:
            key = (image.objgen, box, repr(shapes) if shaped else "")
            if key not in made:
                made[key] = cut(doc.pdf, image, box)
                if key[2] and whiten_outside(made[key], image, box, shapes):
                    ctx.add("crop", "info", "cropped", f"{label}: pixels outside its non-rectangular clip made white",
                            slide=use.page, image=label)
                elif is_full(image, box):
                    del made[key]
                    continue
        except (CannotCut, pikepdf.PdfError, OSError, ValueError) as exc:
            ctx.add("crop", "review", "not-inspected", f"{label} could not be cut ({exc}); hidden pixels kept",
                    slide=use.page, image=label)
            continue
        name = add_resource(use.resources, use.name, made[key])
        edits.replace(use.container, index, redraw(image, box, name))
        width, height = size_of(image)
        if not is_full(image, box):
            ctx.add("crop", "info", "cropped", f"{label} cut from {width}x{height} to the {box[2] - box[0]}x"
                    f"{box[3] - box[1]} pixels shown ({hidden_share(image, box):.0%} was hidden)",
                    slide=use.page, image=label)
    edits.apply(doc)
    drop_alternates(doc, ctx)


def placed_elsewhere(doc, placed: set) -> int:
    """Images in the file that no page content draws (masks aside)."""
    masks = set()
    images = []
    for obj in doc.streams():
        for key in ("/SMask", "/Mask"):
            mask = obj.get(key)
            if isinstance(mask, pikepdf.Stream):
                masks.add(mask.objgen)
        if name_of(obj.get("/Subtype")) == "/Image":
            images.append(obj.objgen)
    return sum(1 for objgen in images if objgen not in placed and objgen not in masks)


def redraw(image, box, name: str) -> list:
    """`q <box in the old unit square> cm /name Do Q`: the cut image lands where its pixels were."""
    width, height = size_of(image)
    left, top, right, bottom = box
    matrix = ((right - left) / width, 0, 0, (bottom - top) / height, left / width, 1 - bottom / height)
    return [instruction("q"), instruction("cm", *[round(v, 9) for v in matrix]),
            instruction("Do", pikepdf.Name(name)), instruction("Q")]


def add_resource(resources, old: str, stream) -> str:
    xobjects = resources.get("/XObject") if is_dict(resources) else None
    if not is_dict(xobjects):
        raise CannotCut("image resources cannot be found")
    n = 1
    while f"{old}_c{n}" in xobjects:
        n += 1
    xobjects[f"{old}_c{n}"] = stream
    return f"{old}_c{n}"


def drop_alternates(doc, ctx) -> None:
    for obj in list(doc.streams()):
        if name_of(obj.get("/Subtype")) == "/Image" and "/Alternates" in obj:
            del obj["/Alternates"]
            ctx.add("crop", "review", "removed", "alternate versions of an image removed")


def residue(doc, options) -> list[str]:
    _interpreter, by_op, _problems = regions(doc)
    shown = defaultdict(lambda: None)
    images = {}
    for (use, box, _shapes) in by_op.values():
        key = use.image.objgen
        images[key] = use.image
        shown[key] = merge(shown[key], box)
    found = []
    for key, image in images.items():
        box = shown[key]
        if cuttable(image) and not is_full(image, box):
            found.append(f"image {key[0]} shows only {box} of {size_of(image)}")
    return found
