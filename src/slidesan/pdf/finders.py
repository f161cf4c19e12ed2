"""Where a kind of stream lies in a document: every content stream, every embedded font program,
every colour profile. Several steps act on the same streams for different hiding places; they find
them here, so that no step imports another.
"""

from __future__ import annotations

import warnings

import pikepdf

from slidesan.pdf.objects import draws_content, name_of

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
SFNT_SUBTYPES = ("", "/OpenType")           # /FontFile2 has none; /FontFile3 /OpenType


def content_streams(doc):
    """Every content stream, once: pages' /Contents, form XObjects and appearances, patterns, Type 3 glyphs."""
    seen = set()

    def once(stream):
        if isinstance(stream, pikepdf.Stream) and not (stream.is_indirect and stream.objgen in seen):
            if stream.is_indirect:
                seen.add(stream.objgen)
            yield stream

    for page in doc.pages:
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
            yield from once(stream)
    for obj in doc.dicts():
        if isinstance(obj, pikepdf.Stream) and draws_content(obj):
            yield from once(obj)
        procs = obj.get("/CharProcs") if name_of(obj.get("/Subtype")) == "/Type3" else None
        if isinstance(procs, pikepdf.Dictionary):
            for _name, stream in procs.items():
                yield from once(stream)


def readable(stream) -> bytes | None:
    try:
        return stream.read_bytes()
    except (pikepdf.PdfError, RuntimeError, ValueError, NotImplementedError):
        return None


def parsed(stream) -> tuple[list, bool] | None:
    """(instructions, whether operands were left over at the end), or None when it does not parse."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            instructions = pikepdf.parse_content_stream(stream)
        except (pikepdf.PdfError, RuntimeError, ValueError, TypeError):
            return None
    left_over = any("end of stream" in str(w.message).lower() for w in caught)
    return instructions, left_over


def programs(doc):
    """(font descriptor key, stream) of every embedded font program."""
    for obj in doc.dicts():
        if name_of(obj.get("/Type")) != "/FontDescriptor":
            continue
        for key in FONT_FILES:
            stream = obj.get(key)
            if isinstance(stream, pikepdf.Stream):
                yield key, stream


def profile_streams(doc):
    """Every ICC profile stream: the second element of an [/ICCBased stream] array anywhere, and
    every output intent's /DestOutputProfile."""
    seen = set()
    for obj in doc.dicts():
        for value in obj.values():
            if isinstance(value, pikepdf.Array) and len(value) == 2 and name_of(value[0]) == "/ICCBased" \
                    and isinstance(value[1], pikepdf.Stream):
                candidate = value[1]
            elif isinstance(value, pikepdf.Stream) and name_of(obj.get("/Type")) == "/OutputIntent":
                candidate = value
            else:
                continue
            key = candidate.objgen if candidate.is_indirect else id(candidate)
            if key not in seen:
                seen.add(key)
                yield candidate
