"""Question lookup: resolve any phrasing of a question to its one answer.

A reader types "causes of leukopnia" and means "What causes leukopenia (low white blood cell
count)?". Phrasings are reduced to bags of content words (stop-words dropped, "what causes",
"causes of" and "why" all becoming "cause", British spellings and a few abbreviations
unified), then compared word by word with room for typos. Words that many questions share
count for less than words only one question has. Flask-free: entries in, a Result out.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from personalize.langtag import primary

STOP_WORDS = frozenset({
    "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "by", "can",
    "could", "did", "do", "does", "doing", "for", "from", "get", "gets", "had", "has", "have",
    "having", "how", "i", "in", "is", "it", "its", "me", "mean", "means", "meaning", "my", "of",
    "on", "or", "our", "should", "so", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "was", "we", "were", "what", "whats", "when", "where", "which", "who",
    "will", "with", "would", "you", "your", "common", "usual", "usually", "main"
})
# Words that ask for the same thing: all of them ask "what causes it?".
SYNONYMS = {"why": "cause", "causes": "cause", "caused": "cause", "causing": "cause",
            "reason": "cause", "reasons": "cause", "etiology": "cause", "aetiology": "cause",
            "anemic": "anemia", "full": "complete",
            "raised": "high", "elevated": "high", "increased": "high", "decreased": "low",
            "reduced": "low"}
ABBREVIATIONS = {"wbc": "white blood cell", "rbc": "red blood cell", "cbc": "complete blood count",
                 "fbc": "complete blood count", "anc": "absolute neutrophil count",
                 "plt": "platelet", "hb": "hemoglobin", "hgb": "hemoglobin"}

REDIRECT_SCORE = 0.6   # the best match must reach this to be taken without asking,
REDIRECT_MARGIN = 0.12  # and beat the next answer by this much.
CANDIDATE_SCORE = 0.4   # answers below this are not offered as candidates.
MAX_CANDIDATES = 6
MAX_SUGGESTIONS = 3
_CREDIT = (1.0, 0.85, 0.7)  # credit for a word matched with 0, 1 or 2 typos


@dataclass(frozen=True)
class Entry:
    """One answer as lookup sees it: its id, its question and every phrasing of it."""

    answer_id: str
    question: str
    phrasings: tuple[str, ...]
    language: str = ""  # "" when unknown


@dataclass(frozen=True)
class Match:
    """An answer scored against a query, with the phrasing that matched best."""

    answer_id: str
    question: str
    score: float
    phrasing: str


@dataclass(frozen=True)
class Result:
    """What a query resolves to: one answer, candidates to choose from, or none."""

    kind: str  # "answer" | "choose" | "none" | "empty"
    matches: tuple[Match, ...] = ()

    @property
    def answer_id(self) -> str | None:
        """The answer to go to, when the query resolved to one."""
        return self.matches[0].answer_id if self.kind == "answer" else None


def normalise(text: str) -> tuple[str, ...]:
    """The content words of a phrasing, in a canonical form, without duplicates.

    >>> normalise("What causes leukopenia (low White Blood Cell count)?")
    ('cause', 'leukopenia', 'low', 'white', 'blood', 'cell', 'count')
    >>> normalise("What are the causes of Leukopenia?") == normalise("what causes leukopenia")
    True
    >>> normalise("Why is my WBC low?")
    ('cause', 'white', 'blood', 'cell', 'low')
    >>> normalise("Anaemia: reasons")
    ('anemia', 'cause')
    """
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("'", "")
    words: list[str] = []
    for word in re.findall(r"[a-z0-9]+", text):
        for part in ABBREVIATIONS.get(word, word).split():
            part = _canonical(part)
            if part and part not in STOP_WORDS and part not in words:
                words.append(part)
    return tuple(words)


def _canonical(word: str) -> str:
    """One word in its canonical spelling and number.

    >>> [_canonical(w) for w in ["haemoglobin", "counts", "platelets", "oedema", "less", "does"]]
    ['hemoglobin', 'count', 'platelet', 'edema', 'less', 'does']
    """
    if word in SYNONYMS or word in STOP_WORDS:
        return SYNONYMS.get(word, word)
    if len(word) >= 6:  # British spellings: haemoglobin, anaemia, oedema
        word = re.sub(r"(?<=[a-z])ae(?=[a-z])|^oe", "e", word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return SYNONYMS.get(word, word)


def typos(a: str, b: str) -> int:
    """Edits (insert, delete, change, swap two neighbours) from one word to the other.

    >>> typos("leukopnia", "leukopenia"), typos("hihg", "high"), typos("low", "high")
    (1, 1, 4)
    """
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def allowed_typos(word: str) -> int:
    """How many typos a word may carry and still match: none in short words.

    >>> [allowed_typos(w) for w in ["low", "high", "anemia", "leukopenia"]]
    [0, 1, 1, 2]
    """
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def credit(query_word: str, word: str) -> float:
    """How well a query word matches a phrasing word: 1 exact, less per typo, 0 no match.

    >>> credit("leukopenia", "leukopenia"), credit("luekopenia", "leukopenia")
    (1.0, 0.85)
    >>> credit("neutropenia", "leukopenia"), credit("how", "low")
    (0.0, 0.0)
    """
    if query_word == word:
        return 1.0
    limit = min(allowed_typos(query_word), allowed_typos(word))
    if not limit or abs(len(query_word) - len(word)) > limit:
        return 0.0
    n = typos(query_word, word)
    return _CREDIT[n] if n <= limit else 0.0


class Index:
    """Every phrasing of every answer, normalised once, with a weight for each word."""

    def __init__(self, entries: tuple[Entry, ...]):
        self.entries = entries
        self.phrasings = [(e, p, normalise(p)) for e in entries for p in (e.question, *e.phrasings)]
        counts: dict[str, int] = {}
        for entry in entries:
            for word in {w for e, _, words in self.phrasings if e is entry for w in words}:
                counts[word] = counts.get(word, 0) + 1
        n = max(1, len(entries))
        # Inverse document frequency: a word every answer shares tells them apart least.
        self.weights = {w: math.log(1 + n / c) for w, c in counts.items()}
        self.unknown = math.log(1 + n)

    def weight(self, query_word: str) -> float:
        """A query word's weight: that of the known word it spells, else the highest."""
        if query_word in self.weights:
            return self.weights[query_word]
        best = max(((credit(query_word, w), w) for w in self.weights), default=(0.0, ""))
        return self.weights[best[1]] if best[0] else self.unknown

    def score(self, query: tuple[str, ...], words: tuple[str, ...]) -> float:
        """How well a normalised query matches a normalised phrasing, from 0 to 1.

        Mostly how much of the query the phrasing covers, partly how much of the phrasing
        the query covers, so "leukopenia" finds the one question about leukopenia.
        """
        if not query or not words:
            return 0.0
        if set(query) == set(words):
            return 1.0
        got = 0.0
        covered: set[str] = set()
        for q in query:
            best, word = max(((credit(q, w), w) for w in words), default=(0.0, ""))
            if best:
                got += best * self.weights.get(word, self.unknown)
                covered.add(word)
        want = sum(self.weight(q) for q in query)
        own = sum(self.weights.get(w, self.unknown) for w in words)
        mine = sum(self.weights.get(w, self.unknown) for w in covered)
        return round(0.75 * min(1.0, got / want) + 0.25 * (mine / own), 4)

    def rank(self, text: str) -> list[Match]:
        """Every answer with its best-matching phrasing, best first."""
        query = normalise(text)
        flat = " ".join(query)
        best: dict[str, tuple] = {}
        for entry, phrasing, words in self.phrasings:
            # Ties (and all-zero scores) go to the phrasing closest letter by letter.
            key = (self.score(query, words),
                   difflib.SequenceMatcher(None, flat, " ".join(words)).ratio())
            if entry.answer_id not in best or key > best[entry.answer_id][0]:
                best[entry.answer_id] = (key, Match(entry.answer_id, entry.question, key[0],
                                                    phrasing))
        ranked = sorted(best.values(), key=lambda x: (-x[0][0], -x[0][1], x[1].question))
        return [match for _, match in ranked]

    def find(self, text: str) -> Result:
        """Resolve a query: straight to one answer, a few candidates, or none (with hints)."""
        if not normalise(text):
            return Result("empty")
        ranked = self.rank(text)
        if not ranked:
            return Result("none")
        top = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        if top.score >= REDIRECT_SCORE and top.score - runner_up >= REDIRECT_MARGIN:
            return Result("answer", (top,))
        candidates = tuple(m for m in ranked if m.score >= CANDIDATE_SCORE)[:MAX_CANDIDATES]
        if candidates:
            return Result("choose", candidates)
        return Result("none", tuple(ranked[:MAX_SUGGESTIONS]))


def in_language(entries: tuple[Entry, ...], language: str) -> tuple[Entry, ...]:
    """The entries a reader of one language searches: a query is written in one language,
    and answers in another would win on look-alike words ("leukopnia", "leucopenia").

    >>> both = (Entry("en", "What causes leukopenia?", (), "en"),
    ...         Entry("es", "¿Qué causa la leucopenia?", (), "es"), Entry("x", "Anemia?", ()))
    >>> [e.answer_id for e in in_language(both, "es-MX")]
    ['es', 'x']
    """
    code = primary(language)
    return tuple(e for e in entries if primary(e.language) in ("", code))


@lru_cache(maxsize=8)
def index(entries: tuple[Entry, ...]) -> Index:
    """The index for a set of entries, built once while the answers stay the same."""
    return Index(entries)


def find(text: str, entries: tuple[Entry, ...]) -> Result:
    """Resolve a query against entries.

    >>> entries = (Entry("a", "What causes anemia?", ("Why am I anemic?",)),
    ...            Entry("l", "What causes leukopenia?", ("Causes of low white cells?",)))
    >>> find("causes of anaemia", entries).answer_id
    'a'
    >>> find("leukopnia causes", entries).answer_id
    'l'
    >>> [m.answer_id for m in find("what causes", entries).matches]
    ['a', 'l']
    >>> find("what causes", entries).kind, find("diabetes", entries).kind
    ('choose', 'none')
    """
    return index(entries).find(text)
