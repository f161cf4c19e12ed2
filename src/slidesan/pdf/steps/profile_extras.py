"""Hiding place: what an ICC profile holds beyond the tags a colour engine reads.

The colour_profiles step blanks the free-text tags the ICC specification names (description,
copyright, device maker and model...). A profile can hold more text nobody reads: a tag under a
signature of the maker's own whose type is a text type (`text`, `desc`, `mluc`), and bytes after
the size the profile's header declares (a colour engine reads that many bytes and stops). Both are
read for identifiers, then the text tags are blanked in place (the tag table is unchanged) and the
profile is cut to its declared size.
"""

from __future__ import annotations

import struct

from slidesan.images.icc import TEXT_TAGS, blank_tag, tag_table, tag_text
from slidesan.pdf.payload_text import read_payload
from slidesan.pdf.finders import profile_streams

TEXT_TYPES = (b"text", b"desc", b"mluc")


def extras(data: bytes) -> tuple[list[tuple[int, int, str]], int]:
    """([(offset, size, text)] of text-typed tags under other signatures, the declared size when bytes
    follow it, else 0)."""
    tags = []
    try:
        declared = struct.unpack(">I", data[:4])[0]
    except struct.error:
        return [], 0
    for sig, offset, size in tag_table(data):
        if sig not in TEXT_TAGS and data[offset:offset + 4] in TEXT_TYPES and offset + size <= len(data):
            text = tag_text(data[offset:offset + size])
            if text.strip(" \x00"):
                tags.append((offset, size, text))
    after = declared if 128 <= declared < len(data) and data[declared:].strip(b"\x00") else 0
    return tags, after


def scrub(doc, ctx) -> None:
    count = 0
    for stream in list(profile_streams(doc)):
        try:
            data = stream.read_bytes()
        except Exception:  # noqa: BLE001 - an undecodable profile is the sweep's to report
            continue
        tags, after = extras(data)
        if not tags and not after:
            continue
        out = bytearray(data)
        for offset, size, text in tags:
            ctx.identifiers_in(text, "a colour profile's own text tag (blanked)")
            blank_tag(out, offset, size)
        if after:
            for text in read_payload(data[after:]).texts:
                ctx.identifiers_in(text, "bytes after a colour profile's end (removed)")
            del out[after:]
        stream.write(bytes(out))
        count += 1
    if count:
        ctx.add("metadata", "info", "removed", f"{count} colour profile(s): text tags of the maker's own blanked, "
                "bytes after the profile's end removed")


def residue(doc, options) -> list[str]:
    found = []
    for stream in profile_streams(doc):
        try:
            tags, after = extras(stream.read_bytes())
        except Exception:  # noqa: BLE001
            continue
        if tags or after:
            found.append(f"colour profile {stream.objgen[0] if stream.is_indirect else ''}: text beyond its tags")
    return found
