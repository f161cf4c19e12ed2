"""Hostile decks are survived, not trusted: refused in one line or cleaned safely."""

import zipfile

import pytest

from fixtures.decks.hostile import KINDS
from helpers import cli_in_process

import slidesan
from slidesan.errors import SlidesanError


@pytest.mark.parametrize("kind", [k for k, v in KINDS.items() if v == "refuse"])
def test_refused_in_one_line_with_nothing_written(build_deck, tmp_path, kind, capfd):
    path, _ = build_deck("hostile", kind=kind)
    out = tmp_path / "out.pptx"
    res = cli_in_process(capfd, "clean", path, "-o", out)      # a real subprocess: test_fuzz_regressions.py
    assert res.returncode == 2, res.stdout + res.stderr
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "Traceback" not in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("kind", [k for k, v in KINDS.items() if v == "survive"])
def test_survived_and_output_is_clean(build_deck, tmp_path, kind):
    path, _ = build_deck("hostile", kind=kind)
    out = tmp_path / "out.pptx"
    report = slidesan.clean(path, out, slidesan.Options(ocr=False))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
    assert not any(".." in n or n.startswith("/") for n in names)
    assert not (tmp_path.parent / "evil.txt").exists() and not (tmp_path / "abs").exists()
    if kind in ("billion-pixels", "undecodable-picture"):
        assert any(f.action == "not-inspected" and f.part and f.part.startswith("/ppt/media/")
                   for f in report.findings), [f.to_dict() for f in report.findings]
        assert report.verdict != "publication"


def test_dtd_message_names_the_part(build_deck, tmp_path):
    path, _ = build_deck("hostile", kind="dtd-entities")
    with pytest.raises(SlidesanError, match="slide1.xml"):
        slidesan.clean(path, tmp_path / "o.pptx")
