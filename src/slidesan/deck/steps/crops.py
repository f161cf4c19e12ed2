"""Hiding place: cropped-away pixels, pixels outside a crop-to-shape, off-slide parts of pictures,
SVG twins of cropped pictures and artistic-effect originals.

PowerPoint's crop only hides: the whole picture stays in the file and anyone can "reset picture".
For every picture use (see deck/pictures.py) this step stores exactly the displayed pixels as a new
image part of its own, rewrites the crop as a sub-pixel remainder, and leaves frames untouched
(except when trimming the off-slide part of a picture, which shrinks the frame to what stays).
Shared source parts are never edited; the old part disappears once nothing references it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from PIL import ImageChops

from slidesan.deck.geometry import coordinate, shape_frame, shape_label, slide_size
from slidesan.deck.package import NS
from slidesan.deck.pictures import (
    A, ARTISTIC_URI, EMBED, SVG_BLIP_URI, PictureUse, drop_unused_rels, is_croppable_type, picture_uses,
)
from slidesan.images.crop import (
    RESIDUE_SLACK, SCRUB_SLACK, CropPlan, crop_and_encode, plan_crop, read_sides, unreadable_sides,
    write_sides,
)
from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.images.shape_mask import is_rectangle, outline, render_mask

P, A14 = NS["p"], NS["a14"]
ZERO = (0.0, 0.0, 0.0, 0.0)
RESIDUE_MASK_GROW = 3      # residue tolerates this much edge beyond the outline scrub drew


@dataclass
class UsePlan:
    """What cleaning one picture use takes; `notes` are findings to report when nothing is done."""

    use: PictureUse
    image: object = None
    crop: CropPlan | None = None
    outline: list | None = None           # crop-to-shape polygons in frame fractions
    frame_window: tuple = ZERO            # off-slide trim, fractions of the frame on the slide
    notes: list = field(default_factory=list)   # (category, severity, action, message)
    _masks: dict = field(default_factory=dict, repr=False)

    def pixel_polygons(self):
        """The outline in pixels of the kept box, as a hashable key for deduplication."""
        if not self.outline:
            return None
        crop = self.crop
        mw, mh = crop.box[2] - crop.box[0], crop.box[3] - crop.box[1]
        x0, x1 = crop.src[0] * mw, mw - crop.src[2] * mw
        y0, y1 = crop.src[1] * mh, mh - crop.src[3] * mh
        f0, f1 = crop.fill[0], 1.0 - crop.fill[2]
        g0, g1 = crop.fill[1], 1.0 - crop.fill[3]

        def to_pixel(fx, fy):
            return (round(x0 + (fx - f0) / (f1 - f0) * (x1 - x0), 2),
                    round(y0 + (fy - g0) / (g1 - g0) * (y1 - y0), 2))
        return tuple(tuple(to_pixel(x, y) for x, y in poly) for poly in self.outline)

    def mask(self, grow: int = 1):
        polys = self.pixel_polygons()
        if polys is None:
            return None
        if (grow, polys) not in self._masks:
            box = self.crop.box
            self._masks.clear()    # one mask at a time: memory stays bounded by one image
            self._masks[(grow, polys)] = render_mask([list(p) for p in polys], (box[2] - box[0], box[3] - box[1]),
                                                     lambda x, y: (x, y), grow)
        return self._masks[(grow, polys)]


@dataclass
class Scene:
    """Deck-wide facts every plan needs: slide parts and size, SmartArt shapes by model id."""

    slide_parts: set             # slides, layouts and masters: parts drawn on the slide canvas
    width: int
    height: int
    diagram_shapes: dict          # dgm modelId -> dsp:sp (the drawn shape carrying the geometry)

    @classmethod
    def of(cls, deck) -> "Scene":
        sw, sh = slide_size(deck)
        shapes, presented_by = {}, {}
        for use in picture_uses(deck):
            if use.owner is not None and use.owner.get("modelId") and use.geometry() is not None:
                shapes[use.owner.get("modelId")] = use
            if use.kind == "shape-fill" and use.owner is not None and use.owner.get("modelId"):
                # a data point is drawn by the presentation points that name it in prSet@presAssocID
                for pres in use.owner.getparent().iterfind("{*}pt/{*}prSet[@presAssocID]/.."):
                    presented_by.setdefault(pres.find("{*}prSet").get("presAssocID"), []).append(pres.get("modelId"))
        for model_id, pres_ids in presented_by.items():
            drawn = next((shapes[p] for p in pres_ids if p in shapes), None)
            if drawn is not None and model_id not in shapes:
                shapes[model_id] = drawn
        # Layouts and masters are drawn on the same slide canvas, so their off-slide parts are hidden too.
        canvases = {s.partname for s in deck.slide_parts()}
        canvases |= {p.partname for p in deck.parts() if p.content_type in (CT.PML_SLIDE_LAYOUT, CT.PML_SLIDE_MASTER)}
        return cls(canvases, sw, sh, shapes)


def where(deck, use: PictureUse) -> dict:
    return {"slide": deck.slide_number(use.part), "part": str(use.part.partname),
            "shape": shape_label(use.owner) if use.owner is not None else use.kind}


def _off_slide_window(deck, use, scene: Scene, plan: UsePlan):
    """Fractions of the frame (left, top, right, bottom) that lie off the slide, or ZERO."""
    sw, sh = scene.width, scene.height
    if use.kind != "picture" or use.part.partname not in scene.slide_parts or use.owner.tag != f"{{{P}}}pic":
        return ZERO
    frame = shape_frame(deck, use.part, use.owner)
    if frame is None or frame.cx <= 0 or frame.cy <= 0:
        return ZERO
    off = (max(0.0, -frame.x) / frame.cx, max(0.0, -frame.y) / frame.cy,
           max(0.0, frame.right - sw) / frame.cx, max(0.0, frame.bottom - sh) / frame.cy)
    if max(off) < 1e-6:
        return ZERO
    if off[0] + off[2] >= 1 or off[1] + off[3] >= 1:
        return ZERO                                 # wholly off the slide: the hidden-shapes step
    reason = None
    if round(frame.rot) % 360:
        reason = "it is rotated"
    elif use.xfrm() is None:
        reason = "its frame is inherited from the layout"
    elif any(g.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm[@rot]") is not None
             or g.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm[@flipH]") is not None
             or g.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm[@flipV]") is not None
             for g in use.owner.iterancestors(f"{{{P}}}grpSp")):
        reason = "a group around it is rotated or flipped"
    elif plan.outline:
        reason = "it is cropped to a shape"
    if reason:
        plan.notes.append(("crop", "info", "kept", f"picture extends off the slide; off-slide part kept because {reason}"))
        return ZERO
    return off


def _flip(window, use) -> tuple:
    xfrm = use.xfrm()
    l, t, r, b = window
    if xfrm is not None and xfrm.get("flipH") in ("1", "true"):
        l, r = r, l
    if xfrm is not None and xfrm.get("flipV") in ("1", "true"):
        t, b = b, t
    return (l, t, r, b)


def _fill_turns_apart(use) -> bool:
    xfrm = use.xfrm()
    if use.blip_fill.get("rotWithShape") not in ("0", "false") or xfrm is None:
        return False
    rot = coordinate(xfrm, "rot")
    return rot is None or round(rot / 60000) % 360 != 0


def _frame_size(deck, use):
    xfrm = use.xfrm()
    ext = None if xfrm is None else xfrm.find(f"{{{A}}}ext")
    size = None if ext is None else (coordinate(ext, "cx"), coordinate(ext, "cy"))
    if size is not None and None not in size:
        return size
    if use.owner is not None:
        frame = shape_frame(deck, use.part, use.owner)
        if frame is not None:
            return frame.cx, frame.cy
    return 1.0, 1.0


def plan_use(deck, use: PictureUse, scene: Scene, slack) -> UsePlan | None:
    """What scrub would do to this use; None when there is nothing to do or it is not ours."""
    plan = UsePlan(use)
    image = use.image_part()
    if image is None or use.blip is None or not is_croppable_type(image):
        return None     # linked, missing or vector pictures belong to the unsafe-pictures step
    malformed = unreadable_sides(use.src_rect) + unreadable_sides(use.fill_rect)
    if malformed:
        plan.notes.append(("crop", "review", "not-inspected",
                           f"crop of picture {image.partname} is not a number ({', '.join(malformed)}); not applied"))
        return plan
    src, fill = read_sides(use.src_rect), read_sides(use.fill_rect)
    if use.is_tiled:
        if max(src) > 0:
            plan.notes.append(("crop", "review", "flagged", "tiled picture fill is cropped; crop not applied"))
            return plan
        return None
    shaped = use
    if use.owner is not None and use.geometry() is None and use.owner.get("modelId") in scene.diagram_shapes:
        shaped = scene.diagram_shapes[use.owner.get("modelId")]    # a SmartArt point drawn as that shape
    geometry = shaped.geometry() if use.kind in ("picture", "shape-fill") else None
    if geometry is not None and not is_rectangle(*geometry) and _fill_turns_apart(use):
        plan.notes.append(("crop", "review", "flagged", "crop-to-shape not applied (fill does not rotate with the shape)"))
    elif geometry is not None and not is_rectangle(*geometry):
        plan.outline = outline(*geometry, *_frame_size(deck, shaped))
        if plan.outline is None:
            name = geometry[1].get("prst", "custom geometry")
            plan.notes.append(("crop", "review", "flagged", f"crop-to-shape not applied ({name})"))
    window = _off_slide_window(deck, use, scene, plan)
    if max(src) <= 0 and min(fill) >= 0 and window == ZERO and not plan.outline:
        return plan if plan.notes else None
    plan.image = image
    try:
        size = open_image(image.blob, load=False).size
    except UnreadableImage as exc:
        plan.notes.append(("crop", "review", "not-inspected", f"cropped picture {image.partname} {exc}"))
        plan.image = None
        return plan
    plan.frame_window = window
    plan.crop = plan_crop(size, src, fill, _flip(window, use), slack)
    if plan.crop is None:
        plan.notes.append(("crop", "review", "flagged", "crop leaves nothing visible or is malformed; not applied"))
        plan.image = None
    return plan


def svg_twin_hides_content(use: PictureUse) -> bool:
    """A vector twin under any positive crop can hide content finer than one raster pixel."""
    return use.blip_ext(SVG_BLIP_URI) is not None and max(read_sides(use.src_rect)) > 0


def needs_pixels(plan: UsePlan) -> bool:
    return plan.crop is not None and (not plan.crop.is_full or bool(plan.outline))


def already_masked(img, plan: UsePlan, grow: int) -> bool:
    """True when no opaque pixel lies outside the (grown) outline: a crop-to-shape already applied
    (in every frame of an animation)."""
    from slidesan.images.frames import shown_frames

    outside = ImageChops.invert(plan.mask(grow))
    for frame in shown_frames(img):
        shown = frame.image
        if "A" not in shown.getbands():
            return False
        if ImageChops.multiply(shown.getchannel("A"), outside).getbbox() is not None:
            return False
    return True


# -- scrub ------------------------------------------------------------------------------------------

def scrub(deck, ctx) -> None:
    scene = Scene.of(deck)
    touched: dict = {}                        # part -> rIds that may have lost their last use
    plans = []
    for use in picture_uses(deck):
        remove_artistic_original(deck, ctx, use, touched)
        plan = plan_use(deck, use, scene, SCRUB_SLACK)
        if plan is None:
            continue
        for category, severity, action, message in plan.notes:
            ctx.add(category, severity, action, message, **where(deck, use))
        if needs_pixels(plan):
            plans.append(plan)
        elif plan.crop is not None and svg_twin_hides_content(use):
            rewrite_use(deck, ctx, plan, None, touched)     # raster crop under a pixel; the SVG may hide more
    by_image: dict = {}
    for plan in plans:
        by_image.setdefault(id(plan.image), []).append(plan)
    stored: dict[str, object] = {}            # sha256 of new bytes -> new part (identical results once)
    for group in by_image.values():
        apply_group(deck, ctx, group, stored, touched)
    for part, rids in touched.items():
        drop_unused_rels(deck, part, rids)


def apply_group(deck, ctx, group: list[UsePlan], stored, touched) -> None:
    """Decode one source once, make each distinct crop once, and point every use at its result."""
    try:
        img = open_image(group[0].image.blob)
    except UnreadableImage as exc:
        for plan in group:
            ctx.add("crop", "review", "not-inspected", f"cropped picture {plan.image.partname} {exc}",
                    **where(deck, plan.use))
        return
    results: dict = {}
    for plan in group:
        key = (plan.crop.box, plan.pixel_polygons())
        if key not in results:
            if plan.outline and plan.crop.is_full and already_masked(img, plan, 1):
                results[key] = None          # crop-to-shape already applied: keep the part
            else:
                try:
                    encoded = crop_and_encode(img, plan.crop.box, plan.mask(1))
                except (OSError, ValueError) as exc:       # a pixel format Pillow cannot write back
                    ctx.add("crop", "review", "not-inspected",
                            f"cropped picture {plan.image.partname} could not be re-encoded ({exc})", **where(deck, plan.use))
                    results[key] = None
                    continue
                digest = hashlib.sha256(encoded.blob).hexdigest()
                if digest not in stored:
                    # related by rewrite_use right away, so the next new part gets another name
                    stored[digest] = deck.new_media_part(encoded.blob, encoded.ext, encoded.content_type)
                results[key] = stored[digest]
        rewrite_use(deck, ctx, plan, results[key], touched)
        plan._masks.clear()
    img.close()


def rewrite_use(deck, ctx, plan: UsePlan, new_part, touched) -> None:
    use, crop = plan.use, plan.crop
    touched.setdefault(use.part, set())
    svg = use.blip_ext(SVG_BLIP_URI)
    if svg is not None:
        touched[use.part].update(el.get(EMBED) for el in svg.iter() if el.get(EMBED))
        _remove_ext(svg)
        ctx.add("svg-twin", "info", "removed", "SVG version of a cropped picture removed (it still held the hidden parts)",
                **where(deck, use))
    if new_part is None:
        return
    touched[use.part].add(use.rid)
    use.blip.set(EMBED, use.part.relate_to(new_part, RT.IMAGE))
    src_rect = use.src_rect
    if src_rect is None and max(abs(v) for v in crop.src) * 100000 >= 1:
        src_rect = use.blip.makeelement(f"{{{A}}}srcRect", {})
        use.blip.addnext(src_rect)
    if src_rect is not None:
        write_sides(src_rect, crop.src, truncate_positive=True)
    if src_rect is not None and not any(src_rect.get(k) for k in "ltrb"):
        use.blip_fill.remove(src_rect)
    fill_rect = use.fill_rect
    if fill_rect is not None:
        write_sides(fill_rect, crop.fill, truncate_positive=False)
    if plan.frame_window != ZERO:
        shrink_frame(use.xfrm(), plan.frame_window)
    ctx.add("crop", "info", "cropped", describe(plan), **where(deck, use))


def describe(plan: UsePlan) -> str:
    crop = plan.crop
    w, h = crop.size
    x0, y0, x1, y1 = crop.box
    strips = crop.removed_strips()
    texts = ["removed " + ", ".join(strips)] if strips else []
    if strips and plan.frame_window != ZERO:
        texts[0] += " (the part hanging off the slide; frame shrunk to the visible part)"
    if plan.outline:
        texts.append("made the pixels outside its crop-to-shape outline transparent")
    return f"{'; '.join(texts)}; kept {x1 - x0}x{y1 - y0} of {w}x{h} px"


def shrink_frame(xfrm, window) -> None:
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    x, y, cx, cy = (coordinate(off, "x"), coordinate(off, "y"), coordinate(ext, "cx"), coordinate(ext, "cy"))
    l, t, r, b = window
    off.set("x", str(round(x + l * cx)))
    off.set("y", str(round(y + t * cy)))
    ext.set("cx", str(round(cx * (1 - l - r))))
    ext.set("cy", str(round(cy * (1 - t - b))))


def _remove_ext(ext) -> None:
    ext_lst = ext.getparent()
    ext_lst.remove(ext)
    if len(ext_lst) == 0:
        ext_lst.getparent().remove(ext_lst)


def remove_artistic_original(deck, ctx, use: PictureUse, touched) -> None:
    """The a14:imgProps layer is the untouched original behind an artistic effect: always removed."""
    ext = use.blip_ext(ARTISTIC_URI)
    if ext is None:
        return
    rids = {el.get(EMBED) for el in ext.iter() if el.get(EMBED)}
    touched.setdefault(use.part, set()).update(rids)
    _remove_ext(ext)
    ctx.add("artistic-effect-original", "info", "removed",
            "untouched original behind an artistic effect removed; the displayed picture is kept", **where(deck, use))


# -- residue ----------------------------------------------------------------------------------------

def decodes(image) -> bool:
    try:
        open_image(image.blob).close()
        return True
    except UnreadableImage:
        return False


def residue(deck, options) -> list[str]:
    scene = Scene.of(deck)
    found = []
    for use in picture_uses(deck):
        label = f"{use.part.partname} {shape_label(use.owner) if use.owner is not None else use.kind}"
        if use.blip is not None and any(True for _ in use.blip.iter(f"{{{A14}}}imgProps")):
            found.append(f"{label}: artistic-effect original (a14:imgProps) still present")
        plan = plan_use(deck, use, scene, RESIDUE_SLACK)
        if svg_twin_hides_content(use):
            found.append(f"{label}: SVG twin of a cropped picture still present")
        if plan is None or plan.crop is None:
            continue
        if not plan.crop.is_full:
            if not decodes(plan.image):
                continue           # reported as not inspected by scrub; nothing it can do
            what = "off-slide part" if plan.frame_window != ZERO else "cropped-away pixels"
            found.append(f"{label}: {what} still stored ({', '.join(plan.crop.removed_strips())})")
        elif plan.outline:
            try:
                img = open_image(plan.image.blob)
            except UnreadableImage:
                continue
            if not already_masked(img, plan, RESIDUE_MASK_GROW):
                found.append(f"{label}: pixels outside its crop-to-shape outline are still stored")
            elif use.blip_ext(SVG_BLIP_URI) is not None:
                found.append(f"{label}: SVG twin of a shape-cropped picture still present")
    return found
