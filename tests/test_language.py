"""The reader's language: negotiation, the switcher, answers linked across languages, the
Spanish notice, search in the reader's language, embeds, and two languages at once."""

from __future__ import annotations

import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from personalize.core import i18n

CONTENT = Path(__file__).resolve().parent.parent / "content"
EN, ES = "leukopenia-causes", "leucopenia-causas"
ENGLISH_ONLY = "anemia-causes"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


# Negotiation: ?lang=, then the cookie, then Accept-Language, then English

@pytest.mark.parametrize("query, cookie, accept, expected", [
    ("", None, None, "en"),
    ("", None, "es-MX,es;q=0.9,en;q=0.5", "es"),
    ("", None, "fr-FR, es;q=0.3", "es"),
    ("", None, "de, fr;q=0.5", "en"),
    ("", "es", "en-US", "es"),
    ("?lang=en", "es", "es", "en"),
    ("?lang=es", None, "en", "es"),
    ("?lang=xx", "es", "en", "es"),
])
def test_the_locale_comes_from_link_then_cookie_then_browser(client, query, cookie, accept,
                                                             expected):
    if cookie:
        client.set_cookie("pz_lang", cookie)
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get(f"/editorial-policy{query}", headers=headers)
    assert response.status_code == 200
    assert html_lang(response) == expected
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_a_lang_link_is_kept_on_the_sites_own_links(client):
    html = client.get("/editorial-policy?lang=es").get_data(as_text=True)
    assert 'href="/?lang=es"' in html and 'href="/search?lang=es"' in html
    # ... but not when the language came from the browser (the links stay clean).
    html = client.get("/editorial-policy", headers={"Accept-Language": "es"}).get_data(
        as_text=True)
    assert 'href="/?lang=es"' not in html and 'href="/"' in html


# The switcher

def test_the_switcher_offers_the_other_language_named_in_itself(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'<button[^>]*name="lang" value="es" lang="es">Español</button>', html)
    html = client.get("/?lang=es").get_data(as_text=True)
    assert re.search(r'<button[^>]*name="lang" value="en" lang="en">English</button>', html)


def test_the_switcher_sets_a_lasting_cookie_and_goes_back(client):
    response = client.post("/language", data={"lang": "es", "next": "/search?q=x&lang=en"})
    assert response.status_code == 303 and response.location == "/search?q=x"
    cookie = client.get_cookie("pz_lang")
    assert cookie.value == "es" and cookie.http_only
    assert html_lang(client.get("/", headers={"Accept-Language": "en"})) == "es"


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_target(client):
    response = client.post("/language", data={"lang": "fr", "next": "/"})
    assert response.status_code == 303 and client.get_cookie("pz_lang") is None
    response = client.post("/language", headers={"Accept": "application/json"},
                           data={"lang": "fr"})
    assert response.status_code == 400 and "en, es" in response.json["error"]["detail"]
    response = client.post("/language", data={"lang": "es", "next": "//evil.example/"})
    assert response.status_code == 303 and response.location == "/"


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "cross-site"},
                                     {"Origin": "https://evil.example"}])
def test_a_switch_sent_from_another_site_is_refused(client, headers):
    response = client.post("/language", data={"lang": "es", "next": "/"}, headers=headers)
    assert response.status_code == 400 and client.get_cookie("pz_lang") is None


# Answers per language

def test_a_spanish_reader_is_sent_to_the_spanish_answer(client):
    response = client.get(f"/answers/{EN}?profile=patient", headers={"Accept-Language": "es"})
    assert response.status_code == 302
    assert response.location == f"/answers/{ES}?profile=patient"
    page = client.get(response.location, headers={"Accept-Language": "es"})
    assert page.status_code == 200 and html_lang(page) == "es"
    # An English reader following a link to the Spanish answer gets the English one.
    response = client.get(f"/answers/{ES}?lang=en")
    assert response.status_code == 302 and response.location.startswith(f"/answers/{EN}")


def test_without_any_language_preference_a_link_is_shown_as_it_is(client):
    # Crawlers send no Accept-Language: each language's page must stay reachable.
    response = client.get(f"/answers/{ES}")
    assert response.status_code == 200 and "¿Qué causa la leucopenia" in response.text


def test_both_answers_name_each_other_as_alternates(client):
    for answer_id in (EN, ES):
        html = client.get(f"/answers/{answer_id}").get_data(as_text=True)
        assert f'hreflang="en" href="http://localhost/answers/{EN}"' in html
        assert f'hreflang="es" href="http://localhost/answers/{ES}"' in html


def test_an_answer_missing_in_spanish_is_shown_in_english_with_a_spanish_notice(client):
    response = client.get(f"/answers/{ENGLISH_ONLY}", headers={"Accept-Language": "es"})
    assert response.status_code == 200 and html_lang(response) == "es"
    html = response.get_data(as_text=True)
    notice = re.search(r'<p class="notice" id="pz-other-language">(.*?)</p>', html).group(1)
    assert "inglés" in notice and "español" in notice
    assert i18n.translate("es", "This answer is not yet written in %(language)s. It is "
                          "shown in %(original)s.", language="español",
                          original="inglés") == notice
    # The answer itself is marked as English for screen readers and translators.
    assert re.search(r'<h1 id="answer-title" lang="en">', html)
    assert '<article class="pz-rendition" lang="en"' in html
    english = client.get(f"/answers/{ENGLISH_ONLY}").get_data(as_text=True)
    assert 'id="pz-other-language"' not in english


def test_the_spanish_answer_shows_its_date_in_spanish(client):
    html = client.get(f"/answers/{ES}?lang=es").get_data(as_text=True)
    assert "3 de diciembre de 2026" in html


def test_the_spanish_rendition_speaks_spanish_throughout(client):
    html = client.get(f"/answers/{ES}?lang=es&profile=clinician").get_data(as_text=True)
    article = html[html.index('<article class="pz-rendition"'):html.index("</article>")]
    assert ">Referencias</h2>" in article and 'aria-label="Referencia 1"' in article
    assert ">References<" not in article and "This is not medical advice" not in article


def test_the_index_lists_the_readers_language_first(client):
    html = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert html.index(f'href="/answers/{ES}"') < html.index(f'href="/answers/{ENGLISH_ONLY}"')
    assert f'href="/answers/{EN}"' not in html
    english = client.get("/").get_data(as_text=True)
    assert f'href="/answers/{ES}"' not in english and f'href="/answers/{EN}"' in english


# Search in the reader's language

@pytest.mark.parametrize("query, accept, expected", [
    ("causes of leukopnia", "en", EN),
    ("qué causa la leucopenia", "es", ES),
    ("glóbulos blancos bajos", "es", ES),
    # Nothing in Spanish matches an English question: a sure English match is better.
    ("what causes anemia", "es", ENGLISH_ONLY),
])
def test_search_looks_in_the_readers_language_first(client, query, accept, expected):
    response = client.get("/search", query_string={"q": query},
                          headers={"Accept-Language": accept})
    assert response.status_code == 303, response.text[:300]
    assert response.location == f"/answers/{expected}"


# Embeds take the language from the link only

@pytest.fixture
def approved(store_app, store):
    """Both leukopenia answers and the English-only anemia answer, approved."""
    for name in (EN, ES, ENGLISH_ONLY):
        store.create((CONTENT / f"{name}.md").read_bytes(), "ana")
        store.transition(name, 1, "under_review", "rev")
        store.transition(name, 1, "approved", "rev")
    return store_app.test_client()


def test_an_embed_in_spanish_serves_the_spanish_answer(approved):
    data = approved.get(f"/api/v1/answers/{EN}?profile=patient&lang=es").json
    assert (data["answer_id"], data["language"], data["locale"]) == (ES, "es", "es")
    assert data["translations"] == {"en": EN}
    assert data["disclaimer"]["title"] != "This is not medical advice"
    assert data["links"]["page"].endswith(f"/answers/{ES}?profile=patient&lang=es")
    fragment = approved.get(f"/embed/{EN}?profile=patient&lang=es").get_data(as_text=True)
    assert "Referencias" in fragment and 'lang="es"' in fragment


def test_an_embed_in_spanish_of_an_english_only_answer_says_so(approved):
    data = approved.get(f"/api/v1/answers/{ENGLISH_ONLY}?lang=es").json
    assert (data["answer_id"], data["language"], data["locale"]) == (ENGLISH_ONLY, "en", "es")
    fragment = approved.get(f"/embed/{ENGLISH_ONLY}?lang=es").get_data(as_text=True)
    assert "inglés" in fragment


def test_the_visitors_browser_does_not_change_an_embed(approved):
    plain = approved.get(f"/embed/{EN}?profile=patient")
    spanish_browser = approved.get(f"/embed/{EN}?profile=patient",
                                   headers={"Accept-Language": "es"})
    assert plain.get_data() == spanish_browser.get_data()
    assert "Accept-Language" not in plain.vary


def test_the_qa_report_filters_by_language(approved, store_app):
    from personalize.store import tokens
    token = tokens.create(store_app.extensions["personalize.db"], "qa")
    headers = {"Authorization": f"Bearer {token}"}
    data = approved.get("/qa/readability.json?language=es", headers=headers).json
    assert data["filters"]["language"] == "es"
    assert {(r["answer_id"], r["language"]) for r in data["rows"]} == {(ES, "es")}
    csv = approved.get("/qa/readability.csv?language=es", headers=headers).text
    assert csv.splitlines()[0].startswith("answer_id,question,language,")
    assert all(",es," in line for line in csv.splitlines()[1:])
    everything = approved.get("/qa/readability.json", headers=headers).json
    assert {r["language"] for r in everything["rows"]} == {"en", "es"}


# Two languages at once, on a real server

def test_concurrent_requests_in_two_languages_do_not_disturb_each_other(live_server, tmp_path):
    base = live_server(f"sqlite:///{tmp_path / 'both.db'}", seed=True)

    def fetch(n: int) -> tuple[str, str, str]:
        lang = ("en", "es")[n % 2]
        path = f"/answers/{ENGLISH_ONLY}?profile=patient"
        request = urllib.request.Request(base + path, headers={"Accept-Language": lang})
        with urllib.request.urlopen(request, timeout=30) as response:
            return lang, response.read().decode("utf-8"), response.headers["Content-Language"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(fetch, range(160)))
    expected = {}
    for lang, html, content_language in results:
        assert f'<html lang="{lang}">' in html and content_language == lang
        # Every page in one language is the same page: nothing leaked in from the other.
        assert expected.setdefault(lang, html) == html
    assert ('id="pz-other-language"' in expected["es"]) and (
        'id="pz-other-language"' not in expected["en"])


def test_a_spanish_answer_tells_its_level_from_fernandez_huerta(client):
    html = client.get(f"/answers/{ES}?lang=es&profile=patient").get_data(as_text=True)
    level = re.search(r'<p class="reading-level">(.*?)</p>', html, re.S).group(1)
    # Fernandez Huerta 80-90 is the "easy" band, said to fit 5th grade; the score is shown too.
    # the school grade told from the Fernández Huerta band, and the score (patient target 70)
    assert re.search(r"\d\.º grado", level) and "Fernández Huerta" in level
    # the score in Spanish style: a decimal comma, none when the decimal is 0 (70.99 is "71")
    assert re.search(r"es [789]\d(,\d)? sobre 100", level)
