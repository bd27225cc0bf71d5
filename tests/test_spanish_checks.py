"""Checks that read Spanish as Spanish: hardest sentences, numbers, jargon on the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from personalize.core import readability
from personalize.core.answer import load_answer, parse_answer
from personalize.core.facts import check, extract
from personalize.core.jargon import find_jargon, gate_reasons, is_easy
from personalize.core.render import render

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "content" / "leucopenia-causas.md"


@pytest.fixture(scope="module")
def patient(catalog):
    answer = load_answer(SPANISH, catalog.audiences)
    return render(answer, catalog.profiles["patient"], catalog.lexicon("es"))


# -- hardest sentences ----------------------------------------------------------------------

def test_spanish_hardest_sentences_are_ranked_by_fernandez_huerta(patient):
    hardest = patient.scores.hardest(3)
    # by Flesch-Kincaid, "Escalofríos o temblores." came first at grade 21.0
    assert "Escalofríos o temblores." not in [u.text for u in hardest]
    assert all(u.ease is not None for u in hardest)
    drags = [u.drag for u in patient.scores.units]
    assert [u.drag for u in hardest] == sorted(drags, reverse=True)[:3]
    assert hardest[0].drag > 0  # the page would read easier without it


def test_a_units_drag_is_what_the_page_gains_without_it():
    units = ["Los glóbulos blancos ayudan al cuerpo a luchar contra los gérmenes.",
             "La agranulocitosis medicamentosa idiosincrásica requiere hospitalización.",
             "Lávese las manos."]
    scores = readability.score(units, "es")
    for n, unit in enumerate(scores.units):
        without = readability.score(units[:n] + units[n + 1:], "es")
        gain = without.values["fernandez_huerta"] - scores.values["fernandez_huerta"]
        assert unit.drag == pytest.approx(gain, abs=0.011)
    assert scores.hardest(1)[0].text.startswith("La agranulocitosis")
    assert scores == readability.textstat_score(units, "es")


def test_english_hardest_sentences_stay_flesch_kincaid():
    scores = readability.score(["Wash your hands.", "Agranulocytosis is dangerous."], "en")
    assert scores.units[0].ease is None and scores.hardest(1)[0].text.startswith("Agranulo")
    assert scores.describe(scores.units[0]) == f"grade {scores.units[0].grade}"


def test_a_spanish_reason_names_the_spanish_score(catalog):
    strict = catalog.profiles["patient"].__class__(**{
        **catalog.profiles["patient"].__dict__,
        "targets": (catalog.profiles["patient"].targets_for("es")[0].__class__(
            "fernandez_huerta", min=99, language="es"),)})
    rendition = render(load_answer(SPANISH, catalog.audiences), strict, catalog.lexicon("es"))
    assert rendition.verdict == "fail"
    assert "Fernandez Huerta" in rendition.reasons[0] and "(grade" not in rendition.reasons[0]
    assert "fernandez_huerta" in rendition.as_dict()["hardest_sentences"][0]


# -- numbers --------------------------------------------------------------------------------

@pytest.mark.parametrize("text,numbers", [
    ("Fiebre de 38,3 °C o más.", ["38,3"]),
    ("Menos de 1.500/µL.", ["1500"]),
    ("Unas 12\u00a0345 personas.", ["12345"]),
    ("Fiebre de 100.4 °F (38 °C).", ["100.4", "38"]),
    ("Entre 1, 2 y 3 veces.", ["1", "2", "3"]),
])
def test_spanish_numbers_are_read_whole(text, numbers):
    found = extract([text], language="es")
    assert sorted(f.value for f in found if f.kind == "number") == sorted(numbers)


def test_a_changed_decimal_is_named_as_written():
    result = check(["Fiebre de 38,3 °C."], ["Fiebre de 38,8 °C."], language="es")
    assert [f.value for f in result.missing] == ["38,3 °C", "38,3"]
    # English reading of the same text saw "38" and "3 °C"
    assert {f.value for f in extract(["38,3 °C"])} == {"38", "3 °C", "3"}


def test_the_spanish_answer_keeps_its_decimal_facts_whole(catalog, patient):
    answer = load_answer(SPANISH, catalog.audiences)
    clinician = render(answer, catalog.profiles["clinician"], catalog.lexicon("es"))
    values = {f.value for f in clinician.facts.checked}
    assert {"38,3 °C", "38,0 °C", "1500 /µL"} <= values and "3 °C" not in values
    assert {"100,4 °F", "38 °C"} <= {f.value for f in patient.facts.checked}
    assert patient.facts.ok


# -- jargon ---------------------------------------------------------------------------------

def test_spanish_inflections_of_easy_words_are_easy():
    assert all(is_easy(w, "es") for w in ("lávese", "cocine", "bajarla", "gastarlos",
                                          "antibióticos", "dolorosas"))
    assert not any(is_easy(w, "es") for w in ("leucopenia", "agranulocitosis"))


def test_a_spanish_patient_page_that_says_fichas_tecnicas_fails_its_gate(catalog):
    source = SPANISH.read_text(encoding="utf-8").replace(
        "## Lo que dice la información oficial de los medicamentos",
        "## Lo que dicen las fichas técnicas")
    answer = parse_answer(source, audiences=catalog.audiences)
    patient = render(answer, catalog.profiles["patient"], catalog.lexicon("es"))
    assert patient.verdict == "fail"
    assert any("'ficha técnica'" in r and "información oficial" in r for r in patient.reasons)
    for name in ("clinician", "student"):  # professionals keep their word
        assert render(answer, catalog.profiles[name], catalog.lexicon("es")).verdict == "pass"


def test_the_shipped_spanish_answer_has_no_jargon_for_the_patient(catalog, patient):
    assert gate_reasons(patient.text, catalog.lexicon("es"), "es") == []
    assert patient.verdict == "pass"


def test_a_page_dense_with_unknown_words_fails_and_lists_them(catalog):
    text = ("La agranulocitosis idiosincrásica y la mielotoxicidad paraneoplásica obligan a "
            "una farmacovigilancia estrecha.")
    reasons = gate_reasons(text, catalog.lexicon("es"), "es")
    assert len(reasons) == 1 and "idiosincrásica" in reasons[0]
    assert "profiles/lexicon/es.toml" in reasons[0]
    assert gate_reasons("The agranulocytosis is idiosyncratic.", catalog.lexicon("en"),
                        "en") == []  # English keeps jargon in QA only


def test_jargon_phrases_are_candidates_in_qa_too(catalog):
    found = {j.word: j.count for j in find_jargon(
        "Las fichas técnicas y la ficha técnica lo dicen.", catalog.lexicon("es"), "es")}
    assert found == {"ficha técnica": 2}
