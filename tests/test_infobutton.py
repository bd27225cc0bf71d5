"""HL7 Infobutton, URL-based: coded requests get the matching approved answers, per reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize import create_app
from personalize.core.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "profiles")
ICD10CM = "2.16.840.1.113883.6.90"
SNOMED = "2.16.840.1.113883.6.96"
ID = "leukopenia-causes"
QUESTION = "What causes leukopenia (low white blood cell count)?"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """Shipped content with leukopenia-causes approved; the rest still under review."""
    app = create_app({"TESTING": True,
                      "INSTANCE_PATH_FOR_TESTS": str(tmp_path_factory.mktemp("infobutton"))})
    store = app.extensions["personalize.store"]
    store.transition(ID, store.head(ID).number, "approved", "reviewer")
    return app.test_client()


def ask(client, code="D72.819", system=ICD10CM, **more):
    """An Infobutton request for a code."""
    params = {"mainSearchCriteria.v.c": code, "mainSearchCriteria.v.cs": system} | more
    return client.get("/infobutton", query_string=params)


@pytest.mark.parametrize(("recipient", "profile"), [("PAT", "patient"), ("PROV", "clinician")])
def test_json_gives_the_answer_rendered_for_the_recipient(client, recipient, profile):
    response = ask(client, informationRecipient=recipient,
                   knowledgeResponseType="application/json")
    assert response.status_code == 200 and response.is_json
    feed = response.json["feed"]
    assert [e["title"]["_value"] for e in feed["entry"]] == [QUESTION]
    entry = feed["entry"][0]
    assert entry["personalize"]["profile"]["name"] == profile
    assert entry["id"] == f"http://localhost/answers/{ID}?profile={profile}&lang=en"
    assert entry["summary"]["type"] == "html" and "<article" in entry["summary"]["_value"]
    assert CATALOG.profiles[profile].disclaimer.title in entry["summary"]["_value"]
    assert {"scheme": "informationRecipient", "term": recipient} in feed["category"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(("recipient", "profile"), [("PAT", "patient"), ("PROV", "clinician")])
def test_html_is_a_page_an_ehr_can_show(client, recipient, profile):
    response = ask(client, informationRecipient=recipient)   # text/html by default
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert page.startswith("<!doctype html>") and QUESTION in page
    assert CATALOG.profiles[profile].disclaimer.title in page
    assert f'data-pz-profile="{profile}"' in page
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors *")


@pytest.mark.parametrize("code", ["D72.819", "d72.819", "D72819", " D72.819 "])
def test_icd10cm_codes_match_with_or_without_the_dot(client, code):
    entries = ask(client, code, knowledgeResponseType="application/json").json["feed"]["entry"]
    assert [e["personalize"]["answer_id"] for e in entries] == [ID]


def test_a_broader_request_does_not_match_a_narrower_answer(client):
    entries = ask(client, "D72", knowledgeResponseType="application/json").json["feed"]["entry"]
    assert entries == []


@pytest.mark.parametrize(("code", "system"), [("D70.9", ICD10CM), ("D72.819", SNOMED),
                                              ("417672002", SNOMED)])
def test_no_match_is_an_empty_feed(client, code, system):
    """Neutropenia (D70.9) is coded but not approved; SNOMED CT codes are on no answer yet."""
    response = ask(client, code, system, knowledgeResponseType="application/json")
    assert response.status_code == 200 and response.json["feed"]["entry"] == []
    page = ask(client, code, system).get_data(as_text=True)
    assert "No reviewed answer is coded with" in page


def test_infobutton_responses_are_cacheable(client):
    response = ask(client, knowledgeResponseType="application/json")
    assert response.headers["Cache-Control"] == "public, max-age=300"
    params = {"mainSearchCriteria.v.c": "D72.819", "mainSearchCriteria.v.cs": ICD10CM,
              "knowledgeResponseType": "application/json"}
    again = client.get("/infobutton", query_string=params,
                       headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(("params", "field"), [
    ({"mainSearchCriteria.v.c": ""}, "mainSearchCriteria.v.c"),
    ({"mainSearchCriteria.v.cs": ""}, ICD10CM),
    ({"mainSearchCriteria.v.cs": "2.16.840.1.113883.6.103"}, SNOMED),
    ({"informationRecipient": "PAYOR"}, "PAT, PROV"),
    ({"knowledgeResponseType": "text/xml"}, "application/json"),
    ({"informationRecipient.languageCode.c": "fr"}, "en, es"),
])
def test_bad_requests_are_400_saying_what_is_valid(client, params, field):
    base = {"mainSearchCriteria.v.c": "D72.819", "mainSearchCriteria.v.cs": ICD10CM}
    response = client.get("/infobutton", query_string=base | params)
    assert response.status_code == 400 and response.is_json
    assert field in response.json["error"]["detail"]


def test_a_question_approved_in_two_languages_is_one_entry(tmp_path):
    """Both the English and the Spanish answer carry the code; a reader gets one of them."""
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp_path)})
    store = app.extensions["personalize.store"]
    for answer_id in (ID, "leucopenia-causas"):
        store.transition(answer_id, store.head(answer_id).number, "approved", "reviewer")
    for lang, question in (("en", QUESTION), ("es", "¿Qué causa la leucopenia")):
        feed = ask(app.test_client(), knowledgeResponseType="application/json",
                   **{"informationRecipient.languageCode.c": lang}).json["feed"]
        titles = [e["title"]["_value"] for e in feed["entry"]]
        assert len(titles) == 1 and titles[0].startswith(question), titles
