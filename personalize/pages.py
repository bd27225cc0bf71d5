"""Reader pages: the index, question lookup, the answer page and the profile selector."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from babel.dates import format_date
from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from personalize import lookup
from personalize.answer import STATUSES
from personalize.engine import catalog, library
from personalize.library import Record
from personalize.page_cache import LRU, Page, Slots
from personalize.profiles import Profile
from personalize.renditions import versions
from personalize.security import csrf_token
from personalize.web_errors import get_answer_or_404

bp = Blueprint("pages", __name__)

COOKIE = "pz_profile"
COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers accept
# The interface language. Answers carry their own; Spanish comes with the message catalogs.
LOCALE = "en"
MAX_QUERY = 200
PAGES_KEPT = 256  # rendered answer pages per process (about 12 kB each); PAGE_CACHE_SIZE sets it
# What differs between readers of the same answer page, left as holes in the kept page.
SLOTS = Slots("csrf", "here", "unknown")


@bp.record_once
def _init_cache(state) -> None:
    state.app.extensions["personalize.pages"] = LRU(
        state.app.config.get("PAGE_CACHE_SIZE", PAGES_KEPT))


@dataclass(frozen=True)
class Choice:
    """The profile a page is rendered for, where the choice came from, and a name not found."""

    profile: Profile
    source: str  # "link" (?profile=), "cookie" or "default"
    unknown: str = ""


def choose_profile() -> Choice:
    """The reader's profile: a ?profile= link wins over the cookie, then the default."""
    profiles = catalog().profiles
    default = catalog().default
    for source, name in (("link", request.args.get("profile")),
                         ("cookie", request.cookies.get(COOKIE))):
        if name:
            if name in profiles:
                return Choice(profiles[name], source)
            return Choice(default, "default", unknown=name[:40])
    return Choice(default, "default")


def reading_grade(grade: float) -> int:
    """The Flesch-Kincaid grade as a reader is told it: a whole school grade, at least 1.

    >>> reading_grade(5.6), reading_grade(-2.1), reading_grade(14.49)
    (6, 1, 14)
    """
    return max(1, round(grade))


def long_date(day: dt.date | None, locale: str = LOCALE) -> str:
    """A date as the locale writes it in full.

    >>> long_date(dt.date(2025, 5, 21))
    'May 21, 2025'
    >>> long_date(None)
    ''
    """
    return format_date(day, format="long", locale=locale) if day else ""


def local_target(target: str | None) -> str | None:
    """A path on this site to go back to, or None for anything pointing elsewhere.

    >>> local_target("/answers/x?profile=a"), local_target("//evil.example/")
    ('/answers/x?profile=a', None)
    >>> local_target("https://evil.example/"), local_target("/\\\\evil.example")
    (None, None)
    """
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in target \
            or target.startswith("//"):
        return None
    return target


def with_profile(target: str, name: str | None) -> str:
    """A local path with its ?profile= set to name, or removed when name is None.

    >>> with_profile("/answers/a?profile=x&q=1", None), with_profile("/answers/a", "student")
    ('/answers/a?q=1', '/answers/a?profile=student')
    """
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "profile"]
    if name is not None:
        query.append(("profile", name))
    return parts.path + (f"?{urlencode(query)}" if query else "")


@bp.get("/")
def index():
    """Every question, in order, with a search box."""
    lib = library()
    records = [r for r in (lib.get(i) for i in lib.ids()) if r is not None]
    return render_template("pages/index.html", records=records, long_date=long_date)


@bp.get("/answers/<answer_id>")
def answer(answer_id: str):
    """One answer, rendered for the reader's profile."""
    record = get_answer_or_404(answer_id)
    choice = choose_profile()
    page = answer_page(record, choice)
    texts = {"csrf": csrf_token(), "here": with_profile(request.full_path, None),
             "unknown": choice.unknown}
    etag = page.etag(texts)
    response = make_response(page.fill(texts))
    response.set_etag(etag)
    if request.if_none_match.contains(etag):
        response.status_code = 304  # Werkzeug sends no body with it
    # The profile can come from a cookie, and the selector's form carries a session token.
    response.vary.add("Cookie")
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


def answer_page(record: Record, choice: Choice) -> Page:
    """The answer page for a record and profile, with holes for what differs per request.

    Kept per process under everything the page is made from: the revision and its source,
    the profile and every profile's version (the selector lists them all), the lexicon and
    renderer versions, the locale and the site's address. Templates that reload (debug)
    are never kept.
    """
    cat = catalog()
    name, language = choice.profile.name, record.answer.language
    key = (record.answer.id, record.revision, record.etag, record.status, record.updated,
           name, choice.source == "link", bool(choice.unknown), LOCALE, language,
           versions(cat, name, language),
           tuple((n, p.version) for n, p in cat.profiles.items()), request.host_url)
    cache: LRU = current_app.extensions["personalize.pages"]
    page = cache.get(key)
    if page is not None:
        return page
    rendition = library().rendition(record, name)
    shown = Choice(choice.profile, choice.source, SLOTS["unknown"] if choice.unknown else "")
    page = SLOTS.page(render_template(
        [f"answer/{name}.html", "answer/default.html"],
        record=record, rendition=rendition, choice=shown,
        profiles=list(cat.profiles.values()), statuses=STATUSES,
        updated=long_date(record.updated), grade=reading_grade(rendition.grade),
        page_url=url_for(".answer", answer_id=record.answer.id, profile=name, _external=True),
        here=SLOTS["here"], csrf_token=lambda: SLOTS["csrf"],
    ))
    if not current_app.jinja_env.auto_reload:
        cache.put(key, page)
    return page


@bp.post("/profile")
def set_profile():
    """Remember the reader's profile in a long-lived cookie and go back (303)."""
    name = request.form.get("profile", "")
    profiles = catalog().profiles
    target = local_target(request.form.get("next")) or url_for(".index")
    wants_json = request.accept_mimetypes.best_match(
        ["text/html", "application/json"]) == "application/json"
    if name not in profiles:
        if wants_json:
            return jsonify(error={"status": 400, "detail": f"No profile named {name!r}."}), 400
        # Back to the page with the name in the link: it explains, and shows the default.
        return redirect(with_profile(target, name[:40]), 303)
    if wants_json:
        response = jsonify(profile=name, label=profiles[name].label)
    else:
        response = redirect(with_profile(target, None), 303)
    response.set_cookie(COOKIE, name, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                        secure=request.is_secure)
    return response


@bp.get("/search")
def search():
    """Resolve a question: straight to its answer, a list to choose from, or suggestions."""
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    result = lookup.find(query, entries())
    if result.kind == "answer":
        return redirect(url_for(".answer", answer_id=result.answer_id), 303)
    return render_template("pages/search.html", query=query, result=result)


@bp.get("/editorial-policy")
def editorial_policy():
    """How answers are written, reviewed, rendered for each reader and corrected."""
    return render_template("pages/editorial_policy.html",
                           profiles=list(catalog().profiles.values()))


def entries() -> tuple[lookup.Entry, ...]:
    """Every answer's question and other phrasings, for lookup."""
    lib = library()
    records = (lib.get(i) for i in lib.ids())
    return tuple(lookup.Entry(r.answer.id, r.answer.question, tuple(r.answer.aliases))
                 for r in records if r is not None)
