"""The lexicon: medical terms with plain words and definitions, and plain-word swaps.

Read once from profiles/lexicon/<lang>.toml into an index of surface forms (plurals, verb
forms, adjectives) so the rewriter looks up word n-grams, longest first.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from personalize.errors import ConfigError, Problem
from personalize.rewriter.inflect import plural, verb_forms

KINDS = ("condition", "symptom", "drug", "test", "cell", "anatomy", "procedure", "treatment",
         "germ", "body-process", "general")
POS = ("verb", "noun", "adjective", "adverb", "phrase", "opener")
TERM_FIELDS = ("term", "kind", "plain", "plural", "plain_plural", "adjective", "plain_adjective",
               "definition")
SWAP_FIELDS = ("word", "plain", "pos", "forms", "plain_forms", "plural", "plain_plural")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass(frozen=True)
class Entry:
    """A lexicon entry: a medical term (kind set) or a plain-word swap (pos set)."""

    word: str
    plain: str
    definition: str = ""
    kind: str = ""
    pos: str = ""

    @property
    def is_term(self) -> bool:
        """Medical terms get the profile's term policy; swaps are simply replaced."""
        return bool(self.kind)

    @property
    def is_drug(self) -> bool:
        """Drug names are facts: never replaced, only defined."""
        return self.kind == "drug"


@dataclass(frozen=True)
class Form:
    """One surface form in running text and its plain counterpart."""

    entry: Entry
    surface: str
    plain: str
    grammar: str = "base"
    participle: str = ""  # for an ambiguous -ed form: the plain past participle


@dataclass(frozen=True)
class Lexicon:
    """Every surface form by its lower-cased words, plus case-sensitive acronyms."""

    language: str
    version: str
    forms: dict = field(repr=False)
    exact: dict = field(repr=False)
    longest: int = 1
    entries: tuple[Entry, ...] = field(default=(), repr=False)
    openers: dict = field(default_factory=dict, repr=False)
    starts: dict = field(default_factory=dict, repr=False)

    def lookup(self, words: list[str]) -> Form | None:
        """The form spelled by these words, if the lexicon has it."""
        key = " ".join(words)
        return self.exact.get(key) or self.forms.get(key.lower().replace("’", "'"))

    def definition(self, word: str) -> str:
        """The definition of a medical term, or ''."""
        form = self.lookup(word.split())
        return form.entry.definition if form else ""

    def span_from(self, word: str) -> int:
        """The most words any form starting with this word has (0: no form starts so)."""
        return self.starts.get(word.lower().replace("’", "'"), 0)

    @cached_property
    def drug_names(self) -> frozenset[str]:
        """Lower-cased names of every drug in the lexicon."""
        return frozenset(f.surface.lower() for f in self.forms.values() if f.entry.is_drug) | \
            frozenset(f.surface.lower() for f in self.exact.values() if f.entry.is_drug)


def empty_lexicon(language: str = "en") -> Lexicon:
    """A lexicon with no entries, for languages that have none yet."""
    return Lexicon(language, "none", {}, {})


def load_lexicon(*paths: str | Path) -> Lexicon:
    """Load and index one language's lexicon files; raise ConfigError naming every problem.

    The first file is the language's main lexicon (``en.toml``); further files
    (``en-*.toml``) add entries. A word listed twice, in one file or across files, is an error.
    """
    problems: list[Problem] = []
    forms: dict[str, Form] = {}
    exact: dict[str, Form] = {}
    entries: list[Entry] = []
    openers: dict[str, str] = {}
    irregular: dict[str, list] = {}
    digest = hashlib.sha256()
    first: dict = {}
    for path in map(Path, paths):
        raw = path.read_bytes()
        digest.update(raw)
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem(str(path), None, None, f"cannot be read: {exc}",
                                    "Fix the TOML syntax; the file must be UTF-8."))
            continue
        first = first or data
        irregular.update(data.get("irregular_verbs", {}))
        _index(data, str(path), raw.decode("utf-8"), irregular, forms, exact, entries, openers,
               problems)
    if problems:
        raise ConfigError(problems)
    longest = max((len(k.split()) for k in list(forms) + list(exact)), default=1)
    starts: dict[str, int] = {}
    for key in list(forms) + list(exact):
        words = key.split()
        head = words[0].lower()
        starts[head] = max(starts.get(head, 0), len(words))
    version = f"{first.get('version', '0')}-{digest.hexdigest()[:12]}"
    language = first.get("language", Path(paths[0]).stem if paths else "en")
    return Lexicon(language, version, forms, exact, longest, tuple(entries), openers, starts)


def _index(data, source, text, irregular, forms, exact, entries, openers, problems) -> None:
    """Add one file's entries to the index."""

    def bad(needle, fieldname, message, hint=""):
        problems.append(Problem(source, _line(text, needle), fieldname, message, hint))

    def add(form: Form, needle: str):
        if not WORD.fullmatch(form.surface.split()[0]):
            bad(needle, "term", f"'{form.surface}' must start with a word")
            return
        case_sensitive = form.surface != form.surface.lower()
        table, key = (exact, form.surface) if case_sensitive else (forms, form.surface.lower())
        if key in table and table[key].entry is not form.entry:
            if table[key].entry.word.lower() == form.entry.word.lower():
                bad(needle, "term", f"'{form.surface}' is listed twice",
                    "Keep one entry per term.")
            return  # a derived form colliding with another entry: the first one wins
        table[key] = form

    for n, item in enumerate(data.get("terms", [])):
        word = item.get("term", "")
        needle = f'term = "{word}"'
        for key in item:
            if key not in TERM_FIELDS:
                bad(needle, f"terms[{n}].{key}", "unknown field",
                    f"Known fields: {', '.join(TERM_FIELDS)}.")
        kind = item.get("kind")
        if not word or kind not in KINDS:
            bad(needle, f"terms[{n}]", f"needs a term and a kind from {', '.join(KINDS)}")
            continue
        if kind != "drug" and not item.get("plain"):
            bad(needle, f"terms[{n}].plain", f"'{word}' needs a plain word",
                "Only drug names are kept without one.")
            continue
        if not item.get("definition", "").strip():
            bad(needle, f"terms[{n}].definition", f"'{word}' needs a definition")
        plain_word = item.get("plain", word)
        entry = Entry(word, plain_word, item.get("definition", "").strip(), kind=kind)
        entries.append(entry)
        add(Form(entry, word, plain_word, "singular"), needle)
        if kind == "drug":
            continue
        if not word.isupper():
            add(Form(entry, item.get("plural") or plural(word),
                     item.get("plain_plural") or plural(plain_word), "plural"), needle)
        if item.get("adjective"):
            if not item.get("plain_adjective"):
                bad(needle, f"terms[{n}].plain_adjective", "needs a plain adjective")
            else:
                add(Form(entry, item["adjective"], item["plain_adjective"], "adjective"), needle)

    for n, item in enumerate(data.get("swaps", [])):
        word, plain_word, pos = item.get("word", ""), item.get("plain"), item.get("pos")
        needle = f'word = "{word}"'
        for key in item:
            if key not in SWAP_FIELDS:
                bad(needle, f"swaps[{n}].{key}", "unknown field",
                    f"Known fields: {', '.join(SWAP_FIELDS)}.")
        if not word or plain_word is None or pos not in POS:
            bad(needle, f"swaps[{n}]", f"needs word, plain and pos from {', '.join(POS)}")
            continue
        entry = Entry(word, plain_word, pos=pos)
        entries.append(entry)
        if pos == "opener":  # "However," at the start of a sentence -> "But"
            openers[word.lower()] = plain_word
            continue
        add(Form(entry, word, plain_word), needle)
        if pos == "noun":
            add(Form(entry, item.get("plural") or plural(word),
                     item.get("plain_plural") or plural(plain_word), "plural"), needle)
        elif pos == "verb":
            surfaces = item.get("forms") or verb_forms(word)
            plains = item.get("plain_forms") or _plain_verb(plain_word, irregular)
            if len(surfaces) != 4 or len(plains) != 4:
                bad(needle, f"swaps[{n}].forms", "verb forms are [third, past, participle, ing]")
                continue
            add(Form(entry, surfaces[0], plains[0], "third"), needle)
            add(Form(entry, surfaces[1], plains[1], "past", participle=plains[2]), needle)
            if surfaces[2] != surfaces[1]:
                add(Form(entry, surfaces[2], plains[2], "participle"), needle)
            add(Form(entry, surfaces[3], plains[3], "ing"), needle)


def _plain_verb(verb: str, irregular: dict) -> tuple[str, str, str, str]:
    head, space, rest = verb.partition(" ")
    if head in irregular:
        return tuple(f"{form}{space}{rest}" for form in irregular[head])
    return verb_forms(verb)


def _line(text: str, needle: str) -> int | None:
    index = text.find(needle)
    return text.count("\n", 0, index) + 1 if index >= 0 else None
