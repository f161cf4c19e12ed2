"""Progress and Cancel inside the picture reading: the longest part of cleaning a deck."""

from __future__ import annotations

import io
import shutil
import threading
import time

import pytest
from PIL import Image

import slidesan
from slidesan.options import Options
from slidesan.scan.ocr import engine
from slidesan.scan.ocr.cache import RESULTS
from tests.test_ocr import needs_tesseract

SAMPLE = "fixtures/sample/talk.pptx"


class Stop(Exception):
    pass


def pictures(count: int) -> dict[str, bytes]:
    out = {}
    for i in range(count):
        buf = io.BytesIO()
        Image.new("RGB", (40, 30), (i * 7 % 256, 0, 0)).save(buf, "PNG")
        out[f"p{i}.png"] = buf.getvalue()
    return out


@pytest.fixture(autouse=True)
def empty_cache():
    RESULTS.clear()
    yield
    RESULTS.clear()


def fake_reading(monkeypatch, delay: float = 0.05) -> list[int]:
    calls: list[int] = []
    lock = threading.Lock()

    def readings(datas, thorough=False, evened=False):
        with lock:
            calls.append(len(datas))
        time.sleep(delay)
        return [([], False) for _ in datas]

    monkeypatch.setattr(engine, "_readings", readings)
    monkeypatch.setattr(engine, "tesseract_status", lambda: (True, "fake"))
    return calls


def test_progress_counts_pictures_read(monkeypatch):
    calls = fake_reading(monkeypatch)
    ticks: list[tuple[int, int]] = []
    out = engine.read_many(pictures(20), jobs=2, tick=lambda done, total: ticks.append((done, total)))
    assert len(out) == 20 and sum(calls) == 20
    assert ticks[-1] == (20, 20) and [d for d, _ in ticks] == sorted(d for d, _ in ticks)
    assert len(ticks) == len(calls) > 1


def test_cancel_drops_the_batches_not_started(monkeypatch):
    calls = fake_reading(monkeypatch)

    def cancel(done, total):
        raise Stop()

    with pytest.raises(Stop):
        engine.read_many(pictures(3 * engine.BATCH + 2), jobs=2, tick=cancel)
    assert calls == [engine.BATCH] * 2      # 4 batches (3 full, 1 of 2): the two running end, the others never start


@needs_tesseract
def test_cancel_while_a_deck_is_read_leaves_nothing(tmp_path):
    deck = tmp_path / "talk.pptx"
    shutil.copy(SAMPLE, deck)
    seen: list[tuple] = []

    def progress(*args):
        seen.append(args)
        if len(args) == 3:
            raise Stop()

    with pytest.raises(Stop):
        slidesan.clean(deck, tmp_path / "out.pptx", Options(jobs=1), progress)
    assert any(len(a) == 3 and a[2] in ("checking pictures", "reading pictures") for a in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.pptx"]


def test_cli_bar_takes_the_count_of_pictures_read(tmp_path, monkeypatch):
    """The CLI's deck bar gets step names and, while pictures are read, (done, total, what)."""
    from rich.console import Console

    from slidesan import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100))
    big = tmp_path / "big.pptx"
    with open(big, "wb") as fh:                 # the bar is shown for decks over 2 MB
        fh.truncate(3 * 1024 * 1024)

    def job(progress):
        progress("crops")
        progress(3, 10, "reading pictures")
        return "done"

    assert cli.run_with_progress(job, big, quiet=False) == "done"
    assert "reading text in pictures 3/10" in screen.getvalue()       # words a radiologist knows (issue 13)
