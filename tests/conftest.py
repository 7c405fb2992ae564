from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "demo" / "corpus"
SEEDS = REPO.parent / "shared" / "seeds"
REUTERS = SEEDS / "000_a5829dfca0d2dc44.txt"
RIA = SEEDS / "001_4798cd4b17b5a9ca.txt"


@pytest.fixture(scope="session")
def seeds() -> tuple[Path, Path]:
    if not (REUTERS.exists() and RIA.exists()):
        pytest.skip("../shared/seeds is not present")
    return REUTERS, RIA


@pytest.fixture(scope="session")
def seed_comparison(seeds):
    from storydiff import compare

    return compare([str(p) for p in seeds])


@pytest.fixture(scope="session")
def demo_comparison():
    from storydiff import compare

    return compare([str(DEMO / "monitors")])
