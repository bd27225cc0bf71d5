"""Detail level: what a profile's main text drops or moves into "more detail" (core.detail)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from personalize.core.answer import load_answer
from personalize.core.profiles import load_profiles
from personalize.core.render import render
from personalize.errors import ConfigError
from personalize.store.rendition_codec import from_data, to_data

ROOT = Path(__file__).resolve().parent.parent
LABEL = ROOT / "tests" / "fixtures" / "answers" / "detail-label.md"


def _render(catalog, tmp_path, body: str, profile: str = "patient"):
    path = tmp_path / "draft.md"
    path.write_text(body, encoding="utf-8")
    answer = load_answer(path, catalog.audiences)
    return render(answer, catalog.profiles[profile], catalog.lexicon("en"))


def _detail_changes(rendition) -> list:
    return [c for c in rendition.changes if c.what == "detail"]


def test_a_cross_reference_is_dropped_and_logged(catalog, tmp_path):
    r = _render(catalog, tmp_path, "# Q\n\nThe drug can slow the heart. Check the pulse often "
                "[see Dosage and Administration (2.3) and Adverse Reactions (6)].\n")
    assert "see Dosage" not in r.text and "2.3" not in r.text
    assert "2.3" not in r.detail_text  # dropped, not moved
    dropped = _detail_changes(r)
    assert [c.before for c in dropped] == [
        "[see Dosage and Administration (2.3) and Adverse Reactions (6)]"]
    assert "cross-references" in dropped[0].why and dropped[0].after == ""
    assert r.facts.ok and r.verdict == "pass"


def test_a_bracket_that_is_no_cross_reference_stays(catalog, tmp_path):
    r = _render(catalog, tmp_path, "# Q\n\nThe drug can slow the heart (see below). "
                "Pulse rates (see Figure) vary.\n")
    assert "(see below)" in r.text and "(see Figure)" in r.text
    assert not _detail_changes(r)


def test_trial_statistics_move_into_a_collapsed_block(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    assert "105 (11.2%) of 938" not in r.text and "95% CI" not in r.text
    assert "105 (11.2%) of 938 patients" in r.detail_text
    assert "The hazard ratio for fainting was 1.8 (95% CI, 1.1 to 2.9)." in r.detail_text
    assert "Reduce the dose of zentorinib to 100 mg once daily" in r.detail_text
    assert r.html.count('<details class="pz-detail">') == 2  # one per section it moved from
    assert "<summary>More detail for your care team</summary>" in r.html
    rules = {c.why.split(":")[0] for c in _detail_changes(r) if "moved" in c.why}
    assert rules == {"trial-statistics", "prescriber-dosing"}
    # the detail block closes its section: it comes before the next heading
    assert r.html.index("95% CI") < r.html.index("<h2>Dose</h2>")


def test_warnings_actions_and_openings_are_never_moved(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    assert "2 (0.2%) of 938 patients" in r.text  # a statistic, but it reports deaths
    assert "Call your doctor right away" in r.text
    assert r.text.startswith("Zentorinib can slow the heart rate")
    assert "The dose is taken once a day with food." in r.text  # a section's first sentence


def test_numbers_moved_to_detail_are_still_counted_by_the_facts_check(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    values = {f.value for f in r.facts.checked}
    assert "105" in values and "100 mg" in values and "105" not in r.text
    assert r.facts.ok and r.invariants.ok and r.verdict == "pass"
    # the detail block is part of the rendition: scored apart from the main text
    assert r.detail_scores is not None and r.detail_scores.words > 20
    assert r.scores.words + r.detail_scores.words > r.scores.words


def test_the_clinician_reads_everything_as_written(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["clinician"], catalog.lexicon("en"))
    assert "[see Warnings and Precautions (5.4)]" in r.html or "see Warnings" in r.text
    assert "95% CI" in r.text and r.detail_text == "" and r.detail_scores is None
    assert "pz-detail" not in r.html and not _detail_changes(r)


def test_the_student_loses_cross_references_only(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["student"], catalog.lexicon("en"))
    assert "see Warnings" not in r.text and "95% CI" in r.text and r.detail_text == ""


def test_more_than_half_of_a_section_never_moves_and_fails_with_a_reason(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug can cause fever or a rash. Fever occurred in 12 (4.1%) of 290 patients. "
        "Rash occurred in 30 (10.3%) of 290 patients. The hazard ratio was 1.2 (95% CI, 1.1 to "
        "1.6).\n"))
    assert r.verdict == "fail"
    reason = next(x for x in r.reasons if x.startswith("detail limit"))
    assert "3 of 4 sentences" in reason and "at most half" in reason
    assert "95% CI" in r.text and r.detail_text == "" and "pz-detail" not in r.html
    assert not [c for c in _detail_changes(r) if "moved" in c.why]


def test_a_long_list_of_examples_moves_and_the_sentence_keeps_its_category(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug slows the heart. It was studied with other agents known to slow the "
        "heart (e.g., atenolol, verapamil, clonidine and digoxin) in older adults.\n"))
    assert "other agents known to slow the heart in older adults" in r.text
    assert "verapamil" not in r.text and "verapamil" in r.detail_text
    assert r.facts.ok  # the drug names are in the detail block
    short = _render(catalog, tmp_path, "# Q\n\nThe drug slows the heart. It was studied with "
                    "other agents (e.g., atenolol and digoxin) in older adults.\n")
    assert "atenolol" in short.text  # two examples are not a long list


def test_json_output_keeps_text_and_adds_the_detail(runner):
    result = runner.invoke(args=["render", str(LABEL), "--profile", "patient",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "95% CI" not in data["text"] and "95% CI" in data["detail_text"]
    assert data["detail_words"] > 20 and data["detail_scores"]["flesch_kincaid_grade"] > 0
    assert any(c["what"] == "detail" for c in data["changes"])
    clinician = json.loads(runner.invoke(args=["render", str(LABEL), "--profile", "clinician",
                                               "--format", "json"]).output)
    assert clinician["detail_text"] == "" and clinician["detail_scores"] == {}


def test_a_stored_rendition_keeps_its_detail(catalog):
    answer = load_answer(LABEL, catalog.audiences)
    r = render(answer, catalog.profiles["patient"], catalog.lexicon("en"))
    back = from_data(json.loads(json.dumps(to_data(r))))
    assert back == r and back.detail_scores.words == r.detail_scores.words
    old = to_data(r)
    del old["detail_text"], old["detail_scores"]  # stored before the detail level
    assert from_data(old).detail_text == "" and from_data(old).detail_scores is None


@pytest.mark.parametrize(("table", "field", "message"), [
    ('move = ["trial-stats"]', "detail.move[0]", "unknown detail rule 'trial-stats'"),
    ('move = ["cross-references"]', "detail.move[0]", "cannot move"),
    ('drop = "cross-references"', "detail.drop", "must be a list"),
    ("enumeration_items = 1", "detail.enumeration_items", "2 or more"),
    ('hide = []', "detail", "unknown keys"),
])
def test_a_broken_detail_table_stops_start_up_naming_the_field(tmp_path, table, field, message):
    folder = tmp_path / "profiles"
    shutil.copytree(ROOT / "profiles", folder, ignore=shutil.ignore_patterns("lexicon"))
    path = folder / "patient.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[detail]")
    end = text.index("\n[", start + 1)
    path.write_text(text[:start] + "[detail]\n" + table + "\n" + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_profiles(folder)
    problems = caught.value.problems
    assert any(p.field == field and message in p.message for p in problems), problems


# -- what moves, what stays: trial results, prescriber orders, the only mention of a harm ----

def _moved(rendition) -> list[str]:
    return [c.before for c in _detail_changes(rendition) if "moved" in c.why]


def test_orders_without_a_dose_stay_with_their_condition(catalog, tmp_path):
    # review 2 (c001): moving "if not life-threatening, hold" while "if life-threatening,
    # stop" stayed made the one branch read as the whole rule; orders without a dose stay
    r = _render(catalog, tmp_path, (
        "# Q\n\nZENTRA can slow the heart (bradycardia). Most patients have no symptoms. "
        "In cases of symptomatic bradycardia that is not life-threatening, hold ZENTRA until "
        "recovery. Permanently discontinue ZENTRA for life-threatening bradycardia. Discontinue "
        "ZENTRA in patients who develop interstitial pneumonitis. Reduce the dose of ZENTRA to "
        "250 mg once daily after recovery.\n"))
    assert "hold ZENTRA until recovery" in r.text and "Permanently" in r.text
    assert _moved(r) == ["Reduce the dose of ZENTRA to 250 mg once daily after recovery."]
    assert r.facts.ok and r.invariants.ok


def test_findings_stay_and_their_test_statistics_move(catalog, tmp_path):
    # review 2 (c037, c040): moved one at a time, a trial's results parted from each other
    # (the benefit moved, the harm and a null result stayed); findings stay in the main text
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug can slow the heart (bradycardia). In Studies 1 and 2, bradycardia "
        "occurred in 2.0% of drug-treated patients and in 0.6% of the chemotherapy-treated "
        "patients. Objective responses were seen in 40% of patients with sarcoma. The heart "
        "rate is checked at each visit. The median overall survival was 20.3 months with the "
        "drug versus 15.2 months with chemotherapy (HR, 0.70; 95% CI, 0.55-0.89).\n"))
    moved = [c for c in _detail_changes(r) if "moved" in c.why]
    assert [c.before for c in moved] == [
        "The median overall survival was 20.3 months with the drug versus 15.2 months with "
        "chemotherapy (HR, 0.70; 95% CI, 0.55-0.89)."]
    assert moved[0].after.startswith("The median overall survival was 20.3 months")
    assert "95% CI" not in r.text and "95% CI, 0.55-0.89" in r.detail_text
    assert r.facts.ok


def test_a_warning_for_the_reader_stays_whatever_it_holds(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug can cause bleeding. Bleeding occurred in 12 (4.1%) of 290 patients. "
        "Stop taking the drug and call your doctor if you have bleeding that will not stop; "
        "restart at 100 mg once daily only when told. Permanently discontinue ZENTRA for "
        "life-threatening bleeding. Do not take ZENTRA with warfarin (5 mg or more).\n"))
    assert "call your doctor" in r.text and "life-threatening" in r.text
    assert "Do not take ZENTRA with warfarin" in r.text
    assert _moved(r) == ["Bleeding occurred in 12 (4.1%) of 290 patients."]


def test_a_warnings_list_of_examples_moves_but_signs_to_watch_for_stay(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug slows the heart. Avoid other agents known to slow the heart (e.g., "
        "atenolol, verapamil, clonidine and digoxin) when you can. Watch for signs of "
        "bleeding in the spine (e.g., numbness, tingling, leg weakness and bladder "
        "trouble).\n"))
    assert "Avoid other agents known to slow the heart" in r.text
    assert "verapamil" not in r.text and "verapamil" in r.detail_text
    assert "numbness" in r.text and "numbness" not in r.detail_text


def test_the_half_of_a_section_cap_holds_for_orders_and_results(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nZENTRA can slow the heart (bradycardia). Reduce the dose of ZENTRA to 100 mg. "
        "Restart ZENTRA at 250 mg once daily. The hazard ratio was 0.5 (95% CI, 0.3 to 0.8). "
        "Bradycardia occurred in 12 (4.1%) of 290 patients.\n"))
    assert r.verdict == "fail"
    reason = next(x for x in r.reasons if x.startswith("detail limit"))
    assert "4 of 5 sentences" in reason
    assert "Restart ZENTRA at 250 mg" in r.text and r.detail_text == ""


def test_a_pointer_to_another_section_is_dropped_and_a_title_stays(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nRadiation therapy is used for high-risk disease. For more information, see "
        "the Treatment of High-Risk Neuroblastoma section. Cells can be killed by the virus "
        "(refer to the General Information section of this summary for more information). "
        "For more information, see Cigarette Smoking: Health Risks and How to Quit.\n"))
    assert "High-Risk Neuroblastoma section" not in r.text + r.detail_text
    assert "General Information" not in r.text
    assert "Cigarette Smoking" in r.text
    dropped = [c.before for c in _detail_changes(r) if "dropped" in c.why]
    assert len(dropped) == 2 and r.facts.ok


def test_a_list_of_statistics_leaves_with_its_lead_in_and_a_trial_description_stays(
        catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug was studied in adults. A trial compared it with chemotherapy.\n\n"
        "Evidence (drug):\n\n"
        "- The hazard ratio for progression was 0.42 (95% CI, 0.30-0.60).\n"
        "- The odds ratio for response was 2.1 (95% CI, 1.4-3.0).\n\n"
        "Earlier results:\n\n"
        "- A trial enrolled 250 adults with melanoma. The hazard ratio was 0.30 (95% CI, 0.18 "
        "to 0.51).\n"
        "- The median progression-free survival was 6.0 months.\n"))
    assert "Evidence (drug):" in r.detail_text and "Evidence" not in r.text
    assert "A trial enrolled 250 adults" in r.text  # the item's first sentence says no result
    assert "Earlier results:" in r.text and "6.0 months" in r.text  # a finding stays


# -- pages and QA -------------------------------------------------------------------------

def test_the_page_shows_the_detail_block_to_the_patient_only(store_app, store):
    store.create(LABEL.read_bytes(), "ana")
    client = store_app.test_client()
    patient = client.get("/answers/detail-label?profile=patient").text
    assert patient.count('<details class="pz-detail">') == 2
    assert "<summary>More detail for your care team</summary>" in patient
    assert " open" not in patient.split('<details class="pz-detail"', 1)[1][:5]  # collapsed
    clinician = client.get("/answers/detail-label?profile=clinician").text
    assert "pz-detail" not in clinician and "95% CI" in clinician
    spanish = client.get("/answers/detail-label?profile=patient&lang=es").text
    assert "Más detalles para su equipo de atención médica" not in spanish  # English answer


def test_qa_shows_the_detail_and_its_scores(store_app, store):
    from personalize.store import tokens

    store.create(LABEL.read_bytes(), "ana")
    token = tokens.create(store_app.extensions["personalize.db"], "qa-editor")
    headers = {"Authorization": f"Bearer {token}"}
    client = store_app.test_client()
    data = client.get("/qa/readability/detail-label/patient.json", headers=headers).json
    assert data["detail"]["words"] > 20 and data["detail"]["moves"] == 3
    assert data["detail"]["scores"]["flesch_kincaid_grade"] > 0
    assert any("95% CI" in u["text"] for u in data["detail"]["sentences"])
    assert not any("95% CI" in u["text"] for u in data["sentences"])  # main text's units
    assert any(c["what"] == "detail" for c in data["changes"])
    form = client.get("/qa/sign-in").text
    csrf = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/qa/sign-in", data={"token": token, "csrf_token": csrf})
    page = client.get("/qa/readability/detail-label/patient").text
    assert 'id="detail">More detail, moved out of the main text' in page
    assert "The hazard ratio for fainting was 1.8 (95% CI, 1.1 to 2.9)." in page
    clinician = client.get("/qa/readability/detail-label/clinician.json", headers=headers).json
    assert clinician["detail"] == {"text": "", "scores": {}, "words": 0, "sentences": [],
                                   "moves": 0}


def test_statistics_in_brackets_leave_and_the_claim_stays(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nRadiation therapy is one choice. Patients who received radiation therapy lived "
        "longer at 5 years than those who did not (68% vs. 46%, P < .001). It can cause tiredness."
        "\n"))
    # only the test leaves: the rates beside it stay with the claim (review 1, MC-6)
    assert "lived longer at 5 years than those who did not (68% vs. 46%)." in r.text
    assert "P < .001" not in r.text and "(68% vs. 46%, P < .001)" in r.detail_text
    assert r.facts.ok and r.invariants.ok


def test_a_rate_and_count_beside_a_p_value_stay_in_the_main_text(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe infection can raise the risk of gastritis. With the infection, the rate of "
        "gastritis was 4.33% (37 of 854). For patients without the infection, there was only one "
        "case of gastritis (0.62%; 1 of 161 patients; P < .05). It is rare in children.\n"))
    assert "one case of gastritis (0.62%; 1 of 161 patients)." in r.text  # both arms comparable
    assert "P < .05" not in r.text and "1 of 161 patients; P < .05)" in r.detail_text
    assert r.facts.ok and r.invariants.ok


@pytest.mark.parametrize(("result", "test"), [
    ("Allogeneic HSCT appeared to improve survival (P = .08).", "(P = .08)"),
    ("Survival was longer with the drug (HR, 0.85; 95% CI, 0.70-1.02).", "95% CI, 0.70-1.02"),
    ("Survival was longer with the drug (5 of 20 patients vs. 3 of 21 patients; P > .05).",
     "P > .05"),
    ("Response was better with the drug (40% vs. 31%; difference, 9%; 95% CI, -2% to 20%).",
     "95% CI, -2% to 20%"),
    ("Survival was longer with the drug, P = .21 for 30 of 60 patients.", "P = .21"),
])
def test_a_result_that_may_be_chance_stays_whole_in_the_main_text(catalog, tmp_path, result,
                                                                    test):
    # review 1, MC-2: without its P value or interval the claim reads as a finding
    r = _render(catalog, tmp_path, f"# Q\n\nThe drug was tested in children. {result} It can "
                "cause tiredness.\n")
    assert test in r.text
    assert not [c for c in _detail_changes(r) if "moved" in c.why] and r.detail_text == ""


def test_examples_with_plain_words_and_risks_without_figures_stay(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe drug slows the heart. It was studied in adults with heart disease (e.g., "
        "myocardial infarction, atenolol use, verapamil use and heart failure) in 2019. The "
        "relative risk for a sister of a person with it was about double.\n"))
    assert "verapamil" in r.text  # one example has a plain form: three left are not "more"
    assert "relative risk" in r.text and not _detail_changes(r)


def test_a_spanish_answer_moves_its_statistics_under_a_spanish_summary(catalog, tmp_path):
    path = tmp_path / "es.md"
    path.write_text(
        '+++\nid = "es-detalle"\nquestion = "¿Qué hace el medicamento?"\nlanguage = "es"\n'
        'status = "submitted"\nupdated = 2026-12-01\n+++\n\nEste medicamento puede bajar el '
        "ritmo del corazón. La supervivencia a 5 años fue mayor con el tratamiento que sin él "
        "(68 % frente a 46 %; valor de p < 0,001). Puede causar cansancio.\n", encoding="utf-8")
    answer = load_answer(path, catalog.audiences)
    r = render(answer, catalog.profiles["patient"], catalog.lexicon("es"))
    assert "valor de p" not in r.text and "valor de p < 0,001" in r.detail_text
    assert "fue mayor con el tratamiento que sin él (68 % frente a 46 %)." in r.text
    assert "<summary>Más detalles para su equipo de atención médica</summary>" in r.html
    assert r.facts.ok


def test_the_qa_report_lists_and_sorts_what_moved(store_app, store):
    from personalize.store import tokens

    store.create(LABEL.read_bytes(), "ana")
    token = tokens.create(store_app.extensions["personalize.db"], "qa-editor")
    client = store_app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    rows = client.get("/qa/readability.json?sort=-detail", headers=headers).json["rows"]
    assert rows[0]["profile"] == "patient" and rows[0]["detail_words"] > 20
    assert rows[0]["detail_grade"] > 0
    assert {r["profile"]: r["detail_words"] for r in rows[1:]} == {"clinician": 0, "student": 0}
    csv_text = client.get("/qa/readability.csv", headers=headers).text
    assert "detail_words,detail_grade" in csv_text.splitlines()[0]


def test_a_list_item_keeps_its_name_when_only_its_estimate_moves(catalog, tmp_path):
    r = _render(catalog, tmp_path, (
        "# Q\n\nThe study found what predicts the use of radiation. It used a large registry. "
        "Half of the patients had radiation. The analysis identified these predictors:\n\n"
        "- Age younger than 50 years (odds ratio [OR], 1.57; 95% CI, 1.28-1.91).\n"
        "- T2 disease (OR, 1.88; 95% CI, 1.60-2.20).\n"
        "- High tumor grade (G3) (OR, 6.27; 95% CI, 5.10-7.72).\n"))
    assert "T2 disease" in r.text and "High tumor grade" in r.text  # no predictor is lost
    assert "1.88" not in r.text and "T2 disease (OR, 1.88" in r.detail_text


@pytest.mark.parametrize(("sentence", "moves"), [
    # "or 38.0" is no odds ratio: a fever threshold stays (review 3)
    ("Fever is one oral temperature of 38.3 °C or more, or 38.0 °C or more for an hour.",
     False),
    ("Smokers had a higher risk of the cancer (OR 2.1, 95% CI 1.4-3.0).", True),
    # how a trial was run moves; what it found stays (review 2)
    ("Patients were randomly assigned in a 3:1 ratio to the drug or placebo.", True),
    ("The drug was given at 125 mg orally on day 1 of each cycle.", True),
    ("In two studies, the mean maximum increase in blood pressure was approximately 3.5/1.5 "
     "mm Hg greater than placebo.", False),
    ("For vitamin supplements, the absolute risk reduction was 19 cases per 1,000 "
     "individuals.", False),
    ("The incidence of headache in the drug arm was 24% compared to < 1% in the placebo "
     "arm.", False),
    ("Seven of 40 patients (18%) with sarcoma had an objective response.", False),
    ("In a series of ten patients, the median age was 10 years, and the tumor was most often "
     "in the legs.", False),  # what the tumor does is not a trial statistic
    ("Quitting for 10 years lowers the risk of dying of lung cancer by 30% to 60%.", False),
    ("The drug is not recommended in severe high blood pressure (180 mm Hg or more).", False),
])
def test_what_counts_as_a_trial_result(catalog, tmp_path, sentence, moves):
    r = _render(catalog, tmp_path, "# Q\n\nThe drug can raise blood pressure and cause "
                f"headache. It is taken by mouth. {sentence} Your doctor checks you often.\n")
    assert (sentence in r.detail_text) is moves, r.text
