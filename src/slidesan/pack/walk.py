"""List a pack as entries without trusting it.

Folders are walked recursively without following any symlink (a link can point anywhere on the
disk); zips are read from their directory with the limits of deck/safety.py applied per entry, and
entries whose names would escape the pack (`..`, absolute, drive letters) are never read. Every
entry that cannot be used becomes a `Skipped` with one sentence; the rest of the pack goes on.
"""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from slidesan.deck.safety import MAX_PART_BYTES, MAX_RATIO, RATIO_FLOOR, is_unsafe_member_name
from slidesan.errors import SlidesanError

# A pack is bigger than a deck (a CT series alone can be 500 files / 250 MB), but each entry is read
# on its own, so only the per-entry limits protect memory; the totals protect the disk.
MAX_PACK_ENTRIES = 200_000
MAX_PACK_TOTAL_BYTES = 32 * 1024 ** 3


@dataclass(frozen=True)
class Entry:
    """One file of a pack: `rel` is its POSIX path inside the pack, `source` where to read it.

    For a folder `source` is the file's path; for a zip it is (zip path, member name). Entries are
    picklable so that worker processes read their own bytes.
    """

    rel: str
    source: object
    size: int

    def read(self, limit: int | None = None) -> bytes:
        """The bytes (or only the first `limit`)."""
        if isinstance(self.source, tuple):
            zip_path, member = self.source
            with open_archive(zip_path).open(member) as fh:
                return fh.read(limit) if limit else fh.read()
        with open(self.source, "rb") as fh:
            return fh.read(limit) if limit else fh.read()


def open_archive(zip_path: str) -> zipfile.ZipFile:
    """The pack's zip, opened once per thread: opening parses the whole central directory, so
    reopening it for every member made a 3,000-member pack take minutes (20 ms a read). Keyed by
    size and modification time, so a file replaced on disk (a long-lived window) is read anew; per
    thread, so one run closing its zips never closes another's."""
    info = os.stat(zip_path)
    key = (zip_path, info.st_size, info.st_mtime_ns)
    archives = _open_archives()
    if key not in archives:
        if len(archives) >= 8:
            close_archives()
        archives[key] = zipfile.ZipFile(zip_path)
    return archives[key]


def close_archives() -> None:
    """Close the zips this thread keeps open (at the end of a pack run, so its copies can be removed)."""
    archives = _open_archives()
    while archives:
        archives.popitem()[1].close()


def _open_archives() -> dict:
    if not hasattr(_LOCAL, "archives"):
        _LOCAL.archives = {}
    return _LOCAL.archives


_LOCAL = threading.local()


@dataclass(frozen=True)
class Skipped:
    """An entry that is reported and never read: `problem` is the sentence for the report."""

    rel: str
    problem: str
    category: str = "bad-input"


def walk(path: Path) -> tuple[list[Entry], list[Skipped]]:
    """Entries of a folder or zip, sorted by path; or of a single file (rel = its name)."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise SlidesanError(f"{path}: is a broken symbolic link")
    if not path.exists():
        raise SlidesanError(f"{path}: no such file or folder")
    if path.is_dir():
        return walk_folder(path)
    if not path.is_file():
        raise SlidesanError(f"{path}: not a file or folder")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SlidesanError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return [Entry(path.name, str(path), size)], []


def walk_folder(root: Path) -> tuple[list[Entry], list[Skipped]]:
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    root_real = Path(os.path.realpath(root))

    def visit(folder: Path, rel_parts: tuple[str, ...]) -> None:
        try:
            children = sorted(os.scandir(folder), key=lambda d: d.name)
        except OSError as exc:
            skipped.append(Skipped("/".join(rel_parts) or ".", f"folder cannot be read ({exc.strerror or exc})"))
            return
        for child in children:
            rel = "/".join((*rel_parts, child.name))
            if child.is_symlink():
                skipped.append(Skipped(rel, describe_link(Path(child.path), root_real), "symlink"))
                continue
            try:
                info = child.stat(follow_symlinks=False)
            except OSError as exc:
                skipped.append(Skipped(rel, f"cannot be read ({exc.strerror or exc})"))
                continue
            if stat.S_ISDIR(info.st_mode):
                visit(Path(child.path), (*rel_parts, child.name))
            elif stat.S_ISREG(info.st_mode):
                if len(entries) >= MAX_PACK_ENTRIES:
                    raise SlidesanError(f"{root}: more than {MAX_PACK_ENTRIES} files; split the pack")
                entries.append(Entry(rel, child.path, info.st_size))
            else:
                skipped.append(Skipped(rel, "not a regular file (device, pipe or socket); not copied"))

    visit(root, ())
    return entries, skipped


def describe_link(link: Path, root_real: Path) -> str:
    try:
        target = Path(os.path.realpath(link))
    except OSError:
        return "symbolic link that cannot be resolved; not followed, not copied"
    inside = target == root_real or root_real in target.parents
    if inside:
        return "symbolic link inside the pack; not followed, not copied (its target is processed where it is)"
    return "symbolic link pointing outside the pack; never followed, not copied"


def walk_zip(path: Path, zf: zipfile.ZipFile) -> tuple[list[Entry], list[Skipped]]:
    """Entries of an open zip, checked from the directory alone."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    infos = zf.infolist()
    if len(infos) > MAX_PACK_ENTRIES:
        raise SlidesanError(f"{path.name}: {len(infos)} zip entries; refusing more than {MAX_PACK_ENTRIES}")
    total = 0
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name.endswith("/"):
            continue
        if is_unsafe_member_name(name):
            skipped.append(Skipped(name, "zip entry name escapes the pack ('..' or an absolute path); never extracted"))
            continue
        rel = str(PurePosixPath(name))
        if rel in seen:
            skipped.append(Skipped(rel, "duplicate zip entry name; only the first is used"))
            continue
        if info.flag_bits & 0x1:
            skipped.append(Skipped(rel, "zip entry is encrypted; it cannot be inspected and is not copied"))
            continue
        if info.file_size > MAX_PART_BYTES:
            skipped.append(Skipped(rel, f"zip entry inflates to {info.file_size / 2**20:.0f} MB; refusing entries "
                                        f"over {MAX_PART_BYTES // 2**20} MB"))
            continue
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            skipped.append(Skipped(rel, f"zip bomb: {info.compress_size} bytes inflating to {info.file_size}; "
                                        "not extracted"))
            continue
        total += info.file_size
        if total > MAX_PACK_TOTAL_BYTES:
            raise SlidesanError(f"{path.name}: the zip inflates to more than {MAX_PACK_TOTAL_BYTES // 2**30} GB")
        seen.add(rel)
        entries.append(Entry(rel, (str(path), name), info.file_size))
    entries.sort(key=lambda e: e.rel)
    return entries, skipped


def open_zip(path: Path) -> tuple[list[Entry], list[Skipped]]:
    try:
        with zipfile.ZipFile(path) as zf:
            return walk_zip(Path(path), zf)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise SlidesanError(f"{Path(path).name}: the zip is truncated or corrupt ({exc})") from None
