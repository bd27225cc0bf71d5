"""The interface in English and Spanish: the catalogs are whole, and no page mixes languages."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from conftest import PROFILE_NAMES, ROOT

from personalize import create_app
from personalize.core import i18n
from personalize.store import tokens
from personalize.web.extensions import library

TRANSLATIONS = ROOT / "personalize" / "translations"
POT = TRANSLATIONS / "messages.pot"
PO_ES = TRANSLATIONS / "es" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ANSWER_ES, ANSWER_EN = "leucopenia-causas", "leukopenia-causes"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def catalog(path: Path):
    with path.open("rb") as fp:
        return read_po(fp)


def ids(messages) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in messages if m.id}


def forms(message) -> list[str]:
    """A message's msgstr forms (one for a plain message, one per plural form)."""
    return [message.string] if isinstance(message.string, str) else list(message.string)


def sources(message) -> list[str]:
    return [message.id] if isinstance(message.id, str) else list(message.id)


# -- the catalogs ---------------------------------------------------------------------------

def test_the_committed_template_holds_exactly_what_the_code_says(tmp_path):
    fresh = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "--quiet", "extract", "-F", str(ROOT / "babel.cfg"),
        "-k", "translate:2", "-k", "translate_plural:2,3", "-k", "N_", "--no-location",
        "-o", str(fresh), str(ROOT)])
    extracted, committed = ids(catalog(fresh)), ids(catalog(POT))
    assert extracted - committed == set(), "new interface text: run `make messages`"
    assert committed - extracted == set(), "text no longer used: run `make messages`"


def test_every_spanish_message_is_translated_with_the_same_placeholders():
    po = catalog(PO_ES)
    assert ids(po) == ids(catalog(POT)), "run `make messages` to merge the template"
    for message in po:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        wanted = {name for text in sources(message) for name in PLACEHOLDER.findall(text)}
        for text in forms(message):
            assert text.strip(), f"untranslated: {message.id!r}"
            assert set(PLACEHOLDER.findall(text)) <= wanted, message.id
        said = {name for text in forms(message) for name in PLACEHOLDER.findall(text)}
        assert said == wanted, message.id


def test_the_spanish_catalog_is_what_the_app_uses():
    assert i18n.translate("es", "Pending review") == "Revisión pendiente"
    assert i18n.translate("es", "Reference %(n)s", n=2) == "Referencia 2"
    assert i18n.translate_plural("es", "%(num)s word", "%(num)s words", 3) == "3 palabras"


# -- pages in each language -----------------------------------------------------------------

class Visible(HTMLParser):
    """The text a reader meets in the page's language: text, and the attributes read aloud or
    shown (aria-label, title, alt, placeholder); text marked with another lang is left out."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def elsewhere(self) -> bool:
        return any(other for _, other in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        other = bool(lang) and i18n.primary(lang) != self.language and tag != "html"
        if not (self.elsewhere() or other):
            self.parts += [attrs[a] for a in ("aria-label", "title", "alt", "placeholder")
                           if attrs.get(a)]
        if tag not in VOID:
            self.stack.append((tag, other or tag in ("script", "style")))

    def handle_endtag(self, tag):
        for n in range(len(self.stack) - 1, -1, -1):
            if self.stack[n][0] == tag:
                del self.stack[n:]
                break

    def handle_data(self, data):
        if not self.elsewhere():
            self.parts.append(data)


def visible_text(html: str, language: str) -> str:
    parser = Visible(language)
    parser.feed(html)
    return " ".join(" ".join(unescape(p) for p in parser.parts).split())


def phrases(texts: list[str], min_words: int) -> set[str]:
    """The stretches of text between placeholders that are at least min_words long."""
    found = set()
    for text in texts:
        for piece in PLACEHOLDER.split(text)[::2]:
            piece = " ".join(piece.split())
            if len(re.findall(r"\w+", piece)) >= min_words:
                found.add(piece)
    return found


def giveaways(source_language: str, min_words: int) -> set[str]:
    """Phrases of one language that the other language's catalog writes differently."""
    found = set()
    for message in catalog(PO_ES):
        if not message.id or sources(message) == forms(message):
            continue
        texts = sources(message) if source_language == "en" else forms(message)
        found |= phrases(texts, min_words)
    other = phrases([t for m in catalog(PO_ES) if m.id
                     for t in (forms(m) if source_language == "en" else sources(m))], 1)
    return found - other  # a phrase both languages share ("Error %(code)s") is no giveaway


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The shipped content, with the English leukopenia answer approved (so it can be
    embedded) and an editor signed in to QA; one app for the module, so pages render once."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("i18n"))})
    store = app.extensions["personalize.store"]
    head = store.head(ANSWER_EN)
    store.transition(ANSWER_EN, head.number, "approved", "reviewer")
    client = app.test_client()
    token = tokens.create(app.extensions["personalize.db"], "editor")
    page = client.get("/qa/sign-in")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert client.post("/qa/sign-in", data={"token": token, "csrf_token": csrf}).status_code \
        == 303
    return app, client


def pages(language: str) -> list:
    """The pages a reader of a language meets, each with (language, path)."""
    answer = ANSWER_ES if language == "es" else ANSWER_EN
    paths = ["/", "/search", "/search?q=xyzzy", "/search?q=what causes", "/editorial-policy",
             *(f"/answers/{answer}?profile={p}" for p in PROFILE_NAMES),
             "/answers/neutropenia", "/answers/no-such-answer", "/qa/sign-in?lang=" + language,
             "/qa/readability", f"/qa/readability/{ANSWER_EN}/patient",
             f"/embed/{ANSWER_EN}?lang={language}", f"/embed/{ANSWER_EN}/frame?lang={language}"]
    return [pytest.param(language, path, id=f"{language}:{path}") for path in paths]


def fetch(client, path: str, language: str):
    response = client.get(path, headers={"Accept-Language": language}, follow_redirects=True)
    assert response.status_code in (200, 404), (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("language", "path"), pages("es") + pages("en"))
def test_a_page_speaks_its_readers_language_only(site, language, path):
    """No English phrase of 2+ words on a Spanish page; no Spanish one of 3+ on an English
    page (short Spanish phrases can be English too: "Error 404")."""
    _, client = site
    html = fetch(client, path, language)
    if path.startswith("/embed/") and "/frame" not in path:
        assert f'class="pz-embed" data-pz-answer="{ANSWER_EN}"' in html
        assert f'lang="{language}"' in html
    else:
        assert f'<html lang="{language}"' in html
    other, words = ("en", 2) if language == "es" else ("es", 3)
    text = visible_text(html, language)
    left = sorted(p for p in giveaways(other, words) if p in text)
    assert left == [], f"{other} on the {language} page {path}: {left}"


def test_a_spanish_reader_of_an_english_only_answer_is_told_why(site):
    _, client = site
    html = fetch(client, "/answers/neutropenia", "es")
    assert re.search(r'<p class="notice" id="pz-other-language">Esta respuesta todavía no está '
                     r"escrita en español\. Se muestra en inglés\.</p>", html)
    assert '<h1 id="answer-title" lang="en">' in html


def test_a_spanish_reader_of_an_english_only_embed_is_told_why(site):
    _, client = site
    html = fetch(client, f"/embed/{ANSWER_EN}?lang=es&profile=patient", "en")
    assert "Esta respuesta todavía no está escrita en español. Se muestra en inglés." in html
    assert 'lang="en" hreflang="en">' in html  # the English question, marked as English
    assert "Paciente o persona cuidadora" in html and "Nivel de lectura" in html


# -- dates and numbers ----------------------------------------------------------------------

def test_spanish_pages_write_dates_in_spanish(site):
    app, client = site
    with app.app_context():
        updated = library().get(ANSWER_ES).updated
    assert isinstance(updated, dt.date)
    spanish = format_date(updated, format="long", locale="es")
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", spanish)
    assert f"Última actualización: <time datetime=\"{updated.isoformat()}\">{spanish}</time>" \
        in fetch(client, f"/answers/{ANSWER_ES}", "es")
    assert spanish in fetch(client, "/", "es")
    assert format_date(updated, format="long", locale="en") in fetch(client, "/", "en")


def test_qa_scores_are_written_as_the_reader_writes_numbers(site):
    _, client = site
    path = f"/qa/readability/{ANSWER_EN}/patient"
    grade = client.get(path + ".json").json["scores"]["flesch_kincaid_grade"]
    assert f"<dd>{i18n.number(grade, 'es')}</dd>" in fetch(client, path, "es")
    assert f"<dd>{i18n.number(grade, 'en')}</dd>" in fetch(client, path, "en")
