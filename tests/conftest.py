"""Shared fixtures: the real spaCy pipeline (loaded once), and the paths of ../shared."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_850c6bef7a7111c8.txt"


@pytest.fixture(scope="session")
def nlp():
    from onrecord.nlp.pipeline import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, which CI always has: there a missing folder fails the run instead of skipping."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing in CI")
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def seed_analysis(nlp, shared):
    """The seed op-ed analyzed with its publication date, as seedcheck runs it."""
    from onrecord.nlp.pipeline import analyze_document
    from onrecord.read import read_paths

    (document,) = list(read_paths([str(SEED)], published="2022-05-02"))
    return analyze_document(document, nlp=nlp)
