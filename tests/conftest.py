import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture
def build_deck(tmp_path):
    """build_deck("crops") -> (path, planted) from fixtures/decks/crops.py."""
    def _build(name: str, **kwargs):
        module = importlib.import_module(f"fixtures.decks.{name}")
        path = tmp_path / f"{name}.pptx"
        planted = module.build(path, **kwargs) or {}
        return path, planted
    return _build


@pytest.fixture
def shared_dir():
    if not SHARED.exists():
        pytest.skip("../shared is not present")
    return SHARED


# Files holding a test that takes tens of seconds (a real PDF whose private data is megabytes of text, LibreOffice
# renders, `check` over eight real decks, the window driven end to end). `pytest -n N` (make test) hands tests
# out in collection order, so these go first: one of them starting when the other workers are nearly done
# would leave them idle. Order inside each file, and single-file runs, are unchanged.
SLOW_FILES = ("test_pdf_corpus.py", "test_names_corpus_precision.py", "test_gui_cli.py", "test_render.py",
              "test_unknown_parts.py", "test_picture_views.py", "test_ocr_reading.py", "test_image_metadata.py",
              "test_dicom_burned_in.py")


def pytest_collection_modifyitems(config, items):
    rank = {name: i for i, name in enumerate(SLOW_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))      # stable: the rest keep their order
