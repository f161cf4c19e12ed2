"""What the deck shows beyond each picture's first frame, read by OCR like any picture.

scan/deck_scan.py reads every raster part once, as its first frame. This module adds views of the
rest, each a PNG keyed `<part>#<what>` for `scan.ocr.read_many`, and maps what OCR finds back to
the part and its slides with the view named in the message:

- every distinct frame of an animated GIF (it plays in the slide show; past frames.MAX_READ distinct
  frames, spread evenly, and the rest reported not inspected unless --thorough), each also looked
  at for faces;
- faint text on a flat background, stretched to full contrast (images/contrast.py);
- the transparency of a picture that has one (text cut out of an opaque layer shows the slide behind);
- each picture as its shape shows it: turned, mirrored, stretched (scan/turned_views.py);
- EMF, WMF, SVG and PDF pictures, rendered (images/vector.py); not inspected when nothing renders;
- each bitmap an EMF or WMF holds, read whole as stored: a clip or source rectangle can leave part of it
  undrawn (images/metafile_bitmaps.py);
- text converted to outlines (scan/freeform_views.py);
- with --thorough, each slide as the audience sees it (scan/slide_render.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from slidesan.images.safe_open import UnreadableImage, open_image
from slidesan.report.model import INFO, REVIEW

VECTOR_TYPES = ("image/x-emf", "image/emf", "image/x-wmf", "image/wmf", "image/svg+xml", "application/pdf")
MIN_BITMAP_SIDE = 8


@dataclass
class View:
    key: str                 # the name OCR knows it by
    data: bytes              # PNG
    part: str                # the part it shows (picture, slide, layout or master)
    where: str               # "frame 3 of 40", "faint text stretched", ...
    on_pixels: bool = True   # boxes are in the part's own pixels (covers and slides can be placed)
    slide: int | None = None


def frame_views(deck, ctx, name: str, image) -> list[View]:
    """Frames 2.. of an animation as views; faces looked for in each; sampling reported."""
    import io

    from slidesan.images.faces import face_finding
    from slidesan.images.frames import MAX_READ, distinct_shown_frames, frame_count, is_animation

    if not is_animation(image):
        return []
    total = frame_count(image)
    slide = deck.slide_number(deck.part_by_name(name)) if deck.part_by_name(name) is not None else None
    frames, distinct = distinct_shown_frames(image, None if ctx.options.thorough else MAX_READ)
    if distinct > len(frames):      # a frame nobody read can show a name: never publication on it
        ctx.add("picture", REVIEW, "not-inspected", f"animated picture: {len(frames)} of its {distinct} distinct "
                f"frames read by OCR and the face check, spread evenly (--thorough reads every one)",
                part=name, image=name, slide=slide)
    views, seen = [], set()
    for frame in frames:
        key = hash(frame.image.tobytes())
        if key in seen:
            continue
        seen.add(key)
        where = f"frame {frame.index + 1} of {total} of the animation"
        face = face_finding(frame.image, None, where=f"{where}")
        if face is not None and frame.index:
            ctx.add(face.category, face.severity, face.action, face.message, part=name,
                    image=f"{name}#frame{frame.index + 1}", slide=slide, box=face.box)
        if frame.index:
            buf = io.BytesIO()
            frame.image.save(buf, "PNG", compress_level=1)
            views.append(View(f"{name}#frame{frame.index + 1}", buf.getvalue(), name, where, slide=slide))
    return views


def faint_view(name: str, image) -> list[View]:
    import io

    from slidesan.images.contrast import low_contrast_view

    view = low_contrast_view(image)
    if view is None:
        return []
    buf = io.BytesIO()
    view.save(buf, "PNG", compress_level=1)
    return [View(f"{name}#faint", buf.getvalue(), name, "faint text, hardly visible, stretched to full contrast")]


MIN_SHARE = 0.002          # of the pixels: a transparent or opaque part smaller than this holds no letter


def transparency_view(name: str, image) -> list[View]:
    """The alpha channel as a picture (opaque black, transparent white): what the picture lets through.

    OCR reads a picture composited over black; a picture whose text is only in its transparency
    (letters cut out of an opaque layer, or drawn opaque in a colour close to black) shows that text
    over the slide behind it, whatever its colour channels hold."""
    import io

    import numpy as np
    from PIL import Image

    if "A" not in image.getbands() and not (image.mode == "P" and "transparency" in image.info):
        return []
    alpha = np.asarray(image.convert("RGBA").getchannel("A"))
    see_through = float((alpha < 128).mean())
    if not MIN_SHARE < see_through < 1.0 - MIN_SHARE:
        return []
    buf = io.BytesIO()
    Image.fromarray(255 - alpha, "L").save(buf, "PNG", compress_level=1)
    return [View(f"{name}#transparency", buf.getvalue(), name, "its transparency, as shown over the slide")]


def turned_picture_views(deck, rasters, uses_by_image) -> list[View]:
    from slidesan.scan.turned_views import turned_views

    return [View(key, png, name, where, on_pixels=False, slide=slide)
            for key, name, slide, where, png in turned_views(deck, rasters, uses_by_image)]


def vector_views(deck, ctx) -> list[View]:
    """Every EMF/WMF/SVG/PDF part rendered; those no program renders here stay not inspected."""
    from slidesan.images.vector import render_many

    wanted = {str(p.partname): (p.blob, p.content_type) for p in deck.parts() if p.content_type.lower() in VECTOR_TYPES}
    if not wanted:
        return []
    views = []
    for name, png in render_many(wanted).items():
        slide = deck.slide_number(deck.part_by_name(name))
        if isinstance(png, str):
            ctx.add("unsupported-picture", REVIEW, "not-inspected", f"{wanted[name][1]} picture not read: {png}",
                    part=name, image=name, slide=slide)
        else:
            views.append(View(f"{name}#rendered", png, name, "the rendered vector picture", slide=slide))
    return views


def metafile_bitmap_views(deck, ctx) -> list[View]:
    """Every bitmap an EMF or WMF part stores, whole: what the rendering leaves undrawn is still in the file."""
    import io

    from slidesan.images.metafile_bitmaps import as_bmp_files, is_metafile, plus_image_file, plus_images

    views = []
    for part in deck.parts():
        if part.content_type.lower() not in VECTOR_TYPES or not is_metafile(part.blob):
            continue
        name, slide = str(part.partname), deck.slide_number(part)
        stored = as_bmp_files(part.blob) + [plus_image_file(image) for image in plus_images(part.blob)]
        for index, bmp in enumerate(stored):
            try:
                image = open_image(bmp)
            except UnreadableImage as exc:
                ctx.add("picture", REVIEW, "not-inspected", f"bitmap {index + 1} stored in the metafile {exc}",
                        part=name, image=name, slide=slide)
                continue
            if min(image.size) < MIN_BITMAP_SIDE:
                continue                     # a pattern brush or a one-line mask: no room for text
            png = io.BytesIO()
            image.convert("RGB").save(png, "PNG")
            views.append(View(f"{name}#bitmap{index + 1}", png.getvalue(), name,
                              f"bitmap {index + 1} stored in the metafile, read whole", on_pixels=False, slide=slide))
    return views


def outline_views(deck) -> list[View]:
    from slidesan.scan.freeform_views import freeform_views

    return [View(f"{part.partname}#outlines", png, str(part.partname), "shapes drawn as outlines (custom geometry)",
                 on_pixels=False, slide=slide) for part, slide, png in freeform_views(deck)]


def collect_views(deck, ctx, rasters: dict[str, bytes], uses_by_image=None) -> list[View]:
    views = []
    for name, data in rasters.items():
        try:
            image = open_image(data, load=False)
        except UnreadableImage:
            continue                                     # reported by the inventory
        views += frame_views(deck, ctx, name, image)
        if ctx.options.ocr:
            image.seek(0)
            image.load()
            views += faint_view(name, image) + transparency_view(name, image)
    if ctx.options.ocr:
        views += turned_picture_views(deck, rasters, uses_by_image or {})
        views += vector_views(deck, ctx) + metafile_bitmap_views(deck, ctx) + outline_views(deck)
        if ctx.options.thorough:
            from slidesan.scan.slide_render import slide_views

            views += slide_views(deck, ctx)
    return views


def read_views(deck, ctx, rasters, uses_by_image, vocabulary, found: list) -> list:
    """Findings of identifiers read in every view (see module docstring), not repeating `found`."""
    views = collect_views(deck, ctx, rasters, uses_by_image)
    if not views or not ctx.options.ocr:
        return []
    from slidesan.scan.ocr import read_many, tesseract_status

    available, message = tesseract_status()
    if not available:
        for view in views:
            if not view.on_pixels or view.key.endswith("#rendered"):
                ctx.add("ocr", REVIEW, "not-inspected", f"{view.where} not read: {message}", part=view.part,
                        slide=view.slide)
        return []
    from slidesan.scan.picture_text import reading_settled

    results = read_many({view.key: view.data for view in views}, jobs=ctx.options.jobs, thorough=ctx.options.thorough,
                        settled=reading_settled(ctx.options, vocabulary))
    seen = {(f.category, f.text, f.part if f.slide is None else f.slide) for f in found}
    out = []
    for view in views:
        lines = results.get(view.key)
        if isinstance(lines, str):
            ctx.add("picture", REVIEW, "not-inspected", f"{view.where} could not be read: {lines}", part=view.part,
                    image=view.key, slide=view.slide)
            continue
        out += place_view_findings(deck, ctx, view, lines or [], uses_by_image, vocabulary, seen)
    return out


def place_view_findings(deck, ctx, view: View, lines, uses_by_image, vocabulary, seen) -> list:
    """The view's lines judged as a picture's are (scan/picture_text); findings named after the view."""
    from slidesan.scan.picture_findings import judged_findings
    from slidesan.scan.picture_text import judge_picture

    size = open_image(view.data, load=False).size
    uses = uses_by_image.get(view.part, []) if view.on_pixels else []
    before = len(ctx.findings)
    judged_findings(deck, ctx, view.part, size, uses, judge_picture(lines, vocabulary))
    out = []
    for finding in ctx.findings[before:]:
        if not view.on_pixels:
            finding.slide, finding.shape = view.slide, None
        key = (finding.category, finding.text, finding.part if finding.slide is None else finding.slide)
        if finding.severity == INFO or (finding.text and key in seen):
            ctx.findings.remove(finding)
            continue
        finding.message += f" ({view.where})"
        finding.image = view.key             # not the part's own pixels: --redact leaves it alone
        seen.add(key)
        out.append(finding)
    return out
