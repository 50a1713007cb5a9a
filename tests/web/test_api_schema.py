"""schemathesis generates requests for every operation of the OpenAPI schema: none may end in
a server error. Kept small (a few derandomized examples per operation) so it runs in seconds.
(The schemathesis pytest plugin does not work with pytest 9 yet, so operations are looped here.)"""
from __future__ import annotations

import pytest

import schemathesis
from hypothesis import HealthCheck, given, settings  # noqa: E402

from .conftest import make_client  # noqa: E402

EXAMPLES = 6


def test_api_answers_generated_requests_without_server_errors(ledger_copy):
    app = make_client(ledger_copy, max_text=2_000, allowed_hosts=("testserver",)).app  # its client's host name
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    errors: list[str] = []
    calls = []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            calls.append(response.status_code)
            if response.status_code >= 500:
                errors.append(f"{operation.label}: {response.status_code} for {case.as_curl_command()}")

        check()
    assert errors == []
    assert len(calls) >= 2 * len(operations) and any(code < 300 for code in calls)
