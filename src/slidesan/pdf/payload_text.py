"""What a run of bytes nobody reads says: its printable strings, and those of any deflated data inside it.

Bytes a step cuts from a stream's payload (past an image's last row, past a function's table) are
shown by no viewer, but they can hold a sentence, or a sentence deflated so that printable runs see
nothing. Before they go, `check` should learn what they held: this reads them as text where it can
and says when it cannot (`opaque`), so the finding can say "not read" rather than "nothing there".
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from slidesan.deck.verify.binary_strings import strings

# A zlib stream's two header bytes (deflate, 32K window, each compression level's check bits).
ZLIB_HEADER = re.compile(rb"\x78[\x01\x5e\x9c\xda]")
MAX_INFLATED = 8 << 20
MAX_STREAMS = 32
PADDING = b" \t\r\n\x00\xff"


@dataclass
class PayloadText:
    texts: list[str]
    opaque: bool          # bytes that are neither padding, printable text nor deflated text


def read_payload(data: bytes, depth: int = 0) -> PayloadText:
    """The strings of `data` (printable runs, UTF-16 too) and of every zlib stream inside it."""
    if not data.strip(PADDING):
        return PayloadText([], False)
    texts = strings(data, wordy=False)
    covered = sum(len(t) for t in texts)
    inflated_any = False
    for count, match in enumerate(ZLIB_HEADER.finditer(data)):
        if count >= MAX_STREAMS or depth >= 2:
            break
        inflater = zlib.decompressobj()
        try:
            inner = inflater.decompress(data[match.start():], MAX_INFLATED)
        except zlib.error:
            continue
        inflated_any = True
        covered += len(data) - match.start() - len(inflater.unused_data)
        texts.extend(read_payload(inner, depth + 1).texts)
    text_bytes = len(data.strip(PADDING))
    opaque = covered < 0.9 * text_bytes and not (inflated_any and covered >= 0.5 * text_bytes)
    return PayloadText(texts, opaque)
