"""Web fixtures: a small ledger of our own example documents, a TestClient over it, and a real
``onrecord serve`` subprocess on a free loopback port (for the browser tests).

The ledger is built once per session (three short documents through the real pipeline); tests
that write get their own copy of it.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = Path(__file__).parent / "docs"
HOSTILE_TITLE = '<script>document.title="pwned"</script> Ministers meet in Vienna'
HOSTILE_AUTHOR = 'Eve Mallory" onmouseover="document.title=1'


def example_documents():
    from onrecord.read import read_paths
    from onrecord.read.text import document_from_text

    (ramstein,) = read_paths([str(ROOT / "examples" / "ramstein-week.txt")], published="2022-05-02")
    (later,) = read_paths([str(DOCS / "after-kharkiv.txt")], published="2022-10-20")
    hostile = document_from_text((DOCS / "hostile.txt").read_text(), published="2022-05-09", title=HOSTILE_TITLE,
                                 author=HOSTILE_AUTHOR, source="tests/web/docs/hostile.txt")
    return [ramstein, later, hostile]


@pytest.fixture(scope="session")
def example_analyses(nlp):
    from onrecord.nlp.pipeline import analyze_document

    return [analyze_document(document, nlp=nlp) for document in example_documents()]


@pytest.fixture(scope="session")
def ledger_file(tmp_path_factory, nlp) -> Path:
    """A SQLite ledger holding the three example documents (built once)."""
    from onrecord.ledger import Ledger
    from onrecord.scale import run_corpus

    path = tmp_path_factory.mktemp("ledger") / "web.db"
    with Ledger(str(path)) as ledger:
        report = run_corpus(ledger, example_documents())
    assert report.ingested == 3, report.counts()
    return path


def copy_ledger(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite ledger (the backup API copes with WAL files)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


@pytest.fixture
def ledger_copy(ledger_file, tmp_path) -> Path:
    return copy_ledger(ledger_file, tmp_path / "copy.db")


def make_client(db: Path, **options):
    from onrecord.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx.*")  # starlette prefers httpx2, not locked here
        from fastapi.testclient import TestClient

        return TestClient(create_app(str(db), **options), base_url="http://127.0.0.1", raise_server_exceptions=True)


@pytest.fixture(scope="session")
def client(ledger_file):
    """A TestClient over the shared example ledger: for reading only."""
    with make_client(ledger_file) as test_client:
        yield test_client


@pytest.fixture
def write_client(ledger_copy):
    """A TestClient over a private copy of the ledger, for tests that resolve or ingest."""
    with make_client(ledger_copy) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(ledger_file, tmp_path_factory):
    """``onrecord serve`` over a copy of the example ledger on a free 127.0.0.1 port; its base URL."""
    db = copy_ledger(ledger_file, tmp_path_factory.mktemp("served") / "served.db")
    with serving(db) as url:
        yield url


@contextlib.contextmanager
def serving(db: Path):
    """A real ``onrecord serve`` over ``db`` on a free loopback port, stopped on leaving."""
    port = free_port()
    onrecord = Path(sys.executable).with_name("onrecord")
    env = {**os.environ, "ONRECORD_TOKEN": ""}
    process = subprocess.Popen([str(onrecord), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/api/openapi.json", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"onrecord serve did not start: {process.stdout.read().decode(errors='replace')}")
        time.sleep(0.2)
    try:
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by playwright (never ``playwright install``)."""
    import playwright.sync_api as playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make test`, which installs it (scripts/test_services.sh)")
    with playwright.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A 1280×800 page that fails its test on any script error or dialog."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield opened
    context.close()
    assert errors == []
