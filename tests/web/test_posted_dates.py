"""A posted publication date is checked like --published: an impossible date is E108, not a NULL stored."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/api/documents", "/api/analyze"])
@pytest.mark.parametrize("published", ["2022-13-45", "2022-02-30"])
def test_an_impossible_posted_date_is_refused_with_e108(write_client, path, published):
    response = write_client.post(path, json={"text": "The talks will resume next week.", "published": published})
    assert response.status_code == 422 and "E108" in response.text
    assert write_client.get("/api/documents", params={"q": "resume"}).json()["total"] == 0
