"""The pictures of a pack's HTML report kept on disk until the report is written, so memory does
not grow with the pack.

Each flagged picture is shown twice in the HTML report (report_pictures.py): a thumbnail and the full
picture with its boxes, as data URIs of 0.1-2 MB. A pack of 2,000 screenshots held them all in
memory until the end (about 2 MB per picture). The spool writes each picture's views to a temporary
folder as the file is done and leaves in the report a `SpooledText` that reads the file back only
when the HTML view writes that picture (html_view streams the page), so one picture at a time is in
memory. Past PICTURE_BUDGET bytes the views are no longer kept: the HTML shows those files' findings
and boxes without the picture (the JSON report never holds pictures), and the report says how many.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

PICTURE_BUDGET = 256 * 1024 * 1024      # bytes of data URIs an HTML report embeds at most
VIEWS = ("thumbnail", "full")


class SpooledText:
    """A data URI on disk, read when the report template writes it (`__html__`: markupsafe's
    protocol, so the template prints it as it is, already safe: base64 and `data:image/...`)."""

    __slots__ = ("path",)

    def __init__(self, path: Path):
        self.path = path

    def __html__(self) -> str:
        return self.path.read_text(encoding="ascii")

    __str__ = __html__


class PictureSpool:
    def __init__(self, budget: int = PICTURE_BUDGET):
        self.budget, self.used, self.not_shown, self.count = budget, 0, 0, 0
        self.folder: Path | None = None

    def take(self, images: dict[str, dict]) -> dict[str, dict]:
        """The same entries with their views moved to disk (or dropped past the budget)."""
        out = {}
        for key, entry in images.items():
            views = {name: entry[name] for name in VIEWS if isinstance(entry.get(name), str)}
            kept = {k: v for k, v in entry.items() if k not in VIEWS}
            size = sum(len(v) for v in views.values())
            if views and self.used + size > self.budget:
                self.not_shown += 1
            elif views:
                self.used += size
                for name, text in views.items():
                    kept[name] = self._write(text)
            out[key] = kept
        return out

    def _write(self, text: str) -> SpooledText:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix=".slidesan-pictures-"))
            atexit.register(shutil.rmtree, self.folder, True)
        self.count += 1
        path = self.folder / f"{self.count}.uri"
        path.write_text(text, encoding="ascii")
        return SpooledText(path)
