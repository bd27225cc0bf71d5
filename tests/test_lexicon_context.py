"""A lexicon that knows context (issue 13, item 3): where an entry does not apply, names left
whole, evidence, statistics and recommendation words never swapped by default, and no plain
word that brings in an abbreviation. Each wrong-in-context swap of the issue has a sentence."""

from __future__ import annotations

import pytest

from personalize.errors import ConfigError
from personalize.rewriter.lexicon import load_lexicon
from personalize.rewriter.terms import Glossary, rewrite, strip_marks

# (sentence, what must not appear, what must) for each wrong swap the issue lists
WRONG_IN_CONTEXT = [
    ("Myelodysplastic neoplasms are rare blood cancers in children.", "tumor", "neoplasms"),
    ("You should have a dilated eye exam every year.", "widened", "dilated eye exam"),
    ("A fluorescein angiogram showed leaking vessels in the retina.", "X-ray",
     "fluorescein angiogram"),
    ("Adjuvant therapy is given after surgery.", "extra", "adjuvant therapy"),
    ("The risk of recurrence is highest in the first two years.", "return", "recurrence"),
    ("Periodic fever syndrome starts in childhood.", "Regular", "Periodic fever syndrome"),
    ("Levels of tumor necrosis factor are raised.", "tissue death", "tumor necrosis factor"),
    ("Therapy was offered to selected patients with small tumors.", "chose",
     "selected patients"),
    ("The difference was significant.", "major", "significant"),
    ("Survival improved significantly with the new drug.", "greatly", "significantly"),
    ("The drug has been shown to be effective in adults.", "can be effective",
     "has been shown to be effective"),
    ("The task force recommends screening for adults over 50.", "suggests", "recommends"),
    ("These findings were replicated in a second study.", "multiplied", "replicated"),
    ("Go to the emergency room if you have chest pain.", "ER", "emergency room"),
    ("Stones in the common hepatic duct can block bile.", "liver", "common hepatic duct"),
    ("A computed tomography scan was done.", "scan scan", "computed tomography scan"),
    ("It is recommended that adults get the vaccine.", "experts suggest",
     "It is recommended that"),
    ("Tests indicate an infection.", "suggest", "indicate"),
]


@pytest.mark.parametrize("sentence,wrong,kept", WRONG_IN_CONTEXT,
                         ids=[w[1] for w in WRONG_IN_CONTEXT])
def test_no_wrong_swap_in_context(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("A benign neoplasm of the skin was removed.", "benign tumor (neoplasm)"),
    ("Her pupils were dilated after the drops.", "widened"),
    ("Patients need periodic blood tests.", "regular blood tests"),
    ("Necrosis of the bone can follow radiation.", "Tissue death (necrosis)"),
    ("The team selected a smaller dose.", "chose"),
    ("The virus replicates inside liver cells.", "multiplies"),
    ("It is an abnormally functioning protein.", "a faulty protein"),
    ("Studies demonstrate a benefit.", "show"),
])
def test_the_same_words_are_still_made_plain_elsewhere(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


def write(tmp_path, main: str, context: str = "") -> object:
    (tmp_path / "en.toml").write_text('language = "en"\nversion = "t"\n' + main)
    if context:
        (tmp_path / "en-context.toml").write_text(context)
    return tmp_path / "en.toml"


CONTEXT = """known_abbreviations = ["HIV"]

[senses]
evidence = ["study", "findings"]

[protected]
statistics = ["significant*"]
recommendation = ["recommend*"]
"""


def test_protected_words_are_refused_unless_the_entry_says_so(tmp_path):
    path = write(tmp_path, '[[swaps]]\nword = "significantly"\nplain = "greatly"\n'
                           'pos = "adverb"\n', CONTEXT)
    with pytest.raises(ConfigError) as err:
        load_lexicon(path)
    assert "'significantly' is protected (statistics)" in str(err.value)
    assert "en.toml:4" in str(err.value)
    path = write(tmp_path, '[[swaps]]\nword = "recommend"\nplain = "advise"\npos = "verb"\n'
                           'same_sense = true\n', CONTEXT)
    assert load_lexicon(path).lookup(["recommends"]).plain == "advises"


def test_a_plain_word_brings_in_no_abbreviation_but_the_known(tmp_path):
    path = write(tmp_path, '[[terms]]\nterm = "emergency room"\nkind = "general"\n'
                           'plain = "ER"\ndefinition = "Urgent care."\n', CONTEXT)
    with pytest.raises(ConfigError) as err:
        load_lexicon(path)
    assert "brings in the abbreviation ER" in str(err.value)
    path = write(tmp_path, '[[terms]]\nterm = "human immunodeficiency virus"\n'
                           'kind = "germ"\nplain = "HIV"\ndefinition = "A virus."\n', CONTEXT)
    assert load_lexicon(path).lookup(["human", "immunodeficiency", "virus"]).plain == "HIV"


def test_context_fields_apply_and_are_checked(tmp_path):
    entry = ('[[swaps]]\nword = "replicate"\nplain = "multiply"\npos = "verb"\n'
             'not_in = ["evidence"]\n\n[[swaps]]\nword = "select"\nplain = "pick"\n'
             'pos = "verb"\nnot_before = ["patients"]\n\n[[swaps]]\nword = "dilate"\n'
             'plain = "widen"\npos = "verb"\nnot_after = ["were not"]\n')
    lexicon = load_lexicon(write(tmp_path, entry, CONTEXT))

    def run(text):
        return rewrite(text, lexicon, "plain", True, Glossary(), "l", [])
    assert run("The virus replicates fast.") == "The virus multiplies fast."
    assert run("The findings replicated well.") == "The findings replicated well."
    assert run("They selected patients.") == "They selected patients."
    assert run("They selected doses.") == "They picked doses."
    assert run("Pupils were not dilated.") == "Pupils were not dilated."
    assert run("Pupils were dilated.") == "Pupils were widened."
    bad = write(tmp_path, '[[swaps]]\nword = "select"\nplain = "choose"\npos = "verb"\n'
                          'not_in = ["statistics"]\n', CONTEXT)
    with pytest.raises(ConfigError) as err:
        load_lexicon(bad)
    assert "unknown sense statistics" in str(err.value)


def test_the_context_file_is_read_with_the_main_file(catalog):
    from pathlib import Path
    root = Path(__file__).resolve().parent.parent / "profiles" / "lexicon"
    alone = load_lexicon(root / "en.toml")
    assert "tumor necrosis factor" in alone.names
    assert alone.names == catalog.lexicon("en").names


# Broken glosses a clinical editor found in clinician-level renditions (issue 15): the
# general pattern, and the same words still made plain where they read well.
@pytest.mark.parametrize("sentence,broken,written", [
    # a noun swapped for a count noun that is also a verb, with no determiner
    ("A history of pancreatitis warrants evaluation.", "warrants check", "warrants evaluation"),
    ("The role of MRD needs further assessment.", "further check", "further assessment"),
    ("Risk falls with time since cessation.", "since end", "since cessation"),
    # a plain form built with "of" after a noun that modifies it
    ("Stomach cancer incidence fell after treatment.", "cancer rate of new cases",
     "Stomach cancer incidence"),
    # glosses stacked in one phrase
    ("It lessens renal morbidity in these patients.", "kidney (renal) illness (morbidity)",
     "kidney illness (renal morbidity)"),
])
def test_no_broken_gloss(patient_words, sentence, broken, written):
    out = patient_words(sentence)
    assert broken not in out
    assert written in out


@pytest.mark.parametrize("sentence,plain", [
    ("A careful evaluation is needed.", "A careful check"),
    ("The patient's genetic evaluation is complete.", "genetic check"),
    ("The incidence of cancer fell.", "rate of new cases (incidence) of cancer"),
    ("A higher incidence of infection was seen.", "higher rate of new cases"),
    ("People have a greater-than-average risk of developing cancer.", "risk of getting"),
    ("It affects renal and cardiac function.", "kidney (renal)"),
    ("Treat cytopenias with transfusions.", "low blood cell counts (cytopenias)"),
    ("She had an allogeneic stem cell transplant.", "donor (allogeneic) stem cell"),
    ("Cytotoxic drugs kill dividing cells.", "Cell-killing drugs"),
])
def test_broken_gloss_rules_leave_good_swaps(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


@pytest.mark.parametrize("sentence,wrong,kept", [
    # before a noun "feasible" is "workable": "a possible tool" is a weaker claim
    ("Profiling is a useful and feasible tool to screen patients.", "possible tool",
     "feasible tool"),
    # said of a substance after a verb: "is directly cell-killing to" is broken
    ("TNF-alpha is directly cytotoxic to some cancer cells.", "cell-killing to",
     "cytotoxic to"),
    # clinical review of 30 renditions: a complex karyotype is the chromosomes found, not a test
    ("The tumor showed a highly complex karyotype.", "chromosome test", "complex karyotype"),
    # the harm an operation does, not the disease: "the illness would be unacceptable"
    ("It cannot include surgical excision because the morbidity would be unacceptable.",
     "illness", "morbidity"),
    ("Treatment-related morbidity was low.", "illness", "morbidity"),
    # "suggest" is a hedge the label does not make
    ("Scan results are indicative of the presence of plaques.", "suggest", "signs of"),
])
def test_new_entries_stay_out_where_they_misread(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("Surgery may not be feasible in older adults.", "may not be possible"),
    ("It is used with cytotoxic chemotherapy.", "cell-killing chemo"),
    ("A karyotype was done on the marrow.", "chromosome test (karyotype)"),
    ("Morbidity and mortality were high in the group.", "Illness (morbidity)"),
])
def test_new_entries_apply_elsewhere(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


@pytest.mark.parametrize("sentence,wrong,kept", [
    # a word in capitals is a name: a trial called ELEVATE-TN is not "raise"
    ("The ELEVATE TN trial included 535 patients.", "raise", "ELEVATE TN"),
    # "incidence" in a label's trial statistics is a proportion, not new cases
    ("The overall incidence of adverse reactions was 12% on placebo.", "new cases",
     "overall incidence of"),
    ("Reactions reported with an incidence of 2% or more than placebo are listed.",
     "new cases", "an incidence of 2%"),
])
def test_names_in_capitals_and_trial_statistics_stay(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("Keep the legs elevated after surgery.", "legs raised"),
    ("An elevated white blood cell count was found.", "A raised white blood cell count"),
    ("Postoperative radiation therapy may be given.", "After-surgery radiation"),
    ("The incidence of stomach cancer fell in the region.", "rate of new cases (incidence)"),
])
def test_more_plain_words_apply(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


# Issue 15, second batch (s15words2): a named condition kept and defined once, a plain form
# opening with "not"/"too" never after an article or a degree word, and the guards of the new
# entries (therapy -> treatment, usually -> most often, experienced a/an/no -> had ...).
def test_febrile_neutropenia_is_kept_as_a_name_and_defined_once(catalog):
    lexicon, profile = catalog.lexicon("en"), catalog.profiles["patient"]
    glossary = Glossary()
    first = rewrite("Patients with febrile neutropenia need antibiotics.", lexicon,
                    profile.terms, profile.plain_words, glossary, "line 1", [])
    again = rewrite("Febrile neutropenia can be serious.", lexicon, profile.terms,
                    profile.plain_words, glossary, "line 2", [])
    assert "Patients with febrile neutropenia need" in strip_marks(first)
    assert strip_marks(again) == "Febrile neutropenia can be serious."
    assert first != strip_marks(first) and again == strip_marks(again)  # defined once, first
    assert len(glossary.definitions) == 1 and "fever" in glossary.definitions[0].lower()


@pytest.mark.parametrize("sentence,wrong,kept", [
    ("Watch for febrile neutropenia after chemotherapy.", "fever with",
     "febrile neutropenia"),
    # a tumor's name (NCI: malignant fibrous histiocytoma, a soft tissue sarcoma)
    ("It was once called malignant fibrous histiocytoma.", "cancerous fibrous",
     "malignant fibrous histiocytoma"),
    # "not enough" cannot follow an article or a degree word
    ("Eight patients had an inadequate response.", "not enough response",
     "an inadequate response"),
    ("The insufficient dose was raised.", "The not enough", "The insufficient dose"),
    ("They got a very insufficient dose.", "very not enough", "very insufficient"),
    # "therapy" inside the name of a kind of care
    ("Physical therapy can help after a stroke.", "Physical treatment", "Physical therapy"),
    ("Targeted therapy uses drugs that attack cancer cells.", "Targeted treatment",
     "Targeted therapy"),
    ("She needs kidney replacement therapy.", "replacement treatment",
     "replacement therapy"),
    ("Speech therapy helps many people.", "Speech treatment", "Speech therapy"),
    # "usually" after an article, a degree word or a negation
    ("It happens at a usually early age.", "a most often", "a usually early age"),
    ("These more usually involve the aorta.", "more most often", "more usually"),
    ("It is not usually serious.", "not most often", "not usually"),
    ("It isn't usually serious.", "most often", "isn't usually"),
    ("It is a typically benign tumor.", "a most often", "a typically benign"),
    ("It is not generally serious.", "not most often", "not generally"),
    # "experienced" as an adjective
    ("An experienced nurse can help.", "had", "An experienced nurse"),
])
def test_second_batch_stays_out_where_it_misreads(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("Neutropenia raises the risk of infection.", "Low neutrophil count (neutropenia)"),
    ("Intake was inadequate.", "Intake was not enough."),
    ("Insufficient sleep raises the risk.", "Not enough sleep"),
    ("Radiation therapy was given after surgery.", "Radiation treatment was given"),
    ("They stopped therapy after six months.", "stopped treatment"),
    ("Endobronchial therapies preserve lung function.", "Endobronchial treatments"),
    ("It is usually mild.", "It is most often mild."),
    ("Usually, it goes away.", "Most often, it goes away."),
    ("It typically happens after age 45.", "It most often happens"),
    ("People with it usually experience dizziness.", "most often have dizziness"),
    ("51% of patients experienced no vomiting.", "51% of patients had no vomiting."),
    ("She has experienced an allergic reaction.", "She has had an allergic reaction."),
])
def test_second_batch_applies_elsewhere(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


@pytest.mark.parametrize("sentence,wrong,kept", [
    ("Following a healthy diet helps.", "After a healthy diet", "Following a healthy diet"),
    ("By following instructions you stay safe.", "after instructions", "following instructions"),
    ("Keep following up with your doctor.", "after up", "following up"),
    ("Following treatment guidelines helps.", "After treatment", "Following treatment"),
    ("Take it for 2 following days.", "2 after days", "2 following days"),
    ("Symptoms include the following.", "the after", "the following"),
    ("The patient is following the plan.", "is after", "is following"),
])
def test_following_stays_where_it_is_not_after(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("Rash was reported following treatment with the drug.", "reported after treatment"),
    ("Following surgery, rest for a week.", "After surgery, rest"),
    ("Check the skin for 6 months following stopping the drug.", "6 months after stopping"),
])
def test_following_as_a_preposition_is_after(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


@pytest.mark.parametrize("sentence,wrong,kept", [
    ("She wears a heart monitor at night.", "heart watch", "heart monitor"),
    ("The monitor showed a fast heart rate.", "The watch", "The monitor"),
])
def test_monitor_the_noun_is_kept(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("Monitor patients often for signs of bleeding.", "Watch patients often"),
    ("Patients were monitored for 2 hours.", "were watched for 2 hours"),
])
def test_monitor_the_verb_is_watch(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


@pytest.mark.parametrize("sentence,wrong,kept", [
    # cancer that came back is not a repeated event
    ("Treatment of recurrent soft tissue sarcoma is described.", "repeated", "recurrent soft"),
    ("Surgery may prevent recurrent stomach cancer.", "repeated", "recurrent stomach cancer"),
])
def test_recurrent_cancer_is_not_repeated(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out
    assert kept in out


@pytest.mark.parametrize("sentence,plain", [
    ("A key feature is recurrent infections that are severe.", "repeated infections"),
    ("Children have recurrent ear infections.", "repeated ear infections"),
])
def test_recurrent_events_are_repeated(patient_words, sentence, plain):
    assert plain in patient_words(sentence)


# Review 2 (clinical read of 30 patient renditions): swaps that broke a sentence's grammar
@pytest.mark.parametrize("sentence,wrong,kept", [
    # BR-4: a noun modifier, not the verb
    ("The product was not reviewed for manufacturing consistency.", "making consistency",
     "manufacturing consistency"),
    # BR-7: "at" before a state reads wrong ("cross over at progressive disease")
    ("Patients could cross over at the time of progressive disease.", "over at progressive",
     "at the time of progressive disease"),
    # BR-10: "for the treatment of" after a noun that governs "for" is no purpose
    ("The results may have implications for the treatment of some subgroups.",
     "implications to treat", "implications for the treatment of"),
    ("It may have implications for the prevention of recurrent cancer.",
     "implications to prevent", "for the prevention of"),
    # BR-11: "enough" before a noun phrase counts it; after an article it cannot stand
    ("Transplants appear safe, with adequate graft survival outcomes.", "enough graft",
     "adequate graft survival outcomes"),
    ("The team gave an adequate dose.", "enough dose", "an adequate dose"),
    # BR-12: "incidence of complications" is no rate of new cases of a disease
    ("There may be a higher incidence of complications.", "new cases", "incidence of"),
    # BR-17: a mass noun after "Most" is not a singular count noun
    ("Most leukocytosis is a reaction to infection.", "Most high white blood cell count",
     "Most leukocytosis"),
])
def test_review_2_swaps_that_broke_grammar_are_not_made(patient_words, sentence, wrong, kept):
    out = patient_words(sentence)
    assert wrong not in out and kept in out, out


@pytest.mark.parametrize("sentence,plain", [
    ("The drug is used for the treatment of high blood pressure.", "used to treat"),
    ("Aspirin is approved for the prevention of heart attacks.", "approved to prevent"),
    ("Your intake of vitamin C is adequate.", "is enough"),
    ("The company will manufacture the drug in Ohio.", "make the drug"),
    ("Leukocytosis can be a sign of infection.", "High white blood cell count"),
    ("The incidence of breast cancer has risen.", "rate of new cases"),
    ("Blood was drawn at the time of diagnosis.", "at diagnosis"),
])
def test_review_2_swaps_are_still_made_where_they_read(patient_words, sentence, plain):
    assert plain in patient_words(sentence)
