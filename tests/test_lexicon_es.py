"""The Spanish lexicon keeps meaning and agreement: one sentence per corrected entry.

Each case is a sentence that went wrong before the review (profiles/lexicon/es-review.md),
what the patient rewrite wrote then, and what it must write now.
"""

from __future__ import annotations

import pytest

from personalize.rewriter.terms import Glossary, rewrite, strip_marks


def patient(catalog, sentence: str) -> str:
    return strip_marks(rewrite(sentence, catalog.lexicon("es"), "plain", True, Glossary(), "",
                               []))


# (sentence, what the old lexicon wrote, what the rewrite writes now)
CASES = [
    ("Consulte si tiene infecciones frecuentes.", "infecciones comunes",
     "infecciones frecuentes"),  # a warning sign (recurrent), not "common infections"
    ("Llame en caso de que tenga fiebre.", "si tenga", "en caso de que tenga"),
    ("En la mayoría de los casos se cura sola.", "Casi siempre",
     "La mayoría de las veces se cura sola."),
    ("La cirrosis puede causar hipertensión portal.", "presión alta (hipertensión) portal",
     "presión alta en las venas del hígado"),
    ("Puede haber hipertensión pulmonar.", "presión alta (hipertensión) pulmonar",
     "presión alta en las arterias de los pulmones"),
    ("Recibió tratamiento antibiótico.", "tratamiento medicamento contra las bacterias",
     "tratamiento antibiótico"),
    ("El diclofenaco es un medicamento antiinflamatorio.", "medicamento medicamento",
     "medicamento antiinflamatorio"),
    ("Siguió un tratamiento anticoagulante.", "tratamiento medicamento que evita",
     "tratamiento anticoagulante"),
    ("Le pidieron un hemograma.", "análisis de sangre completo",
     "recuento de células de la sangre (hemograma)"),
    ("Tuvo mononucleosis infecciosa.", "enfermedad del beso", "mononucleosis infecciosa"),
    ("Afecta aproximadamente al 30 % de los pacientes.", "cerca de al 30",
     "más o menos al 30 %"),
    ("Ocurre en aproximadamente el 30 % de los casos.", "cerca de el 30",
     "más o menos el 30 %"),
    ("Tiene hepatitis B.", "inflamación del hígado (hepatitis) B", "hepatitis B"),
    ("Es un linfoma de Hodgkin.", "cáncer del sistema linfático (linfoma) de Hodgkin",
     "linfoma de Hodgkin"),
    ("Tiene la hemoglobina baja.", "la proteína que lleva el oxígeno (hemoglobina) baja",
     "la hemoglobina baja"),
    ("La ferritina alta indica inflamación.", "proteína que guarda el hierro (ferritina) alta",
     "La ferritina alta"),
    ("La creatinina elevada indica daño renal.", "limpian los riñones (creatinina) alta",
     "La creatinina alta"),
    ("Es un agente patógeno.", "agente germen", "agente patógeno"),
    ("Es un caso especialmente grave.", "sobre todo grave", "especialmente grave"),
    ("Hubo un escaso número de casos.", "un poco número", "un escaso número"),
    ("Tomarlo es facultativo.", "es médico", "es facultativo"),
    ("Tiene una deficiencia auditiva.", "falta auditiva", "deficiencia auditiva"),
    ("Tiene deficiencia de hierro.", "deficiencia de hierro", "falta de hierro"),
    ("Padece de asma desde niño.", "Tiene de asma", "Tiene asma"),
    ("Duele a lo largo de la pierna.", "durante la pierna", "a lo largo de la pierna"),
    ("Hay síntomas en relación con la quimio.", "sobre la quimio", "en relación con"),
    ("Subió con respecto al año pasado.", "sobre al año", "con respecto al año"),
    ("Hubo efectos adversos leves.", "efectos no deseados", "efectos secundarios"),
    ("La quimioterapia incrementa el riesgo.", "sube el riesgo", "aumenta el riesgo"),
    ("La leucopenia grave es rara.", "cifra baja", "cantidad baja de glóbulos blancos"),
]


@pytest.mark.parametrize("sentence,old,new", CASES, ids=[c[0] for c in CASES])
def test_the_old_error_is_gone(catalog, sentence, old, new):
    out = patient(catalog, sentence)
    assert old not in out, out
    assert new in out, out


@pytest.mark.parametrize("sentence", [
    "La leucopenia quiere decir que la sangre tiene menos glóbulos blancos de lo normal.",
    "La neutropenia es una cantidad baja de neutrófilos en la sangre.",
    "La agranulocitosis significa que casi no quedan neutrófilos.",
    "Las petequias son unas manchas pequeñas de color rojo.",
    "Leucopenia quiere decir pocos glóbulos blancos.",
    "La trombocitopenia se define como un recuento de plaquetas bajo.",
])
def test_a_spanish_sentence_that_defines_a_term_keeps_the_term(catalog, sentence):
    assert patient(catalog, sentence) == sentence


@pytest.mark.parametrize("sentence,plain", [
    ("La leucopenia puede deberse a un medicamento.", "cantidad baja de glóbulos blancos"),
    ("Si la neutropenia es grave, llame al médico.", "cantidad baja de neutrófilos"),
    ("Tratar la leucopenia es importante.", "cantidad baja de glóbulos blancos"),
])
def test_a_sentence_that_only_mentions_a_term_still_gets_the_plain_words(catalog, sentence,
                                                                          plain):
    assert plain in patient(catalog, sentence)


def test_the_answer_no_longer_defines_leukopenia_in_a_circle(catalog):
    from pathlib import Path

    from personalize.core.answer import load_answer
    from personalize.core.render import render

    path = Path(__file__).resolve().parent.parent / "content" / "leucopenia-causas.md"
    answer = load_answer(path, catalog.audiences)
    text = render(answer, catalog.profiles["patient"], catalog.lexicon("es")).text
    assert "La leucopenia es un recuento de glóbulos blancos (leucocitos)" in text
    assert "(leucopenia) es un recuento" not in text


def test_every_entry_removed_in_the_review_stays_out(catalog):
    lexicon = catalog.lexicon("es")
    for word in ("frecuentes", "frecuente", "hemoglobina", "hepatitis", "antibiótico",
                 "hipertensión", "linfoma", "patógeno", "facultativo", "especialmente"):
        assert lexicon.lookup(word.split()) is None, word
    for phrase in ("en caso de que", "en el caso de que", "a lo largo de", "en relación con"):
        assert lexicon.lookup(phrase.split()) is None, phrase


def test_febrile_neutropenia_keeps_its_name(catalog):
    """'neutropenia febril' is a named condition (neutropenia with fever), not "fiebre con
    pocos neutrófilos": the name stays, defined on first use (issue 15)."""
    lexicon = catalog.lexicon("es")
    glossary = Glossary()
    out = rewrite("La neutropenia febril es una urgencia. La neutropenia febril se trata.",
                  lexicon, "plain", True, glossary, "", [])
    assert strip_marks(out) == ("La neutropenia febril es una urgencia. "
                                "La neutropenia febril se trata.")
    assert "fiebre con pocos" not in strip_marks(out)
    assert len(glossary.definitions) == 1 and "neutrófilos" in glossary.definitions[0]
    # neutropenia alone is still made plain
    assert "cantidad baja de neutrófilos" in patient(catalog, "Si la neutropenia es grave, "
                                                               "llame al médico.")
