"""What the patient's detail level does to a set of answer files (core.detail).

For each file: the clinician rendition (everything as written) and the patient rendition; the
share of words moved into "More detail", the cross-references dropped, the sentences moved,
the grade of the main text, and numbers lost counted independently of the product's facts
check: digit runs of the clinician text missing from the patient's main text and detail
together, leaving out the section numbers of the cross-references the profile drops.

    python bench/detail_level.py [--verbose] PATH...
    python bench/detail_level.py ../shared/data/clinician-dev/0*.md
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.real_text import numbers  # noqa: E402
from personalize.core.answer import load_answer  # noqa: E402
from personalize.core.catalog import load_catalog  # noqa: E402
from personalize.core.render import render  # noqa: E402


def row(path: Path, catalog, profile: str = "patient") -> dict:
    """One file's figures."""
    answer = load_answer(path, catalog.audiences)
    lexicon = catalog.lexicon(answer.language)
    full = render(answer, catalog.profiles["clinician"], lexicon)
    shown = render(answer, catalog.profiles[profile], lexicon)
    detail = [c for c in shown.changes if c.what == "detail"]
    dropped = [c for c in detail if c.why.split(": ", 1)[-1].startswith("dropped")]
    lost = (numbers(full.text, answer.language)
            - numbers(shown.text + "\n" + shown.detail_text, answer.language)
            - numbers(" ".join(c.before for c in dropped), answer.language))
    moved_words = shown.detail_scores.words if shown.detail_scores else 0
    return {"file": path.name, "before": full.grade, "after": shown.grade,
            "words": shown.scores.words + moved_words, "moved_words": moved_words,
            "dropped": len(dropped), "moved": len(detail) - len(dropped),
            "numbers_lost": sorted(lost.elements()), "facts_missing": len(shown.facts.missing),
            "invariants_broken": len(shown.invariants.broken),
            "half_limit": any(r.startswith("detail limit") for r in shown.reasons),
            "verdict": shown.verdict}


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--verbose"]
    catalog = load_catalog(os.environ.get("PERSONALIZE_PROFILES_DIR", ROOT / "profiles"))
    rows = [row(Path(p), catalog) for p in sorted(args)]
    if "--verbose" in sys.argv:
        for r in rows:
            print(json.dumps(r))
    words = sum(r["words"] for r in rows) or 1
    print(json.dumps({
        "files": len(rows), "grade8": sum(r["after"] <= 8 for r in rows),
        "median_grade_before": round(statistics.median(r["before"] for r in rows), 2),
        "median_grade_after": round(statistics.median(r["after"] for r in rows), 2),
        "share_of_words_moved": round(sum(r["moved_words"] for r in rows) / words, 3),
        "files_moving": sum(r["moved"] > 0 for r in rows),
        "cross_references_dropped": sum(r["dropped"] for r in rows),
        "sentences_moved": sum(r["moved"] for r in rows),
        "files_losing_numbers": sum(bool(r["numbers_lost"]) for r in rows),
        "facts_missing": sum(r["facts_missing"] for r in rows),
        "invariants_broken": sum(r["invariants_broken"] for r in rows),
        "over_half_limit": sum(r["half_limit"] for r in rows),
        "gate_pass": sum(r["verdict"] == "pass" for r in rows)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
