"""Reader pages: index, answer page, selector, search, editorial policy and errors."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import format_date

from personalize import create_app
from personalize.core.reading_level import reading_grade
from personalize.web.extensions import catalog, library
from personalize.web.pages import COOKIE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILES = ["clinician", "student", "patient"]
ANSWER = "/answers/leukopenia-causes"
SEED_PHRASINGS = [
    "What causes leukopenia (low White Blood Cell count)?",
    "What are the causes of Leukopenia (Low White Blood Cell count)?",
]


def page(client, url: str, **kwargs) -> str:
    """GET a page that must answer 200, as text."""
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)




def make_client(tmp_path: Path, **config):
    """A client for an app on test settings with its own instance folder and database."""
    config = {"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path / "instance"), **config}
    return create_app(config).test_client()


def profiles_with(tmp_path: Path, *extra: Path, lexicon: Path | None = None) -> Path:
    """A copy of the shipped profiles, plus extra profile files and a lexicon."""
    folder = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", folder)
    for path in extra:
        shutil.copy(path, folder / path.name)
    if lexicon:
        (folder / "lexicon").mkdir(exist_ok=True)
        shutil.copy(lexicon, folder / "lexicon" / "en.toml")
    return folder


# The index

def test_index_lists_every_question_in_the_readers_language_with_a_link(app, client):
    with app.app_context():
        records = [library().get(i) for i in library().ids()]
    assert {r.answer.language for r in records} == {"en", "es"}
    for lang in ("en", "es"):
        html = page(client, f"/?lang={lang}")
        for record in records:
            listed = f'href="/answers/{record.answer.id}?lang={lang}"' in html
            # Another language's answer is listed (as not yet translated) unless the
            # question has its own answer in the reader's language.
            expected = record.answer.language == lang or not record.answer.translation(lang)
            assert listed == expected, (lang, record.answer.id)
        assert 'action="/search' in html


# The answer page

def test_answer_page_shows_what_the_seed_pages_show(app, client):
    html = page(client, ANSWER)
    with app.app_context():
        record = library().get("leukopenia-causes")
    assert re.search(r"<h1[^>]*>What causes leukopenia \(low white blood cell count\)\?</h1>", html)
    assert "Pending review." in html                                  # the caution banner
    assert re.search(r'aria-current="step">Under review<', html)      # the review status
    for label in ("Submitted", "Under review", "Approved"):
        assert f">{label}</li>" in html or f">{label}<" in html
    updated = format_date(record.updated, format="long", locale="en")
    assert f'<time datetime="{record.updated.isoformat()}">{updated}</time>' in html
    assert 'href="/editorial-policy"' in html
    assert "Which best describes you?" in html
    assert "From the guidelines" in html and "From the research" in html
    assert re.search(r'<sup class="pz-cite"><a href="#(pz-[^"]+ref-[^"]+)"', html)
    for target in re.findall(r'<sup class="pz-cite"><a href="#([^"]+)"', html):
        assert f'id="{target}"' in html                               # citations resolve
    assert '<section class="pz-references"' in html
    assert "Have a follow-up question?" in html
    assert 'name="q"' in html


def test_an_approved_answer_has_no_caution_banner(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    source = (ROOT / "content" / "anemia-causes.md").read_text(encoding="utf-8")
    (content / "anemia-causes.md").write_text(
        re.sub(r'status = "\w+"', 'status = "approved"', source), encoding="utf-8")
    client = make_client(tmp_path, CONTENT_DIR=str(content))
    # the seed imports it under review (nobody approves what they import); a reviewer approves
    store = client.application.extensions["personalize.store"]
    store.transition("anemia-causes", 1, "approved", "reviewer", override="test")
    html = page(client, "/answers/anemia-causes")
    assert "Pending review." not in html
    assert 'aria-current="step">Approved<' in html


@pytest.mark.parametrize("profile", PROFILES)
def test_profile_link_renders_that_profile_with_its_disclaimer_and_grade(app, client, profile):
    html = page(client, f"{ANSWER}?profile={profile}")
    with app.app_context():
        record = library().get("leukopenia-causes")
        rendition = library().rendition(record, profile)
        disclaimer = catalog().profiles[profile].disclaimer
    assert f'data-profile="{profile}"' in html
    assert re.search(rf'id="profile-{profile}"[^>]*checked', html)
    assert len(re.findall(r'name="profile"[^>]*checked', html)) == 1
    assert disclaimer.title in html
    with app.app_context():
        for other in set(PROFILES) - {profile}:
            assert catalog().profiles[other].disclaimer.title not in html
    assert f"Reading level: about grade {reading_grade(rendition.grade)}" in html


def test_clinician_sees_the_dose_and_the_patient_sees_hand_washing(client):
    clinician = page(client, f"{ANSWER}?profile=clinician")
    patient = page(client, f"{ANSWER}?profile=patient")
    assert "6 mcg/kg" in clinician and "6 mcg/kg" not in patient
    assert "Wash your hands" in patient and "Wash your hands" not in clinician


def test_without_a_choice_the_default_profile_is_shown(app, client):
    html = page(client, ANSWER)
    with app.app_context():
        default = catalog().default.name
    assert f'data-profile="{default}"' in html


def test_the_cookie_chooses_and_a_link_wins_over_it(client):
    client.set_cookie(COOKIE, "student")
    assert 'data-profile="student"' in page(client, ANSWER)
    assert 'data-profile="clinician"' in page(client, f"{ANSWER}?profile=clinician")


@pytest.mark.parametrize("how", ["link", "cookie"])
def test_an_unknown_profile_explains_and_shows_the_default(app, client, how):
    if how == "cookie":
        client.set_cookie(COOKIE, "astronaut")
        html = page(client, ANSWER)
    else:
        html = page(client, f"{ANSWER}?profile=astronaut")
    with app.app_context():
        default = catalog().default
    assert "There is no reader profile called “astronaut”." in html
    assert f'data-profile="{default.name}"' in html


def test_an_unknown_profile_name_is_escaped(client):
    html = page(client, f"{ANSWER}?profile=<b>x</b>")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_caches_cannot_mix_profiles_up(client):
    response = client.get(ANSWER)
    assert "Cookie" in response.headers["Vary"]
    assert "private" in response.headers["Cache-Control"]


def test_selector_lists_every_profile_from_its_file(tmp_path):
    folder = profiles_with(tmp_path, FIXTURES / "profiles" / "caregiver.toml")
    client = make_client(tmp_path, PROFILES_DIR=str(folder))
    html = page(client, ANSWER)
    assert html.count('name="profile"') == 4
    assert ">Caregiver</label>" in html and "I look after someone with this condition." in html
    assert 'data-profile="caregiver"' in page(client, f"{ANSWER}?profile=caregiver")


# Choosing a profile without JavaScript

def test_posting_a_profile_sets_a_long_lived_cookie_and_goes_back(client):
    response = client.post("/profile", data={
        "profile": "student", "next": f"{ANSWER}?profile=clinician&x=1"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"{ANSWER}?x=1"   # the link no longer overrides
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=student;")
    assert int(re.search(r"Max-Age=(\d+)", cookie).group(1)) >= 365 * 24 * 3600
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert 'data-profile="student"' in page(client, ANSWER)


def test_posting_a_profile_asked_for_json_answers_json(client):
    response = client.post("/profile", data={"profile": "patient"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json()["profile"] == "patient"
    assert f"{COOKIE}=patient" in response.headers["Set-Cookie"]


def test_posting_an_unknown_profile_explains_instead_of_failing(client):
    response = client.post("/profile", data={"profile": "astronaut", "next": ANSWER})
    assert response.status_code == 303
    assert "Set-Cookie" not in response.headers or COOKIE not in response.headers["Set-Cookie"]
    html = page(client, response.headers["Location"])
    assert "There is no reader profile called “astronaut”." in html


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x",
                                    "/\\evil.example", ""])
def test_posting_a_profile_never_redirects_off_site(client, target):
    response = client.post("/profile", data={"profile": "student", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


# Search

@pytest.mark.parametrize("query", SEED_PHRASINGS + ["causes of leukopnia", "leukopenia causes",
                                                    "why is my wbc low"])
def test_search_goes_straight_to_the_answer(client, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 303
    assert response.headers["Location"] == ANSWER


def test_an_ambiguous_search_lists_the_candidates(client):
    html = page(client, "/search?q=white+blood+cell+count")
    assert "Which of these did you mean?" in html
    assert 'href="/answers/leukopenia-causes"' in html
    assert 'href="/answers/leukocytosis-causes"' in html


def test_a_search_without_a_match_says_so_and_suggests(client):
    html = page(client, "/search?q=what+causes+headaches")
    assert "No answer matches “what causes headaches”" in html
    assert "closest questions" in html
    assert html.count('class="question-list__link"') >= 1


def test_an_empty_search_shows_the_box(client):
    html = page(client, "/search")
    assert 'name="q"' in html and "Which of these" not in html


def test_the_query_is_escaped(client):
    html = page(client, "/search?q=<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


# Definitions

class _Glosses(HTMLParser):
    """Collects glossed terms, their tooltips, and whether a term sits in a link or citation."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.terms: list[dict] = []
        self.tooltips: dict[str, str] = {}
        self._open: tuple[int, dict] | None = None  # (depth, record) of the element read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "pz-term-word" in (attrs.get("class") or "").split():
            term = {"describedby": attrs.get("aria-describedby"), "tabindex": attrs.get("tabindex"),
                    "text": "", "inside": [t for t in self.stack if t in ("a", "sup", "cite")]}
            self.terms.append(term)
            self._open = (len(self.stack), term)
        elif attrs.get("role") == "tooltip":
            tip = {"text": ""}
            self.tooltips[attrs["id"]] = tip
            self._open = (len(self.stack), tip)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.stack.pop()
        if self._open and len(self.stack) == self._open[0]:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._open[1]["text"] += data


@pytest.fixture
def gloss_client(tmp_path):
    """An app whose lexicon defines terms the leukopenia answer uses."""
    folder = profiles_with(tmp_path, lexicon=FIXTURES / "lexicon" / "en.toml")
    return make_client(tmp_path, PROFILES_DIR=str(folder))


@pytest.mark.parametrize("profile", ["student", "patient"])
def test_terms_carry_their_definition_once_for_keyboard_and_screen_reader(gloss_client, profile):
    parser = _Glosses()
    parser.feed(page(gloss_client, f"{ANSWER}?profile={profile}"))
    assert parser.terms, "no term was defined"
    words = [t["text"].lower() for t in parser.terms]
    assert len(words) == len(set(words)), "a term is defined more than once"
    assert any(w == "leukopenia" for w in words)
    for term in parser.terms:
        assert term["tabindex"] == "0"
        assert parser.tooltips[term["describedby"]]["text"].strip(), "the definition is missing"
        assert not term["inside"], f"{term['text']} is defined inside {term['inside']}"


def test_terms_in_links_and_citations_are_left_alone(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "linked.md").write_text('''+++
id = "linked"
question = "Where is bone marrow?"
status = "submitted"
updated = 2025-05-21
language = "en"

[[references]]
id = "leukopenia-review"
kind = "research"
title = "Leukopenia: a review."
year = 2020
+++

Read the [leukopenia guide](https://example.org/leukopenia) first [@leukopenia-review].

Leukopenia can follow bone marrow damage. Leukopenia is common.
''', encoding="utf-8")
    folder = profiles_with(tmp_path, lexicon=FIXTURES / "lexicon" / "en.toml")
    client = make_client(tmp_path, CONTENT_DIR=str(content), PROFILES_DIR=str(folder))
    parser = _Glosses()
    parser.feed(page(client, "/answers/linked?profile=student"))
    words = [t["text"].lower() for t in parser.terms]
    assert words.count("leukopenia") == 1 and "bone marrow" in words
    assert not [t for t in parser.terms if t["inside"]]


def test_clinicians_get_no_definitions(gloss_client):
    assert "pz-term" not in page(gloss_client, f"{ANSWER}?profile=clinician")


# Other pages and errors

def test_editorial_policy_explains_review_and_profiles(client):
    html = page(client, "/editorial-policy")
    for words in ("Review status", "Under review", "Reading level", "No one reads what you type"):
        assert words in html


def test_print_stylesheet_and_address(client):
    html = page(client, f"{ANSWER}?profile=student")
    assert re.search(r'<link rel="stylesheet" media="print" href="/static/css/print\.css">', html)
    assert f"http://localhost{ANSWER}?profile=student" in html
    with client.get("/static/css/print.css") as response:
        assert response.status_code == 200
        css = response.get_data(as_text=True)
    assert ".selector" in css and ".site-nav" in css and ".print-only" in css
    assert ".pz-references" not in css.split("display: none")[0]


def test_unknown_answer_is_a_404_page(client):
    response = client.get("/answers/no-such-answer")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "We could not find that page" in html and "no-such-answer" in html


@pytest.mark.parametrize("path", ["/api/v1/nothing", "/embed/nothing"])
def test_api_and_embed_errors_are_json(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


def test_method_not_allowed_keeps_the_allow_header(client):
    response = client.get("/profile")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "That action is not possible here" in response.get_data(as_text=True)


def test_reading_grade_rounds_and_never_goes_below_one():
    assert [reading_grade(g) for g in (0.2, 5.5, 6.49, 15.7)] == [1, 6, 6, 16]


# What a first run found (issue 16)

def test_the_language_switcher_keeps_the_profile_of_a_link(client):
    html = page(client, f"{ANSWER}?profile=clinician")
    switcher = html.split('class="lang-switch"')[1].split("</form>")[0]
    assert f'name="next" value="{ANSWER}?profile=clinician"' in switcher
    # the profile selector's way back leaves the link's profile out, so the new choice wins
    selector = html.split('id="pz-selector"')[1].split("</form>")[0]
    assert f'name="next" value="{ANSWER}"' in selector
    response = client.post("/language", data={"lang": "es", "next": f"{ANSWER}?profile=clinician"},
                           headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303 and response.location.endswith("profile=clinician")
    spanish = client.get(response.location, follow_redirects=True)
    assert 'data-profile="clinician"' in spanish.get_data(as_text=True)


def test_spanish_references_name_their_kind_in_spanish(client):
    html = page(client, "/answers/leucopenia-causas?profile=clinician&lang=es")
    kinds = set(re.findall(r'<span class="pz-ref-kind">([^<]+)</span>', html))
    assert kinds and kinds <= {"Guía clínica", "Ficha técnica", "Investigación",
                               "Artículo de revisión"}, kinds
    english = page(client, f"{ANSWER}?profile=clinician")
    assert {"Guideline", "Drug label", "Research"} <= set(
        re.findall(r'<span class="pz-ref-kind">([^<]+)</span>', english))


@pytest.mark.parametrize("profile", PROFILES)
def test_citation_marks_follow_the_stop_and_are_in_order(client, profile):
    html = page(client, f"{ANSWER}?profile={profile}")
    assert not re.search(r"</sup>[.,;:]", html)  # "infection.¹", never "infection¹."
    assert re.search(r"[.,;:]<sup class=\"pz-cite\">", html)
    for marks in re.findall(r'<sup class="pz-cite">(.*?)</sup>', html):
        numbers = [int(n) for n in re.findall(r">(\d+)</a>", marks)]
        assert numbers == sorted(numbers), marks


def test_the_review_status_is_text_and_the_reading_level_is_said_plainly(client):
    html = page(client, f"{ANSWER}?profile=patient")
    assert 'class="review__step review__step--under_review is-current"' in html
    assert "Flesch-Kincaid" not in html.split('class="reading-level"')[1].split("</p>")[0]
    level = re.search(r"about grade (\d+)", html).group(1)
    assert f"Most people who finished grade {level} at school can read this version." in html


def test_print_says_which_version_was_printed(client):
    html = page(client, f"{ANSWER}?profile=student")
    assert '<p class="print-only print-version">Version for: Student</p>' in html
    assert "This printout is the version for: Student (revision 1, English)." in html
    css = (ROOT / "static" / "css" / "print.css").read_text()
    hidden = css.split("{ display: none !important; }")[0]
    assert ".lang-switch" in hidden and ".selector" in hidden


def test_the_index_lists_questions_in_the_order_a_reader_reads_them(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    source = (folder / "neutropenia.md").read_text(encoding="utf-8")
    for answer_id, question in (("zz", "¿Es grave la neutropenia?"),
                                ("aa", "Neutropenia: ¿qué es?")):
        (folder / f"{answer_id}.md").write_text(
            source.replace('id = "neutropenia"', f'id = "{answer_id}"')
            .replace("What is neutropenia and what causes it?", question)
            .replace('language = "en"', 'language = "es"'), encoding="utf-8")
    client = make_client(tmp_path, CONTENT_DIR=str(folder))
    for lang in ("en", "es"):
        html = page(client, f"/?lang={lang}")
        shown = re.findall(r'class="question-list__link"[^>]*>([^<]+)<', html)
        assert shown.index("¿Es grave la neutropenia?") < shown.index("Neutropenia: ¿qué es?")
        if lang == "es":  # "¿" is not a letter: the Spanish questions go by their words
            assert shown[:3] == ["¿Es grave la neutropenia?", "Neutropenia: ¿qué es?",
                                 "¿Qué causa la leucopenia (recuento bajo de glóbulos blancos)?"]
