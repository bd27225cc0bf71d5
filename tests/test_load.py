"""Load: 60 s at 100 connections on loopback against gunicorn, with zero errors.

Slow: runs only where CI is set. wrk (Debian's package) is the load generator; it stops by
itself after its fixed duration, and the server is stopped at teardown.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.serve import wrk  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.mark.skipif(not os.environ.get("CI"), reason="60-second load test: runs in CI (CI=1)")
@pytest.mark.skipif(shutil.which("wrk") is None, reason="needs wrk: apt-get install wrk")
def test_sixty_seconds_at_a_hundred_connections_without_an_error(tmp_path, live_server):
    base = live_server(f"sqlite:///{tmp_path / 'load.sqlite3'}", seed=True)
    result = wrk(f"{base}/answers/anemia-causes?profile=patient", seconds=60,
                 connections=100)
    print(f"load: {result}")
    assert result["requests"] > 0
    assert result["non_2xx"] == 0 and result["socket_errors"] == 0, result
