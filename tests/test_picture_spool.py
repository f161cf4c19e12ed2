"""A pack's report pictures wait on disk, not in memory, and past a budget are not embedded (picture_spool.py)."""

from __future__ import annotations

from slidesan.report.html_view import render_html
from slidesan.report.model import Finding, Report
from slidesan.report.picture_spool import PictureSpool, SpooledText


def _views(n: int, size: int = 1000) -> dict:
    return {f"p{i}.png": {"file": f"p{i}.png", "slide": None, "boxes": [[1, 2, 3, 4]],
                          "thumbnail": "data:image/png;base64," + "A" * size,
                          "full": "data:image/png;base64," + "B" * size} for i in range(n)}


def test_views_go_to_disk_and_come_back_unchanged():
    spool = PictureSpool()
    original = _views(3)
    kept = spool.take(original)
    for key, entry in kept.items():
        assert isinstance(entry["thumbnail"], SpooledText) and entry["thumbnail"].path.is_file()
        assert str(entry["full"]) == original[key]["full"]
        assert entry["boxes"] == original[key]["boxes"]          # what the JSON report shows stays in memory
    assert spool.not_shown == 0


def test_past_the_budget_a_picture_keeps_its_boxes_but_no_views():
    spool = PictureSpool(budget=5_000)                           # room for two pictures of ~2 KB
    kept = spool.take(_views(4))
    shown = [k for k, e in kept.items() if "full" in e]
    assert len(shown) == 2 and spool.not_shown == 2
    assert all(e["boxes"] for e in kept.values())


def test_the_html_report_writes_spooled_pictures_and_says_what_it_left_out():
    spool = PictureSpool(budget=5_000)
    report = Report("test", "check", "pack")
    report.images = spool.take(_views(3))
    report.pictures_not_shown = spool.not_shown
    report.findings = [Finding("burned-in-text", "high", "flagged", "name read in the picture", file=f"p{i}.png",
                               image=f"p{i}.png", box=(1, 2, 3, 4)) for i in range(3)]
    page = render_html(report)
    assert page.count("A" * 1000) == 2 and page.count("B" * 1000) == 2
    assert "1 more flagged picture(s) are not shown" in page
