"""Scale figures, one size per process: store N generated answers, time `flask rerender`.

    python bench/scale.py N TMPDIR   ->  one JSON line: seconds, per answer, peak memory

Peak memory is the process's maximum resident set, so each size runs in a process of its own.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from personalize import create_app  # noqa: E402
from personalize.store import tokens  # noqa: E402
from personalize.store.models import StoredAnswer  # noqa: E402

TEMPLATE = """+++
id = "generated-{n:05}"
question = "What does result {n} of the blood count mean?"
status = "submitted"
language = "en"

[[references]]
id = "ref-{n}"
kind = "guideline"
title = "Blood counts, part {n}."
container = "Journal of Tests"
year = {year}
+++

## What the result means

A platelet count below {low},000/uL is called thrombocytopenia, and individuals with \
counts under {crit},000/uL may bleed {adverb} [@ref-{n}].

- Leukopenia can follow chemotherapy, which suppresses the bone marrow.
- Anemia with a hemoglobin under {hb} g/dL needs further evaluation.
- Filgrastim 5-10 mcg/kg daily may be given for severe neutropenia [@ref-{n}].

::: patient
Ask your doctor what your result of {n} means for you, and when to test again.
:::

::: clinician student
Repeat the count in {weeks} weeks; approximately {pct}% of mild cases resolve.
:::
"""
ADVERBS = ("spontaneously", "easily", "after minor injuries", "from the gums")


def answer_source(n: int) -> str:
    """A generated answer: lists, containers, citations and numbers that vary with n."""
    return TEMPLATE.format(n=n, year=1980 + n % 40, low=50 + n % 100, crit=10 + n % 20,
                           adverb=ADVERBS[n % len(ADVERBS)], hb=7 + n % 5, weeks=2 + n % 6,
                           pct=40 + n % 50)


def main() -> int:
    count, tmp = int(sys.argv[1]), Path(sys.argv[2])
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(tmp),
                      "DATABASE_URL": f"sqlite:///{tmp / f'scale-{count}.sqlite3'}",
                      "SEED_CONTENT": False, "AUTO_UPGRADE": True})
    store = app.extensions["personalize.store"]
    # One transaction for all: the figure is re-rendering, not thousands of small commits.
    with store._write.begin() as s:
        for n in range(count):
            text, answer = store._incoming(answer_source(n), f"generated-{n}.md")
            s.add(StoredAnswer(id=answer.id, head=1))
            store._add_revision(s, answer, 1, text, "bench")
    started = time.perf_counter()
    result = app.test_cli_runner().invoke(args=["rerender"])
    seconds = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(result.output)
    built = int(result.output.split("Built ")[1].split(",")[0])
    out = {"answers": count, "renditions": built, "seconds": round(seconds, 3),
           "ms_per_answer": round(1000 * seconds / count, 3),
           "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if any(r.rule.startswith("/qa/readability.") for r in app.url_map.iter_rules()):
        # The QA report's first page as JSON, with an editor's token (the HTML needs a sign-in).
        auth = {"Authorization": f"Bearer {tokens.create(app.extensions['personalize.db'], 'qa')}"}
        client = app.test_client()
        started = time.perf_counter()
        status = client.get("/qa/readability.json", headers=auth).status_code
        if status == 200:
            out["qa_first_page_ms"] = round(1000 * (time.perf_counter() - started), 1)
        out["qa_status"] = status
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
