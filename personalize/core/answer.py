"""The canonical answer: Markdown with TOML front matter, parsed into frozen dataclasses."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from personalize.core.html_import import html_to_markdown, looks_like_html
from personalize.core.markdown import Block, parse_blocks
from personalize.errors import AnswerError, Problem
from personalize.langtag import primary

STATUSES = ("submitted", "under_review", "approved")
DEFAULT_AUDIENCES = frozenset({"clinician", "student", "patient"})
FIELDS = ("id", "question", "aliases", "status", "updated", "language", "translations",
          "references", "codes", "source")
REFERENCE_FIELDS = ("id", "kind", "title", "container", "year", "authors", "volume", "pages",
                    "doi", "pmid", "url")
# What a reader needs to find a reference in one click: a DOI ("10.1056/NEJMra1401038",
# Crossref's shape: "10.", a registrant of 4 to 9 digits, "/", a suffix), a PubMed id
# (digits), or an http(s) address.
DOI = re.compile(r"10\.\d{4,9}(?:\.\d+)*/\S+\Z")
_PMID = re.compile(r"[1-9]\d{0,9}\Z")

# What rendering takes for a citation: any bracket opening with @ (see parse_citation).
CITATION_SPAN = re.compile(r"\[@[^\]]+\]")
# Pandoc's citation keys: a letter, digit or _ first, then internal punctuation allowed.
_KEY = re.compile(r"@([A-Za-z0-9_](?:[\w:.#$%&+?<>~/-]*[\w])?)")
# A locator after a key: a label (page, chapter, section, figure, table...) and its numbers.
_LOCATOR_LABEL = (r"(?:pp?\.|pages?|ch(?:ap)?\.|chapters?|sec\.|sections?|§§?|figs?\.|"
                  r"figures?|tab\.|tables?|paras?\.|paragraphs?|vol\.|volumes?|no\.|"
                  r"ll?\.|lines?|n\.|notes?|suppl?\.|supplement|app\.|appendix|box|"
                  r"págs?\.|páginas?|cap\.|capítulos?|secc?\.|secciones?|sección|"
                  r"tablas?|cuadros?|figuras?|apartados?)")
_LOCATOR_VALUE = r"(?:[A-Za-z]?\d+(?:\.\d+)*[a-z]?|[ivxlcdm]+|[IVXLCDM]+)"
LOCATOR = re.compile(rf"{_LOCATOR_LABEL}\s*{_LOCATOR_VALUE}"
                     rf"(?:\s*(?:[-–—,&]|and|y)\s*{_LOCATOR_VALUE})*", re.I)
_ITEM = re.compile(rf"\s*{_KEY.pattern}\s*(?:,\s*(?P<locator>.*?))?\s*")
_OPEN = re.compile(r"^:::\s*(.*?)\s*$")
# An id: lower-case letters, digits and hyphens, starting with a letter or digit, at most
# MAX_ID characters (it is in every URL to the answer, and a key in the database).
MAX_ID = 100
_SLUG = re.compile(rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID - 1}}}$")
_LONG_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")  # as ids were checked before the limit
# Front matter nests arrays and tables at most this deep (the TOML parser recurses).
MAX_DEPTH = 16
_NESTING = re.compile(r'"""(?:\\.|[^\\])*?"""|\'\'\'.*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'[^\'\n]*\''
                      r"|#[^\n]*|[\[\]{}]", re.S)
# Control characters other than tab and line ends mean nothing in an answer (and PostgreSQL
# cannot hold NUL); bidirectional overrides and isolates could make a title read as
# something it is not.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.I)


@dataclass(frozen=True)
class Reference:
    """One entry of an answer's references list."""

    id: str
    kind: str
    title: str
    container: str = ""
    year: int | None = None
    authors: str = ""
    url: str = ""
    doi: str = ""
    volume: str = ""
    pages: str = ""
    pmid: str = ""

    @property
    def doi_url(self) -> str:
        """The DOI's resolver address, or "".

        >>> Reference("r", "review", "T", doi="10.1056/NEJMra1401038").doi_url
        'https://doi.org/10.1056/NEJMra1401038'
        """
        return f"https://doi.org/{quote(self.doi, safe='/:;()._-')}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        """The PubMed record's address, or "".

        >>> Reference("r", "review", "T", pmid="19180233").pubmed_url
        'https://pubmed.ncbi.nlm.nih.gov/19180233/'
        """
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid.isdigit() else ""

    @property
    def link(self) -> str:
        """Where one click takes the reader: the DOI, else the url (http or https only),
        else the PubMed record."""
        web = self.url if self.url.lower().startswith(("https://", "http://")) else ""
        return self.doi_url or web or self.pubmed_url


@dataclass(frozen=True)
class Code:
    """A coded concept the answer is about (ICD-10-CM, SNOMED CT), for Infobutton look-ups."""

    system: str
    code: str
    display: str = ""


@dataclass(frozen=True)
class Answer:
    """One canonical answer: its front matter, references and body blocks."""

    id: str
    question: str
    blocks: tuple[Block, ...]
    aliases: tuple[str, ...] = ()
    status: str = "submitted"
    updated: dt.date | None = None
    language: str = "en"
    references: tuple[Reference, ...] = ()
    codes: tuple[Code, ...] = ()
    # The same question answered in other languages: (language, answer id) pairs.
    translations: tuple[tuple[str, str], ...] = ()
    source_site: str = ""
    source_url: str = ""
    source: str = ""

    def translation(self, language: str) -> str | None:
        """The id of this question's answer in another language, if there is one."""
        code = primary(language)
        return next((i for lang, i in self.translations if primary(lang) == code), None)

    def reference(self, key: str) -> Reference | None:
        """The reference with this citation key, if any."""
        return next((r for r in self.references if r.id == key), None)


@dataclass(frozen=True)
class Cited:
    """One item of a citation: its key, the locator shown with it, or what is wrong with it."""

    key: str
    locator: str = ""
    error: str = ""


def parse_citation(span: str) -> list[Cited]:
    """The items of one citation "[@key, locator; @key2]"; an item that is not a key with
    an optional locator comes back with its error (text there would reach no reader).

    >>> parse_citation("[@r1, p. 5; @r2]")
    [Cited(key='r1', locator='p. 5', error=''), Cited(key='r2', locator='', error='')]
    >>> parse_citation("[@r1, p. 5: max 40 mg/kg]")[0].error
    "'p. 5: max 40 mg/kg' is not a locator"
    >>> parse_citation("[@nosuchkey see also]")[0].error
    "'@nosuchkey see also' is not a key with an optional locator"
    """
    out = []
    for part in span[1:-1].split(";"):
        match = _ITEM.fullmatch(part)
        if match is None:
            key = _KEY.match(part.strip())
            out.append(Cited(key.group(1) if key else "", "",
                             f"'{part.strip()}' is not a key with an optional locator"))
        elif match.group("locator") is not None and not LOCATOR.fullmatch(match["locator"]):
            out.append(Cited(match.group(1), "", f"'{match['locator']}' is not a locator"))
        else:
            out.append(Cited(match.group(1), match.group("locator") or ""))
    return out


def citation_keys(text: str) -> list[str]:
    """Citation keys in inline text, in order.

    >>> citation_keys("Low counts [@cfp-1984; @fp-2019] and more [@nature-2001, p. 4].")
    ['cfp-1984', 'fp-2019', 'nature-2001']
    """
    return [c.key for span in CITATION_SPAN.findall(text) for c in parse_citation(span)
            if c.key]


def load_answer(path: str | Path, audiences=DEFAULT_AUDIENCES) -> Answer:
    """Read and parse an answer file."""
    path = Path(path)
    return parse_answer(path.read_bytes(), source=str(path), audiences=audiences)


def parse_answer(data: bytes | str, source: str = "<answer>",
                 audiences=DEFAULT_AUDIENCES, lenient: bool = False) -> Answer:
    """Parse an answer's source; raise AnswerError naming every problem found.

    A file without front matter is taken as an imported draft: its id comes from the
    file name and its question from its first heading (or first sentence).

    `lenient` is for revisions already stored: the checks added since (citation text,
    control characters, bidi overrides, id length, field types, reference addresses) do
    not refuse them, so they stay readable; what those checks guard against is still left
    out (a non-web reference address is dropped).
    """
    text = _decode(data, source)
    problems: list[Problem] = []
    strict: list[Problem] = []
    _check_characters(text, source, strict)
    front, body, body_line = _split_front_matter(text, source, problems)
    meta = (_parse_meta(front, source, problems)
            if front is not None and not problems else None)
    if problems:
        raise AnswerError(problems)
    if meta is None:
        if looks_like_html(body):  # a page saved from the web: read its text, not its tags
            body = html_to_markdown(body)
        meta, body, body_line = _draft_meta(body, body_line, source)
    blocks = _parse_body(body, body_line, source, set(audiences), problems)
    if not blocks:
        hint = ("Write the answer below the closing +++ line." if front is not None
                else "Write the answer's text in the file.")
        problems.append(Problem(source, body_line, "body", "the answer has no text", hint))
    refs = _parse_references(meta.get("references", []), front or "", source, problems, strict)
    _check_citations(blocks, refs, source, text.split("\n"), strict)
    answer = _build(meta, blocks, refs, front or "", source, problems, strict)
    if not lenient:
        problems += strict
    if problems:
        raise AnswerError(problems)
    return answer


# Private-use characters carry no meaning in content; the rewriter uses them internally.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000F0000-\U0010FFFF]")


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return _PRIVATE_USE.sub("", data.replace("\r\n", "\n").replace("\r", "\n"))
    try:
        text = data.decode("utf-8-sig")
        return _PRIVATE_USE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnswerError([Problem(source, line, None,
                                   f"the file is not valid UTF-8 (byte {exc.start})",
                                   "Save the file as UTF-8.")]) from None


def _split_front_matter(text: str, source: str, problems: list[Problem]):
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        return None, text, 1
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() == "+++":
            return "\n".join(lines[1:n]), "\n".join(lines[n + 1:]), n + 2
    problems.append(Problem(source, 1, "front matter", "the front matter is never closed",
                            "End the TOML front matter with a line holding only +++."))
    return None, "", 1


def _check_characters(text: str, source: str, problems: list[Problem]) -> None:
    """Refuse control characters anywhere (the first few, each with its line and column)."""
    for match in list(_CONTROL.finditer(text))[:5]:
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        name = {"\x00": " (NUL)", "\x1b": " (escape)"}.get(match.group(), "")
        problems.append(Problem(source, line, None, f"control character U+{ord(match.group()):04X}"
                                f"{name} in the text", "Remove it; answers are plain text.",
                                column))


def _too_deep(front: str, source: str, problems: list[Problem]) -> bool:
    """Whether arrays or tables nest deeper than MAX_DEPTH (reported with line and column)."""
    depth = 0
    for match in _NESTING.finditer(front):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                at = match.start()
                problems.append(Problem(
                    source, front.count("\n", 0, at) + 2, "front matter",
                    f"arrays or tables nested more than {MAX_DEPTH} deep",
                    "No field of an answer nests this deep; check the brackets.",
                    at - (front.rfind("\n", 0, at) + 1) + 1))
                return True
        elif token in "]}":
            depth = max(0, depth - 1)
    return False


def _parse_meta(front: str, source: str, problems: list[Problem]) -> dict:
    if _too_deep(front, source, problems):
        return {}
    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) + 1 if match else 1
        problems.append(Problem(source, line, "front matter", f"invalid TOML: {exc}",
                                "Check quotes, brackets and 'key = value' syntax."))
        return {}
    for key in meta:
        if key not in FIELDS:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Known fields: {', '.join(FIELDS)}."
            problems.append(Problem(source, _line_of(front, key), key, "unknown field", hint))
    return meta


def _slug_from(source: str) -> str:
    """An id made from a file name: 'Iron Deficiency.md' -> 'iron-deficiency'."""
    stem = Path(source).stem if source and not source.startswith("<") else "imported"
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "imported"


_PASTED_BULLET = re.compile(r"^([ \t]*)[•◦▪‣]\s+", re.M)


def pasted_bullets(body: str) -> str:
    r"""Bullets pasted from a web page ("  • item", "    • sub-item") as Markdown list items,
    nested by their indentation, so each is read and scored as its own item.

    >>> pasted_bullets("Causes:\n  • Infections\n    • Viral 1\n  • Drugs")
    'Causes:\n- Infections\n  - Viral 1\n- Drugs'
    """
    indents = sorted({len(m.group(1).expandtabs(4)) for m in _PASTED_BULLET.finditer(body)})
    return _PASTED_BULLET.sub(
        lambda m: "  " * indents.index(len(m.group(1).expandtabs(4))) + "- ", body)


def _draft_meta(body: str, body_line: int, source: str):
    """Front matter for a file that has none: a draft named after the file (its pasted
    bullets read as list items)."""
    body = pasted_bullets(body)
    slug = _slug_from(source)
    question = ""
    lines = body.split("\n")
    for n, line in enumerate(lines):
        if line.strip():
            if line.startswith("#"):
                question = line.lstrip("#").strip()
                body = "\n".join(lines[n + 1:])
                body_line += n + 1
            break
    if not question:
        words = re.sub(r"\s+", " ", body).strip()
        question = re.split(r"(?<=[.!?])\s", words, maxsplit=1)[0][:200]
    return {"id": slug, "question": question, "status": "submitted"}, body, body_line


def _parse_body(body, body_line, source, audiences, problems) -> list[Block]:
    """Split the body at ::: containers and parse each run of Markdown."""
    blocks: list[Block] = []
    lines = body.split("\n")
    run: list[str] = []
    run_start = 0
    marks: tuple[str, ...] = ()
    open_line = 0

    def flush(end_index: int):
        if run:
            for block in parse_blocks("\n".join(run), first_line=body_line + run_start):
                blocks.append(block.with_audiences(marks))

    for n, line in enumerate(lines):
        match = _OPEN.match(line)
        if not match:
            if not run:
                run_start = n
            run.append(line)
            continue
        flush(n)
        run = []
        words = match.group(1).split()
        if not words:  # a closing :::
            if not marks:
                problems.append(Problem(source, body_line + n, "container",
                                        "':::' closes a container that was never opened",
                                        "Remove it, or open the container with '::: patient'."))
            marks = ()
            continue
        if marks:
            problems.append(Problem(source, body_line + n, "container",
                                    f"container opened inside the one from line {open_line}",
                                    "Close the first container with ':::' before opening another."))
        unknown = [w for w in words if w not in audiences]
        for word in unknown:
            problems.append(Problem(source, body_line + n, "container",
                                    f"unknown audience mark '{word}'",
                                    f"Use one of: {', '.join(sorted(audiences))}."))
        marks = tuple(w for w in words if w in audiences) or ("__none__",)
        open_line = body_line + n
    flush(len(lines))
    if marks:
        problems.append(Problem(source, open_line, "container", "container is never closed",
                                "Add a line holding only ':::' after its last block."))
    return [b for b in blocks if b.audiences != ("__none__",)]


def _parse_references(raw, front, source, problems, strict) -> tuple[Reference, ...]:
    if not isinstance(raw, list):
        problems.append(Problem(source, _line_of(front, "references"), "references",
                                "must be a list of [[references]] tables",
                                "Write each reference as a [[references]] table."))
        return ()
    refs: list[Reference] = []
    seen: set[str] = set()
    for n, entry in enumerate(raw):
        field = f"references[{n}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(source, _line_of(front, "[[references]]", n), f"{field}.id",
                                    "a reference needs an id", 'Add id = "short-key".'))
            continue
        key = entry["id"]
        line = _line_of(front, f'"{key}"')
        if key in seen:
            problems.append(Problem(source, line, f"{field}.id", f"duplicate reference id '{key}'",
                                    "Give each reference its own id."))
        seen.add(key)
        for name in entry:
            if name not in REFERENCE_FIELDS:
                problems.append(Problem(source, line, f"{field}.{name}", "unknown field",
                                        f"Known fields: {', '.join(REFERENCE_FIELDS)}."))
        for name in ("volume", "pmid"):  # numbers are welcome unquoted (volume = 372)
            value = entry.get(name)
            if isinstance(value, int) and not isinstance(value, bool):
                entry = {**entry, name: str(value)}
        for name in ("kind", "title", "container", "authors", "volume", "pages", "url", "doi",
                     "pmid"):
            value = entry.get(name, "")
            if not isinstance(value, str):
                strict.append(Problem(source, line, f"{field}.{name}", "must be a string",
                                      f'Write {name} = "..." in quotes.'))
                entry = {**entry, name: str(value)}
            elif _BIDI.search(value):
                strict.append(Problem(source, line, f"{field}.{name}",
                                        "holds a bidirectional override character",
                                        "Remove it."))
        if not entry.get("title", "").strip():
            problems.append(Problem(source, line, f"{field}.title", "a reference needs a title",
                                    "Add the title exactly as published."))
        entry = _check_identifiers(entry, source, front, line, field, strict)
        year = entry.get("year")
        if isinstance(year, bool):
            strict.append(Problem(source, line, f"{field}.year", "year must be a number",
                                  "Write it without quotes: year = 2019."))
            year = None
        if year is not None and not isinstance(year, int):
            problems.append(Problem(source, line, f"{field}.year", "year must be a number",
                                    "Write it without quotes: year = 2019."))
            year = None
        refs.append(Reference(id=key, kind=entry.get("kind") or "other",
                              title=entry.get("title", ""),
                              container=entry.get("container", ""), year=year,
                              authors=entry.get("authors", "").strip(),
                              url=entry.get("url", "").strip(), doi=entry.get("doi", ""),
                              volume=entry.get("volume", "").strip(),
                              pages=entry.get("pages", "").strip(),
                              pmid=entry.get("pmid", "")))
    return tuple(refs)


def _check_identifiers(entry: dict, source, front, line, field, strict) -> dict:
    """The entry with its DOI, PMID and url checked; one that is not of its kind is named,
    and left out (a stored revision keeps the rest of its reference)."""
    url = entry.get("url", "").strip()
    if url and not _WEB_ADDRESS.match(url):
        strict.append(Problem(source, _field_line(front, line, "url"), f"{field}.url",
                              "url must be a web address (http:// or https://)",
                              "Link the published page, e.g. https://doi.org/...; "
                              "other kinds of address are not shown to readers."))
        entry = {**entry, "url": ""}
    doi = entry.get("doi", "").strip()
    if doi and not DOI.match(doi):
        strict.append(Problem(source, _field_line(front, line, "doi"), f"{field}.doi",
                              f"doi '{doi[:60]}' is not a DOI (10.<registrant>/<suffix>)",
                              'Write the DOI alone, e.g. doi = "10.1056/NEJMra1401038", '
                              "without https://doi.org/ or doi:."))
        doi = ""
    pmid = entry.get("pmid", "").strip()
    if pmid and not _PMID.match(pmid):
        strict.append(Problem(source, _field_line(front, line, "pmid"), f"{field}.pmid",
                              f"pmid '{pmid[:30]}' is not a PubMed id (digits only)",
                              "Write the number PubMed shows, e.g. pmid = 19180233."))
        pmid = ""
    return {**entry, "doi": doi, "pmid": pmid}


def _field_line(front: str, line: int | None, name: str) -> int | None:
    """The file line of `name = ...` in the reference whose id is on `line` (else `line`)."""
    if line is None:
        return None
    rows = front.split("\n")
    start = line - 2  # front starts after the +++ line
    while start > 0 and not rows[start].lstrip().startswith("[["):
        start -= 1
    for n in range(start + 1, len(rows)):
        if rows[n].lstrip().startswith("["):
            break
        if re.match(rf"\s*{name}\s*=", rows[n]):
            return n + 2
    return line


def _check_citations(blocks, refs, source, lines, problems) -> None:
    """Every [@...] must be known keys with locators only: anything else would be lost."""
    known = {r.id for r in refs}
    for block in blocks:
        cursor = (block.line, 0)
        for text in block.inline_texts():
            for span in CITATION_SPAN.findall(text):
                cursor = _find(lines, span, cursor)
                for item in parse_citation(span):
                    if item.error:
                        problems.append(Problem(
                            source, cursor[0], "citation",
                            f"{item.error}; text inside [@...] is not shown to readers",
                            "Inside the brackets write only keys and locators, e.g. "
                            "[@who-2020, p. 5]; put other words in the sentence.",
                            cursor[1] + 1))
                    if item.key and item.key not in known:
                        close = difflib.get_close_matches(item.key, known, n=1)
                        hint = (f"Did you mean '@{close[0]}'?" if close else
                                "Add a [[references]] entry with this id, or fix the key.")
                        problems.append(Problem(source, cursor[0], "citation",
                                                f"unknown citation key '@{item.key}'", hint,
                                                cursor[1] + 1))
                cursor = (cursor[0], cursor[1] + 1)


def _find(lines: list[str], span: str, start: tuple[int, int]) -> tuple[int, int]:
    """Where a citation is in the file (line, 0-based column), from `start` on."""
    first = span.split("\n", 1)[0]
    line, col = start
    for n in range(line, min(len(lines), line + 200) + 1):
        at = lines[n - 1].find(first, col if n == line else 0) if n >= 1 else -1
        if at >= 0:
            return n, at
    return start


def _build(meta, blocks, refs, front, source, problems, strict) -> Answer:
    def bad(field, message, hint, to=problems):
        # a missing field is reported at the front matter's opening line
        to.append(Problem(source, _line_of(front, field) or 1, field, message, hint))

    answer_id = meta.get("id", _slug_from(source))
    if not isinstance(answer_id, str) or not _SLUG.match(answer_id):
        long = isinstance(answer_id, str) and _LONG_SLUG.match(answer_id)
        bad("id", f"id must be a lower-case slug of at most {MAX_ID} characters",
            'Write e.g. id = "leukopenia-causes": letters a-z, digits and hyphens.',
            strict if long else problems)
        answer_id = answer_id if long else "invalid"
    question = meta.get("question")
    if not isinstance(question, str) or not question.strip():
        bad("question", "the question is missing",
            'Add question = "..." with the question as readers ask it.')
        question = ""
    elif _BIDI.search(question):
        bad("question", "the question holds a bidirectional override character",
            "Remove it (U+202A to U+202E, U+2066 to U+2069); it can make text read "
            "differently from what is stored.", strict)
    status = meta.get("status", "submitted")
    if not isinstance(status, str) or status not in STATUSES:
        bad("status", f"bad status {status!r}"[:80], f"Use one of: {', '.join(STATUSES)}.")
        status = "submitted"
    updated = meta.get("updated")
    if isinstance(updated, dt.datetime):
        updated = updated.date()
    if updated is not None and not isinstance(updated, dt.date):
        bad("updated", "updated must be a date", "Write it without quotes: updated = 2025-05-21.")
        updated = None
    aliases = meta.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        bad("aliases", "aliases must be a list of strings", 'Write aliases = ["...", "..."].')
        aliases = []
    elif any(_BIDI.search(a) for a in aliases):
        bad("aliases", "an alias holds a bidirectional override character", "Remove it.",
            strict)
    language = meta.get("language", "en")
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", language):
        bad("language", f"bad language {language!r}"[:80],
            'Use a language code such as "en" or "es".')
        language = "en"
    translations = meta.get("translations", {})
    if not isinstance(translations, dict) or not all(
            isinstance(k, str) and re.fullmatch(r"[a-z]{2}(-[A-Z]{2})?", k)
            and isinstance(v, str) and _SLUG.match(v) for k, v in translations.items()):
        bad("translations", "translations must map language codes to answer ids",
            'Write translations = { es = "leucopenia-causas" }.')
        translations = {}
    if primary(language) in {primary(k) for k in translations}:
        bad("translations", f"translations names this answer's own language '{language}'",
            "List only the answers to the same question in other languages.")
        translations = {}
    if answer_id in translations.values():
        bad("translations", f"translations names this answer itself ('{answer_id}')",
            "Name the answer to the same question in the other language.", strict)
        translations = {}
    codes = _codes(meta.get("codes", []), bad, strict)
    src = meta.get("source", {})
    if not isinstance(src, dict):
        bad("source", "source must be a table of site and url (and an optional "
            "attribution), all strings",
            'Write source = { site = "MedlinePlus", url = "https://..." }.')
        src = {}
    elif not all(k in ("site", "url", "attribution") and isinstance(v, str)
                 for k, v in src.items()):
        bad("source", "source must be a table of site and url (and an optional "
            "attribution), all strings",
            'Write source = { site = "MedlinePlus", url = "https://..." }.', strict)
        src = {k: str(src.get(k, "")) for k in ("site", "url")}
    return Answer(id=answer_id, question=question.strip(), blocks=tuple(blocks),
                  aliases=tuple(a.strip() for a in aliases), status=status, updated=updated,
                  language=language, references=refs, codes=tuple(codes),
                  translations=tuple(sorted(translations.items())),
                  source_site=src.get("site", ""), source_url=src.get("url", ""),
                  source=source)


def _codes(raw, bad, strict) -> list[Code]:
    hint = 'Write codes = [{ system = "ICD-10-CM", code = "D72.819" }].'
    if not isinstance(raw, list):
        bad("codes", "codes must be a list of tables", hint)
        return []
    codes = []
    for n, code in enumerate(raw):
        if not isinstance(code, dict) or not code.get("system") or not code.get("code"):
            bad("codes", f"codes[{n}] needs a system and a code", hint)
        else:
            if not all(k in ("system", "code", "display") and isinstance(v, str)
                       for k, v in code.items()):
                bad("codes", f"codes[{n}] takes system, code and display, each a string", hint,
                    strict)
            codes.append(Code(str(code["system"]), str(code["code"]),
                              str(code.get("display", ""))))
    return codes


def _line_of(front: str, needle: str, nth: int = 0) -> int | None:
    """The file line where a field appears in the front matter (the +++ line is line 1)."""
    pattern = re.compile(rf"^\s*{re.escape(needle)}\s*=" if re.fullmatch(r"\w+", needle)
                         else re.escape(needle), re.M)
    matches = list(pattern.finditer(front))
    if len(matches) <= nth:
        return None
    return front.count("\n", 0, matches[nth].start()) + 2
