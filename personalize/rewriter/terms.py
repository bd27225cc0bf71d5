"""Swap medical terms and long words for plain ones, as a profile asks, and log each swap.

Works on masked text (see sentences.mask), so citations, numbers in code, links and URLs
are never touched; numbers are never lexicon words. Matches the longest run of words first,
keeps a capital at the start of a sentence and fixes "a"/"an" before the new word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from personalize.rewriter.grammar import WORDS, defines, grammar
from personalize.rewriter.inflect import agree_articles, article_for
from personalize.rewriter.lexicon import Form, Lexicon

GLOSS_OPEN, GLOSS_CLOSE = "\ue000", "\ue001"
GLOSS_BASE = 0xE100
# "Neutrophils are the white cells that ...": the sentence defines the term; keep it there.
_DEFINED = re.compile(r"\s+(is|are|means|mean|refers to)\s+(a|an|the|when|that|too)\b", re.I)
_NAMING = re.compile(r"((called|known as|named|termed)(\s+(a|an|the))?|the term|, or|"
                     r"diagnosis of|\()\s*$", re.I)


@dataclass
class Glossary:
    """Terms met so far in one rendition: the first use of each carries its definition."""

    seen: set = field(default_factory=set)
    bracketed: set = field(default_factory=set)
    definitions: list = field(default_factory=list)

    def mark(self, text: str, definition: str) -> str:
        """Wrap text in a gloss marker that the HTML renderer turns into a definition."""
        if not definition:
            return text
        self.definitions.append(definition)
        return f"{GLOSS_OPEN}{chr(GLOSS_BASE + len(self.definitions) - 1)}{text}{GLOSS_CLOSE}"


@dataclass(frozen=True)
class Change:
    """One logged change: what was done, where, why, and the text before and after."""

    what: str
    where: str
    before: str
    after: str
    why: str

    def as_dict(self) -> dict:
        """The change as plain data."""
        return {"what": self.what, "where": self.where, "before": self.before,
                "after": self.after, "why": self.why}


def rewrite(text: str, lexicon: Lexicon, policy: str, plain_words: bool, glossary: Glossary,
            where: str, changes: list[Change], scans: dict | None = None) -> str:
    """Apply the lexicon to one masked sentence for a profile's term policy.

    `scans` keeps each text's lexicon forms (see _scan) for another profile's rewrite of it.
    """
    if policy == "keep" and not plain_words:
        return text
    if plain_words and lexicon.openers:
        text = _opener(text, lexicon, where, changes)
    key = (lexicon.version, text)
    scanned = scans.get(key) if scans is not None else None
    if scanned is None:
        scanned = _scan(text, lexicon)
        if scans is not None:
            scans[key] = scanned
    tokens, found = scanned
    out: list[str] = []
    pos = 0
    stacked = None  # where in out the last bracketed gloss stands, if it was the last change
    for i, n, form, kept in found:
        start, end = tokens[i].start(), tokens[i + n - 1].end()
        surface = text[start:end]
        if _named_term(form, surface, lexicon):
            # the entry's term is itself a listed name ("neutropenia febril"): kept as
            # written, defined on its first use
            term = form.entry.word.lower()
            replacement = None
            if policy != "keep" and term not in glossary.seen:
                glossary.seen.add(term)
                replacement = glossary.mark(surface, form.entry.definition) or None
        elif kept:
            replacement = None
        else:
            replacement = _replace(form, surface, text, start, end, tokens, i, policy,
                                   plain_words, glossary, lexicon.language, lexicon)
        if replacement is None:
            if text[pos:end].strip():
                stacked = None
            continue
        prefix = text[pos:start]
        if replacement == "":
            prefix = prefix.rstrip()
        bracket = _BRACKETED.fullmatch(replacement) if form.entry.is_term else None
        if bracket and not prefix.strip() and stacked is not None and stacked == len(out) - 1:
            # 'kidney (renal) illness (morbidity)': one bracket for the one phrase,
            # 'kidney illness (renal morbidity)'
            before = _BRACKETED.fullmatch(out[-1])
            out[-1] = before.group(1)
            replacement = f"{bracket.group(1)} ({before.group(2)} {bracket.group(2)})"
            bracket = _BRACKETED.fullmatch(replacement)
        # "a"/"an" is English; in Spanish "a" is a preposition and must stay as written
        out.append(_fix_article(prefix, replacement) if lexicon.language == "en" else prefix)
        out.append(replacement)
        stacked = len(out) - 1 if bracket else None
        if replacement != surface and not replacement.startswith(GLOSS_OPEN):
            changes.append(Change("term" if form.entry.is_term else "plain word", where, surface,
                                  _strip_marks(replacement),
                                  f"lexicon: {form.entry.word} -> {form.entry.plain}"))
        elif replacement.startswith(GLOSS_OPEN) and _strip_marks(replacement) != surface:
            changes.append(Change("term", where, surface, _strip_marks(replacement),
                                  f"lexicon: {form.entry.word} -> {form.entry.plain}"))
        pos = end
    out.append(text[pos:])
    result = "".join(out)
    result = re.sub(r"  +", " ", result).strip()
    if lexicon.language == "en":
        # a swap, a split or the source itself may leave "a epithelial cancer"
        result = agree_articles(result, f"{GLOSS_OPEN}{GLOSS_CLOSE}\ue100-\uf8ff")
    return _cap_first(result) if text[:1].isupper() else result


# Inside a run of names after "also called": "also called computed tomography, computerized
# tomography, or computerized axial tomography" (each is the name, none is swapped).
_NAME_ITEM = r"(?:[^\W\d_][\w'’-]*\s+){0,3}[^\W\d_][\w'’-]*"  # a name of up to four words
_NAMING_RUN = re.compile(rf"\b(?:also called|also known as|also termed|known as|called)\s+"
                         rf"{_NAME_ITEM},(?:\s+{_NAME_ITEM},)*\s+(?:or\s+|and\s+)?$", re.I)


def _in_naming_run(before: str) -> bool:
    """Whether a word follows a run of names after "also called".

    >>> _in_naming_run("It is also called computed tomography, computerized tomography, or ")
    True
    >>> _in_naming_run("a form called Hurler syndrome often die before age 10 from disease, ")
    False
    """
    return any(cue in before for cue in ("alled ", "nown as ", "ermed ")) and \
        _NAMING_RUN.search(before) is not None


def _bracketed(text: str, start: int) -> bool:
    """Whether a position stands inside a bracket of the text.

    >>> _bracketed("low counts (sometimes leukocytosis)", 22), _bracketed("a (b) c", 6)
    (True, False)
    """
    before = text[:start]
    if "(" not in before and "[" not in before:
        return False
    return before.count("(") + before.count("[") > before.count(")") + before.count("]")


# A term swapped with its medical word once in brackets: "kidney (renal)".
_BRACKETED = re.compile(r"(.+) \(([^()]+)\)", re.S)
# Plain words that are a verb and a count noun alike: as a noun in the singular they need a
# determiner, or they read as the verb ('needs further check', 'smoking end'). Mass nouns
# ('change', 'use', 'help') read well bare and are not listed.
_COUNT_VERBS = frozenset({"check", "cut", "start", "end"})
# Words that make a noun phrase: after one of these a bare noun reads as a noun.
_DETERMINERS = frozenset([
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "any", "no", "some",
    "another", "one", "his", "her", "its", "their", "our", "your", "my", "whose", "which", "what",
    "either", "neither", "such"])
# Words a noun can follow in English without being part of a compound noun: articles,
# prepositions, conjunctions, and common adjectives ("the incidence", "overall incidence").
_FUNCTION = _DETERMINERS | frozenset([
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "about", "among",
    "between", "into", "during", "after", "before", "than", "and", "or", "but", "nor", "as", "if",
    "when", "where", "while", "whether", "is", "are", "was", "were", "be", "been", "being", "has",
    "have", "had", "high", "low", "higher", "lower", "highest", "lowest", "greater", "overall",
    "annual", "total", "true", "new", "same"])
_ADJECTIVE_END = re.compile(r"(al|ic|ous|ive|ed|ful|less|ent|ant|ary|ing|ible|able)$")
# A plain form that opens with "not", "no" or "too" ("not enough", "too much amniotic fluid")
# cannot follow an article, a determiner or a degree word: "an inadequate response" is not
# "a not enough response", "a very insufficient dose" not "a very not enough dose".
_NEGATED_PLAIN = re.compile(r"(not|no|too)\s", re.I)
# "enough" for an adjective ("adequate -> enough") says how much, so it is made only where
# nothing follows that it would count: "intake is adequate" -> "is enough", but "adequate
# graft survival outcomes" is not "enough ... outcomes", nor "an adequate dose" "an enough dose"
_QUANTITY_PLAIN = frozenset({"enough"})
# Quantifiers of a mass noun: "Most leukocytosis is ..." is not "Most high white blood cell
# count is ...": a plain form that ends in a singular count noun cannot follow them
_MASS_QUANTIFIERS = frozenset({"most", "much", "more", "less", "little", "some"})
_COUNT_HEADS = re.compile(r"\s(?:count|level|rate)$")
_NO_NEGATED_AFTER = _DETERMINERS | frozenset([
    "very", "more", "most", "less", "least", "so", "too", "quite", "rather", "highly",
    "grossly", "clearly", "relatively", "extremely", "somewhat", "still", "equally"])


def _named_term(form: Form, surface: str, lexicon: Lexicon) -> bool:
    """A term whose own words are listed among the names: a named condition such as
    'neutropenia febril' (a named condition, not 'fever with few neutrophils') is kept."""
    return form.entry.is_term and surface.lower() in lexicon.names


def _compound(text: str, start: int) -> bool:
    """Whether the word at start ends a compound noun: 'stomach cancer incidence'.

    >>> _compound("stomach cancer incidence", 15), _compound("the incidence", 4)
    (True, False)
    >>> _compound("a higher incidence", 9), _compound("Incidence of", 0)
    (False, False)
    """
    before = re.search(r"([^\W\d_]+)\s+$", text[:start])
    if not before:
        return False
    word = before.group(1).lower()
    return word not in _FUNCTION and not _ADJECTIVE_END.search(word)


def _determined(tokens, i: int, text: str) -> bool:
    """Whether a determiner (or a possessive) opens the noun phrase this noun ends, with
    only adjectives between and no punctuation: 'a check', "the patient's genetic check"
    (not 'this warrants check').

    >>> from personalize.rewriter.grammar import WORDS
    >>> t = "the patient's genetic evaluation; this warrants evaluation"
    >>> tokens = list(WORDS.finditer(t))
    >>> _determined(tokens, 3, t), _determined(tokens, 6, t)
    (True, False)
    """
    for back in (1, 2, 3):
        k = i - back
        if k < 0 or text[tokens[k].end():tokens[k + 1].start()].strip():
            return False
        word = tokens[k].group().lower()
        if word in _DETERMINERS or word.endswith(("'s", "’s")):
            return True
        if not _ADJECTIVE_END.search(word):
            return False
    return False


def _scan(text: str, lexicon: Lexicon) -> tuple[list[re.Match], list[tuple]]:
    """The words of a text and, in order, each lexicon form found in it: (index of its first
    word, how many words, the form, whether its context keeps it as written). What a profile
    then does with each form is its own; what is found does not depend on the profile.
    """
    tokens = list(WORDS.finditer(text))
    words = [t.group() for t in tokens]
    keys = [Lexicon.key(w) for w in words]
    starts = lexicon.starts
    runs = None
    names = None  # the lexicon's names that may stand in this text, when first needed
    found: list[tuple] = []
    i = 0
    while i < len(tokens):
        if keys[i] not in starts:
            i += 1  # no form starts with this word
            continue
        runs = _runs(tokens, text) if runs is None else runs
        longest = _longest(words, runs, i, lexicon, keys)
        if not longest:
            i += 1
            continue
        form, n = longest
        if names is None:
            names = lexicon.names_in(text.lower())
        start, end = tokens[i].start(), tokens[i + n - 1].end()
        found.append((i, n, form, _kept_here(form, text, start, end, lexicon, names)))
        i += n
    return tokens, found


_OPENER = re.compile(r"^([^\w]*)([A-Z][\w ]{1,30}?),\s+")


def _opener(text: str, lexicon: Lexicon, where: str, changes: list) -> str:
    """'However, X' -> 'But X': a linking word at the start of a sentence made plain."""
    match = _OPENER.match(text)
    plain = lexicon.openers.get(match.group(2).lower()) if match else None
    if plain is None:
        return text
    rest = text[match.end():]  # already in mid-sentence case after the comma
    changes.append(Change("plain word", where, match.group(2) + ",", plain,
                          f"lexicon: {match.group(2).lower()} -> {plain}"))
    return f"{match.group(1)}{plain} {rest}"


def _runs(tokens, text: str) -> list[int]:
    """For each token, how many tokens from it on are parted by white space only."""
    runs = [1] * len(tokens)
    for k in range(len(tokens) - 2, -1, -1):
        if not text[tokens[k].end(): tokens[k + 1].start()].strip():
            runs[k] = runs[k + 1] + 1
    return runs


def _longest(words: list[str], runs: list[int], i: int, lexicon: Lexicon,
             keys: list[str]) -> tuple[Form, int] | None:
    """The longest lexicon form starting at word i, and how many words it takes.

    A form's words must be parted by white space alone, so a run stops at punctuation.
    `keys` are the words as the lexicon indexes them (Lexicon.key), which is lookup's work
    done once per word rather than once per try.
    """
    exact, forms = lexicon.exact, lexicon.forms
    for n in range(min(lexicon.starts.get(keys[i], 0), runs[i]), 0, -1):
        form = exact.get(" ".join(words[i: i + n])) or forms.get(" ".join(keys[i: i + n]))
        if form:
            return form, n
    return None


def _kept_here(form: Form, text: str, start: int, end: int, lexicon: Lexicon,
               names: tuple[str, ...] | None = None) -> bool:
    """Whether the context says to leave this word as written (`names`: lexicon.names_in).

    Inside a name the lexicon lists, or just before one of its name heads ("tumor necrosis
    factor"); after or before words the entry names; in a sentence of a sense the entry stays
    out of ("replicated" in a sentence about study findings).

    >>> from personalize.rewriter.lexicon import Entry, Lexicon
    >>> lex = Lexicon("en", "t", {}, {}, names=("periodic fever syndrome",),
    ...               name_heads=frozenset({"factor"}))
    >>> necrosis = Form(Entry("necrosis", "tissue death", kind="condition"), "necrosis", "")
    >>> _kept_here(necrosis, "tumor necrosis factor levels", 6, 14, lex)
    True
    >>> _kept_here(necrosis, "necrosis of the bone", 0, 8, lex)
    False
    """
    entry = form.entry
    lower = text.lower()
    for name in lexicon.names_in(lower) if names is None else names:
        at = lower.find(name)
        while at >= 0:
            if at < end and start < at + len(name) and _whole(lower, at, at + len(name)):
                return True
            at = lower.find(name, at + 1)
    after = re.match(r"\s+([\w-]+)", text[end:])
    if after and after.group(1).lower() in lexicon.name_heads:
        return True
    before = lower[:start].rstrip()
    if _ends_with_one(before, entry.not_after):
        return True
    if entry.only_after and not _ends_with_one(before, entry.only_after):
        return True  # "implications for the treatment of" is not "implications to treat"
    rest = lower[end:].lstrip()
    if any(rest.startswith(w) and _whole(rest, 0, len(w)) for w in entry.not_before):
        return True
    if entry.pos == "phrase" and _repeated_preposition(entry, lower[end:]):
        return True
    return any(lexicon.senses[s].search(text) for s in entry.not_in if s in lexicon.senses)


_PREPOSITIONS = frozenset({"with", "to", "of", "for", "in", "on", "from", "by", "about",
                           "into", "at"})


def _repeated_preposition(entry, rest: str) -> bool:
    """Whether a phrase ending in a preposition the plain words do not end in governs a
    second complement that repeats it: 'interfere with A or with B' ('get in the way of A
    or with B' would not read).

    >>> from personalize.rewriter.lexicon import Entry
    >>> entry = Entry("interfere with", "get in the way of", pos="phrase")
    >>> _repeated_preposition(entry, " fertility in women or with sex drive in men")
    True
    >>> _repeated_preposition(entry, " fertility in women and sex drive")
    False
    """
    last = entry.word.lower().rsplit(" ", 1)[-1]
    if last not in _PREPOSITIONS or entry.plain.lower().endswith(f" {last}"):
        return False
    return re.search(rf"\b(?:and|or|nor)\s+(?:also\s+)?{last}\b", rest) is not None


def _ends_with_one(text: str, words) -> bool:
    """Whether text ends in one of the words, as a whole word."""
    return any(text.endswith(w) and _whole(text, len(text) - len(w), len(text)) for w in words)


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands as whole words."""
    return (start == 0 or not text[start - 1].isalnum()) and \
        (end == len(text) or not text[end].isalnum())


def _replace(form: Form, surface, text, start, end, tokens, i, policy, plain_words, glossary,
             language="en", lexicon=None):
    entry = form.entry
    at_start = _sentence_start(text, start)
    if _in_name(text, start, end, at_start) or _quoted(text, start):
        return None  # "National Institute of Neurological Disorders", or a quoted name
    if len(surface) > 3 and surface.isupper() and not entry.word.isupper():
        return None  # a word in capitals is a name: "the ELEVATE TN trial", not "raise TN"
    if (language == "en" and " of " in form.plain and " of " not in f" {surface.lower()} "
            and entry.pos in ("", "noun") and _compound(text, start)):
        return None  # 'stomach cancer incidence' is not 'stomach cancer rate of new cases'
    if (language == "en" and lexicon is not None and entry.pos not in ("verb", "phrase")
            and form.grammar in ("base", "singular") and form.plain in _COUNT_VERBS
            and form.plain in lexicon.verb_plains and not _determined(tokens, i, text)
            and not re.match(r"\s+of\b", text[end:])):
        # 'warrants evaluation' is not 'warrants check': a bare 'check' reads as the verb
        # ('after start of treatment' reads as the noun, with its 'of')
        return None
    if (language == "en" and _NEGATED_PLAIN.match(form.plain) and i > 0
            and not text[tokens[i - 1].end():start].strip()
            and tokens[i - 1].group().lower() in _NO_NEGATED_AFTER):
        return None  # 'an inadequate response' is not 'a not enough response'
    if language == "en" and form.plain in _QUANTITY_PLAIN and entry.pos == "adjective" and (
            (i > 0 and tokens[i - 1].group().lower() in _NO_NEGATED_AFTER)
            or ((nxt := re.match(r"\s+([^\W\d_][\w-]*)", text[end:]))
                and nxt.group(1).lower() not in _FUNCTION)):
        return None  # 'adequate graft survival outcomes' is not 'enough ... outcomes'
    if (language == "en" and entry.is_term and form.grammar == "singular" and i > 0
            and _COUNT_HEADS.search(form.plain)
            and tokens[i - 1].group().lower() in _MASS_QUANTIFIERS
            and not text[tokens[i - 1].end():start].strip()):
        return None  # 'Most leukocytosis is' is not 'Most high white blood cell count is'
    if entry.pos not in ("verb", "adverb") and _beside_name(tokens, i, text):
        return None  # "MYH9-related disorder", "Acanthamoeba keratitis", "hyper-IgE syndrome"
    if _echoes(form, text, start, end) or _said_after(form.plain, text[end:end + 60]):
        return None  # the plain words are already here: "blood sugar (glucose), or blood sugar"
    if entry.is_term:
        if policy == "keep":
            return None
        key = entry.word.lower()
        first = key not in glossary.seen
        glossary.seen.add(key)
        if policy == "define" or entry.is_drug:
            return glossary.mark(surface, entry.definition) if first else None
        # policy "plain": the plain words, with the medical word once in brackets
        named = (_NAMING.search(text[:start]) or text[end:end + 2].startswith(" (")
                 or (at_start and _DEFINED.match(text[end:]))
                 or _in_naming_run(text[:start])  # "also called A, B, or C": each a name
                 or defines(text, start, end, language))  # 'La leucopenia quiere decir que'
        if named:
            return glossary.mark(surface, entry.definition) if first else None
        plain = _match_case(form.plain, surface, at_start)
        if key not in glossary.bracketed:  # the first swap carries the medical word
            if _bracketed(text, start):
                # inside a bracket its own bracket would nest: "(sometimes high white blood
                # cell count (leukocytosis))"; kept as written, defined on first use
                return glossary.mark(surface, entry.definition) if first else None
            glossary.bracketed.add(key)
            # a sentence's capital is dropped in the bracket, an abbreviation's kept ("Hgb")
            shown = surface.lower() if (at_start and surface[1:].islower()
                                        and entry.word[:1].islower()) else surface
            return f"{plain} ({glossary.mark(shown, entry.definition) if first else shown})"
        return plain
    if not plain_words:
        return None
    if surface[:1].isupper() and not at_start and not surface.isupper():
        return None  # a capital inside a sentence: most likely part of a name
    if text[end:end + 2] == " (":
        return None  # the source glosses this word itself: "detect (find)"
    plain = form.plain
    if form.grammar == "past" and form.participle and _after_be_or_have(tokens, i):
        plain = form.participle
    return _match_case(plain, surface, at_start) if plain else ""


def _quoted(text: str, start: int) -> bool:
    """Inside quotation marks: a quoted name or term is left as written."""
    before = text[:start]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    single = re.search(r"(^|\s)'[^']*$", before) is not None
    return straight or curly or single


def _beside_name(tokens, i: int, text: str) -> bool:
    """Next to a capitalised or alphanumeric word inside a sentence: part of a name.

    Two words back counts too: "Eastern equine encephalitis virus" is one name.
    """
    for back in (1, 2):
        k = i - back
        if k < 0 or text[tokens[k].end():tokens[k + 1].start()].strip():
            break  # punctuation between: not one name
        word = tokens[k].group()
        if (_looks_like_name(word) and not _sentence_start(text, tokens[k].start())
                and not _acronym(word)):
            return True
    nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
    gap = text[tokens[i].end():tokens[i + 1].start()] if nxt else ""
    return bool(nxt) and not gap.strip() and re.search(r"[a-z][A-Z]|[A-Za-z]-?[A-Z]{2}", nxt)


def _acronym(word: str) -> bool:
    """An all-capital abbreviation, or its plural: 'HIV', 'AAAs', 'AR-HIES' (not 'MYH9').

    >>> _acronym("AAAs"), _acronym("HIV"), _acronym("AR-HIES"), _acronym("MYH9")
    (True, True, True, False)
    >>> _acronym("Tay"), _acronym("Tay-Sachs")
    (False, False)
    """
    return re.fullmatch(r"[A-Z]+(?:-[A-Z]{2,})*|[A-Z]{2,}s", word) is not None


def _echoes(form: Form, text: str, start: int, end: int) -> bool:
    """Whether the plain words already stand within a few words of the term."""
    plain = form.plain.lower()
    if not plain or len(plain) < 4:
        return False
    window = (text[max(0, start - 60):start] + " " + text[end:end + 60]).lower()
    return re.search(rf"(?<!\w){re.escape(plain)}", window) is not None


def _said_after(plain: str, after: str) -> bool:
    """Whether the words after a term already say what its plain words add with a
    preposition: "the CSF around the spinal cord" would read "the fluid around the brain and
    spinal cord (CSF) around the spinal cord".

    >>> _said_after("fluid around the brain and spinal cord", " around the spinal cord and")
    True
    >>> _said_after("rate of new cases", " of cancer fell")
    False
    """
    phrase = re.match(r"\s+(around|in|inside|within|under|over|near|on)\s+((?:[\w-]+\s+){0,2}"
                      r"[\w-]+)", after)
    if not phrase or f" {phrase.group(1)} " not in f" {plain} ":
        return False
    words = set(plain.lower().split())
    return all(w.lower() in words for w in phrase.group(2).split())


def _in_name(text: str, start: int, end: int, at_start: bool) -> bool:
    """A capitalised word beside other capitalised words, inside a sentence, is a name.

    Beside means next to it, or across a comma in a run of capitalised words: "the
    Surveillance, Epidemiology, and End Results program" is one name.

    >>> t = "the Surveillance, Epidemiology, and End Results program"
    >>> _in_name(t, 18, 30, False), _in_name("In Africa, Leukopenia is rare", 11, 21, False)
    (True, False)
    """
    surface = text[start:end]
    if at_start or not surface[:1].isupper() or surface.isupper():
        return False
    before = re.search(r"([A-Z][\w-]*)\s+(?:(?:of|and|for|the)\s+)?$", text[:start])
    after = re.match(r"\s+(?:(?:of|and|for|the)\s+)?[A-Z]", text[end:])
    listed = (re.search(r"[A-Z][\w-]*,\s+(?:(?:and|or)\s+)?$", text[:start])
              and re.match(r",\s+(?:(?:and|or)\s+)?[A-Z]", text[end:]))
    return bool(before or after or listed)


def _looks_like_name(word: str) -> bool:
    """'MYH9-related', 'Tay-Sachs', 'FGD1': capitals, or letters mixed with digits."""
    return bool(re.search(r"[A-Z]", word) or (re.search(r"\d", word)
                                                and re.search(r"[A-Za-z]", word)))


def _after_be_or_have(tokens, i) -> bool:
    before = [t.group().lower() for t in tokens[max(0, i - 2): i]]
    return any(w in grammar("en").be_have for w in before)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:" or before[-1] == "\n"


def _match_case(plain: str, surface: str, at_start: bool) -> str:
    if surface[:1].isupper() and (at_start or surface.istitle()) and plain[:1].islower():
        return plain[:1].upper() + plain[1:]
    return plain


def _cap_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch.isdigit():
            return text
    return text


def _fix_article(prefix: str, replacement: str) -> str:
    """Make the 'a'/'an' just before a replacement agree with its first word."""
    match = re.search(r"\b(a|an|A|An)(\s+)$", prefix)
    word = _strip_marks(replacement)
    if not match or not word:
        return prefix
    article = article_for(word)
    if match.group(1)[0].isupper():
        article = article.capitalize()
    return prefix[: match.start()] + article + match.group(2)


_MARKS = re.compile(f"[{GLOSS_OPEN}{GLOSS_CLOSE}]|[\ue100-\uf8ff]")


def _strip_marks(text: str) -> str:
    return text if text.isascii() else _MARKS.sub("", text)


def strip_marks(text: str) -> str:
    """Text without gloss markers, as the reader sees it."""
    return _strip_marks(text)
