"""Interface languages: the message catalogs, locale negotiation and Babel formatting.

Core code takes the language as an argument (a rendition speaks its answer's language);
nothing here keeps a "current" language, so two requests in two languages never meet.
The Flask side (personalize.web.language) picks the reader's locale and hands it in.

Catalogs live in personalize/translations/<locale>/LC_MESSAGES/messages.po (edited by
translators, see the Makefile's `messages` target) and are compiled to .mo at install
(`make`). A checkout whose .mo is missing or older than its .po compiles it in memory, so
a reader never gets English because a build step was skipped.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from personalize.langtag import primary

TRANSLATIONS = Path(__file__).resolve().parents[1] / "translations"
DOMAIN = "messages"
DEFAULT = "en"
# The interface's languages, in the order the switcher lists them.
LOCALES = ("en", "es")



def supported(language: str | None) -> str | None:
    """The interface locale a tag names, or None when we have no such interface.

    >>> supported("es-419"), supported("fr"), supported("")
    ('es', None, None)
    """
    code = primary(language)
    return code if code in LOCALES else None


def negotiate(asked: str | None, cookie: str | None,
              accepted: Iterable[tuple[str, float]] = ()) -> tuple[str, str]:
    """The reader's locale and where it came from: ?lang=, the switcher's cookie,
    Accept-Language (best quality first, regional tags falling back to the language),
    then English.

    >>> negotiate("es", "en", [("en", 1)])
    ('es', 'link')
    >>> negotiate(None, "es", [("en", 1)])
    ('es', 'cookie')
    >>> negotiate("xx", None, [("fr", 1), ("es-MX", 0.8), ("en", 0.5)])
    ('es', 'browser')
    >>> negotiate(None, None, [("de", 1)])
    ('en', 'default')
    """
    for source, value in (("link", asked), ("cookie", cookie)):
        if supported(value):
            return supported(value), source
    ranked = sorted(((q, n) for n, (tag, q) in enumerate(accepted) if q > 0),
                    key=lambda item: (-item[0], item[1]))
    tags = list(accepted)
    for _, n in ranked:
        found = supported(tags[n][0])
        if found:
            return found, "browser"
    return DEFAULT, "default"


@cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalog for a locale (English is the source language: no catalog)."""
    code = supported(locale) or DEFAULT
    folder = TRANSLATIONS / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if not po.exists():
        return NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as fp:
            return Translations(fp, domain=DOMAIN)
    return compile_in_memory(po, code)


def compile_in_memory(po: Path, locale: str) -> Translations:
    """A catalog compiled from its .po without writing anything (fuzzy entries left out,
    as pybabel compile leaves them out)."""
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=locale, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is only named; it is translated later, by value.

    >>> N_("Flesch-Kincaid grade")
    'Flesch-Kincaid grade'
    """
    return message


def translate(locale: str, message: str, **values: object) -> str:
    """A message in a locale, with %(name)s values filled in.

    >>> translate("en", "%(n)s answers", n=3)
    '3 answers'
    """
    text = translations(locale).gettext(message)
    return text % values if values else text


def translate_plural(locale: str, singular: str, plural: str, n: int, **values: object) -> str:
    """The singular or plural form of a message for n, with n and values filled in."""
    text = translations(locale).ngettext(singular, plural, n)
    return text % {"num": n, **values}


def long_date(day: dt.date | None, locale: str = DEFAULT) -> str:
    """A date as the locale writes it in full.

    >>> long_date(dt.date(2025, 5, 21)), long_date(dt.date(2025, 5, 21), "es")
    ('May 21, 2025', '21 de mayo de 2025')
    >>> long_date(None)
    ''
    """
    return format_date(day, format="long", locale=locale) if day else ""


def number(value: float | int | None, locale: str = DEFAULT, digits: int = 1) -> str:
    """A number as the locale writes it, with at most `digits` decimals.

    >>> number(1234.56, "en"), number(1234.56, "es"), number(8, "es")
    ('1,234.6', '1.234,6', '8')
    """
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale)


def language_name(code: str, locale: str | None = None) -> str:
    """A language's name, in the locale given or in itself.

    >>> language_name("es"), language_name("en", "es")
    ('español', 'inglés')
    """
    where = Locale.parse(supported(locale) or primary(locale) or primary(code))
    return Locale.parse(primary(code)).get_language_name(where)
