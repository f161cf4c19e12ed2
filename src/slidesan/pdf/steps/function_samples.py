"""Hiding place: bytes after the samples of a sampled function.

A sampled function (/FunctionType 0: a shading's colours, a transfer curve) is a table of
Size[0] × … × Size[m-1] samples of n outputs, BitsPerSample bits each; a viewer reads exactly that
many bits and never what follows. Bytes after the table are shown by nothing and read by nothing
but a tool that looks for them (a compressed text, a whole file, which the last sweep cannot read
through). The stream is cut to the table the function reads; a stream that cannot be decoded, or
whose table cannot be sized, is left to the sweep, which reads its strings as it reads any stream.
"""

from __future__ import annotations

import math

import pikepdf


def sampled_functions(doc):
    for stream in doc.streams():
        if stream.get("/FunctionType") == 0:
            yield stream


def table_bytes(stream) -> int | None:
    """How many bytes the function reads (None when /Size, /Range or /BitsPerSample are not usable)."""
    try:
        sizes = [int(s) for s in stream["/Size"]]
        outputs = len(stream["/Range"]) // 2
        bits = int(stream["/BitsPerSample"])
    except (KeyError, TypeError, ValueError, pikepdf.PdfError):
        return None
    if not sizes or min(sizes) < 1 or outputs < 1 or bits not in (1, 2, 4, 8, 12, 16, 24, 32):
        return None
    return math.ceil(math.prod(sizes) * outputs * bits / 8)


def _extra(stream) -> tuple[bytes, int] | None:
    """(the decoded samples, the bytes the function reads) when there are bytes after the table."""
    needed = table_bytes(stream)
    if needed is None:
        return None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return None
    return (data, needed) if len(data) > needed else None


def scrub(doc, ctx) -> None:
    cut, padding = 0, 0
    for stream in sampled_functions(doc):
        extra = _extra(stream)
        if extra is None:
            continue
        data, needed = extra
        stream.write(data[:needed])                  # written unencoded; the writer compresses it
        if data[needed:].strip(b" \t\r\n\x00"):
            cut += len(data) - needed
        else:
            padding += len(data) - needed           # a writer's end of line or padding: nothing to review
    if cut:
        ctx.add("private-data", "review", "removed",
                f"{cut} bytes after the samples of sampled functions removed (no viewer reads them; what they held "
                "was not read)")
    elif padding:
        ctx.add("private-data", "info", "removed", f"{padding} bytes of padding after sampled functions' samples removed")


def residue(doc, options) -> list[str]:
    return [f"object {s.objgen[0]}: bytes after a sampled function's samples" for s in sampled_functions(doc)
            if _extra(s) is not None]
