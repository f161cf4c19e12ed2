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
