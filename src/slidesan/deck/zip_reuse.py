"""Write untouched parts of a deck with their original compressed bytes.

A 115 MB lecture is mostly pictures nobody cropped. Inflating and deflating them again costs time
and can make the output larger than the input (another deflate level, or stored media deflated);
a part whose bytes did not change is therefore copied as its original compressed stream.

"Did not change" is checked, never assumed: same length and CRC-32 as the input member, and the
stream must inflate to exactly that length with nothing after its end. Bytes hidden after the end
of a deflate stream (which readers ignore but an unzip-and-grep would find) are never copied: such
a member is compressed afresh like any edited part.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")     # zip local file header (30 bytes)


class OriginalMembers:
    """The input package's members, looked up by name, read as raw compressed streams."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            with zipfile.ZipFile(self.path) as zf:
                self.infos = {info.filename: info for info in zf.infolist()}
        except (OSError, zipfile.BadZipFile, ValueError):
            self.infos = {}
        self.handle = None

    def __enter__(self) -> "OriginalMembers":
        self.handle = open(self.path, "rb") if self.infos else None
        return self

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.close()

    def raw_if_unchanged(self, name: str, data: bytes) -> tuple[zipfile.ZipInfo, bytes] | None:
        """(original info, compressed stream) when `data` is exactly what the input held, else None."""
        info = self.infos.get(name)
        if info is None or self.handle is None or info.flag_bits & 0x1 or info.file_size != len(data):
            return None
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or zlib.crc32(data) != info.CRC:
            return None
        try:
            self.handle.seek(info.header_offset)
            header = LOCAL_HEADER.unpack(self.handle.read(LOCAL_HEADER.size))
            if header[0] != b"PK\x03\x04":
                return None
            self.handle.seek(info.header_offset + LOCAL_HEADER.size + header[10] + header[11])
            raw = self.handle.read(info.compress_size)
        except (OSError, struct.error):
            return None
        if len(raw) != info.compress_size or not self._whole_stream(info, raw):
            return None
        return info, raw

    @staticmethod
    def _whole_stream(info: zipfile.ZipInfo, raw: bytes) -> bool:
        if info.compress_type == zipfile.ZIP_STORED:
            return len(raw) == info.file_size
        inflater = zlib.decompressobj(-15)
        size = 0
        try:
            for start in range(0, len(raw), 1 << 20):
                size += len(inflater.decompress(raw[start:start + (1 << 20)]))
            size += len(inflater.flush())
        except zlib.error:
            return False
        return inflater.eof and not inflater.unused_data and size == info.file_size


def write_raw(zf: zipfile.ZipFile, name: str, original: zipfile.ZipInfo, raw: bytes, date_time) -> None:
    """Append a member whose compressed stream is `raw` (zipfile has no public call for this)."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = original.compress_type
    info.external_attr = 0o644 << 16
    info.CRC = original.CRC
    info.file_size = original.file_size
    info.compress_size = len(raw)
    zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
    zf._writecheck(info)
    info.header_offset = zf.fp.tell()
    zf.fp.write(info.FileHeader(zip64))
    zf.fp.write(raw)
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info
    zf.start_dir = zf.fp.tell()
    zf._didModify = True
