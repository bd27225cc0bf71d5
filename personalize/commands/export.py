"""Static export: every approved answer for every profile as pages, fragments and JSON.

The exported pages link to each other by relative paths, so any static file server, from any
sub-path, or none (file://), serves them. What a reader does with the app's forms is a link
here: the profile selector links to the answer's other versions, the language switcher to
the same page (or the translated answer) in another exported language; there is no search
box, only a link to the list of questions, and no oEmbed discovery (a static site answers no
oEmbed request). --base-url says where the folder will be served: the canonical link and the
printed address use it. Pages are the app's own reader routes, rendered through its test
client over a library that holds approved answers only: nothing pending review is published.

    index.html, editorial-policy.html, static/...      the reader pages' shared files
    <locale>/index.html, <locale>/editorial-policy.html  the same in another interface
                                                       language (es/index.html)
    index.json                                         every answer and its files
    answers/<id>/<profile>.html                        the answer page for a profile
    answers/<id>/<profile>.fragment.html               the rendition alone, for embedding
    answers/<id>/<profile>.json                        the rendition as data

An answer page is written in its answer's language, interface included (answer ids are
unique across languages, so the path needs no locale); --language limits the export to
answers and interface pages in some languages (index.html then links to their lists).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import click
from flask import Flask, current_app, has_request_context, request
from flask.cli import with_appcontext

from personalize.core import i18n
from personalize.langtag import primary
from personalize.store.library import Library, Record
from personalize.store.lru import LRU

# Pages exported besides the answers, when the app has them.
SITE_PAGES = {"/": "index.html", "/editorial-policy": "editorial-policy.html"}
# Pages that need the app; on the static site their links go to the list of every question.
NEEDS_THE_APP = {"/search": "index.html"}
# Set in the environ of the requests that render exported pages: the exported locales.
# Templates see it as `static_site` and draw links where the app has forms.
STATIC_SITE = "personalize.static_site"
# The address pages are rendered at; links to it are links to exported files.
RENDERED_AT = "http://static-export.invalid"
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[^"]*)"')
_CANONICAL = re.compile(r'(<link rel="canonical" href=")([^"]*)(")')
_PRINTED_AT = re.compile(r'(<span class="print-url__address">)([^<]*)(</span>)')


class ApprovedOnly:
    """A Library showing only answers with an approved revision (in `languages`, when given):
    what a public site shows."""

    def __init__(self, library: Library, languages: tuple[str, ...] = ()):
        self.library = library
        self.languages = languages

    def ids(self) -> list[str]:
        """Ids of approved answers, in display order."""
        return [i for i in self.library.ids() if self.get(i) is not None]

    def get(self, answer_id: str) -> Record | None:
        """The latest approved revision, or None."""
        record = self.library.get(answer_id)
        if record is None or not record.approved or (
                self.languages and primary(record.answer.language) not in self.languages):
            return None
        return record

    def rendition(self, record: Record, profile: str):
        """The rendition, from the library underneath."""
        return self.library.rendition(record, profile)

    @property
    def catalog(self):
        """The catalog of the library underneath (the site's lexicon entries included)."""
        return self.library.catalog


def init_app(app: Flask) -> None:
    """Register the export-static command, and `static_site` for the templates."""
    app.cli.add_command(export_static_command)
    app.context_processor(lambda: {"static_site": request.environ.get(STATIC_SITE, ())
                                   if has_request_context() else ()})


def static_path(url: str, answers: set[str], profiles: list[str]) -> str | None:
    """The exported file a site-relative URL maps to, or None when it is not exported.

    >>> static_path("/answers/a?profile=student", {"a"}, ["patient", "student"])
    'answers/a/student.html'
    >>> static_path("/answers/a", {"a"}, ["patient"]), static_path("/answers/b", {"a"}, [])
    ('answers/a/patient.html', None)
    >>> static_path("/static/css/site.css", set(), []), static_path("/profile", set(), [])
    ('static/css/site.css', None)
    >>> static_path("/?lang=es", set(), []), static_path("/search?lang=en&q=x", set(), [])
    ('es/index.html', 'index.html')
    >>> static_path("/answers/a?profile=patient&lang=es", {"a"}, ["patient"])
    'answers/a/patient.html'
    """
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    query = dict(parse_qsl(parts.query))
    lang = i18n.supported(query.pop("lang", None)) or i18n.DEFAULT
    folder = "" if lang == i18n.DEFAULT else f"{lang}/"
    if parts.path in SITE_PAGES and not query:
        return folder + SITE_PAGES[parts.path]
    if parts.path in NEEDS_THE_APP:
        return folder + NEEDS_THE_APP[parts.path]
    if parts.path.startswith("/static/"):
        return parts.path[1:]
    match = re.fullmatch(r"/answers/([a-z0-9][a-z0-9-]*)", parts.path)
    if match and match.group(1) in answers:
        profile = query.get("profile", profiles[0])
        if profile in profiles:
            return f"answers/{match.group(1)}/{profile}.html"
    return None


def relink(page: str, url: str, here: str, mapping, public: str) -> tuple[str, list[str]]:
    """Point a page's links at the exported files, relative to `here`, and its canonical link
    and printed address at their files under `public` (where the site is served); also say
    which links were left pointing at `public` because nothing exported answers them.

    >>> to_file = lambda u: static_path(u, {"a"}, ["patient", "student"])
    >>> relink('<a href="?profile=student">S</a> <a href="/#top"> <a href="/profile">',
    ...        "/answers/a", "answers/a/patient.html", to_file, "https://example.org/site/")
    ('<a href="student.html">S</a> <a href="../../index.html#top"> \
<a href="https://example.org/site/profile">', ['/profile'])
    >>> relink('<link rel="canonical" href="http://static-export.invalid/answers/a">', "/answers/a",
    ...        "answers/a/student.html", to_file, "https://example.org/site/")[0]
    '<link rel="canonical" href="https://example.org/site/answers/a/patient.html">'
    """
    left: list[str] = []

    def local(address: str) -> tuple[str | None, str]:
        """A link's path on the app (None for another site's) and its fragment."""
        target_url = urljoin(url, html.unescape(address))
        parts = urlsplit(target_url)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != RENDERED_AT:
            return None, ""
        return target_url[len(RENDERED_AT):] if parts.netloc else target_url, parts.fragment

    def absolute(match: re.Match) -> str:
        path, _ = local(match[2])
        target = mapping(path.split("#")[0]) if path is not None else None
        return match[1] + html.escape(urljoin(public, target or here)) + match[3]

    def relative(match: re.Match) -> str:
        path, fragment = local(match["url"])
        if path is None:
            return match.group(0)
        target = mapping(path.split("#")[0])
        if target is None:
            left.append(path)
            return f'{match["attr"]}="{html.escape(urljoin(public, path.lstrip("/")))}"'
        if target == here and fragment:
            return f'{match["attr"]}="#{html.escape(fragment)}"'
        rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
        rel += f"#{fragment}" if fragment else ""
        return f'{match["attr"]}="{html.escape(rel)}"'

    page = _CANONICAL.sub(absolute, page)
    page = _PRINTED_AT.sub(absolute, page)
    return _LINK.sub(relative, page), left


def export_site(app: Flask, out: Path, base_url: str = "http://localhost",
                progress=lambda items, label: items, languages: tuple[str, ...] = (),
                warn=lambda message: None) -> dict:
    """Write the static site to `out` (every language, or only `languages`); return what
    index.json holds. `warn` hears of each link that no exported file answers."""
    catalog = app.extensions["personalize.catalog"]
    profiles = [catalog.default.name] + [n for n in catalog.profiles if n != catalog.default.name]
    full = app.extensions["personalize.library"]
    languages = tuple(primary(code) for code in languages)
    approved = ApprovedOnly(full, languages)
    records = [approved.get(i) for i in approved.ids()]
    pages = {rule.rule for rule in app.url_map.iter_rules()}
    index = {"answers": []}
    for record in progress(records, f"Exporting {len(records)} approved answers"):
        folder = out / "answers" / record.answer.id
        folder.mkdir(parents=True, exist_ok=True)
        entry = {"id": record.answer.id, "question": record.answer.question,
                 "language": record.answer.language,
                 "translations": dict(record.answer.translations), "revision": record.revision,
                 "updated": record.updated.isoformat() if record.updated else None,
                 "etag": record.etag, "profiles": {}}
        for name in profiles:
            rendition = full.rendition(record, name)
            files = {"json": f"{name}.json", "fragment": f"{name}.fragment.html"}
            if "/answers/<answer_id>" in pages:
                files["page"] = f"{name}.html"
            data = rendition.as_dict() | {key: entry[key] for key in
                                          ("revision", "updated", "etag")} | {"files": files}
            (folder / files["json"]).write_text(json.dumps(data, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
            (folder / files["fragment"]).write_text(rendition.html, encoding="utf-8")
            entry["profiles"][name] = {k: f"answers/{record.answer.id}/{v}"
                                       for k, v in files.items()}
        index["answers"].append(entry)
    locales = [code for code in i18n.LOCALES if not languages or code in languages]
    for link in _write_pages(app, out, approved, records, profiles, pages, base_url, locales):
        warn(f"{link} is not exported: it points at the app at {base_url}.")
    (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return index


def _write_pages(app, out, approved, records, profiles, rules, base_url, locales) -> list[str]:
    """Render the reader pages that exist over approved answers only, with relative links;
    each page asks for its language in the link, as a reader's browser would. Returns the
    links left pointing at the app, as "page: link"."""
    ids = {r.answer.id for r in records}
    urls = {f"{url}?lang={code}": static_path(f"{url}?lang={code}", ids, profiles)
            for url in SITE_PAGES if url in rules for code in locales}
    if "/answers/<answer_id>" in rules:
        urls |= {f"/answers/{r.answer.id}?profile={p}&lang={primary(r.answer.language)}":
                 f"answers/{r.answer.id}/{p}.html"
                 for r in sorted(records, key=lambda r: r.answer.id) for p in profiles}
    if not urls:
        return []
    if app.static_folder and Path(app.static_folder).is_dir():
        shutil.copytree(app.static_folder, out / "static", dirs_exist_ok=True)
    written = set(urls.values())

    def to_file(url: str) -> str | None:
        path = static_path(url, ids, profiles)
        exported = path in written or (path or "").startswith("static/") and (out / path).is_file()
        return path if exported else None

    public = base_url.rstrip("/") + "/"
    left: list[str] = []
    saved = app.extensions["personalize.library"], app.extensions["personalize.pages"]
    # Pages see approved answers only, and are kept apart from the pages the app serves.
    app.extensions["personalize.library"] = approved
    app.extensions["personalize.pages"] = LRU(len(urls))
    try:
        client = app.test_client()
        for url, path in urls.items():
            response = client.get(url, base_url=RENDERED_AT,
                                  environ_base={STATIC_SITE: tuple(locales)})
            if response.status_code != 200:
                raise click.ClickException(f"{url} answered {response.status}")
            page, links = relink(response.get_data(as_text=True), url, path, to_file, public)
            left += [f"{path}: {link}" for link in links]
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(page, encoding="utf-8")
    finally:
        app.extensions["personalize.library"], app.extensions["personalize.pages"] = saved
    if "index.html" not in written:
        _write_language_choice(out, [c for c in locales if f"{c}/index.html" in written])
    return left


def _write_language_choice(out: Path, locales: list[str]) -> None:
    """A root index.html for an export without the default language: its languages' lists."""
    links = "".join(f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
                    f"{html.escape(i18n.language_name(code, code).capitalize())}</a></li>"
                    for code in locales)
    refresh = (f'<meta http-equiv="refresh" content="0; url={locales[0]}/index.html">'
               if len(locales) == 1 else "")
    lang = locales[0] if len(locales) == 1 else i18n.DEFAULT
    (out / "index.html").write_text(
        f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{refresh}'
        f"<title>personalize</title></head>\n<body><main><h1>personalize</h1>"
        f"<ul>{links}</ul></main></body>\n</html>\n", encoding="utf-8")


@click.command("export-static")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--base-url", default="http://localhost", show_default=True,
              help="Where the exported folder will be served (any path), for the canonical "
                   "link and printed address of each page.")
@click.option("--language", "languages", multiple=True,
              type=click.Choice(i18n.LOCALES),
              help="Export answers and interface pages in this language only (repeatable; "
                   "default: every language).")
@with_appcontext
def export_static_command(directory, base_url, languages):
    """Write every approved answer for every profile as static pages, fragments and JSON."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)

    def progress(items, label):
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    index = export_site(current_app._get_current_object(), out, base_url, progress,
                        tuple(languages), lambda message: click.echo(message, err=True))
    count = len(index["answers"])
    click.echo(f"{count} approved answers x "
               f"{len(current_app.extensions['personalize.catalog'].profiles)} profiles "
               f"written to {out}.")
    if not count:
        click.echo("Nothing is approved yet: approve answers to publish them.", err=True)
