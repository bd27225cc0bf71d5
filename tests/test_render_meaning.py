"""A rewrite never changes what a sentence claims: render steps back, sentence by sentence."""

from __future__ import annotations

from personalize.core.answer import load_answer
from personalize.core.render import render

FRONT = ('+++\nid = "meaning"\nquestion = "What is aphasia?"\nstatus = "submitted"\n'
         'updated = 2026-01-01\nlanguage = "en"\n+++\n\n')
# The splitter cuts this series across sentences ("It can make it hard for you to read. ...");
# the meaning check sees the series lose its shared claim.
SERIES = "It can make it hard for you to read, write, and say what you mean to say."


def _render(tmp_path, catalog, body):
    path = tmp_path / "meaning.md"
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    return render(load_answer(path, catalog.audiences), catalog.profiles["patient"],
                  catalog.lexicon("en"))


def test_a_rewrite_that_breaks_an_invariant_is_undone_for_that_sentence(tmp_path, catalog):
    rendition = _render(tmp_path, catalog, SERIES + " Speech therapy can help many people.")
    kept = [c for c in rendition.changes if c.what == "kept"]
    assert kept and kept[0].before == SERIES and kept[0].after == "split and plain words"
    assert "series" in kept[0].why and "tried again without splitting" in kept[0].why
    assert "read, write, and say what you mean to say" in rendition.text
    assert rendition.invariants.broken == ()
    assert not [c for c in rendition.changes if c.what == "split" and c.before == SERIES]


def test_every_shipped_and_corpus_rendition_keeps_every_invariant(catalog):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "content").glob("*.md")) + sorted(
        (root / "tests" / "corpus" / "real").glob("[0-9]*.md"))
    broken = {}
    for path in files:
        answer = load_answer(path, catalog.audiences)
        for profile in catalog.profiles.values():
            rendition = render(answer, profile, catalog.lexicon(answer.language))
            if rendition.invariants.broken:
                broken[path.name, profile.name] = rendition.invariants.broken[0].reason()
    assert broken == {}


def test_citation_markers_after_a_stop_stay_with_their_sentence(tmp_path, catalog):
    """Pasted clinical text puts numbered markers after the full stop: each stays attached to
    the sentence it closes, none is lost, and the next sentence is a sentence of its own."""
    body = ("Hypertension can occur in patients with pheochromocytoma.[1,2] If the tumor is "
            "removed, blood pressure usually returns to normal.[3-5] Patients should be "
            "monitored closely for at least 24 hours after surgery, because blood pressure "
            "can fall suddenly.[6]")
    rendition = _render(tmp_path, catalog, body)
    for marker in ("pheochromocytoma.[1,2] If", "normal.[3-5] Patients", "suddenly.[6]"):
        assert marker in rendition.text
    assert "[6]." not in rendition.text
    # three source sentences, each scored as its own unit (the marker does not glue them)
    assert rendition.scores.sentences >= 3
    assert not rendition.facts.missing and rendition.invariants.broken == ()
