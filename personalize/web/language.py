"""The reader's interface language on the web: negotiation, the switcher, gettext in Jinja.

Each request picks its locale once (personalize.i18n.negotiate) and keeps it on flask.g;
templates get `_`, `gettext` and `ngettext` bound to that locale (Jinja2's i18n extension,
new-style: values are escaped and filled in by name). A ?lang= link carries itself on the
site's own links, as ?profile= does; the switcher stores the choice in a cookie.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time
from flask import (
    Blueprint,
    Flask,
    g,
    has_request_context,
    jsonify,
    redirect,
    request,
    url_for,
)

from personalize.core import i18n
from personalize.web.security import same_origin
from personalize.web.urls import local_target, with_param

bp = Blueprint("language", __name__)

COOKIE = "pz_lang"
COOKIE_MAX_AGE = 400 * 24 * 3600
# Endpoints whose links keep a ?lang= the reader arrived with.
_KEEPS_LANG = ("pages.", "language.")
# Partners and programs say the language in the link; the visitor's browser and cookie do
# not change what an embed or the API returns (so a cached copy is right for everyone).
_LINK_ONLY = ("api", "embed", "embed_api")


def init_app(app: Flask) -> None:
    """Negotiate each request's locale and give templates gettext bound to it."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    # Jinja's new-style wrappers fill in %(name)s values (escaped) themselves.
    app.jinja_env.install_gettext_callables(
        lambda message: i18n.translations(locale()).gettext(message),
        lambda singular, plural, n: i18n.translations(locale()).ngettext(singular, plural, n),
        newstyle=True)
    app.jinja_env.globals.update(long_date=_long_date, number=_number,
                                 datetime_text=datetime_text,
                                 language_name=i18n.language_name, LOCALES=i18n.LOCALES)
    app.before_request(_negotiate)
    app.url_defaults(_keep_lang)
    app.context_processor(lambda: {"locale": locale(), "locale_source": source()})
    app.register_blueprint(bp)


def _negotiate() -> None:
    if request.blueprint in _LINK_ONLY:
        # HL7 Infobutton requests name the reader's language in their own parameter.
        asked = request.args.get("lang") or request.args.get("informationRecipient.languageCode.c")
        g.locale, g.locale_source = i18n.negotiate(asked, None)
        return
    g.locale, g.locale_source = i18n.negotiate(
        request.args.get("lang"), request.cookies.get(COOKIE),
        [(tag, q) for tag, q in request.accept_languages])


def locale() -> str:
    """The current request's interface locale ("en" outside a request)."""
    if has_request_context() and "locale" in g:
        return g.locale
    return i18n.DEFAULT


def source() -> str:
    """Where the locale came from: "link", "cookie", "browser" or "default"."""
    return g.get("locale_source", "default") if has_request_context() else "default"


def gettext(message: str, **values: object) -> str:
    """A message in the reader's language."""
    return i18n.translate(locale(), message, **values)


def ngettext(singular: str, plural: str, n: int, **values: object) -> str:
    """The singular or plural message for n in the reader's language."""
    return i18n.translate_plural(locale(), singular, plural, n, **values)


_ = gettext


def _long_date(day, locale_: str | None = None) -> str:
    return i18n.long_date(day, locale_ or locale())


def datetime_text(value: str | dt.datetime, locale_: str | None = None) -> str:
    """A stored time (UTC, ISO text or naive datetime) as the reader's locale writes it.

    >>> datetime_text("2026-12-03T09:30:50", "es")
    '3 dic 2026, 9:30 UTC'
    >>> datetime_text("2026-12-03T21:05:00", "en").replace("\u202f", " ")
    'Dec 3, 2026, 9:05 PM UTC'
    """
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    when = when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when
    here = locale_ or locale()
    return (format_date(when, "medium", locale=here) + ", "
            + format_time(when, "short", tzinfo=dt.UTC, locale=here) + " UTC")


def _number(value, digits: int = 1) -> str:
    return i18n.number(value, locale(), digits)


def _keep_lang(endpoint: str, values: dict) -> None:
    if (source() == "link" and endpoint.startswith(_KEEPS_LANG) and "lang" not in values
            and (request.blueprint or "") + "." in _KEEPS_LANG):
        values["lang"] = locale()


VARY = ("Cookie", "Accept-Language")


def vary(response) -> None:
    """Mark a response whose language can come from the cookie or the browser."""
    headers = response.headers
    if "Vary" not in headers:  # the common case, without parsing and rewriting a header set
        headers["Vary"] = ", ".join(VARY)
        return
    for name in VARY:
        response.vary.add(name)


@bp.post("/language")
@same_origin
def set_language():
    """Remember the reader's language in a long-lived cookie and go back (303)."""
    code = i18n.supported(request.form.get("lang"))
    target = local_target(request.form.get("next")) or url_for("pages.index")
    wants_json = request.accept_mimetypes.best_match(
        ["text/html", "application/json"]) == "application/json"
    if code is None:
        detail = i18n.translate(locale(), "There is no interface in that language; "
                              "choose one of: %(codes)s.", codes=", ".join(i18n.LOCALES))
        if wants_json:
            return jsonify(error={"status": 400, "detail": detail}), 400
        return redirect(with_param(target, "lang", None), 303)
    response = (jsonify(lang=code, name=i18n.language_name(code)) if wants_json
                else redirect(with_param(target, "lang", None), 303))
    response.set_cookie(COOKIE, code, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
                        secure=request.is_secure)
    return response
