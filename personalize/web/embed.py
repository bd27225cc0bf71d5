"""Embeds for partner sites: the fragment, the iframe page, embed.js, oEmbed and Infobutton.

Every response is built from one dict (personalize.embed_data), is public and cacheable
(ETag from the body, Last-Modified from the answer, 304 on a match), may be read from any
origin (CORS), and carries only approved revisions whose rendition passed its gate.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    jsonify,
    make_response,
    render_template,
    request,
    url_for,
)
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect

from personalize.core.i18n import long_date
from personalize.core.profiles import Profile
from personalize.core.render import Rendition
from personalize.langtag import primary
from personalize.reports import embed_data as data
from personalize.store.library import Record
from personalize.web.api import fail
from personalize.web.embed_notice import unavailable, wants_json_error
from personalize.web.extensions import catalog, demo_reviewer, library
from personalize.web.language import locale
from personalize.web.security import CSP

bp = Blueprint("embed", __name__)

INFOBUTTON_TYPES = ("text/html", "application/json")
# A CSP source: a scheme, a host pattern with optional scheme and port, or a keyword.
_SOURCE = re.compile(r"\*|'self'|'none'|[a-z][a-z0-9+.-]*:(//[^\s;,'\"]+)?|[^\s;,'\":]+(:\d+|:\*)?")


def init_app(app: Flask) -> None:
    """Fill in the embed settings and check the frame-ancestors allowlist (a bad one stops)."""
    # Sites allowed to frame /embed/<id>/frame and /infobutton: CSP sources, space-separated
    # (or a list). "*" is any http(s) site; "'none'" turns framing off.
    app.config.setdefault("EMBED_FRAME_ANCESTORS", "*")
    app.config.setdefault("EMBED_MAX_AGE", 300)  # seconds partners and CDNs may cache
    app.config.setdefault("OEMBED_PROVIDER_NAME", "personalize")
    # Hosts besides this site that embeds may load images from (space-separated or a list);
    # any other image in an answer reaches partners' pages as its alt text.
    app.config.setdefault("EMBED_IMAGE_HOSTS", "")
    frame_ancestors(app.config["EMBED_FRAME_ANCESTORS"])


def frame_ancestors(setting) -> str:
    """The allowlist as a CSP source list; ValueError naming the setting when malformed.

    >>> frame_ancestors("https://a.example  https://*.b.example:8443"), frame_ancestors(["*"])
    ('https://a.example https://*.b.example:8443', '*')
    >>> frame_ancestors("https://a.example; script-src *")
    Traceback (most recent call last):
    ValueError: EMBED_FRAME_ANCESTORS: 'https://a.example;' is not a CSP source
    """
    sources = setting.replace(",", " ").split() if isinstance(setting, str) else list(setting)
    for source in sources:
        if not _SOURCE.fullmatch(str(source)):
            raise ValueError(f"EMBED_FRAME_ANCESTORS: {source!r} is not a CSP source")
    return " ".join(sources) or "'none'"


def allow_cross_origin(response: Response) -> Response:
    """Let pages on any site read the response (no credentials are ever involved)."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


bp.after_request(allow_cross_origin)


def frameable(response: Response) -> Response:
    """Let the sites on the allowlist frame this page, and no others."""
    sources = frame_ancestors(current_app.config["EMBED_FRAME_ANCESTORS"])
    response.headers["Content-Security-Policy"] = CSP.replace(
        "frame-ancestors 'none'", f"frame-ancestors {sources}")
    # X-Frame-Options cannot name a list of sites. Browsers ignore it when the CSP has
    # frame-ancestors (HTML standard); setting it here keeps security.py's DENY off.
    response.headers["X-Frame-Options"] = "SAMEORIGIN" if sources == "'self'" else "ALLOWALL"
    return response


def cacheable(response: Response, updated: dt.date | None) -> Response:
    """Public caching with validators; a 304 when the client's copy is current."""
    response.add_etag()  # the body's hash: changes with the revision, profile and template
    if updated:
        response.last_modified = dt.datetime.combine(updated, dt.time(), dt.UTC)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["EMBED_MAX_AGE"]
    return response.make_conditional(request)


# -- looking up what is asked for ----------------------------------------------------------

def chosen_profile(name: str | None) -> Profile:
    """The profile named in the request (the default when none); 400 listing the valid ones."""
    profiles = catalog().profiles
    if not name:
        return catalog().default
    if name not in profiles:
        fail(400, f"There is no profile {name[:40]!r}; use one of: {', '.join(profiles)}.",
             profiles=list(profiles))
    return profiles[name]


def chosen_locale(name: str | None) -> str:
    """The locale asked for ("en" when none); 400 listing the valid ones."""
    if not name:
        return data.LOCALES[0]
    if name not in data.LOCALES:
        fail(400, f"There is no locale {name[:20]!r}; use one of: {', '.join(data.LOCALES)}.",
             locales=list(data.LOCALES))
    return name


def embeddable(answer_id: str, profile: Profile, lang: str) -> tuple[Record, Rendition]:
    """The approved record and its passing rendition; 404 or 409 (with the reasons) if not."""
    record = library().get(answer_id)
    if record is None:
        fail(404, f"There is no answer with the id {answer_id[:80]!r}.")
    translated = in_language(record, profile, lang)
    if translated:
        return translated
    rendition = library().rendition(record, profile.name)
    try:
        data.check_embeddable(record, rendition)
    except data.NotEmbeddable as exc:
        fail(409, exc.detail, **exc.extra)
    return record, rendition


def in_language(record: Record, profile: Profile, lang: str) -> tuple[Record, Rendition] | None:
    """The same question's answer in the language asked for, when it exists and may be
    embedded; None means the answer asked for is served (with a notice when its language
    is not the one asked for)."""
    other = record.answer.translation(lang)
    if primary(record.answer.language) == lang or not other:
        return None
    found = library().get(other)
    if found is None:
        return None
    rendition = library().rendition(found, profile.name)
    try:
        data.check_embeddable(found, rendition)
    except data.NotEmbeddable:
        return None  # not approved yet in that language: the approved original stands
    return found, rendition


def requested(answer_id: str) -> tuple[Record, Rendition, Profile, str]:
    """What a fragment, frame or JSON request asks for, from ?profile= and ?lang=."""
    profile = chosen_profile(request.args.get("profile"))
    lang = chosen_locale(request.args.get("lang"))
    record, rendition = embeddable(answer_id, profile, lang)
    return record, rendition, profile, lang


def embed_dict(record: Record, rendition: Rendition, profile: Profile, lang: str) -> dict:
    """The embed dict with this app's URLs."""
    answer_id = record.answer.id
    endpoints = {"page": "pages.answer", "frame": "embed.frame", "fragment": "embed.fragment",
                 "json": "embed_api.answer"}

    def link(kind: str, name: str) -> str:
        # A reader who follows the link to the page reads it in the partner's language.
        extra = {"lang": lang}
        return url_for(endpoints[kind], answer_id=answer_id, profile=name, _external=True,
                       **extra)

    hosts = current_app.config["EMBED_IMAGE_HOSTS"]
    hosts = hosts.replace(",", " ").split() if isinstance(hosts, str) else hosts
    return data.embed_data(record, rendition, profile, list(catalog().profiles.values()), link,
                           lang, site=request.url_root,
                           image_hosts=frozenset(h.lower() for h in hosts))


def snippet(d: dict, switch: str, stylesheet: bool, record: Record | None = None) -> dict:
    """Template values for templates/embed/_snippet.html."""
    updated = dt.date.fromisoformat(d["updated"]) if d["updated"] else None
    return {"d": d, "switch": switch, "updated": long_date(updated, locale()),
            "sample_by": demo_reviewer(record) if record else "",
            "stylesheet": url_for("static", filename="css/embed.css", _external=True)
            if stylesheet else None}


# -- the views -------------------------------------------------------------------------------

@bp.get("/embed/<answer_id>")
def fragment(answer_id: str):
    """The rendition as an HTML fragment for a partner's page (?stylesheet=0 leaves out CSS)."""
    try:
        record, rendition, profile, lang = requested(answer_id)
    except HTTPException as exc:
        if wants_json_error():
            raise
        return unavailable(answer_id, exc, whole_page=False)
    d = embed_dict(record, rendition, profile, lang)
    html = render_template("embed/fragment.html",
                           **snippet(d, "page", request.args.get("stylesheet") != "0", record))
    return cacheable(make_response(html), record.updated)


@bp.get("/embed/<answer_id>/frame")
def frame(answer_id: str):
    """A whole page for an iframe: reports its height to the parent; profile switch inside."""
    try:
        record, rendition, profile, lang = requested(answer_id)
    except HTTPException as exc:
        return frameable(unavailable(answer_id, exc, whole_page=True))
    d = embed_dict(record, rendition, profile, lang)
    html = render_template("embed/frame.html", **snippet(d, "frame", True, record))
    return frameable(cacheable(make_response(html), record.updated))


@bp.get("/embed.js")
def script():
    """The loader partners include once (static/embed.js)."""
    path = Path(current_app.static_folder) / "embed.js"
    response = Response(path.read_text(encoding="utf-8"), mimetype="text/javascript")
    return cacheable(response, dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date())


@bp.get("/oembed")
def oembed():
    """oEmbed 1.0 for an answer page's URL: a "rich" iframe of the frame page."""
    url = request.args.get("url", "").strip()
    if not url:
        fail(400, "Send url= with the address of an answer page, e.g. "
             f"{url_for('pages.answer', answer_id='leukopenia-causes', _external=True)}.")
    fmt = request.args.get("format", "json").strip().lower() or "json"
    if fmt not in data.OEMBED_FORMATS:
        fail(501, f"The format {fmt[:20]!r} is not served; use json or xml.",
             formats=list(data.OEMBED_FORMATS))
    size = {}
    for name in ("maxwidth", "maxheight"):
        try:
            size[name] = data.parse_dimension(request.args.get(name))
        except ValueError as exc:
            fail(400, f"{name} {exc} (values over {data.MAX_FRAME} are taken as "
                 f"{data.MAX_FRAME}).")
    answer_id, query = answer_of(url)
    profile = chosen_profile(query.get("profile") or request.args.get("profile"))
    lang = chosen_locale(request.args.get("lang"))
    record, _ = embeddable(answer_id, profile, lang)
    width, height = data.frame_size(size["maxwidth"], size["maxheight"])
    body = data.oembed_data(
        record.answer.question,
        url_for(".frame", answer_id=answer_id, profile=profile.name, lang=lang, _external=True),
        width, height, current_app.config["OEMBED_PROVIDER_NAME"],
        url_for("pages.index", _external=True), current_app.config["EMBED_MAX_AGE"],
        url_for(".script", _external=True))
    if fmt == "xml":
        response = Response(data.oembed_xml(body), mimetype="text/xml")
    else:
        response = jsonify(body)
    return cacheable(response, record.updated)


def answer_of(url: str) -> tuple[str, dict]:
    """The answer id and query of an answer page's URL on this site; 404 for any other URL."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        fail(400, f"{url[:200]!r} is not a valid URL ({exc}); send the address of an answer "
             "page on this site, e.g. ?url=https://<this site>/answers/<id>.")
    root = request.script_root
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower() \
            or not parts.path.startswith(root + "/"):
        fail(404, f"{url[:200]!r} is not the address of an answer on this site.")
    try:
        endpoint, args = current_app.url_map.bind(request.host, script_name=root or "/").match(
            parts.path[len(root):], method="GET")
    except (HTTPException, RequestRedirect):
        endpoint, args = "", {}
    if endpoint != "pages.answer":
        fail(404, f"{url[:200]!r} is not the address of an answer on this site.")
    return args["answer_id"], dict(parse_qsl(parts.query))


@bp.get("/infobutton")
def infobutton():
    """HL7 Infobutton (URL-based): the approved answers coded with a concept."""
    args = request.args
    code = args.get("mainSearchCriteria.v.c", "").strip()
    system = args.get("mainSearchCriteria.v.cs", "").strip()
    recipient = args.get("informationRecipient", "PAT").strip() or "PAT"
    kind = args.get("knowledgeResponseType", "text/html").strip() or "text/html"
    if not code:
        fail(400, "Send mainSearchCriteria.v.c with the code you are asking about.")
    if system not in data.CODE_SYSTEMS:
        fail(400, f"Unknown code system {system[:60]!r} in mainSearchCriteria.v.cs; use one "
             f"of: {', '.join(f'{o} ({n})' for o, n in data.CODE_SYSTEMS.items())}.",
             code_systems=data.CODE_SYSTEMS)
    if recipient not in data.RECIPIENTS:
        fail(400, f"informationRecipient must be one of: {', '.join(data.RECIPIENTS)}.",
             recipients=list(data.RECIPIENTS))
    if kind not in INFOBUTTON_TYPES:
        fail(400, f"knowledgeResponseType must be one of: {', '.join(INFOBUTTON_TYPES)}.",
             types=list(INFOBUTTON_TYPES))
    lang = chosen_locale(args.get("informationRecipient.languageCode.c"))
    profile = chosen_profile(data.RECIPIENTS[recipient])
    chosen, seen = [], set()
    for _, record, rendition in matches(data.CODE_SYSTEMS[system], code, profile):
        pair = in_language(record, profile, lang) or (record, rendition)
        if pair[0].answer.id not in seen:  # a question's two languages are one entry
            seen.add(pair[0].answer.id)
            chosen.append(pair)
    entries = [embed_dict(record, rendition, profile, lang) for record, rendition in chosen]
    feed = data.infobutton_feed(request.url, system, code, recipient, entries, lang)
    updated = feed["feed"]["updated"]
    updated = dt.date.fromisoformat(updated) if updated else None
    if kind == "application/json":
        return cacheable(jsonify(feed), updated)
    html = render_template("embed/infobutton.html", feed=feed["feed"], code=code,
                           system=data.CODE_SYSTEMS[system],
                           snippets=[snippet(e, "page", False, record)
                                     for e, (record, _) in zip(entries, chosen, strict=True)])
    return frameable(cacheable(make_response(html), updated))


def matches(system: str, code: str, profile: Profile) -> list[tuple[int, Record, Rendition]]:
    """Approved answers coded with the concept (best match first) whose rendition passed."""
    lib = library()
    found = []
    for answer_id in lib.ids():
        record = lib.get(answer_id)
        score = data.code_match(record.answer.codes, system, code) if record else 0
        if score and record.approved:
            rendition = lib.rendition(record, profile.name)
            if rendition.verdict == "pass":
                found.append((score, record, rendition))
    return sorted(found, key=lambda m: -m[0])
