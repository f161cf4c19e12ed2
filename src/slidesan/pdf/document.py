"""Open a PDF safely and give the steps one object to work on.

Preflight refuses what cannot be cleaned safely, in one sentence each: not a PDF, encrypted
without the password, damaged beyond qpdf's repair, too many objects, a stream that inflates past
the budget (a decompression bomb), an image that declares more pixels than the picture budget.
qpdf reconstructs a broken cross-reference table on open; that repair is reported, not hidden.
Graph walks are iterative with a visited set, so a deep or cyclic object graph cannot recurse.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from slidesan.errors import SlidesanError
from slidesan.images.safe_open import MAX_PIXELS

MAX_FILE_BYTES = 1 << 30              # 1 GB on disk
MAX_OBJECTS = 2_000_000
MAX_STREAM_BYTES = 512 << 20          # one stream, decoded
MAX_TOTAL_BYTES = 2 << 30             # all streams, decoded
HEADER_WINDOW = 1024                  # '%PDF-' may follow some junk; readers allow 1 kB

PASSWORD_HINT = ("open it with --password PASSWORD, or save an unprotected copy first "
                 "(print it to PDF from a viewer that has the password)")


class PdfDoc:
    """One PDF in memory: the pikepdf object model plus the facts preflight learned."""

    def __init__(self, path: Path, password: str | None = None, written_here: bool = False):
        self.path = Path(path)
        self.name = self.path.name
        self.raw = read_checked(self.path)
        self.pdf = open_checked(self.path, self.name, password)
        self.repairs = [str(w) for w in self.pdf.get_warnings()]
        self.was_encrypted = bool(self.pdf.is_encrypted)
        try:
            check_structure(self.pdf, self.name)
            if not written_here:      # the cleaner's own output was built from bounded streams
                bound_streams(self.pdf, self.name)
            self.input_ids = trailer_ids(self.pdf)
        except (pikepdf.PdfError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
            raise SlidesanError(f"{self.name}: damaged beyond repair, cannot be read as a PDF "
                                f"({type(exc).__name__}: {str(exc)[:100]})") from None

    @property
    def pages(self):
        return self.pdf.pages

    def page_number(self, page_obj) -> int | None:
        try:
            return self.pdf.pages.index(pikepdf.Page(page_obj)) + 1
        except (ValueError, TypeError, pikepdf.PdfError):
            return None

    def dicts(self) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
        """Every dictionary and stream reachable from the trailer, each once, iteratively."""
        yield from walk(self.pdf.trailer)

    def streams(self) -> Iterator[pikepdf.Stream]:
        for obj in self.dicts():
            if isinstance(obj, pikepdf.Stream):
                yield obj

    def save(self, target) -> None:
        """Write the whole file anew: one xref, no /Prev, only reachable objects, a content-derived ID."""
        if "/ID" in self.pdf.trailer:
            del self.pdf.trailer["/ID"]
        if "/Size" not in self.pdf.trailer:     # qpdf writes the right /Size only when one is there
            self.pdf.trailer["/Size"] = 0
        try:                      # a picture no content draws any more (cut, hidden layer) must not stay
            self.pdf.remove_unreferenced_resources()
        except pikepdf.PdfError:
            pass
        self.pdf.save(target, deterministic_id=True, preserve_pdfa=False, fix_metadata_version=False,
                      object_stream_mode=pikepdf.ObjectStreamMode.generate, linearize=False,
                      encryption=False)

    def to_bytes(self) -> bytes:
        import io

        buf = io.BytesIO()
        self.save(buf)
        return buf.getvalue()


def read_checked(path: Path) -> bytes:
    if not path.exists():
        raise SlidesanError(f"{path}: no such file")
    if not path.is_file():
        raise SlidesanError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SlidesanError(f"{path.name}: {size >> 20} MB is over the {MAX_FILE_BYTES >> 20} MB limit for a PDF")
    raw = path.read_bytes()
    if b"%PDF-" not in raw[:HEADER_WINDOW]:
        raise SlidesanError(f"{path.name}: not a PDF (no %PDF- header)")
    return raw


def open_checked(path: Path, name: str, password: str | None) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path, password=password or "", attempt_recovery=True)
    except pikepdf.PasswordError:
        if password:
            raise SlidesanError(f"{name}: the password given does not open this encrypted PDF") from None
        raise SlidesanError(f"{name}: this PDF is encrypted and needs a password; {PASSWORD_HINT}") from None
    except (pikepdf.PdfError, RuntimeError, ValueError, OSError) as exc:
        first = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise SlidesanError(f"{name}: damaged beyond repair, cannot be read as a PDF ({first})") from None


def check_structure(pdf: pikepdf.Pdf, name: str) -> None:
    """A document catalog with a page tree and at least one page; qpdf's recovery of a truncated
    file can leave neither."""
    root = pdf.trailer.get("/Root")
    if not isinstance(root, pikepdf.Dictionary) or not isinstance(root.get("/Pages"), pikepdf.Dictionary):
        raise SlidesanError(f"{name}: damaged beyond repair, no document catalog or page tree (truncated?)")
    if len(pdf.pages) == 0:
        raise SlidesanError(f"{name}: no pages (damaged or truncated?)")


def bound_streams(pdf: pikepdf.Pdf, name: str) -> None:
    """Refuse decompression bombs before anything (qpdf included) inflates the streams.

    Flate is inflated here with an output cap; images also have their declared pixel count
    checked, so no decoder is ever asked for more than the picture budget.
    """
    objects = pdf.objects
    if len(objects) > MAX_OBJECTS:
        raise SlidesanError(f"{name}: {len(objects)} objects is over the {MAX_OBJECTS} limit; not opened")
    total = 0
    for obj in objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        try:
            total += bounded_size(obj, name)
            check_image_budget(obj, name)
        except (pikepdf.PdfError, ValueError, TypeError, zlib.error):
            continue              # an undecodable stream is judged by the step that needs it
        if total > MAX_TOTAL_BYTES:
            raise SlidesanError(f"{name}: its streams inflate past {MAX_TOTAL_BYTES >> 30} GB "
                                "(a decompression bomb?); not opened")


def filters_of(stream) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return [str(v) for v in value]
    return [str(value)]


def bounded_size(stream, name: str) -> int:
    raw = stream.read_raw_bytes()
    filters = filters_of(stream)
    if not filters or filters[0] not in ("/FlateDecode", "/Fl"):
        return len(raw)
    inflater = zlib.decompressobj()
    out = inflater.decompress(raw, MAX_STREAM_BYTES)
    if inflater.unconsumed_tail:
        objgen = stream.objgen
        raise SlidesanError(f"{name}: stream {objgen[0]} inflates past {MAX_STREAM_BYTES >> 20} MB "
                            "(a decompression bomb?); not opened")
    return len(out)


def check_image_budget(stream, name: str) -> None:
    if stream.get("/Subtype") != "/Image":
        return
    width, height = int(stream.get("/Width", 0)), int(stream.get("/Height", 0))
    if width * height > MAX_PIXELS:
        raise SlidesanError(f"{name}: an image declares {width}x{height} pixels, over the "
                            f"{MAX_PIXELS // 1_000_000} MP limit; not opened")


def trailer_ids(pdf: pikepdf.Pdf) -> set[bytes]:
    ids = pdf.trailer.get("/ID")
    out = set()
    if isinstance(ids, pikepdf.Array):
        for item in ids:
            try:
                out.add(bytes(item))
            except (TypeError, ValueError):
                pass
    return out


def walk(root) -> Iterator:
    """Dictionaries and streams reachable from `root`, depth-first with an explicit stack.

    Indirect objects are visited once (by object number), so back links (/Parent, /P) end there;
    direct containers are visited where they sit (they cannot form cycles). Every key is followed:
    something hung under an unusual key is still found."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            key = obj.objgen
            if key in seen:
                continue
            seen.add(key)
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
            for _key, child in list(obj.items()):      # items(): a damaged key (bad UTF-8) cannot be get()
                if isinstance(child, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                    stack.append(child)
        elif isinstance(obj, pikepdf.Array):
            for child in obj:
                if isinstance(child, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                    stack.append(child)
