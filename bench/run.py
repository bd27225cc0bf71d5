"""`make bench`: render, serving, scale and start-up figures, each against a baseline measured
in the same run. Prints a table, then one JSON object as the last line.

    BENCH_QUICK=1 python bench/run.py    # a shorter version that finishes within a minute

Targets (issue 8): render_ratio <= 1.5, serve_ratio >= 0.7, p99 < 20 ms at 50 connections,
scale_flatness <= 1.2, QA first page over 10,000 answers < 500 ms, start-up < 2 s.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import pkgutil
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import serve  # noqa: E402
from personalize.core import readability  # noqa: E402
from personalize.core.answer import parse_answer  # noqa: E402
from personalize.core.catalog import load_catalog  # noqa: E402
from personalize.core.render import render_all  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
RENDER_ANSWER = ROOT / "content" / "complete-blood-count.md"  # about 500 words
SCALE_SIZES = (30, 300) if QUICK else (100, 1000, 10000)
# Data textstat loads once per process; every other textstat cache memoizes one text.
_DATA_LOADERS = {"get_cmudict", "get_pyphen", "get_lang_easy_words"}


def textstat_caches() -> list:
    """textstat's per-text lru_caches, to be cleared so that every pass is cold."""
    import textstat.backend as backend

    found = {}
    for info in pkgutil.walk_packages(backend.__path__, backend.__name__ + "."):
        for obj in vars(importlib.import_module(info.name)).values():
            if (hasattr(obj, "cache_clear") and getattr(obj, "__module__", "")
                    .startswith("textstat") and obj.__name__ not in _DATA_LOADERS):
                found[id(obj)] = obj
    return list(found.values())


def bench_render(repeats: int) -> dict:
    """Cold render of every profile of one answer against scoring the same renditions."""
    catalog = load_catalog(ROOT / "profiles")
    source = RENDER_ANSWER.read_text(encoding="utf-8")
    caches = textstat_caches()
    renders, scores = [], []
    for _ in range(repeats):
        for cache in caches:
            cache.cache_clear()
        started = time.perf_counter()
        answer = parse_answer(source, RENDER_ANSWER.name, catalog.audiences)
        # every profile of the answer together, as the store builds them (one Shared a call)
        made = render_all(answer, catalog.profiles.values(), catalog.lexicon(answer.language))
        renders.append(time.perf_counter() - started)
        for cache in caches:
            cache.cache_clear()
        started = time.perf_counter()
        # The baseline: the same scores the renditions carry (whole text and per sentence
        # unit), computed by textstat's own functions from the text the reader sees (not by
        # readability.score, which counts once and applies textstat's formulas).
        for r in made:
            readability.textstat_score(r.text.split("\n"), r.language)
        scores.append(time.perf_counter() - started)
    render_ms, score_ms = statistics.median(renders) * 1000, statistics.median(scores) * 1000
    return {"words": made[0].scores.words, "profiles": len(made),
            "render_ms": round(render_ms, 2), "textstat_ms": round(score_ms, 2),
            "render_ratio": round(render_ms / score_ms, 2)}


def bench_scale(tmp: Path) -> dict:
    """`flask rerender` over generated answers at each size, one process per size."""
    runs = []
    for size in SCALE_SIZES:
        out = subprocess.run([sys.executable, str(ROOT / "bench" / "scale.py"), str(size),
                              str(tmp)], capture_output=True, text=True, check=True,
                             cwd=ROOT, timeout=3600)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"runs": runs, "scale_flatness": round(runs[-1]["ms_per_answer"]
                                                  / runs[0]["ms_per_answer"], 3)}


def bench_startup(tmp: Path, repeats: int = 3) -> dict:
    """Wall time of a process that imports wsgi (app factory, catalog, cmudict, database)."""
    env = os.environ | {"PERSONALIZE_DATABASE_URL": f"sqlite:///{tmp / 'startup.sqlite3'}",
                        "PERSONALIZE_SECRET_KEY": "bench"}
    command = [sys.executable, "-c", "import wsgi"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=300)  # seeds the store
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=300)
        times.append(time.perf_counter() - started)
    return {"startup_s": round(min(times), 3)}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="personalize-bench-") as name:
        tmp = Path(name)
        results = {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                   "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cores, "
                              f"Python {platform.python_version()}",
                   "load_avg_1m": round(os.getloadavg()[0], 2), "quick": QUICK}
        render_fig = bench_render(5 if QUICK else 20)
        if serve.have_wrk():
            serve_fig = serve.measure(tmp, 5 if QUICK else 20)
        else:
            serve_fig = {"serve_ratio": None, "p99_ms": None,
                         "note": "wrk is not installed: apt-get install wrk"}
        scale_fig = bench_scale(tmp)
        startup_fig = bench_startup(tmp)
    largest = scale_fig["runs"][-1]
    results.update({
        "render_ratio": render_fig["render_ratio"], "serve_ratio": serve_fig["serve_ratio"],
        "p99_ms": serve_fig["p99_ms"], "scale_flatness": scale_fig["scale_flatness"],
        "startup_s": startup_fig["startup_s"], "peak_mb": largest["peak_mb"],
        "qa_first_page_ms": largest.get("qa_first_page_ms"),
        "render": render_fig, "serve": serve_fig, "scale": scale_fig["runs"],
    })
    print_table(results)
    print(json.dumps(results))
    return 0


def print_table(r: dict) -> None:
    """The figures against their targets, one row each."""
    def verdict(value, ok):
        return "n/a" if value is None else ("met" if ok(value) else "MISSED")

    qa = r["qa_first_page_ms"]
    rows = [
        ("render_ratio", r["render_ratio"], "<= 1.5", verdict(r["render_ratio"],
                                                              lambda v: v <= 1.5),
         f"{r['render']['render_ms']} ms render vs {r['render']['textstat_ms']} ms textstat, "
         f"{r['render']['profiles']} profiles, {r['render']['words']} words"),
        ("serve_ratio", r["serve_ratio"], ">= 0.7", verdict(r["serve_ratio"],
                                                            lambda v: v >= 0.7),
         (f"{r['serve']['app']['rps']:.0f} vs {r['serve']['bare']['rps']:.0f} req/s bare, "
          f"{r['serve']['page_bytes']} B page, {r['serve']['rounds']} rounds of "
          f"{r['serve']['round_s']} s each, alternating") if "app" in r["serve"]
         else r["serve"]["note"]),
        ("p99_ms", r["p99_ms"], "< 20", verdict(r["p99_ms"], lambda v: v < 20),
         "answer page, 50 connections" + (f", bare route {r['serve']['bare']['p99_ms']} ms"
                                           if "bare" in r["serve"] else "")),
        ("scale_flatness", r["scale_flatness"], "<= 1.2", verdict(r["scale_flatness"],
                                                                  lambda v: v <= 1.2),
         ", ".join(f"{s['answers']}: {s['ms_per_answer']} ms/answer, {s['peak_mb']} MB"
                   for s in r["scale"])),
        ("qa_first_page_ms", qa, "< 500", verdict(qa, lambda v: v < 500),
         "GET /qa/readability" if qa is not None else "no QA report route yet: not measurable"),
        ("startup_s", r["startup_s"], "< 2", verdict(r["startup_s"], lambda v: v < 2),
         "import wsgi: factory, catalog, cmudict, database"),
    ]
    print(f"personalize bench {r['date']} on {r['machine']}, load {r['load_avg_1m']}"
          + (" (BENCH_QUICK)" if r["quick"] else ""))
    print(f"{'figure':<18}{'value':>10}  {'target':<8}{'':<8}detail")
    for name, value, target, ok, detail in rows:
        shown = "-" if value is None else value
        print(f"{name:<18}{shown!s:>10}  {target:<8}{ok:<8}{detail}")


if __name__ == "__main__":
    raise SystemExit(main())
