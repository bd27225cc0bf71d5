"""Reader profiles, read once at start-up from profiles/*.toml into frozen objects."""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from personalize.core import detail as detail_mod
from personalize.core.i18n import DEFAULT, N_, translate
from personalize.core.readability import METRICS
from personalize.core.reading_order import Forward
from personalize.errors import ConfigError, Problem
from personalize.langtag import primary

TERM_POLICIES = ("keep", "define", "plain")
# Metric names reports translate (the others are the names of their authors).
TRANSLATED_METRIC_NAMES = (N_("Flesch-Kincaid grade"), N_("Flesch reading ease"),
                           N_("Gunning fog"))
FIELDS = {
    "label": str, "description": str, "order": int, "default": bool, "audiences": list,
    "terms": str, "plain_words": bool, "simplify": bool, "max_sentence_words": int,
    "targets": list, "disclaimer": dict, "end_list_items": bool, "locales": dict,
    "bring_forward": list, "detail": dict,
}
REQUIRED = ("label", "description", "audiences", "terms", "targets", "disclaimer")


@dataclass(frozen=True)
class Target:
    """One readability bound: a textstat metric, an upper or lower bound, a language."""

    metric: str
    max: float | None = None
    min: float | None = None
    language: str = "en"

    def check(self, value: float) -> bool:
        """Whether a score meets this target."""
        if self.max is not None and value > self.max:
            return False
        return not (self.min is not None and value < self.min)

    def describe(self, locale: str = DEFAULT) -> str:
        """The bound as a reader of a report would write it, in a locale.

        >>> Target("flesch_kincaid_grade", max=8).describe("es")
        'Grado de Flesch-Kincaid <= 8'
        """
        label = translate(locale, METRICS[self.metric].label)
        if self.max is not None and self.min is not None:
            return f"{self.min} <= {label} <= {self.max}"
        return f"{label} <= {self.max}" if self.max is not None else f"{label} >= {self.min}"


@dataclass(frozen=True)
class Disclaimer:
    """The notice shown under every rendition for this reader."""

    title: str
    text: str


@dataclass(frozen=True)
class Wording:
    """What a reader is told about a profile, in one language."""

    label: str
    description: str
    disclaimer: Disclaimer


@dataclass(frozen=True)
class Profile:
    """One kind of reader, as described by its profile file."""

    name: str
    label: str
    description: str
    audiences: tuple[str, ...]
    terms: str
    targets: tuple[Target, ...]
    disclaimer: Disclaimer
    plain_words: bool = False
    simplify: bool = False
    max_sentence_words: int = 0
    end_list_items: bool = False
    order: int = 100
    default: bool = False
    version: str = ""
    # The label, description and disclaimer in other languages: (language, wording) pairs.
    wordings: tuple[tuple[str, Wording], ...] = ()
    # Parts of an answer this reader reads first, in this order (core.reading_order).
    bring_forward: tuple[Forward, ...] = ()
    # What this reader's main text drops or moves into "more detail" (core.detail).
    detail: detail_mod.Level = detail_mod.Level()

    def wording(self, language: str) -> Wording:
        """The label, description and disclaimer in a language (the file's own by default)."""
        code = primary(language)
        return next((w for lang, w in self.wordings if lang == code),
                    Wording(self.label, self.description, self.disclaimer))

    def takes(self, block_audiences: tuple[str, ...]) -> bool:
        """Whether a block with these audience marks is shown to this reader."""
        return not block_audiences or any(a in self.audiences for a in block_audiences)

    def targets_for(self, language: str) -> tuple[Target, ...]:
        """The targets that apply to renditions in this language."""
        return tuple(t for t in self.targets if t.language == primary(language))


def load_profiles(directory: str | Path) -> dict[str, Profile]:
    """Load every profiles/*.toml, in display order; a broken file raises ConfigError."""
    directory = Path(directory)
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise ConfigError([Problem(str(directory), None, None, "no profile files found",
                                   "Add profiles such as patient.toml to this folder.")])
    problems: list[Problem] = []
    profiles = [p for p in (_load(f, problems) for f in files) if p]
    if problems:
        raise ConfigError(problems)
    profiles.sort(key=lambda p: (p.order, p.name))
    if sum(p.default for p in profiles) > 1:
        names = ", ".join(p.name for p in profiles if p.default)
        raise ConfigError([Problem(str(directory), None, "default",
                                   f"more than one default profile ({names})",
                                   "Set default = true in one profile only.")])
    return {p.name: p for p in profiles}


def default_profile(profiles: dict[str, Profile]) -> Profile:
    """The profile shown when the reader has not chosen one."""
    return next((p for p in profiles.values() if p.default), next(iter(profiles.values())))


def _load(path: Path, problems: list[Problem]) -> Profile | None:
    source = str(path)
    raw = path.read_bytes()
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(source, None, None, f"cannot be read: {exc}",
                                "Fix the TOML syntax; the file must be UTF-8."))
        return None
    before = len(problems)

    def bad(field, message, hint=""):
        problems.append(Problem(source, _line(raw, field), field, message, hint))

    for key, value in data.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(key, FIELDS, n=1)
            bad(key, "unknown field", f"Did you mean '{close[0]}'?" if close else "")
        elif not isinstance(value, FIELDS[key]) or (FIELDS[key] is int and isinstance(value, bool)):
            bad(key, f"must be a {FIELDS[key].__name__}")
    for key in REQUIRED:
        if key not in data:
            bad(key, "is required")
    if data.get("terms", "keep") not in TERM_POLICIES:
        bad("terms", f"unknown term policy '{data.get('terms')}'",
            f"Use one of: {', '.join(TERM_POLICIES)}.")
    targets = []
    for n, entry in enumerate(data.get("targets", []) if isinstance(data.get("targets"), list)
                              else []):
        field = f"targets[{n}]"
        metric = entry.get("metric") if isinstance(entry, dict) else None
        if metric not in METRICS:
            bad(field, f"unknown metric '{metric}'", f"Use one of: {', '.join(METRICS)}.")
            continue
        language = entry.get("language", "en")
        scored = METRICS[metric].languages
        if not isinstance(language, str) or primary(language) not in scored:
            langs = ", ".join(METRICS[metric].languages)
            bad(field, f"metric '{metric}' does not score language '{language}'",
                f"It scores: {langs}. Pick a metric made for that language.")
            continue
        extra = set(entry) - {"metric", "max", "min", "language"}
        if extra:
            bad(field, f"unknown keys {sorted(extra)}", "Use metric, max, min and language.")
        bounds = [entry.get("max"), entry.get("min")]
        if all(b is None for b in bounds) or not all(
                b is None or isinstance(b, int | float) for b in bounds):
            bad(field, "needs a numeric max or min", "Write e.g. max = 8.")
            continue
        targets.append(Target(metric, entry.get("max"), entry.get("min"), language))
    disclaimer = data.get("disclaimer") if isinstance(data.get("disclaimer"), dict) else {}
    for key in ("title", "text"):
        if not str(disclaimer.get(key, "")).strip():
            bad(f"disclaimer.{key}", "is required", "Write the notice this reader sees.")
    wordings = []
    locales = data.get("locales") if isinstance(data.get("locales"), dict) else {}
    for code, entry in locales.items():
        field = f"locales.{code}"
        if not isinstance(entry, dict) or not code.isalpha() or len(code) != 2:
            bad(field, "must be a table named by a two-letter language code",
                'Write [locales.es] with label, description and disclaimer.')
            continue
        extra = set(entry) - {"label", "description", "disclaimer"}
        if extra:
            bad(field, f"unknown keys {sorted(extra)}", "Use label, description and disclaimer.")
        said = entry.get("disclaimer") if isinstance(entry.get("disclaimer"), dict) else {}
        texts = [entry.get("label"), entry.get("description"), said.get("title"),
                 said.get("text")]
        if not all(isinstance(t, str) and t.strip() for t in texts):
            bad(field, "needs label, description and disclaimer (title and text)",
                "Translate all four, so no reader gets half a profile in another language.")
            continue
        wordings.append((code, Wording(texts[0].strip(), texts[1].strip(),
                                       Disclaimer(texts[2].strip(), texts[3].strip()))))
    forward = _forward(data.get("bring_forward"), bad)
    level = _detail(data.get("detail"), bad)
    audiences = data.get("audiences", [])
    if not all(isinstance(a, str) and a.isidentifier() for a in audiences):
        bad("audiences", "must be a list of words", 'Write audiences = ["patient"].')
    if len(problems) > before:
        return None
    return Profile(
        name=path.stem, label=data["label"], description=data["description"],
        audiences=tuple(audiences), terms=data["terms"], targets=tuple(targets),
        disclaimer=Disclaimer(disclaimer["title"].strip(), disclaimer["text"].strip()),
        plain_words=data.get("plain_words", False), simplify=data.get("simplify", False),
        max_sentence_words=data.get("max_sentence_words", 0),
        end_list_items=data.get("end_list_items", False),
        order=data.get("order", 100), default=data.get("default", False),
        version=hashlib.sha256(raw).hexdigest()[:12], wordings=tuple(wordings),
        bring_forward=forward, detail=level,
    )


def _forward(entries, bad) -> tuple[Forward, ...]:
    """The bring_forward tables: each a kind and the patterns its lead lines match."""
    rules = []
    for n, entry in enumerate(entries if isinstance(entries, list) else []):
        field = f"bring_forward[{n}]"
        if not isinstance(entry, dict):
            bad(field, "must be a table", "Write [[bring_forward]] with kind and patterns.")
            continue
        extra = set(entry) - {"kind", "patterns"}
        if extra:
            bad(field, f"unknown keys {sorted(extra)}", "Use kind and patterns.")
        kind, patterns = entry.get("kind"), entry.get("patterns")
        ok = isinstance(kind, str) and bool(kind.strip())
        if not ok:
            bad(f"{field}.kind", "is required", 'Name what is brought forward, e.g. "what to do".')
        if not isinstance(patterns, list) or not patterns:
            bad(f"{field}.patterns", "must be a list of patterns",
                'Write e.g. patterns = ["^what you can do", "right away"].')
            continue
        for m, pattern in enumerate(patterns):
            problem = "" if isinstance(pattern, str) and pattern else "must be a text"
            try:
                problem or re.compile(pattern)
            except re.error as exc:
                problem = f"is not a valid regular expression: {exc}"
            if problem:
                ok = False
                bad(f"{field}.patterns[{m}]", problem,
                    "Patterns are Python regular expressions, matched without regard to case "
                    "against a heading or a list's lead-in line.")
        if ok:
            rules.append(Forward(kind.strip(), tuple(patterns)))
    return tuple(rules)


def _detail(entry, bad) -> detail_mod.Level:
    """The detail table: the rules this reader's main text drops and moves, by name."""
    if entry is None:
        return detail_mod.Level()
    if not isinstance(entry, dict):
        return detail_mod.Level()  # "must be a dict" is already said
    known = detail_mod.rule_actions()
    extra = set(entry) - {"drop", "move", "enumeration_items"}
    if extra:
        bad("detail", f"unknown keys {sorted(extra)}", "Use drop, move and enumeration_items.")
    chosen = {}
    for action in detail_mod.ACTIONS:
        names = entry.get(action, [])
        if not isinstance(names, list):
            bad(f"detail.{action}", "must be a list of rule names",
                f'Write e.g. {action} = ["{next(iter(known))}"].')
            continue
        for n, name in enumerate(names):
            if name not in known:
                close = difflib.get_close_matches(str(name), known, n=1)
                bad(f"detail.{action}[{n}]", f"unknown detail rule '{name}'",
                    f"Did you mean '{close[0]}'?" if close else
                    f"Rules: {', '.join(known)} (personalize/core/data/en-detail.toml).")
            elif action not in known[name]:
                bad(f"detail.{action}[{n}]", f"the rule '{name}' cannot {action}",
                    f"It can: {', '.join(known[name])}.")
        chosen[action] = tuple(n for n in names if n in known and action in known[n])
    most = entry.get("enumeration_items", detail_mod.Level.enumeration_items)
    if not isinstance(most, int) or isinstance(most, bool) or most < 2:
        bad("detail.enumeration_items", "must be a whole number of 2 or more",
            "Write e.g. enumeration_items = 3: longer lists of examples are moved.")
        most = detail_mod.Level.enumeration_items
    return detail_mod.Level(chosen.get("drop", ()), chosen.get("move", ()), most)


def _line(raw: bytes, field: str) -> int | None:
    head = field.split(".")[0].split("[")[0]
    for n, line in enumerate(raw.decode("utf-8", "replace").split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith(head) or stripped in (f"[{head}]", f"[[{head}]]"):
            return n
    return None
