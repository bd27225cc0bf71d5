"""Reader pages: the index, question lookup, the answer page and the profile selector."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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

from personalize.core import i18n
from personalize.core.answer import STATUSES
from personalize.core.profiles import Profile
from personalize.core.reading_level import reading_level
from personalize.langtag import primary
from personalize.store import lookup
from personalize.store.library import Record
from personalize.store.lru import LRU
from personalize.store.renditions import versions
from personalize.web import replay
from personalize.web.errors import get_answer_or_404
from personalize.web.extensions import catalog, demo_reviewer, library
from personalize.web.language import locale, vary
from personalize.web.language import source as language_source
from personalize.web.page_cache import Page, Slots
from personalize.web.security import same_origin
from personalize.web.urls import local_target, with_param

bp = Blueprint("pages", __name__)

COOKIE = "pz_profile"
COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest lifetime browsers accept
MAX_QUERY = 200
PAGES_KEPT = 256  # rendered answer pages per process (about 12 kB each); PAGE_CACHE_SIZE sets it
# What differs between readers of the same answer page, left as holes in the kept page.
# "here" is the page without ?profile= (the selector's way back, where the new choice wins);
# "back" the page as asked for (the language switcher's, which keeps a ?profile= link).
SLOTS = Slots("here", "back", "unknown")


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


def with_profile(target: str, name: str | None) -> str:
    """A local path with its ?profile= set to name, or removed when name is None.

    >>> with_profile("/answers/a?profile=x&q=1", None), with_profile("/answers/a", "student")
    ('/answers/a?q=1', '/answers/a?profile=student')
    """
    return with_param(target, "profile", name)


@bp.after_request
def _vary_on_language(response):
    """Reader pages speak the language of ?lang=, the cookie or the browser."""
    vary(response)
    if response.content_type.startswith("text/html"):
        response.headers["Content-Language"] = locale()
    return response


def in_reader_language(records: list[Record], code: str) -> tuple[list[Record], list[Record]]:
    """The answers a reader of one language sees listed: those in the language (an answer in
    another language stands aside for its translation), and those not yet translated."""
    own = [r for r in records if primary(r.answer.language) == code]
    ids = {r.answer.id for r in own}
    covered = {i for r in own for _, i in r.answer.translations}
    others = [r for r in records if primary(r.answer.language) != code
              and r.answer.id not in covered and r.answer.translation(code) not in ids]
    return own, others


@bp.get("/")
def index():
    """Every question in the reader's language, then those not yet written in it."""
    lib = library()
    records = [r for r in (lib.get(i) for i in lib.ids()) if r is not None]
    own, others = in_reader_language(records, locale())
    return render_template("pages/index.html", records=sorted(own, key=question_order),
                           untranslated=sorted(others, key=question_order))


def question_order(record: Record) -> tuple[str, str]:
    """Where a question goes in a list: by its words, as a reader reads them, ignoring
    accents, case and opening marks ("¿Qué..." among the Q's, not after "Z").

    >>> sorted(["¿Qué causa?", "Zinc?", "Anemia?", "Éxito?"], key=lambda q: question_order(
    ...     Record(type("A", (), {"question": q, "id": q})(), 1, "", None, "")))
    ['Anemia?', 'Éxito?', '¿Qué causa?', 'Zinc?']
    """
    text = unicodedata.normalize("NFKD", record.answer.question)
    words = "".join(c for c in text if not unicodedata.combining(c)).lstrip("¿¡\"'“‘( ")
    return words.casefold(), record.answer.id


@bp.get("/answers/<answer_id>")
def answer(answer_id: str):
    """One answer, rendered for the reader's profile, in the reader's language if it can."""
    record = get_answer_or_404(answer_id)
    other = record.answer.translation(locale())
    found = library().get(other) if (other and other != answer_id
                                     and primary(record.answer.language) != locale()
                                     and language_source() != "default") else None
    # Only to an answer in the language asked for, which never sends the reader on again:
    # a translation naming itself, or one in yet another language, cannot loop.
    if found is not None and primary(found.answer.language) == locale():
        # The reader's language has its own answer to this question: go there (the choice of
        # language came from a link, the cookie or the browser, so this is not cached).
        response = redirect(url_for(".answer", answer_id=other,
                                    profile=request.args.get("profile")), 302)
        response.cache_control.no_cache = True
        return response
    choice = choose_profile()
    page = answer_page(record, choice)
    texts = {"here": with_profile(request.full_path, None),
             "back": request.full_path.rstrip("?"), "unknown": choice.unknown}
    etag = page.etag(texts)
    response = make_response(page.fill(texts))
    response.set_etag(etag)
    if request.if_none_match.contains(etag):
        response.status_code = 304  # Werkzeug sends no body with it
    # The profile and the language can come from cookies (Vary: see _vary_on_language).
    response.headers["Cache-Control"] = "private, no-cache"
    if not current_app.jinja_env.auto_reload:  # as the page was kept, so is the response
        replay.mark()
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
           name, choice.source == "link", bool(choice.unknown),
           locale(), language_source() == "link", language,
           versions(cat, name, language),
           tuple((n, p.version) for n, p in cat.profiles.items()),
           # the site's address as host_url has it, without building that URL (an IRI made
           # from the WSGI environ on every request)
           request.scheme, request.host, request.root_path)
    cache: LRU = current_app.extensions["personalize.pages"]
    page = cache.get(key)
    if page is not None:
        return page
    rendition = library().rendition(record, name)
    alternates = [(code, url_for(".answer", answer_id=other, lang=None, _external=True))
                  for code, other in record.answer.translations
                  if library().get(other) is not None]
    shown = Choice(choice.profile, choice.source, SLOTS["unknown"] if choice.unknown else "")
    page = SLOTS.page(render_template(
        [f"answer/{name}.html", "answer/default.html"],
        record=record, rendition=rendition, choice=shown,
        profiles=list(cat.profiles.values()), statuses=STATUSES,
        updated=i18n.long_date(record.updated, locale()),
        level=reading_level(rendition.scores.values),
        alternates=alternates, sample_by=demo_reviewer(record),
        page_url=url_for(".answer", answer_id=record.answer.id, profile=name, lang=None,
                         _external=True),
        here=SLOTS["here"], back=SLOTS["back"],
    ))
    if not current_app.jinja_env.auto_reload:
        cache.put(key, page)
    return page


@bp.post("/profile")
@same_origin
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
    everything = entries()
    result = lookup.find(query, lookup.in_language(everything, locale()))
    if result.kind == "none" and query:
        # Nothing in the reader's language: a sure match in another one is better than none
        # (a doubtful one is not: "causes" and "causa" look alike to the index).
        elsewhere = lookup.find(query, everything)
        if elsewhere.kind == "answer":
            result = elsewhere
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
    return tuple(lookup.Entry(r.answer.id, r.answer.question, tuple(r.answer.aliases),
                              r.answer.language)
                 for r in records if r is not None)
