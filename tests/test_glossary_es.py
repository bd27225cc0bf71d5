"""The Spanish glossary (personalize/translations/es/glossary.toml) is what the texts say."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from personalize.core.answer import load_answer
from personalize.core.render import render

ROOT = Path(__file__).resolve().parent.parent
ES = ROOT / "personalize" / "translations" / "es"
GLOSSARY = tomllib.loads((ES / "glossary.toml").read_text(encoding="utf-8"))["terms"]
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalog() -> list[tuple[list[str], list[str]]]:
    with (ES / "LC_MESSAGES" / "messages.po").open("rb") as fp:
        po = read_po(fp, locale="es")
    out = []
    for m in po:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strs = [m.string] if isinstance(m.string, str) else list(m.string)
        out.append(([PLACEHOLDER.sub(" ", s) for s in ids],
                    [PLACEHOLDER.sub(" ", s) for s in strs]))
    return out


CATALOG = _catalog()


def _says(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I) is not None


def _profile_texts() -> dict[str, str]:
    texts = {}
    for path in sorted((ROOT / "profiles").glob("*.toml")):
        es = tomllib.loads(path.read_text(encoding="utf-8")).get("locales", {}).get("es", {})
        said = es.get("disclaimer", {})
        texts[path.name] = " ".join([es.get("label", ""), es.get("description", ""),
                                     said.get("title", ""), said.get("text", "")])
    return texts


def _spanish_answers() -> list[Path]:
    return [p for p in sorted((ROOT / "content").glob("*.md"))
            if re.search(r'^language = "es"', p.read_text(encoding="utf-8"), re.M)]


@pytest.mark.parametrize("term", [t for t in GLOSSARY if t["en"]], ids=lambda t: t["en"][0])
def test_each_glossary_term_is_the_spanish_for_its_english(term):
    used = 0
    for ids, strs in CATALOG:
        if not any(_says(i, en) for i in ids for en in term["en"]):
            continue
        used += 1
        assert any(_says(s, es) for s in strs for es in term["es"]), (
            f"{ids[0]!r} says {term['en']} but its Spanish {strs[0]!r} says none of "
            f"{term['es']} (personalize/translations/es/glossary.toml)")
    assert used, f"no catalog entry says {term['en']}: remove the term from the glossary"


FORBIDDEN = [(pattern, t.get("note", "")) for t in GLOSSARY for pattern in t.get("forbidden", [])]


@pytest.mark.parametrize("pattern,note", FORBIDDEN, ids=[p for p, _ in FORBIDDEN])
def test_no_spanish_text_says_a_forbidden_variant(pattern, note):
    found = [s for _, strs in CATALOG for s in strs if re.search(pattern, s, re.I)]
    found += [name for name, text in _profile_texts().items() if re.search(pattern, text, re.I)]
    found += [p.name for p in _spanish_answers()
              if re.search(pattern, p.read_text(encoding="utf-8"), re.I)]
    assert not found, f"{pattern!r} ({note}) in: {found}"


def test_the_glossary_applies_to_renditions_too(catalog):
    """What the lexicon writes for a patient keeps the glossary's words as well."""
    answer = load_answer(ROOT / "content" / "leucopenia-causas.md", catalog.audiences)
    for name in ("patient", "student", "clinician"):
        text = render(answer, catalog.profiles[name], catalog.lexicon("es")).text
        for pattern, note in FORBIDDEN:
            assert not re.search(pattern, text, re.I), (name, pattern, note)


def test_the_glossary_checks_what_it_should():
    """The checks above would catch the slips the Spanish review found."""
    assert not any(_says("Niebla", es) for es in ["Gunning Fog"])
    slips = ["Profesional clínico", "(más alta es más fácil)", "¿Cuál lo describe mejor?",
             "No deje un medicamento por su cuenta.", "infecciones de la vejiga y del pecho",
             "prospectos de medicamentos", "Token de editor", "la cifra baja de glóbulos"]
    for slip in slips:
        assert any(re.search(p, slip, re.I) for p, _ in FORBIDDEN), slip


def test_reference_kinds_are_shown_in_the_answers_language(catalog):
    answer = load_answer(ROOT / "content" / "leucopenia-causas.md", catalog.audiences)
    html = render(answer, catalog.profiles["clinician"], catalog.lexicon("es")).html
    kinds = set(re.findall(r'class="pz-ref-kind">([^<]*)<', html))
    assert kinds == {"Guía clínica", "Ficha técnica", "Artículo de revisión", "Investigación"}
    english = load_answer(ROOT / "content" / "leukopenia-causes.md", catalog.audiences)
    html = render(english, catalog.profiles["clinician"], catalog.lexicon("en")).html
    assert set(re.findall(r'class="pz-ref-kind">([^<]*)<', html)) == {
        "Guideline", "Drug label", "Review", "Research"}
