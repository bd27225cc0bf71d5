"""Where an answer page's time goes in one process: each request hook, the view, get().

    python bench/hooks.py [CALLS]    # prints microseconds per request, one line each

One WSGI call at a time (no server, no network), on a seeded SQLite store: the answer page
through Flask (the replay layer off), each before- and after-request function and the view
timed inside it; then the same request answered by the replay layer, and the bare route of
bench/bare_app.py sending the same bytes. Figures are medians of five passes.
"""

from __future__ import annotations

import functools
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.test import EnvironBuilder  # noqa: E402

from personalize import create_app  # noqa: E402

PATH = "/answers/complete-blood-count?profile=patient"


def timed(fn, name: str, spent: dict):
    """fn, adding the nanoseconds each call takes to spent[name]."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter_ns() - started
    return wrapper


def instrument(app, spent: dict) -> None:
    """Time every request hook, the answer view and Store.get."""
    for kind, table in (("before", app.before_request_funcs),
                        ("after", app.after_request_funcs)):
        for scope, funcs in table.items():
            table[scope] = [timed(f, f"{kind} {scope or 'app'}: {f.__module__}.{f.__qualname__}",
                                  spent) for f in funcs]
    app.view_functions["pages.answer"] = timed(app.view_functions["pages.answer"],
                                               "view pages.answer (with get)", spent)
    store = app.extensions["personalize.store"]
    store.get = timed(store.get, "  of which Store.get", spent)


def calls(wsgi, environ: dict, n: int) -> float:
    """Microseconds per WSGI call of the same request, n calls."""
    def start_response(status, headers, exc_info=None):
        return None

    started = time.perf_counter_ns()
    for _ in range(n):
        body = wsgi(dict(environ), start_response)
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
    return (time.perf_counter_ns() - started) / n / 1000


def main(n: int) -> None:
    with tempfile.TemporaryDirectory(prefix="personalize-hooks-") as tmp:
        os.environ["BENCH_PAGE"] = str(Path(tmp) / "page.html")
        made = {}
        for replay in (0, 512):
            made[replay] = create_app({
                "INSTANCE_PATH_FOR_TESTS": tmp, "SECRET_KEY": "bench", "REPLAY_SIZE": replay,
                "DATABASE_URL": f"sqlite:///{Path(tmp) / 'hooks.sqlite3'}"})
        environ = EnvironBuilder(path=PATH).get_environ()
        page = made[0].test_client().get(PATH).data
        Path(os.environ["BENCH_PAGE"]).write_bytes(page)
        from bench.bare_app import app as bare

        spent: dict[str, int] = defaultdict(int)
        instrument(made[0], spent)
        passes = defaultdict(list)
        for _ in range(5):
            spent.clear()
            passes["answer page through Flask"].append(calls(made[0].wsgi_app, environ, n))
            for name, ns in spent.items():
                passes[name].append(ns / n / 1000)
            passes["answer page replayed"].append(calls(made[512].wsgi_app, environ, n))
            passes["bare Flask route, same bytes"].append(calls(bare.wsgi_app, environ, n))
    print(f"microseconds per request, median of 5 passes of {n} calls ({len(page)} B page)")
    for name, values in passes.items():
        print(f"{statistics.median(values):8.1f}  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
