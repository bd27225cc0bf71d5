"""Static export: every approved answer for every profile as pages, fragments and JSON.

Files link to each other by relative paths, so any static file server, or none (file://),
serves them; links to what only the app answers (the selector form, the oEmbed endpoint) go
to the app at --base-url, and the search link to the list of questions. Pages are the app's
own reader routes, rendered through its test client over a library that holds approved
answers only: nothing pending review is published.

    index.html, editorial-policy.html, static/...      the reader pages' shared files
    <locale>/index.html, <locale>/editorial-policy.html  the same in another interface
                                                       language (es/index.html)
    index.json                                         every answer and its files
    answers/<id>/<profile>.html                        the answer page for a profile
    answers/<id>/<profile>.fragment.html               the rendition alone, for embedding
    answers/<id>/<profile>.json                        the rendition as data

An answer page is written in its answer's language, interface included (answer ids are
unique across languages, so the path needs no locale); --language limits the export to
answers and interface pages in some languages.
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
from flask import Flask, current_app
from flask.cli import with_appcontext

from personalize.core import i18n
from personalize.langtag import primary
from personalize.store.library import Library, Record

# Pages exported besides the answers, when the app has them.
SITE_PAGES = {"/": "index.html", "/editorial-policy": "editorial-policy.html"}
# Pages that need the app; on the static site their links go to the list of every question.
NEEDS_THE_APP = {"/search": "index.html"}
_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[^"]*)"')


class ApprovedOnly:
    """A Library showing only answers with an approved revision: what a public site shows."""

    def __init__(self, library: Library):
        self.library = library

    def ids(self) -> list[str]:
        """Ids of approved answers, in display order."""
        return [i for i in self.library.ids() if self.get(i) is not None]

    def get(self, answer_id: str) -> Record | None:
        """The latest approved revision, or None."""
        record = self.library.get(answer_id)
        return record if record is not None and record.approved else None

    def rendition(self, record: Record, profile: str):
        """The rendition, from the library underneath."""
        return self.library.rendition(record, profile)


def init_app(app: Flask) -> None:
    """Register the export-static command."""
    app.cli.add_command(export_static_command)


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


def relink(page: str, url: str, here: str, mapping, base_url: str) -> str:
    """Point a page's links at the exported files, relative to `here`; links to what only
    the app can answer (forms, search, the selector) go to the app at base_url.

    >>> to_file = lambda u: static_path(u, {"a"}, ["patient", "student"])
    >>> relink('<a href="?profile=student">S</a> <a href="/#top"> <form action="/profile">',
    ...        "/answers/a", "answers/a/patient.html", to_file, "https://example.org")
    '<a href="student.html">S</a> <a href="../../index.html#top"> <form action="https://example.org/profile">'
    """
    def replace(match: re.Match) -> str:
        target_url = urljoin(url, html.unescape(match["url"]))
        fragment = urlsplit(target_url).fragment
        target = mapping(target_url.split("#")[0])
        if target is None:
            if urlsplit(target_url).netloc:  # already points at another site
                return match.group(0)
            return f'{match["attr"]}="{html.escape(urljoin(base_url, target_url))}"'
        if target == here and fragment:
            return f'{match["attr"]}="#{html.escape(fragment)}"'
        rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
        rel += f"#{fragment}" if fragment else ""
        return f'{match["attr"]}="{html.escape(rel)}"'
    return _LINK.sub(replace, page)


def export_site(app: Flask, out: Path, base_url: str = "http://localhost",
                progress=lambda items, label: items, languages: tuple[str, ...] = ()) -> dict:
    """Write the static site to `out` (every language, or only `languages`); return what
    index.json holds."""
    catalog = app.extensions["personalize.catalog"]
    profiles = [catalog.default.name] + [n for n in catalog.profiles if n != catalog.default.name]
    full = app.extensions["personalize.library"]
    approved = ApprovedOnly(full)
    languages = tuple(primary(code) for code in languages)
    records = [r for r in (approved.get(i) for i in approved.ids())
               if not languages or primary(r.answer.language) in languages]
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
    _write_pages(app, out, approved, records, profiles, pages, base_url, locales)
    (out / "index.json").write_text(json.dumps(index, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return index


def _write_pages(app, out, approved, records, profiles, rules, base_url, locales) -> None:
    """Render the reader pages that exist over approved answers only, with relative links;
    each page asks for its language in the link, as a reader's browser would."""
    ids = {r.answer.id for r in records}
    urls = {f"{url}?lang={code}": static_path(f"{url}?lang={code}", ids, profiles)
            for url in SITE_PAGES if url in rules for code in locales}
    if "/answers/<answer_id>" in rules:
        urls |= {f"/answers/{r.answer.id}?profile={p}&lang={primary(r.answer.language)}":
                 f"answers/{r.answer.id}/{p}.html"
                 for r in sorted(records, key=lambda r: r.answer.id) for p in profiles}
    if not urls:
        return
    if app.static_folder and Path(app.static_folder).is_dir():
        shutil.copytree(app.static_folder, out / "static", dirs_exist_ok=True)
    saved = app.extensions["personalize.library"]
    app.extensions["personalize.library"] = approved  # pages see approved answers only
    try:
        client = app.test_client()
        for url, path in urls.items():
            response = client.get(url, base_url=base_url)
            if response.status_code != 200:
                raise click.ClickException(f"{url} answered {response.status}")
            page = relink(response.get_data(as_text=True), url, path,
                          lambda u: static_path(u, ids, profiles), base_url)
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(page, encoding="utf-8")
    finally:
        app.extensions["personalize.library"] = saved


@click.command("export-static")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--base-url", default="http://localhost", show_default=True,
              help="Where the site will be served, for the canonical links in pages.")
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
                        tuple(languages))
    count = len(index["answers"])
    click.echo(f"{count} approved answers x "
               f"{len(current_app.extensions['personalize.catalog'].profiles)} profiles "
               f"written to {out}.")
    if not count:
        click.echo("Nothing is approved yet: approve answers to publish them.", err=True)
