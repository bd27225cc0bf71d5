"""Spanish: its formulas and targets, lexicon, sentence splitting and the sample answer."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from personalize.core import readability
from personalize.core.answer import load_answer
from personalize.core.profiles import load_profiles
from personalize.core.render import render
from personalize.core.syllables import spanish_syllables
from personalize.rewriter.grammar import grammar
from personalize.rewriter.sentences import split_sentences
from personalize.rewriter.splitter import simplify

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ["clinician", "student", "patient"]
SPANISH = ROOT / "content" / "leucopenia-causas.md"
ENGLISH = ROOT / "content" / "leukopenia-causes.md"
ES_UNITS = ["Los glóbulos blancos ayudan al cuerpo a luchar contra los gérmenes.",
            "La leucopenia quiere decir que hay pocos glóbulos blancos."]


@pytest.fixture(scope="module")
def answers(catalog):
    return {"es": load_answer(SPANISH, catalog.audiences),
            "en": load_answer(ENGLISH, catalog.audiences)}


def _render(catalog, answer, profile):
    return render(answer, catalog.profiles[profile], catalog.lexicon(answer.language))


def test_spanish_text_gets_the_spanish_formulas_only():
    values = readability.score(ES_UNITS, "es").values
    assert set(values) == {"fernandez_huerta", "szigriszt_pazos", "reading_time_s"}
    assert 60 < values["fernandez_huerta"] < 100
    english = readability.score(["White blood cells fight germs."], "en").values
    assert "fernandez_huerta" not in english and "flesch_kincaid_grade" in english


def test_spanish_syllables_are_counted_by_spanish_rules():
    from textstat.backend.counts import count_syllables

    assert count_syllables("ósea agua", "es") == 5  # textstat's own estimate says 2
    assert [spanish_syllables(w) for w in ("neutropenia", "médula", "infección")] == [4, 3, 3]
    assert count_syllables("water", "en") == 2  # English still reads the CMU dictionary


def test_profiles_have_spanish_targets_and_english_ones_unchanged(catalog):
    patient, student = catalog.profiles["patient"], catalog.profiles["student"]
    assert [(t.metric, t.min) for t in patient.targets_for("es")] == [("fernandez_huerta", 70)]
    assert [(t.metric, t.min) for t in student.targets_for("es-MX")] == [("fernandez_huerta", 50)]
    assert [(t.metric, t.max) for t in patient.targets_for("en")] == [
        ("flesch_kincaid_grade", 8), ("smog_index", 10)]
    assert [(t.metric, t.max) for t in student.targets_for("en")] == [("flesch_kincaid_grade", 13)]
    assert catalog.profiles["clinician"].targets_for("es") == ()


def test_a_target_for_a_language_its_metric_does_not_score_stops_start_up(tmp_path):
    from personalize.errors import ConfigError

    (tmp_path / "p.toml").write_text(
        'label = "P"\ndescription = "d"\naudiences = ["patient"]\nterms = "plain"\n'
        '[[targets]]\nmetric = "flesch_kincaid_grade"\nmax = 8\nlanguage = "es"\n'
        '[disclaimer]\ntitle = "t"\ntext = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="does not score language 'es'"):
        load_profiles(tmp_path)


@pytest.mark.parametrize("profile", PROFILES)
def test_no_target_crosses_languages(catalog, answers, profile):
    for language, answer in answers.items():
        rendition = _render(catalog, answer, profile)
        assert rendition.language == language
        assert all(t.language == language for t in rendition.targets)
        assert all(language in readability.METRICS[t.metric].languages
                   for t in rendition.targets)


def test_spanish_lexicon_loads_with_terms_swaps_and_forms(catalog):
    lexicon = catalog.lexicon("es")
    assert lexicon.language == "es"
    terms = [e for e in lexicon.entries if e.is_term]
    swaps = [e for e in lexicon.entries if not e.is_term]
    assert len(terms) >= 150 and len(swaps) >= 50
    assert not any(e.pos == "verb" for e in swaps)
    assert lexicon.lookup(["leucopenias"]).plain == "cantidades bajas de glóbulos blancos"
    assert lexicon.lookup(["Neutropenia", "febril"]).entry.word == "neutropenia febril"
    assert lexicon.lookup(["utilizan"]).plain == "usan"
    assert "clozapina" in lexicon.drug_names and "filgrastim" in lexicon.drug_names
    assert lexicon.lookup(["anemia"]) is None and lexicon.lookup(["fiebre"]) is None  # kept


def test_spanish_sentences_split_at_spanish_marks_and_abbreviations():
    text = "La Dra. Ruiz vive en EE. UU. desde 2001. ¿Tiene fiebre? ¡Llame hoy! Tome 5 mg. Ya."
    assert split_sentences(text, "es") == [
        "La Dra. Ruiz vive en EE. UU. desde 2001.", "¿Tiene fiebre?", "¡Llame hoy!",
        "Tome 5 mg.", "Ya."]
    g = grammar("es")
    assert g.is_clause("la médula ósea produce las células de la sangre")
    assert not g.is_clause("la cifra baja de glóbulos blancos en la sangre")


@pytest.mark.parametrize("sentence", [
    "La neutropenia tiene muchas causas; la más común es un medicamento que baja las defensas.",
    "La clozapina puede bajar los neutrófilos, que son las células que defienden al cuerpo.",
    "Aunque la cifra sea baja, muchas personas no tienen infecciones, porque hay reservas.",
    "Las infecciones, como la gripe, el VIH o la hepatitis, pueden bajar los glóbulos blancos.",
])
def test_spanish_splits_never_write_english(sentence):
    pieces, _ = simplify(sentence, 8, "es")
    text = " ".join(p if isinstance(p, str) else p.lead + " ".join(p.items) for p in pieces)
    assert not re.search(r"\b(It|They|This|These|But|So|Examples are|and|or)\b", text)
    assert re.sub(r"\W", "", text).lower() == re.sub(r"\W", "", sentence).lower()  # same words


def test_the_spanish_a_is_not_turned_into_an(catalog):
    from personalize.rewriter.terms import Glossary, rewrite

    out = rewrite("Pasa a hiperesplenismo.", catalog.lexicon("es"), "plain", True, Glossary(),
                  "", [])
    assert out.startswith("Pasa a exceso de actividad del bazo")


@pytest.mark.parametrize("profile", PROFILES)
def test_spanish_answer_passes_every_gate_with_its_facts(catalog, answers, profile):
    rendition = _render(catalog, answers["es"], profile)
    assert rendition.verdict == "pass", rendition.reasons
    assert rendition.facts.ok
    for target in rendition.targets:
        assert target.check(rendition.scores.values[target.metric])
    assert "this condition" not in rendition.text.lower()


def test_spanish_patient_rendition_is_plain_and_keeps_the_term_once(catalog, answers):
    rendition = _render(catalog, answers["es"], "patient")
    # the defining sentence keeps its term (no "cantidad baja ... (leucopenia) es un recuento")
    assert "La leucopenia es un recuento de glóbulos blancos" in rendition.text
    assert "Lávese las manos" in rendition.text and "mcg/kg" not in rendition.text
    assert rendition.scores.values["fernandez_huerta"] >= 70


def test_concurrent_renders_in_two_languages_match_sequential_ones(catalog, answers):
    jobs = [(lang, p) for lang in ("en", "es") for p in PROFILES] * 4
    expected = {(lang, p): _render(catalog, answers[lang], p) for lang, p in jobs[:6]}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: (job, _render(catalog, answers[job[0]], job[1])),
                                 jobs))
    for job, rendition in results:
        assert rendition.text == expected[job].text
        assert rendition.html == expected[job].html
        assert rendition.scores.values == expected[job].scores.values
        assert rendition.verdict == expected[job].verdict


def test_concurrent_scores_in_two_languages_match_sequential_ones():
    english = ["White blood cells help your body fight germs."] * 3
    jobs = [("en", english), ("es", ES_UNITS)] * 20
    expected = {lang: readability.score(units, lang).values for lang, units in jobs[:2]}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: (job[0], readability.score(job[1], job[0])), jobs))
    assert all(scores.values == expected[lang] for lang, scores in results)


def test_cli_renders_the_spanish_answer_as_json(runner):
    import json

    result = runner.invoke(args=["render", str(SPANISH), "--profile", "patient",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert data["language"] == "es" and data["verdict"] == "pass"
    assert data["targets"] == [{"metric": "fernandez_huerta", "max": None, "min": 70,
                                "met": True}]
