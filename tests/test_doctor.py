"""`slidesan doctor`, and the rule it explains: a missing detector can never yield `publication`.

The hiding test runs over doctor.CHECKS itself: every required check must have a way to hide it
here (a new engine without one fails the test), and with it hidden, doctor must say "missing" and
cleaning a blank picture, a face photograph and a picture with a name on it must never give
`publication` (either an error with nothing written, or a verdict with something not inspected).
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import slidesan
from slidesan import doctor
from slidesan.errors import SlidesanError
from slidesan.images import faces
from slidesan.options import Options
from slidesan.scan.ocr import engine
from slidesan.scan.ocr.cache import RESULTS


def face_photo(folder: Path) -> Path:
    import importlib.util

    spec = importlib.util.find_spec("matplotlib")
    source = Path(spec.origin).parent / "mpl-data" / "sample_data" / "grace_hopper.jpg" if spec else None
    if source is None or not source.exists():
        pytest.skip("no offline photograph of a face (matplotlib's sample data)")
    target = folder / "portrait.jpg"
    target.write_bytes(source.read_bytes())
    return target


def name_picture(folder: Path) -> Path:
    image = Image.new("RGB", (900, 300), "black")
    font = ImageFont.load_default(size=36)
    ImageDraw.Draw(image).text((30, 40), "Patient: JONES, Margaret", fill="white", font=font)
    ImageDraw.Draw(image).text((30, 120), "NHS No 943 476 5919", fill="white", font=font)
    path = folder / "screen.png"
    image.save(path)
    return path


def blank_picture(folder: Path) -> Path:
    image = Image.linear_gradient("L").resize((400, 300)).convert("RGB")
    path = folder / "blank.png"
    image.save(path)
    return path


def forget_engines() -> None:
    """Engines are probed once and pictures read once per process; hiding one must be seen."""
    engine._status_cache.clear()
    RESULTS.clear()
    faces._local.__dict__.clear()


# -- how to hide each required check (both doctor and the cleaning must see it gone) ---------------

def hide_tesseract(monkeypatch, tmp_path):
    monkeypatch.setattr(engine.pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))


def hide_languages(monkeypatch, tmp_path):
    empty = tmp_path / "tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))


def hide_face_model(monkeypatch, tmp_path):
    monkeypatch.setattr(faces, "_cascade_file", lambda: None)


def hide_word_lists(monkeypatch, tmp_path):
    from slidesan.scan.identifiers import vocabulary

    empty = tmp_path / "data"
    empty.mkdir()
    real = importlib.resources.files
    monkeypatch.setattr(importlib.resources, "files",
                        lambda package: empty if package == "slidesan.data" else real(package))
    vocabulary.default_vocabulary.cache_clear()
    monkeypatch.setattr(vocabulary, "_user_vocabulary", vocabulary._user_vocabulary.__wrapped__)


def hide_learned_reader(monkeypatch, tmp_path):
    from slidesan.scan.ocr import learned

    monkeypatch.setattr(learned, "_status", None)
    monkeypatch.setattr(learned, "_model_dir", lambda: tmp_path / "no-models")


HIDERS = {
    "tesseract": hide_tesseract,
    "tesseract_languages": hide_languages,
    "learned_reader": hide_learned_reader,
    "face_model": hide_face_model,
    "word_lists": hide_word_lists,
}


@pytest.fixture(autouse=True)
def fresh_engines():
    from slidesan.scan.identifiers import vocabulary

    forget_engines()
    yield
    forget_engines()
    vocabulary.default_vocabulary.cache_clear()


def test_doctor_lists_every_engine_present_here():
    results = doctor.run_checks()
    names = [r.name for r in results]
    assert any("Tesseract" in n for n in names) and any("face" in n for n in names)
    assert all(r.detail for r in results)
    if not doctor.missing(results):
        assert doctor.summary(results).startswith("Everything")


@pytest.mark.parametrize("check", doctor.CHECKS, ids=lambda c: c.__name__)
def test_hiding_a_detector_never_yields_publication(check, monkeypatch, tmp_path):
    present = check()
    if present is None:
        pytest.skip("not part of this version")
    if not present.required:
        pytest.skip("informational: nothing is judged with it")
    if not present.ok:
        pytest.skip(f"not installed here: {present.detail}")
    assert check.__name__ in HIDERS, f"add a way to hide {check.__name__} to HIDERS"
    samples = [blank_picture(tmp_path), face_photo(tmp_path), name_picture(tmp_path)]
    baseline = slidesan.clean(samples[0], tmp_path / "baseline.png", Options(jobs=1))
    assert baseline.verdict == "publication"       # a blank picture passes when everything is there

    HIDERS[check.__name__](monkeypatch, tmp_path)
    forget_engines()
    hidden = check()
    assert hidden is not None and not hidden.ok, "doctor must report the hidden engine as missing"
    assert doctor.missing([hidden]) == [hidden]
    for sample in samples:
        try:
            report = slidesan.clean(sample, tmp_path / f"out-{sample.name}", Options(jobs=1))
        except SlidesanError:
            assert not (tmp_path / f"out-{sample.name}").exists()
            continue
        assert report.verdict != "publication", sample.name
        assert any(f.action == "not-inspected" for f in report.findings), sample.name


def test_doctor_command_exit_codes(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from slidesan.cli import app

    result = CliRunner().invoke(app, ["doctor"])
    assert "face detector" in result.output
    assert result.exit_code == (1 if doctor.missing(doctor.run_checks()) else 0)
    hide_face_model(monkeypatch, tmp_path)
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1 and "MISSING" in result.output and "faces in photographs" in result.output
