"""Hostile requests and hostile records (issue 17, the web half): DNS rebinding, cross-origin
writes, script links, forged CSRF tokens, math text in URLs, over-long form fields, names with
"/", and analysis that would eat the CPU. Each test reproduces what the probe did."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from .conftest import free_port, make_client
from .test_writes import due_key, form_token

SCRIPT_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "\tjavascript:alert(1)",
               "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src", "action")]


def links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def no_script_links(html: str) -> bool:
    return not any(re.sub(r"\s", "", h).lower().startswith(("javascript:", "data:text", "vbscript:")) for h in links(html))


# --- DNS rebinding and cross-origin writes ---------------------------------------------
def test_a_foreign_host_is_refused_and_nothing_is_stored(write_client):
    key = due_key(write_client)
    url = f"/api/forecasts/{quote(key, safe='')}/resolutions"
    evil = {"Host": "evil.example", "Origin": "http://evil.example"}
    refused = write_client.post(url, json={"outcome": "yes"}, headers=evil)
    assert refused.status_code == 421 and "evil.example" in refused.json()["detail"]
    assert write_client.get("/", headers={"Host": "evil.example:8000"}).status_code == 421
    assert write_client.get("/api/resolutions").json()["total"] == 0
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"):
        assert write_client.get("/api/documents", headers={"Host": host}).status_code == 200, host


def test_configured_host_names_are_answered(ledger_copy):
    with make_client(ledger_copy, allowed_hosts=("ledger.example.org",), host="10.0.0.5") as client:
        for host in ("ledger.example.org", "10.0.0.5:8000", "127.0.0.1"):
            assert client.get("/api/documents", headers={"Host": host}).status_code == 200, host
        assert client.get("/api/documents", headers={"Host": "evil.example"}).status_code == 421


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Origin": "null"},
                                     {"Origin": "http://127.0.0.1:9999"}, {"Referer": "http://evil.example/page"}])
def test_cross_origin_writes_are_refused(write_client, headers):
    key = due_key(write_client)
    url = f"/api/forecasts/{quote(key, safe='')}/resolutions"
    assert write_client.post(url, json={"outcome": "yes"}, headers=headers).status_code == 403
    form = {"csrf_token": form_token(write_client, key), "outcome": "yes"}
    assert write_client.post(f"/forecasts/{quote(key, safe='')}/resolve", data=form, headers=headers).status_code == 403
    assert write_client.get("/api/resolutions").json()["total"] == 0
    same = write_client.post(url, json={"outcome": "yes"}, headers={"Origin": "http://127.0.0.1"})
    assert same.status_code == 201


def test_the_served_default_refuses_a_rebound_host(server):
    """The probe's attack on a real `onrecord serve` (loopback, writable, no token)."""
    forecasts = httpx.get(server + "/api/forecasts", params={"status": "due"}).json()["forecasts"]
    url = f"{server}/api/forecasts/{quote(forecasts[0]['key'], safe='')}/resolutions"
    refused = httpx.post(url, json={"outcome": "yes", "by": "rebinder"},
                         headers={"Host": "evil.example", "Origin": "http://evil.example"})
    assert refused.status_code == 421
    history = httpx.get(f"{server}/api/forecasts/{quote(forecasts[0]['key'], safe='')}").json()["history"]
    assert all(h["resolved_by"] != "rebinder" for h in history)


# --- links: http(s) only, and the report's CSP -------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ("https://example.org/a?b=1", "https://example.org/a?b=1"), (" http://example.org ", "http://example.org"),
    *((u, None) for u in SCRIPT_URLS), ("//evil.example/x", None), ("/documents/x", None), ("https://", None),
    (None, None), ({"href": "x"}, None)])
def test_only_http_links_are_rendered(value, expected):
    from onrecord.web.templating import http_url

    assert http_url(value) == expected


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_a_script_url_on_a_record_is_no_link_on_its_page(ledger_copy, url):
    with sqlite3.connect(ledger_copy) as db:
        (document_id,) = db.execute("SELECT id FROM documents ORDER BY id LIMIT 1").fetchone()
        db.execute("UPDATE documents SET url = ? WHERE id = ?", (url, document_id))
    with make_client(ledger_copy) as client:
        page = client.get(f"/documents/{document_id}")
        assert page.status_code == 200 and no_script_links(page.text)
        assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_the_standalone_report_links_no_script_and_carries_a_csp(example_analyses, url):
    from onrecord.web.report import html_report

    analysis = example_analyses[0]
    html = html_report(dataclasses.replace(analysis, document=dataclasses.replace(analysis.document, url=url)))
    assert no_script_links(html) and "source</a>" not in html
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy, "the report has no Content-Security-Policy"
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src &#39;sha256-{digest}&#39;" in policy.group(1)  # its own script runs, nothing else
    safe = html_report(dataclasses.replace(analysis, document=dataclasses.replace(analysis.document,
                                                                                  url="https://example.org/a")))
    assert 'href="https://example.org/a"' in safe


def test_evidence_links_only_when_http(write_client):
    key = due_key(write_client)
    url = f"/api/forecasts/{quote(key, safe='')}/resolutions"
    assert write_client.post(url, json={"outcome": "no", "evidence": "javascript:alert(1)"}).status_code == 201
    assert no_script_links(write_client.get(f"/forecasts/{quote(key, safe='')}").text)
    again = {"outcome": "yes", "evidence": "https://example.org/report", "replace": True}
    assert write_client.post(url, json=again).status_code == 201
    assert 'href="https://example.org/report"' in write_client.get(f"/forecasts/{quote(key, safe='')}").text


# --- CSRF tokens signed by the server ------------------------------------------------------
def test_an_equal_but_forged_csrf_pair_is_refused(write_client):
    key = due_key(write_client)
    forged = "A" * 43
    write_client.cookies.set("onrecord_csrf", forged)
    response = write_client.post(f"/forecasts/{quote(key, safe='')}/resolve",
                                 data={"csrf_token": forged, "outcome": "yes"})
    assert response.status_code == 403 and "CSRF" in response.text
    assert write_client.get("/api/resolutions").json()["total"] == 0


def test_csrf_tokens_are_signed_with_the_server_secret(ledger_copy):
    from onrecord.web import security

    with make_client(ledger_copy, secret="one") as first, make_client(ledger_copy, secret="one") as twin, \
            make_client(ledger_copy, secret="two") as other:
        key = due_key(first)
        token = form_token(first, key)
        assert security.signed(b"one", token) and not security.signed(b"two", token)
        url = f"/forecasts/{quote(key, safe='')}/resolve"
        for client in (other, twin):
            client.cookies.set("onrecord_csrf", token)
        assert other.post(url, data={"csrf_token": token, "outcome": "yes"}).status_code == 403
        assert twin.post(url, data={"csrf_token": token, "outcome": "yes"}, follow_redirects=False).status_code == 303


# --- URLs, names and form fields -------------------------------------------------------------
@pytest.mark.parametrize("name", ["$x^$", "$\\frac{1}{0}$", "a_b^c", "$$"])
def test_math_text_in_a_url_is_plain_text_in_the_picture(client, name):
    response = client.get(f"/scores/holder/{quote(name, safe='')}/calibration.svg")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")


def test_a_holder_with_a_slash_has_a_working_scorecard(ledger_copy):
    with sqlite3.connect(ledger_copy) as db:
        db.execute("UPDATE forecasts SET holder = 'AC/DC Analysts' WHERE holder = "
                   "(SELECT holder FROM forecasts ORDER BY key LIMIT 1)")
    with make_client(ledger_copy) as client:
        page = client.get("/scores", params={"by": "holder"}).text
        (link,) = [h for h in links(page) if "AC" in h and h.startswith("/scores/holder/")]
        card = client.get(link)
        assert card.status_code == 200 and "AC/DC Analysts" in card.text
        assert client.get("/api" + link).json()["name"] == "AC/DC Analysts"
        assert client.get(link + "/calibration.svg").status_code == 200


@pytest.mark.parametrize("field, size", [("by", 100_000), ("evidence", 5_001), ("date", 11)])
def test_the_resolve_form_has_the_api_length_limits(write_client, field, size):
    key = due_key(write_client)
    form = {"csrf_token": form_token(write_client, key), "outcome": "yes", field: "9" * size}
    response = write_client.post(f"/forecasts/{quote(key, safe='')}/resolve", data=form)
    assert response.status_code == 422 and "over" in response.text and len(response.text) < 60_000
    assert write_client.get("/api/resolutions").json()["total"] == 0


# --- analysis: not on a read-only server, bounded in size and in number -----------------------
def test_a_read_only_server_does_not_analyze(ledger_copy):
    with make_client(ledger_copy, read_only=True) as client:
        assert client.post("/api/analyze", json={"text": "The talks will probably fail."}).status_code == 403


def test_with_a_token_analysis_needs_it(ledger_copy):
    with make_client(ledger_copy, token="s3cret") as client:
        assert client.post("/api/analyze", json={"text": "The talks will probably fail."}).status_code == 403
        ok = client.post("/api/analyze", json={"text": "The talks will probably fail."},
                         headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200 and "forecasts" in ok.json()


def test_analysis_is_size_limited_by_default(write_client):
    from onrecord.web.app import MAX_TEXT

    assert MAX_TEXT <= 100_000  # 160,000 characters took a minute of CPU
    assert write_client.post("/api/analyze", json={"text": "war " * (MAX_TEXT // 4 + 1)}).status_code == 413


def test_analyses_beyond_the_limit_at_once_get_429_with_retry_after(ledger_copy):
    with make_client(ledger_copy, max_analyses=1) as client:
        slots = client.app.state.analysis_slots
        assert slots.acquire(blocking=False)  # one analysis running
        try:
            busy = client.post("/api/analyze", json={"text": "The talks will probably fail."})
            assert busy.status_code == 429 and int(busy.headers["retry-after"]) > 0
            assert client.post("/api/documents", json={"text": "The talks will fail."}).status_code == 429
        finally:
            slots.release()
        assert client.post("/api/analyze", json={"text": "The talks will probably fail."}).status_code == 200


# --- serve --workers ---------------------------------------------------------------------------
def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_serve_with_workers_scales_and_shares_its_settings(ledger_copy, tmp_path):
    port = free_port()
    onrecord = Path(sys.executable).with_name("onrecord")
    env = {**os.environ, "ONRECORD_TOKEN": "", "ONRECORD_SECRET": ""}
    process = subprocess.Popen([str(onrecord), "serve", "--db", str(ledger_copy), "--port", str(port), "--workers", "2",
                                "--allow-host", "ledger.test"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, process.stdout.read().decode(errors="replace")
            time.sleep(0.3)
        workers = [c for c in children(process.pid) if Path(f"/proc/{c}/cmdline").read_bytes().count(b"spawn")]
        assert len(workers) == 2, children(process.pid)
        assert httpx.get(base + "/api/documents", headers={"Host": "ledger.test"}).status_code == 200
        assert httpx.get(base + "/api/documents", headers={"Host": "evil.example"}).status_code == 421
        with httpx.Client(base_url=base) as browser:  # a form token from one worker is good on every worker
            key = browser.get("/api/forecasts", params={"status": "due"}).json()["forecasts"][0]["key"]
            browser.get(f"/forecasts/{quote(key, safe='')}")
            token = browser.cookies["onrecord_csrf"]
            codes = {browser.post(f"/forecasts/{quote(key, safe='')}/resolve", follow_redirects=False,
                                  data={"csrf_token": token, "outcome": "yes", "replace": "yes"}).status_code
                     for _ in range(8)}
            assert codes == {303}
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
