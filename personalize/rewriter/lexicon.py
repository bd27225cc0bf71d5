"""The lexicon: medical terms with plain words and definitions, and plain-word swaps.

Read once from profiles/lexicon/<lang>.toml into an index of surface forms (plurals, verb
forms, adjectives) so the rewriter looks up word n-grams, longest first.

An entry can say where it does not apply: `not_after` and `not_before` (words just before or
after it), `only_after` (words one of which must come just before it), `not_in` (a sense of the
sentence, such as "evidence", named by the words of the lexicon's `[senses]`). Words inside
names are never swapped: the names the lexicon lists (`names`), and a word followed directly by
one of `name_heads` ("tumor necrosis factor", "common hepatic duct"). Evidence, statistics and
recommendation words (`[protected]`) are never swapped unless an entry says the plain word
keeps their strength (`same_sense = true`: "demonstrate" -> "show"), and no plain word brings
in an abbreviation the entry's word does not have, unless the abbreviation is better known than
the words it replaces (`known_abbreviations`: "HIV", "CT scan"). The context lives in
`<lang>-context.toml`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from personalize.errors import ConfigError, Problem
from personalize.rewriter.inflect import plural, verb_forms

KINDS = ("condition", "symptom", "drug", "test", "cell", "anatomy", "procedure", "treatment",
         "germ", "body-process", "general")
POS = ("verb", "noun", "adjective", "adverb", "phrase", "opener")
CONTEXT_FIELDS = ("not_after", "not_before", "only_after", "not_in", "same_sense")
TERM_FIELDS = ("term", "kind", "plain", "plural", "plain_plural", "adjective", "plain_adjective",
               "definition") + CONTEXT_FIELDS
SWAP_FIELDS = ("word", "plain", "pos", "forms", "plain_forms", "plural", "plain_plural") + \
    CONTEXT_FIELDS
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_RUN = re.compile(r"[^\W_]+")
ABBREVIATION = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*[A-Z]s?(?![\w-])")


@dataclass(frozen=True)
class Entry:
    """A lexicon entry: a medical term (kind set) or a plain-word swap (pos set)."""

    word: str
    plain: str
    definition: str = ""
    kind: str = ""
    pos: str = ""
    not_after: tuple[str, ...] = ()  # lower-cased words: not after these
    not_before: tuple[str, ...] = ()  # nor before these
    not_in: tuple[str, ...] = ()  # nor in a sentence of these senses ("evidence")
    only_after: tuple[str, ...] = ()  # when set, only after one of these

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
    names: tuple[str, ...] = field(default=(), repr=False)  # lower-cased multiword names
    name_heads: frozenset = field(default=frozenset(), repr=False)  # "factor", "duct"
    senses: dict = field(default_factory=dict, repr=False)  # sense -> pattern of its words
    known_abbreviations: frozenset = field(default=frozenset(), repr=False)
    protected: dict = field(default_factory=dict, repr=False)  # kind -> words never swapped

    @staticmethod
    def key(text: str) -> str:
        """Words as `forms` and `starts` index them: lower case, a straight apostrophe."""
        return text.lower().replace("’", "'")

    def lookup(self, words: list[str]) -> Form | None:
        """The form spelled by these words, if the lexicon has it."""
        key = " ".join(words)
        return self.exact.get(key) or self.forms.get(self.key(key))

    def definition(self, word: str) -> str:
        """The definition of a medical term, or ''."""
        form = self.lookup(word.split())
        return form.entry.definition if form else ""

    def span_from(self, word: str) -> int:
        """The most words any form starting with this word has (0: no form starts so)."""
        return self.starts.get(self.key(word), 0)

    @cached_property
    def names_by_run(self) -> dict[str, tuple[str, ...]]:
        """The listed names by their first run of letters and digits ('' when none leads)."""
        out: dict[str, list[str]] = {}
        for name in self.names:
            run = _RUN.match(name)
            out.setdefault(run.group() if run else "", []).append(name)
        return {run: tuple(names) for run, names in out.items()}

    def names_in(self, lower: str) -> tuple[str, ...]:
        """The listed names that may stand as whole words in a lower-cased text.

        A name found as whole words starts with a whole run of letters and digits of the
        text (or with neither), so only the names under the text's runs are candidates.
        """
        by_run = self.names_by_run
        found = [n for run in {"", *_RUN.findall(lower)} for n in by_run.get(run, ())]
        return tuple(found)

    @cached_property
    def verb_plains(self) -> frozenset[str]:
        """One-word plain verbs ('check'): a noun swapped for one of them reads as a verb when
        no determiner comes before it ('needs further check')."""
        return frozenset(e.plain.lower() for e in self.entries
                         if e.pos == "verb" and e.plain and " " not in e.plain)

    @cached_property
    def drug_names(self) -> frozenset[str]:
        """Lower-cased names of every drug in the lexicon."""
        return frozenset(f.surface.lower() for f in self.forms.values() if f.entry.is_drug) | \
            frozenset(f.surface.lower() for f in self.exact.values() if f.entry.is_drug)


def empty_lexicon(language: str = "en") -> Lexicon:
    """A lexicon with no entries, for languages that have none yet."""
    return Lexicon(language, "none", {}, {})


def load_lexicon(*paths: str | Path, extra: tuple[tuple[str, str], ...] = ()) -> Lexicon:
    """Load and index one language's lexicon files; raise ConfigError naming every problem.

    The first file is the language's main lexicon (``en.toml``); further files
    (``en-*.toml``) add entries. A word listed twice, in one file or across files, is an error.
    The context beside the main file (``en-context.toml``) is always read with it, so no
    caller can load entries without the rules they are held to. `extra` adds entries
    written elsewhere (the site's, kept in the store) as (source name, TOML text), after
    the files: held to the same rules, counted in the version, never ahead of a file's word.
    """
    paths = tuple(map(Path, paths))
    if paths:
        context_file = paths[0].with_name(f"{paths[0].stem}-context.toml")
        if context_file.exists() and context_file not in paths:
            paths += (context_file,)
    sources = [(str(p), p.read_bytes()) for p in paths] + \
        [(name, text.encode("utf-8")) for name, text in extra]
    problems: list[Problem] = []
    forms: dict[str, Form] = {}
    exact: dict[str, Form] = {}
    entries: list[Entry] = []
    openers: dict[str, str] = {}
    irregular: dict[str, list] = {}
    digest = hashlib.sha256()
    first: dict = {}
    context: dict = {"names": [], "name_heads": [], "senses": {}, "protected": {},
                     "known_abbreviations": []}
    for source, raw in sources:
        digest.update(raw)
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            problems.append(Problem(source, None, None, f"cannot be read: {exc}",
                                    "Fix the TOML syntax; the file must be UTF-8."))
            continue
        first = first or data
        irregular.update(data.get("irregular_verbs", {}))
        for key in ("names", "name_heads", "known_abbreviations"):
            context[key] += data.get(key, [])
        for key in ("senses", "protected"):
            context[key].update(data.get(key, {}))
    # the context first, so every file's entries are held to it
    for source, raw in sources:
        try:
            text = raw.decode("utf-8")
            data = tomllib.loads(text)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        _index(data, source, text, irregular, forms, exact, entries, openers, problems,
               context)
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
    names = tuple(sorted({n.lower() for n in context["names"]}, key=lambda n: (-len(n), n)))
    senses = {sense: re.compile(r"(?<!\w)(?:" + "|".join(
        re.escape(w.lower()) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)", re.I)
        for sense, words in context["senses"].items() if words}
    return Lexicon(language, version, forms, exact, longest, tuple(entries), openers, starts,
                   names, frozenset(h.lower() for h in context["name_heads"]), senses,
                   frozenset(context["known_abbreviations"]), dict(context["protected"]))


def protected_kind(word: str, protected: dict) -> str:
    """The kind of protected word ('evidence', 'statistics', ...) a phrase holds, or ''.

    >>> protected_kind("differ significantly", {"statistics": ["significant*"]})
    'statistics'
    """
    for kind, words in protected.items():
        if _protected_pattern(tuple(words)).search(word):
            return kind
    return ""


@cache
def _protected_pattern(stems: tuple[str, ...]) -> re.Pattern:
    """One pattern for a kind's protected words ("significant*" takes any ending), made once
    (read for every entry of the lexicon as it loads)."""
    parts = [re.escape(s[:-1]) + r"\w*" if s.endswith("*") else re.escape(s) for s in stems]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts) or '(?!)'})(?!\w)", re.I)


def _context(item: dict, needle: str, word: str, plains: list[str], context: dict, bad) -> dict:
    """An entry's context fields, checked against the lexicon's rules."""
    out = {}
    for key in ("not_after", "not_before", "only_after", "not_in"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            bad(needle, key, "must be a list of words")
            continue
        if key == "not_in":
            unknown = [v for v in value if v not in context["senses"]]
            if unknown:
                bad(needle, key, f"unknown sense {', '.join(unknown)}",
                    f"Senses: {', '.join(context['senses']) or 'none defined'}.")
        out[key] = tuple(v.lower() for v in value)
    kind = protected_kind(word, context["protected"])
    if kind and not item.get("same_sense") and kind not in out.get("not_in", ()):
        bad(needle, "plain", f"'{word}' is protected ({kind}): never swapped by default",
            "Remove the entry, set same_sense = true if the plain word keeps its strength, "
            f"or not_in = [\"{kind}\"] if it is meant in another sense.")
    known = set(context["known_abbreviations"])
    new = {a for p in plains for a in ABBREVIATION.findall(p or "")} - \
        set(ABBREVIATION.findall(word)) - known
    if new:
        bad(needle, "plain", f"the plain word brings in the abbreviation {', '.join(sorted(new))}",
            "Use words; an abbreviation is a plain word only when listed in "
            "known_abbreviations.")
    return out


def _index(data, source, text, irregular, forms, exact, entries, openers, problems,
           context) -> None:
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
        limits = _context(item, needle, word, [item.get("plain"), item.get("plain_plural"),
                                               item.get("plain_adjective")], context, bad)
        entry = Entry(word, plain_word, item.get("definition", "").strip(), kind=kind, **limits)
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
        limits = _context(item, needle, word, [plain_word, item.get("plain_plural"),
                                               *item.get("plain_forms", [])], context, bad)
        entry = Entry(word, plain_word, pos=pos, **limits)
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
