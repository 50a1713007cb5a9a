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
def rules_nlp():
    """The pipeline whose forecasts the clause rules decide alone (no trained detector): for tests of a
    forecast's attributes, which do not depend on which candidates the detector keeps."""
    from onrecord.nlp.pipeline import load_pipeline
    return load_pipeline(profile="rules")


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


# --- the ledger (SQLite file per test, and a fresh database per test on a real PostgreSQL) ---
POSTGRES_ENV = "ONRECORD_TEST_POSTGRES"


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    """A database URL for one test. PostgreSQL comes from $ONRECORD_TEST_POSTGRES, which `make test`
    sets after starting a throw-away server (scripts/test_services.sh); without it these tests fail."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.fail(f"${POSTGRES_ENV} is not set: run `make test`, or scripts/test_services.sh PYTEST-COMMAND")
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"onrecord_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def ledger(ledger_url):
    from onrecord.ledger import Ledger

    with Ledger(ledger_url, version="test-1") as opened:
        yield opened
