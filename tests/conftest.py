"""Shared fixtures: the shipped catalog, an app on test settings, its client and CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize import create_app
from personalize.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILE_NAMES = ["clinician", "student", "patient"]


@pytest.fixture(scope="session")
def catalog():
    """The shipped profiles and lexicons."""
    return load_catalog(ROOT / "profiles")


@pytest.fixture
def app(tmp_path):
    """An app on test settings with its own instance folder."""
    return create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A CLI runner for the app's commands."""
    return app.test_cli_runner()
