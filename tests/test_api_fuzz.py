"""API fuzzing: schemathesis against /api/v1/openapi.json on a live gunicorn server.

No 5xx, and every response matches the schema (status code, content type, headers, body).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="pip install -e '.[test]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from personalize.store import tokens  # noqa: E402


@pytest.fixture
def api_schema(tmp_path, live_server):
    """The live server's own OpenAPI description, with an editor's token on every call."""
    from personalize import create_app
    url = f"sqlite:///{tmp_path / 'fuzz.sqlite3'}"
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path),
                      "DATABASE_URL": url, "SEED_CONTENT": True, "AUTO_UPGRADE": True})
    token = tokens.create(app.extensions["personalize.db"], "fuzzer", role="admin")
    app.extensions["personalize.db"].dispose()
    base = live_server(url, seed=True)
    loaded = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    loaded.config.update(base_url=f"{base}/api/v1", headers={
        "Authorization": f"Bearer {token}"})
    return loaded


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_api_never_fails_and_matches_its_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert operations
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def fuzz(case):
            case.call_and_validate(checks=CHECKS)

        fuzz()
