"""The PDF cleaner: open → scrub steps → scan → write atomically → verify → report, as for decks.

Each hiding place is one module in `steps/` with two functions:

    scrub(doc, ctx)           remove or flag what hides there, adding findings to ctx
    residue(doc, options)     descriptions of anything scrub() would still act on

`residue` is the inventory: run on the written output it must come back empty (verify.py).
Steps never call each other; their order is here.
"""

from __future__ import annotations

import time
import zlib

import pikepdf

from slidesan.errors import SlidesanError

from slidesan.pdf.steps import (
    actions,
    annotations,
    clipped_pixels,
    colour_profiles,
    content_comments,
    document_id,
    document_info,
    embedded_files,
    fax_images,
    font_programs,
    font_tables,
    form_fields,
    function_samples,
    image_samples,
    incremental_history,
    inline_image_samples,
    invisible_text,
    masked_pixels,
    metadata_streams,
    named_destinations,
    optional_content,
    palette_entries,
    private_data,
    profile_extras,
    split_contents,
    stray_strings,
    thumbnails,
    trailer_keys,
    unknown_operators,
    unused_resources,
    wrapped_coded_images,
)

# Hidden layers and invisible text go before the pictures are cut, so that a picture drawn only in
# a hidden layer is dropped rather than cut; cutting goes before metadata so re-encoded pictures are
# stripped too.
STEPS = [
    incremental_history,    # revisions after the first %%EOF, /Prev, unreferenced objects
    document_info,          # trailer /Info, catalog XMP
    document_id,            # trailer /ID
    annotations,            # comments, authors, pop-ups, markup, links to files
    embedded_files,         # /EmbeddedFiles, file attachment annotations, /AF, portfolios
    trailer_keys,           # trailer keys the standard does not define (a hybrid PDF's source file)
    form_fields,            # /AcroForm, widgets, values, XFA
    actions,                # JavaScript, /OpenAction, /AA, Launch/GoToR/Submit actions
    named_destinations,     # names of named destinations (renamed, links follow)
    optional_content,       # layers that are off: their content goes
    thumbnails,             # /Thumb
    private_data,           # /PieceInfo, article threads, web-capture data
    split_contents,         # a page's content streams joined: operands may run across the split
    function_samples,       # bytes after a sampled function's table (nothing reads them)
    image_samples,          # bytes after an image's last row (nothing reads them)
    inline_image_samples,   # bytes after an inline image's last row
    fax_images,             # CCITT images written as samples (bytes after their last row)
    wrapped_coded_images,   # a JPEG / JPEG 2000 file deflated inside a filter chain: unwrapped
    invisible_text,         # render mode 3, white on white, zero size, under a picture, clipped away
    unused_resources,       # forms and pictures a page lists but never draws
    clipped_pixels,         # image pixels outside every visible region
    masked_pixels,          # colour under a soft mask that shows nothing
    palette_entries,        # Indexed palette entries no sample uses (after the cuts: fewer are used)
    metadata_streams,       # /Metadata on pages, images, fonts; EXIF in JPEG images
    colour_profiles,        # free text of ICC profiles (/ICCBased, output intents)
    profile_extras,         # an ICC profile's own text tags, bytes after its declared size
    content_comments,       # `%` comments in drawing operators
    unknown_operators,      # operators no viewer runs (BX/EX sections, PS), operands left at the end
    font_tables,            # tables of a TrueType/OpenType program no renderer reads
    font_programs,          # designers, copyrights, notices and comments inside embedded fonts
    stray_strings,          # strings under keys no step owns, on any dictionary (last: owners go first)
]

PROGRESS_TICKS = len(STEPS) + 2

# What damaged structure raises inside pikepdf and the steps (a /Root that is a number, a string
# that is not text, a stream qpdf cannot decode). A step that cannot read its hiding place cannot
# vouch for it: the file is refused, in one line, rather than written half-cleaned.
DAMAGE = (pikepdf.PdfError, TypeError, ValueError, AttributeError, KeyError, IndexError, UnicodeError,
          RecursionError, zlib.error, NotImplementedError, OverflowError)


def refuse(doc, stage: str, exc: Exception) -> SlidesanError:
    detail = str(exc).splitlines()[0][:120] if str(exc) else ""
    return SlidesanError(f"{doc.name}: damaged PDF structure that {stage} cannot read "
                         f"({type(exc).__name__}{': ' + detail if detail else ''}); nothing written")


def step_name(step) -> str:
    return step.__name__.rsplit(".", 1)[-1].replace("_", "-")


def run_steps(doc, ctx, progress=None) -> dict[str, float]:
    timings = {}
    for step in STEPS:
        ctx.step = step_name(step)
        t0 = time.perf_counter()
        try:
            step.scrub(doc, ctx)
        except DAMAGE as exc:
            raise refuse(doc, f"the {ctx.step} step", exc) from None
        timings[ctx.step] = time.perf_counter() - t0
        if progress:
            progress(ctx.step)
    ctx.step = ""
    return timings


def residue(doc, options) -> list[str]:
    """Everything the steps would still act on; empty for a correctly cleaned PDF."""
    found = []
    for step in STEPS:
        try:
            found.extend(f"{step_name(step)}: {item}" for item in step.residue(doc, options))
        except DAMAGE as exc:
            found.append(f"{step_name(step)}: the inventory cannot read the written file ({type(exc).__name__})")
    return found
