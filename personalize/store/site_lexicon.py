"""The site's lexicon: entries editors propose on the desk, reviewed, versioned, merged over
the shipped files.

The files in profiles/lexicon/ stay the source of truth for the shipped entries; a site entry
may add a word, never change or shadow a shipped one (that is a change to the file, with its
review). An entry is proposed by an author, reviewer or admin and accepted or rejected by a
reviewer or admin who did not propose it. Each version of an entry is a row that is never
edited but for its status, each status change a step with who and when; proposing a word
again makes its next version, and the latest accepted version of each word is in effect.

Review (propose, accept, reject) is personalize.store.lexicon_review. A proposal is checked
by the lexicon loader itself (the same fields, kinds, context and refusals as the files),
and by the desk's stricter rules: no evidence, statistics or recommendation word (the files
may mark one `same_sense` after a lexicon review; the desk may not), no word that is one of
the lexicon's names, no word a shipped entry has.

The entries in effect are loaded with the files into the catalog the store renders with
(SiteLexicon), so the lexicon version renditions record changes when one is accepted, and
`flask rerender` builds what it changed.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from personalize.core.catalog import Catalog
from personalize.errors import ConfigError, Problem
from personalize.langtag import primary
from personalize.rewriter.lexicon import Lexicon, load_lexicon, protected_kind
from personalize.store.models import SiteEntry, SiteEntryStep

E, ST = SiteEntry, SiteEntryStep
SECTIONS = {"terms": "term", "swaps": "word"}  # section -> the field naming its word
LISTS = ("not_after", "not_before", "not_in")
# What the desk writes of an entry; `same_sense` and the forms stay with the files' review.
FIELDS = {"terms": ("term", "kind", "plain", "definition") + LISTS,
          "swaps": ("word", "pos", "plain") + LISTS}


class LexiconRefused(ValueError):
    """A proposed entry the lexicon's rules refuse; each problem names the field."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field or 'entry'}: {p.message}" for p in problems))


@dataclass(frozen=True)
class Proposal:
    """An entry as an editor wrote it: its language, section and fields."""

    language: str
    section: str
    fields: dict

    @property
    def word(self) -> str:
        """The word or term the entry is for."""
        return self.fields.get(SECTIONS[self.section], "")

    @property
    def key(self) -> str:
        """The word lower-cased: every version of an entry shares it."""
        return self.word.lower()

    def toml(self, source: str = "") -> str:
        """The entry as a lexicon file writes it."""
        lines = [f"# {source}"] if source else []
        lines.append(f"[[{self.section}]]")
        lines += [f"{name} = {json.dumps(self.fields[name], ensure_ascii=False)}"
                  for name in FIELDS[self.section] if self.fields.get(name)]
        return "\n".join(lines) + "\n"


def proposal_from(data, languages) -> Proposal:
    """A Proposal from a form or JSON object; LexiconRefused says what is missing.

    Lists (not_after, ...) may be given as lists or as comma-separated text.

    >>> p = proposal_from({"section": "swaps", "word": " commence ", "plain": "start",
    ...                    "pos": "verb", "not_before": "with, by"}, ["en"])
    >>> p.word, p.fields["not_before"]
    ('commence', ['with', 'by'])
    """
    section = str(data.get("section") or "terms")
    language = primary(str(data.get("language") or "en"))
    problems = []
    if section not in SECTIONS:
        problems.append(Problem("proposal", None, "section", "must be terms or swaps"))
        section = "terms"
    if language not in languages:
        problems.append(Problem("proposal", None, "language",
                                f"no lexicon for '{language}'", f"Use {', '.join(languages)}."))
    fields = {}
    for name in FIELDS[section]:
        value = data.get(name) or ([] if name in LISTS else "")
        if name == "term" and not value:  # the desk's form names either kind's word "word"
            value = data.get("word") or ""
        if hasattr(data, "getlist") and name == "not_in":  # a form's checkboxes
            value = data.getlist(name)
        if name in LISTS:
            value = value.split(",") if isinstance(value, str) else value
            value = [" ".join(str(v).split()) for v in value if str(v).strip()]
        else:
            value = " ".join(str(value).split())
        fields[name] = value
    proposal = Proposal(language, section, fields)
    if not proposal.word:
        problems.append(Problem("proposal", None, SECTIONS[section], "needs a word"))
    if problems:
        raise LexiconRefused(problems)
    return proposal


def desk_rules(proposal: Proposal, lexicon: Lexicon) -> list[Problem]:
    """What the desk refuses beyond the loader: protected words, names, shipped words."""
    word, field_ = proposal.word, SECTIONS[proposal.section]
    problems = []
    kind = protected_kind(word, lexicon.protected)
    if kind:
        problems.append(Problem("proposal", None, field_, f"'{word}' is protected ({kind}): "
                                "an evidence, statistics or recommendation word is never "
                                "swapped from the desk",
                                "Leave it as written; a change to it needs a lexicon review "
                                "of the shipped file (profiles/lexicon/REVIEW.md)."))
    if proposal.key in lexicon.names:
        problems.append(Problem("proposal", None, field_, f"'{word}' is a name the lexicon "
                                "keeps as written", "Names (genes, tests, syndromes, "
                                "institutions) are never swapped."))
    found = lexicon.lookup(word.split())
    if found is not None and found.entry.word.lower() == proposal.key:
        problems.append(Problem("proposal", None, field_, f"'{word}' is already in the lexicon "
                                f"('{found.entry.word}' -> '{found.entry.plain}')",
                                "A site entry adds a word; a shipped entry changes in "
                                "profiles/lexicon/ with a lexicon review."))
    return problems


def merged(files: Catalog, language: str, site: list[tuple[str, str]]) -> Lexicon:
    """A language's lexicon: its files, then site entries (source name, TOML text)."""
    paths = files.lexicon_files.get(language, ())
    return load_lexicon(*paths, extra=tuple(site)) if paths else files.lexicon(language)


def check(files: Catalog, s: Session, proposal: Proposal, number: int = 0) -> Lexicon:
    """The lexicon in effect with the proposal added; LexiconRefused with what is wrong."""
    current = in_effect(s, proposal.language)
    site = [(source_name(r), as_proposal(r).toml()) for r in current if r.key != proposal.key]
    base = merged(files, proposal.language, site)
    problems = desk_rules(proposal, base)
    if problems:
        raise LexiconRefused(problems)
    name = f"proposal:{proposal.language}:{proposal.key}" + (f"#{number}" if number else "")
    try:
        return merged(files, proposal.language, [*site, (name, proposal.toml())])
    except ConfigError as exc:
        mine = [p for p in exc.problems if p.source == name] or list(exc.problems)
        raise LexiconRefused([dataclasses.replace(p, field=re.sub(r"^\w+\[\d+\]\.?", "",
                                                                  p.field or "") or None)
                              for p in mine]) from None


def in_effect(s: Session, language: str | None = None) -> list[SiteEntry]:
    """The latest accepted version of each word (of one language, or all), oldest first."""
    latest = (select(E.language, E.key, func.max(E.number).label("number"))
              .where(E.status == "accepted").group_by(E.language, E.key).subquery())
    stmt = select(E).join(latest, (E.language == latest.c.language) & (E.key == latest.c.key)
                          & (E.number == latest.c.number))
    if language is not None:
        stmt = stmt.where(E.language == language)
    return list(s.scalars(stmt.order_by(E.id)).all())


@dataclass(frozen=True)
class _Loaded:
    """What one refresh read: the steps seen, each language's entries, and the result."""

    seen: tuple
    texts: dict
    catalog: Catalog
    left_out: dict


class SiteLexicon:
    """The shipped catalog with the site's entries in effect merged in, kept per process.

    refresh() asks the database whether any entry changed (one small query) and reloads
    the languages whose entries did; the catalog is otherwise the one last loaded. What a
    refresh read is replaced as one object, so threads refreshing at once never leave a
    catalog beside the wrong marker. A site entry that a later shipped file contradicts is
    left out (and named in `left_out`), so a deploy never stops on an entry accepted before.
    """

    def __init__(self, engine: Engine, files: Catalog):
        self.files, self._engine = files, engine
        self._loaded = _Loaded((), {}, files, {})

    @property
    def catalog(self) -> Catalog:
        """The catalog as last refreshed."""
        return self._loaded.catalog

    @property
    def left_out(self) -> dict[str, str]:
        """Site entries not in use (source name -> the problem), as last refreshed."""
        return self._loaded.left_out

    def refresh(self) -> Catalog:
        """The catalog with the entries in effect now."""
        last = self._loaded
        with Session(self._engine) as s:
            seen = tuple(s.execute(select(func.count(ST.id), func.max(ST.id))).one())
            if seen == last.seen:
                return last.catalog
            rows = in_effect(s)
        texts: dict[str, list] = {}
        for row in rows:
            texts.setdefault(row.language, []).append((source_name(row), as_proposal(row).toml()))
        lexicons = dict(self.files.lexicons)
        left_out = {}
        for language in set(texts) | set(last.texts):
            if texts.get(language) == last.texts.get(language):
                lexicons[language] = last.catalog.lexicons[language]
                left_out |= {n: m for n, m in last.left_out.items()
                             if n.startswith(f"site:{language}:")}
            else:
                lexicons[language] = self._load(language, texts.get(language, []), left_out)
        catalog = dataclasses.replace(self.files, lexicons=lexicons)
        self._loaded = _Loaded(seen, texts, catalog, left_out)
        return catalog

    def _load(self, language: str, site: list[tuple[str, str]], left_out: dict) -> Lexicon:
        while True:
            try:
                return merged(self.files, language, site)
            except ConfigError as exc:
                bad = {p.source: str(p) for p in exc.problems}
                if not bad.keys() & {name for name, _ in site}:
                    raise
                left_out |= {n: m for n, m in bad.items() if n.startswith("site:")}
                site = [(n, t) for n, t in site if n not in bad]


def source_name(row: SiteEntry) -> str:
    """How a stored entry is named in the lexicon's problems: site:<language>:<word>#<version>."""
    return f"site:{row.language}:{row.key}#{row.number}"


def as_proposal(row: SiteEntry) -> Proposal:
    """A stored entry as the Proposal it was made from."""
    return Proposal(row.language, row.section, dict(row.entry))
