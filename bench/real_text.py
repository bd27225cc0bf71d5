"""How the patient rewrite does on real public health answers nobody here wrote.

For each answer in tests/corpus/real (or the folders given): the Flesch-Kincaid grade of
the text as written (scored the same way, unit by unit) and of the patient rendition, and
whether every number survived, checked independently of the product's own fact check by
comparing the digit runs of the source body and of the rendition's text.

With --language es, the same for tests/corpus/real-es (MedlinePlus en español) on the
Spanish scale: Fernández Huerta (higher is easier), the patient target 70 or more, and
numbers read with a decimal comma and a thousands point.

--set clinician-dev / clinician-held-out: the 66 clinician-level passages of
tests/corpus/clinician (NCI PDQ health-professional summaries, FDA label sections), split by
sorted position: every third from the second on (i % 3 == 1, 22 passages) is held out, read
and tuned on by nobody; the other 44 are for development (they include the 22 reviewed in
tests/corpus/reviewed, i % 3 == 2). For these the summary adds the share of words the
patient rendition moved to its detail block and the meaning invariants broken.

    python bench/real_text.py [--language en|es] [--set SET] [--verbose] [PATH...]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from personalize.core.answer import load_answer  # noqa: E402
from personalize.core.catalog import load_catalog  # noqa: E402
from personalize.core.render import render  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "real"
CORPUS_ES = ROOT / "tests" / "corpus" / "real-es"
CLINICIAN = ROOT / "tests" / "corpus" / "clinician"
HELD_OUT_FROM = {"en": 41, "es": 23}  # the first file number of each held-out set
FERNANDEZ_HUERTA_TARGET = 70  # the patient profile's Spanish target (profiles/patient.toml)


def numbers(text: str, language: str = "en") -> Counter:
    """Digit runs, with thousands separators dropped (Spanish: "1.500" is 1500, "38,3" one
    number)."""
    if language == "es":
        found = re.findall(r"\d{1,3}(?:[.\u00a0]\d{3})+(?!\d)|\d+(?:,\d+)?", text)
        return Counter(re.sub(r"[.\u00a0]", "", m) for m in found)
    return Counter(m.replace(",", "") for m in re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", text))


def clinician_files(which: str) -> list[Path]:
    """The clinician-level passages of one set: "clinician-held-out" (sorted position
    i % 3 == 1) or "clinician-dev" (the rest)."""
    paths = sorted(CLINICIAN.glob("[0-9][0-9][0-9]-*.md"))
    held = which == "clinician-held-out"
    return [p for i, p in enumerate(paths) if (i % 3 == 1) == held]


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", text))


def evaluate(paths, catalog, profile="patient"):
    """One row per file: grade (Spanish: Fernández Huerta) before and after, numbers kept,
    verdict."""
    rows = []
    for path in paths:
        answer = load_answer(path, catalog.audiences)
        lexicon = catalog.lexicon(answer.language)
        before = render(answer, catalog.profiles["clinician"], lexicon)
        after = render(answer, catalog.profiles[profile], lexicon)
        detail = getattr(after, "detail_text", "") or ""  # what the profile moved out of the text
        kept = numbers(after.text + "\n" + detail, answer.language)
        # a cross-reference the profile drops ("[see Dosage and Administration (2.3)]") takes
        # its section number with it, by design: that number is not a fact lost
        dropped = " ".join(c.before for c in after.changes if c.what == "detail"
                           and c.why.split(": ", 1)[-1].startswith("dropped"))
        lost = numbers(before.text, answer.language) - kept - numbers(dropped, answer.language)
        words = _words(after.text) + _words(detail)
        row = {
            "file": path.name, "before": before.grade, "after": after.grade,
            "smog": after.scores.values.get("smog_index"),
            "numbers_lost": sorted(lost.elements()), "missing_facts": len(after.facts.missing),
            "verdict": after.verdict, "reasons": list(after.reasons),
            "invariants_broken": len(after.invariants.broken),
            "detail_share": round(_words(detail) / words, 3) if words else 0.0,
            "ok": after.grade <= 8 and not lost and not after.facts.missing
            and not after.invariants.broken,
        }
        if answer.language == "es":
            ease = after.scores.values["fernandez_huerta"]
            row.update(before=before.scores.values["fernandez_huerta"], after=ease, smog=0.0,
                       ok=ease >= FERNANDEZ_HUERTA_TARGET and not lost
                       and not after.facts.missing)
        rows.append(row)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--set", default="all", choices=[
        "dev", "held-out", "all", "clinician-dev", "clinician-held-out"])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--json", action="store_true", help="print only the summary as JSON")
    parser.add_argument("--language", choices=["en", "es"], default="en")
    args = parser.parse_args()
    if args.paths:
        paths = [Path(p) for p in args.paths]
    elif args.set.startswith("clinician"):
        paths = clinician_files(args.set)
    else:
        corpus = CORPUS_ES if args.language == "es" else CORPUS
        paths = sorted(corpus.glob("[0-9][0-9][0-9]-*.md"))
        if args.set != "all":
            held = [p for p in paths if int(p.name[:3]) >= HELD_OUT_FROM[args.language]]
            paths = held if args.set == "held-out" else [p for p in paths if p not in held]
    catalog = load_catalog(os.environ.get("PERSONALIZE_PROFILES_DIR", ROOT / "profiles"))
    rows = evaluate(paths, catalog)
    if args.verbose:
        for r in rows:
            mark = "ok " if r["ok"] else "BAD"
            print(f"{mark} {r['file']:<48} {r['before']:5.1f} -> {r['after']:5.1f}  "
                  f"smog {r['smog']:4.1f}  lost {r['numbers_lost'] or '-'}  "
                  f"broken {r['invariants_broken']}")
            if args.language == "es":
                print("    " + " | ".join(r["reasons"]) if r["reasons"] else "    (pass)")
    spanish = args.language == "es"
    score = "fernandez_huerta" if spanish else "grade"
    summary = {
        "files": len(rows),
        "fernandez_huerta70_and_numbers_kept" if spanish else "grade8_and_numbers_kept":
            sum(r["ok"] for r in rows),
        "share": round(sum(r["ok"] for r in rows) / max(1, len(rows)), 3),
        f"median_{score}_before": round(statistics.median(r["before"] for r in rows), 2),
        f"median_{score}_after": round(statistics.median(r["after"] for r in rows), 2),
        "median_rise" if spanish else "median_drop": round(statistics.median(
            (r["after"] - r["before"]) * (1 if spanish else -1) for r in rows), 2),
        "files_losing_numbers": sum(bool(r["numbers_lost"]) for r in rows),
        "invariant_failures": sum(r["invariants_broken"] for r in rows),
        "files_breaking_invariants": sum(bool(r["invariants_broken"]) for r in rows),
        "detail_share": round(sum(r["detail_share"] for r in rows) / max(1, len(rows)), 3),
        "gate_pass": sum(r["verdict"] == "pass" for r in rows),
    }
    if spanish:  # what else the gate says of the Spanish renditions (jargon)
        summary["failing_for_jargon"] = sum(any(x.startswith("jargon") for x in r["reasons"])
                                            for r in rows)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
