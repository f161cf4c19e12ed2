"""Zips inside a pack are part of the pack: one zip per case, or a DICOM series zipped inside a
workshop folder, is how organisers hand material around. An archive entry is replaced by its own
entries (`cases/case1.zip/ct/1.dcm`), read from a copy in a work folder with the same per-entry
limits as the pack's own zip (walk.walk_zip), so every file inside ends in its own row of the
report like any other file. A clean writes them into a folder of that name in the stage and
`rezip` turns the folder back into a zip before the pack is renamed into place.

Decks and office documents are zips too but are files, not archives (kinds.zip_kind,
kinds.office_document). Nesting deeper than MAX_DEPTH, or copies past NESTED_BYTES in total (a
zip of zips of zips inflating without end), are not opened: the zip is reported, not copied.
"""

from __future__ import annotations

import itertools
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from slidesan.deck.safety import MAX_PART_BYTES
from slidesan.errors import SlidesanError
from slidesan.pack.kinds import DECK_SUFFIXES, ZIP, office_document, zip_kind
from slidesan.pack.walk import Entry, Skipped, open_zip

MAX_DEPTH = 3
NESTED_BYTES = 8 * 1024 ** 3


def open_nested(entries: list[Entry], workdir: Path) -> tuple[list[Entry], list[Skipped], list[str]]:
    """(entries with every archive replaced by its contents, entries not opened, rels of the
    archives opened, outermost first)."""
    counter, budget = itertools.count(1), [NESTED_BYTES]
    return _open(entries, Path(workdir), 1, counter, budget)


def _open(entries, workdir: Path, depth: int, counter, budget):
    out: list[Entry] = []
    skipped: list[Skipped] = []
    opened: list[str] = []
    for entry in entries:
        data = archive_bytes(entry)
        if data is None:
            out.append(entry)
            continue
        if depth > MAX_DEPTH or len(data) > budget[0]:
            why = f"nested more than {MAX_DEPTH} deep" if depth > MAX_DEPTH else "past the size allowed for zips in zips"
            skipped.append(Skipped(entry.rel, f"zip inside the pack {why}; not opened, not copied (unzip it first)",
                                   "unknown-file"))
            continue
        budget[0] -= len(data)
        copy = workdir / f"nested-{next(counter)}.zip"
        copy.write_bytes(data)
        try:
            inner, inner_skipped = open_zip(copy)
        except SlidesanError as exc:
            skipped.append(Skipped(entry.rel, f"zip inside the pack cannot be opened ({exc}); not copied",
                                   "unknown-file"))
            continue
        opened.append(entry.rel)
        skipped += [Skipped(f"{entry.rel}/{s.rel}", s.problem, s.category) for s in inner_skipped]
        more, more_skipped, more_opened = _open([Entry(f"{entry.rel}/{e.rel}", e.source, e.size) for e in inner],
                                                workdir, depth + 1, counter, budget)
        out += more
        skipped += more_skipped
        opened += more_opened
    return out, skipped, opened


def archive_bytes(entry: Entry) -> bytes | None:
    """The bytes of an entry that is an archive to open (not a deck, not an office document)."""
    if entry.rel.lower().endswith(DECK_SUFFIXES) or entry.size > MAX_PART_BYTES:
        return None            # a deck is cleaned as one; an oversized zip is refused when it is read
    try:
        if not entry.read(4).startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return None
        data = entry.read()
    except (OSError, ValueError, EOFError, RuntimeError, zipfile.BadZipFile):
        return None            # reported as unreadable when the pack reads it
    return data if zip_kind(data) == ZIP and office_document(data) is None else None


def rezip(stage: Path, opened: list[str], outcomes) -> None:
    """Turn each opened archive's folder in the stage (under its final, possibly renamed, name)
    back into a zip, innermost first."""
    for rel in sorted(opened, key=lambda r: -len(PurePosixPath(r).parts)):
        depth = len(PurePosixPath(rel).parts)
        written = next((o.out_rel for o in outcomes if o.rel.startswith(rel + "/") and o.out_rel), None)
        if written is None:
            continue           # nothing inside was written: every file has its own not-written row
        folder = stage.joinpath(*PurePosixPath(written).parts[:depth])
        if not folder.is_dir():
            continue
        target = folder if folder.name.lower().endswith(".zip") else folder.with_name(folder.name + ".zip")
        partial = folder.with_name(folder.name + ".slidesan-zip")
        zip_folder(folder, partial)
        shutil.rmtree(folder)
        partial.replace(target)
        prefix = "/".join(PurePosixPath(written).parts[:depth])
        renamed = "/".join((*PurePosixPath(prefix).parts[:-1], target.name))
        for outcome in outcomes:
            if outcome.out_rel and outcome.out_rel.startswith(prefix + "/"):
                outcome.out_rel = renamed + outcome.out_rel[len(prefix):]


def zip_folder(folder: Path, target: Path) -> None:
    """A deterministic zip: sorted names, fixed timestamps, no comment."""
    from slidesan.deck.package import FIXED_ZIP_TIME      # python-pptx's imports only for a pack with a zip

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with path.open("rb") as fh:
                zf.writestr(info, fh.read())
