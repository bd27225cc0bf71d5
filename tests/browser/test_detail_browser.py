"""The detail level's block in Chromium: collapsed, opened by the reader, accessible (axe)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from personalize import create_app

LABEL = Path(__file__).resolve().parents[1] / "fixtures" / "answers" / "detail-label.md"
MOVED = "The hazard ratio for fainting was 1.8 (95% CI, 1.1 to 2.9)."


@pytest.fixture(scope="module")
def detail_server(serve_app, tmp_path_factory):
    """The app with one answer whose patient rendition moves sentences into detail."""
    folder = tmp_path_factory.mktemp("detail")
    (folder / "content").mkdir()
    shutil.copy(LABEL, folder / "content" / LABEL.name)
    return serve_app(create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(folder / "i"),
                                 "CONTENT_DIR": str(folder / "content")}))


def test_the_detail_block_is_collapsed_and_opens(page, detail_server):
    page.goto(f"{detail_server}/answers/detail-label?profile=patient")
    block = page.locator(".pz-detail").first
    summary = block.locator("summary")
    assert summary.inner_text().strip() == "More detail for your care team"
    moved = page.get_by_text(MOVED)
    assert moved.is_hidden() and block.get_attribute("open") is None
    summary.click()
    assert moved.is_visible() and block.get_attribute("open") is not None
    summary.click()
    assert moved.is_hidden()


def test_the_detail_block_opens_from_the_keyboard(js_page, detail_server):
    js_page.goto(f"{detail_server}/answers/detail-label?profile=patient")
    summary = js_page.locator(".pz-detail summary").first
    summary.focus()
    js_page.keyboard.press("Enter")
    assert js_page.get_by_text(MOVED).is_visible()


def test_the_clinician_page_has_no_detail_block(js_page, detail_server):
    js_page.goto(f"{detail_server}/answers/detail-label?profile=clinician")
    assert js_page.locator(".pz-detail").count() == 0
    assert js_page.get_by_text("95% CI", exact=False).first.is_visible()


@pytest.mark.parametrize("opened", [False, True])
def test_axe_finds_no_violations_with_the_detail_block(js_page, detail_server, opened):
    from axe_playwright_python.sync_playwright import Axe

    js_page.goto(f"{detail_server}/answers/detail-label?profile=patient")
    if opened:
        js_page.locator(".pz-detail summary").first.click()
    results = Axe().run(js_page)
    assert results.violations_count == 0, results.generate_report()
