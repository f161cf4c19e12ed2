"""JPEG 2000: what its boxes and codestream carry besides the picture.

A JPEG 2000 picture comes as a JP2 file (boxes: signature, file type, header, then the codestream
and any number of others: XML, UUID boxes holding XMP or EXIF, intellectual-property and URL
boxes) or as a bare codestream (DICOM's frames, `.j2k`). The codestream has comment segments (COM)
in its main header and in each tile-part's header. None of it is needed to decode the picture, so
a picture keeps its coded data byte for byte and loses the rest (`without_metadata`, for loose
pictures; DICOM frames lose their codestream comments, dicom/frame_markers.py); what left is named
and quoted for the identifier search.
"""

from __future__ import annotations

import struct

from slidesan.images.metadata_quotes import clip, tail_details, xmp_details

JP2_SIGNATURE = b"\x00\x00\x00\x0cjP  \r\n\x87\n"
J2K_SOC = b"\xff\x4f\xff\x51"
J2K_COM, J2K_SOT, J2K_SOD, J2K_TLM = 0xFF64, 0xFF90, 0xFF93, 0xFF55
J2K_EOC = b"\xff\xd9"
XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
SUPERBOXES = {b"jp2h", b"res ", b"uinf", b"asoc", b"jpch", b"jplh", b"ftbl"}
KEPT_BOXES = {b"jP  ", b"ftyp"}       # with the header (rebuilt) and the codestream, all a JP2 reader needs
QUOTED_BOXES = {b"xml ": "XML box", b"jp2i": "intellectual property box", b"url ": "URL box",
                b"lbl ": "label box"}


class CodestreamUnreadable(ValueError):
    """A codestream's marker structure could not be followed."""


def is_jpeg2000(data: bytes) -> bool:
    return data.startswith(JP2_SIGNATURE) or data.startswith(J2K_SOC)


def without_metadata(data: bytes, removed: list[str], details: list[str]) -> bytes:
    """The picture with its coded data byte for byte and nothing else: a JP2 file keeps its signature,
    file type, header and codestream boxes (every other box is named and quoted), the codestream
    loses its comments, and bytes after the end go."""
    if data.startswith(J2K_SOC):
        return _closed(data, removed, details)
    out, coded = bytearray(), False
    for kind, box, body in _top_boxes(data, removed, details):
        if kind == b"jp2c" and coded:
            removed.append("a further JPEG 2000 codestream (a second picture no reader shows)")
        elif kind == b"jp2c":
            coded = True
            code = _closed(body, removed, details)
            out += struct.pack(">I4s", len(code) + 8, kind) + code
        elif kind == b"jp2h":
            header = _header(body, removed, details)
            out += struct.pack(">I4s", len(header) + 8, kind) + header
        elif kind in KEPT_BOXES:
            out += box
        else:
            _quote(kind, body, removed, details)
    return bytes(out)


# Inside the header box a reader needs the image header, the bit depths, the palette and its mapping,
# the channel definitions and one colour specification; anything else a writer put there (a box of
# its own, a second colour specification, resolution boxes) is left out like any other box.
HEADER_KEPT = {b"ihdr", b"bpcc", b"pclr", b"cmap", b"cdef"}
COLOUR_METHODS = {1: "enumerated", 2: "restricted ICC", 3: "any ICC"}
SRGB_ENUMERATED, GREY_ENUMERATED = 16, 17


def _header(body: bytes, removed: list[str], details: list[str]) -> bytes:
    """The header box's contents rebuilt from its allow-list of sub-boxes, in their order."""
    out, pos, colour, components = bytearray(), 0, False, 3
    while (box := _box_at(body, pos, len(body))) is not None:
        kind, head, length = box
        contents = body[pos + head:pos + length]
        if kind in HEADER_KEPT:
            out += body[pos:pos + length]
            if kind == b"ihdr" and len(contents) >= 10:
                components = struct.unpack(">H", contents[8:10])[0]
        elif kind == b"colr" and not colour:
            colour = True
            out += _colour(contents, components, removed, details)
        elif kind == b"colr":
            removed.append("a further JPEG 2000 colour specification")
            details.extend(_profile_details(contents))
        elif kind != b"res ":        # capture and display resolution: numbers, left out unnamed
            _quote(kind, contents, removed, details)
        pos += length
    if pos != len(body):
        raise CodestreamUnreadable("the header box holds a box that runs past its end")
    return bytes(out)


def _colour(contents: bytes, components: int, removed: list[str], details: list[str]) -> bytes:
    """One colour specification: an enumerated space as it came; a profile's text quoted, and the
    profile kept only as our copy of the standard one it behaves as. An unknown profile is replaced by
    the enumerated sRGB or grey space here; rebuild.keep_coded_data converts the pixels then."""
    from slidesan.images.icc import standard_profile

    method = contents[0] if contents else 0
    if method == 1 and 7 <= len(contents) <= 35:
        return _box(b"colr", contents)
    if method in (2, 3) and len(contents) > 3:
        details.extend(_profile_details(contents))
        standard = standard_profile(contents[3:])
        if standard is not None:
            return _box(b"colr", contents[:3] + standard.data)
        removed.append("colour profile (not a standard one)")
        space = GREY_ENUMERATED if components < 3 else SRGB_ENUMERATED
        return _box(b"colr", b"\x01\x00\x00" + struct.pack(">I", space))
    raise CodestreamUnreadable(f"colour specification of unknown method {method}")


def _profile_details(contents: bytes) -> list[str]:
    from slidesan.images.icc import profile_texts

    if not contents or contents[0] not in (2, 3):
        return []
    return [f"colour profile {what}: {text}" for what, text in profile_texts(contents[3:])]


def header_profile(data: bytes) -> bytes | None:
    """The ICC profile of a JP2 file's first colour specification, or None (Pillow does not read it)."""
    if not data.startswith(JP2_SIGNATURE):
        return None
    pos = 0
    while (box := _box_at(data, pos, len(data))) is not None:
        kind, head, length = box
        if kind == b"jp2h":
            for each, contents in _boxes(data, pos + head, pos + length):
                if each == b"colr":
                    return contents[3:] if contents[:1] in (b"\x02", b"\x03") and len(contents) > 3 else None
            return None
        pos += length
    return None


def _box(kind: bytes, contents: bytes) -> bytes:
    return struct.pack(">I4s", len(contents) + 8, kind) + contents


def _quote(kind: bytes, body: bytes, removed: list[str], details: list[str]) -> None:
    inside = [(kind, body)] if kind not in SUPERBOXES else list(_boxes(body, 0, len(body)))
    for each, contents in inside:
        if each == b"uuid" and contents[:16] == XMP_UUID:
            removed.append("XMP")
            details.extend(xmp_details(contents[16:]))
        else:
            name = QUOTED_BOXES.get(each, f"{each.decode('latin-1').strip()} box")
            removed.append(name)
            details.append(f"{name}: {clip(contents[16:] if each == b'uuid' else contents)}")


def _box_at(data: bytes, pos: int, end: int) -> tuple[bytes, int, int] | None:
    """(type, header length, box length) of the box at `pos`, or None where no whole box stands."""
    if pos + 8 > end:
        return None
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    head = 8
    if length == 1 and pos + 16 <= end:
        length, head = struct.unpack(">Q", data[pos + 8:pos + 16])[0], 16
    elif length == 0:
        length = end - pos
    return (kind, head, length) if head <= length and pos + length <= end else None


def _top_boxes(data: bytes, removed: list[str], details: list[str]):
    """(type, whole box, contents) of each top-level box; bytes after the last one are named and quoted
    (without a codestream box, nothing decodes)."""
    pos = 0
    while (box := _box_at(data, pos, len(data))) is not None:
        kind, head, length = box
        yield kind, data[pos:pos + length], data[pos + head:pos + length]
        pos += length
    _tail(data[pos:], removed, details)


def _closed(data: bytes, removed: list[str], details: list[str]) -> bytes:
    """The codestream without comments, ending at its end-of-codestream marker right after its last
    tile-part; what follows is no part of the picture (a file appended there may end in the same bytes)."""
    code, end = _without_comments(data, removed, details)
    if code[end:end + 2] != J2K_EOC:
        raise CodestreamUnreadable("no end-of-codestream marker after the last tile-part")
    _tail(code[end + 2:], removed, details)
    return code[:end + 2]


def _tail(tail: bytes, removed: list[str], details: list[str]) -> None:
    if tail.strip(b"\x00"):
        removed.append(f"{len(tail)} bytes after the end of the image")
        details.extend(tail_details(tail))


def _boxes(data: bytes, start: int, end: int):
    """(type, contents) of every box between start and end, superboxes opened."""
    pos = start
    while pos < end:
        box = _box_at(data, pos, end)
        if box is None:
            raise CodestreamUnreadable(f"a box at offset {pos} runs past the end")
        kind, head, length = box
        if kind in SUPERBOXES:
            yield from _boxes(data, pos + head, pos + length)
        else:
            yield kind, data[pos + head:pos + length]
        pos += length


def strip_codestream_comments(data: bytes, removed: list[str], details: list[str]) -> bytes:
    """The codestream without COM segments, in the main header and in every tile-part's header.
    A tile-part's length (Psot) counts its header, so it is written again less what left; the main
    header's tile-part length table (TLM, optional) would then be wrong and leaves too."""
    return _without_comments(data, removed, details)[0]


def _without_comments(data: bytes, removed: list[str], details: list[str]) -> tuple[bytes, int]:
    """strip_codestream_comments, and where its tile-parts end in what it returns."""
    main, pos = [], 2
    while True:
        if pos + 4 > len(data):
            raise CodestreamUnreadable("main header ends early")
        marker, length = struct.unpack(">HH", data[pos:pos + 4])
        if marker == J2K_SOT:
            break
        if marker >> 8 != 0xFF or length < 2:
            raise CodestreamUnreadable(f"no marker at offset {pos}")
        main.append((marker, data[pos:pos + 2 + length]))
        pos += 2 + length
    tiles, rest = _tile_parts(data, pos, removed, details)
    out = bytearray(data[:2])
    for marker, segment in main:
        if marker == J2K_COM:
            removed.append("JPEG 2000 comment")
            details.append(f"comment: {_latin(segment[6:])}")
        elif not (marker == J2K_TLM and "JPEG 2000 tile comment" in removed):
            out += segment
    for tile in tiles:
        out += tile
    return bytes(out + data[rest:]), len(out)


def _tile_parts(data: bytes, pos: int, removed: list[str], details: list[str]) -> tuple[list[bytes], int]:
    """Every tile-part from `pos`, each without its COM segments and with its Psot made to fit; and
    where the tile-parts end (the end-of-codestream marker)."""
    tiles = []
    while pos + 12 <= len(data) and struct.unpack(">H", data[pos:pos + 2])[0] == J2K_SOT:
        psot = struct.unpack(">I", data[pos + 6:pos + 10])[0]
        end = pos + psot if psot else _codestream_end(data, pos + 12)
        if end > len(data) or end < pos + 14:
            raise CodestreamUnreadable(f"tile-part at offset {pos} runs past the end")
        kept, head, dropped = bytearray(), pos + 12, 0
        while True:
            if head + 2 > end:
                raise CodestreamUnreadable("tile-part header ends early")
            marker = struct.unpack(">H", data[head:head + 2])[0]
            if marker == J2K_SOD:
                break
            length = struct.unpack(">H", data[head + 2:head + 4])[0] if head + 4 <= end else 0
            if marker >> 8 != 0xFF or length < 2:
                raise CodestreamUnreadable(f"no marker at offset {head}")
            segment = data[head:head + 2 + length]
            if marker == J2K_COM:
                removed.append("JPEG 2000 tile comment")
                details.append(f"tile comment: {_latin(segment[6:])}")
                dropped += len(segment)
            else:
                kept += segment
            head += 2 + length
        sot = bytearray(data[pos:pos + 12])
        if psot:
            sot[6:10] = struct.pack(">I", psot - dropped)
        tiles.append(bytes(sot + kept + data[head:end]))
        pos = end
    return tiles, pos


def _codestream_end(data: bytes, start: int) -> int:
    """Where the last tile-part (Psot 0) ends: at the first end-of-codestream marker after its data
    starts (coded data never holds 0xFF followed by 0xD9), or the data's end."""
    found = data.find(J2K_EOC, start)
    return found if found >= 0 else len(data.rstrip(b"\x00"))


def _latin(payload: bytes) -> str:
    return payload.decode("latin-1", "replace").strip("\x00 ")[:200]
