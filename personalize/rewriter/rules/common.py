"""What the splitting rules share, with public names: endings, capitals, brackets, runs of
items, verbs, subjects. Every rule module imports these; none imports another's private helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from personalize.rewriter.grammar import WORDS, Grammar
from personalize.rewriter.sentences import PLACEHOLDERS, is_placeholder


@dataclass(frozen=True)
class Series:
    """A lead-in sentence and the items of the list it introduces."""

    lead: str
    items: tuple[str, ...]


def count_words(text: str) -> int:
    """Words in text, not counting protected spans.

    >>> count_words("Filgrastim 5-10 mcg/kg daily [@ref]".replace("[@ref]", chr(0xF0000)))
    5
    """
    return len(_WORDS_ONLY.findall(text))


# WORDS without its second branch: a protected span is a word of its own there, never part
# of one, so these are the same words less the placeholders
_WORDS_ONLY = re.compile(WORDS.pattern.rsplit("|", 1)[0])
_END = re.compile(rf"\s*([.!?]+)([\"'”’)\]{PLACEHOLDERS}]*)\s*$")  # citations after the stop
_END_CHARS = frozenset(".!?\"'”’)]")


def ending(sentence: str) -> tuple[str, str]:
    """The sentence without its final punctuation, and that punctuation ('.' if none)."""
    # every character of a match is white space, a stop, a closer or a placeholder: no match
    # starts before the last other character, so the search starts there (not at each one)
    tail = len(sentence)
    while tail and ((ch := sentence[tail - 1]) in _END_CHARS or ch.isspace()
                    or is_placeholder(ch)):
        tail -= 1
    match = _END.search(sentence, tail)
    if not match:
        return sentence.rstrip(" ,;:"), "."
    return sentence[: match.start()], match.group(1) + match.group(2)


def capitalize(text: str) -> str:
    text = text.strip()
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:] if i == 0 or not text[:i].strip(
                "\"'“‘(") else text
        if not (ch in "\"'“‘(" or is_placeholder(ch)):
            return text
    return text


def close(text: str, end: str = ".") -> str:
    text = text.strip().rstrip(",;: ")
    if text.endswith(("and", "or")) and text[-4:-3] == " ":
        text = text[: text.rfind(" ")]
    return text + end if not re.search(rf"[.!?][\"'”’)\]{PLACEHOLDERS}]*$", text) else text


def top_level(sentence: str, pattern: str) -> list[re.Match]:
    """Matches of pattern that are not inside brackets."""
    out = []
    at = round_open = square_open = 0  # brackets opened minus closed before `at`
    for match in re.finditer(pattern, sentence):
        before = sentence[at: match.start()]  # counted once: linear in the sentence
        round_open += before.count("(") - before.count(")")
        square_open += before.count("[") - before.count("]")
        at = match.start()
        if round_open == 0 and square_open == 0:
            out.append(match)
    return out


# words in -ing that are no verb's -ing form: "..., and during treatment" starts no -ing item
_NOT_ING = frozenset({"during", "nothing", "something", "anything", "everything", "thing",
                      "bring", "spring", "string", "king", "ring", "wing", "sibling",
                      "morning", "evening", "ceiling", "including"})


def later_ing_item(text: str) -> bool:
    """Whether text holds a top-level ', and|or <word>ing': the last item of a run of -ing
    words ('concerns about recurrence, reducing stress, and understanding ...'), which no
    comma before it may cut as a clause or a result.

    >>> later_ing_item("reducing stress in his life, and understanding his experience")
    True
    >>> later_ing_item("causing scarring, and during treatment it heals")
    False
    """
    if "ing" not in text or "," not in text:
        return False
    return any(m.group(1) not in _NOT_ING
               for m in top_level(text, r",\s+(?:and|or)\s+([a-z]+ing)\b"))


def words_in(text: str) -> list[str]:
    return _WORDS_ONLY.findall(text)


def starts_with_verb(words: list[str], g: Grammar, base: bool = True) -> bool:
    """Whether a verb phrase starts here (after 'which', or after a closing comma)."""
    if not words:
        return False
    first = words[0].lower()
    if first in g.finite or (base and first in g.base_verbs):
        return True
    return first in g.adverbs and len(words) > 1 and (
        words[1].lower() in g.finite or words[1].lower() in g.base_verbs)


def plural_subject(verb: str, g: Grammar, head: str) -> bool:
    lower = verb.lower()
    if lower in ("are", "were", "have", "do", "aren't", "weren't", "don't", "haven't"):
        return True
    if lower in ("is", "was", "has", "does", "isn't", "wasn't", "doesn't", "hasn't"):
        return False
    if lower in g.base_verbs:
        return True
    stem = lower[:-1]  # "causes" -> "cause"; "goes" -> "goe", whose base is "go"
    if lower in g.finite and lower.endswith("s") and (
            stem in g.base_verbs or (stem.endswith("e") and stem[:-1] in g.base_verbs)):
        return False
    return head.lower().endswith("s") and not head.lower().endswith("ss")


def word_class(item: str, g: Grammar) -> str:
    """A coarse class of an item's first word, to check that a run's items are parallel."""
    words = words_in(item) or [""]
    first = words[0].lower()
    if first in g.base_verbs or (first in g.finite and g.verb_here(words, 0)):
        return "verb"  # "increased risk of ...": an -ed word before a noun is not a verb
    if first.endswith("ly") or first in g.adverbs or first in ("especially", "including"):
        return "adverb"
    if first in ("how", "what", "why", "when", "where", "whether", "who", "which"):
        return "question"
    return "noun"


ADJECTIVE_END = re.compile(r"(?:ful|ous|ive|less|able|ible)$")  # "painful", "ambiguous"
# A compound adjective in one hyphenated word: "platinum-based", "CNS-directed", "HIV-negative"
COMPOUND_ADJECTIVE = re.compile(r"[^\W\d_]-(?:[^\W\d_]+ed|free|like|positive|negative|"
                                r"dependent|specific|resistant|sensitive)$", re.I)


def items_in(text: str, separator: str = ",") -> list[str]:
    parts = [p.strip() for p in split_top(text, separator)]
    if separator == ",":
        # "painful, itchy rash", "platinum-based, intensive chemotherapy": a lone adjective
        # belongs to the item after it
        merged: list[str] = []
        for part in parts:
            if merged and merged[-1].endswith(",") and not part.startswith(("and ", "or ")):
                merged[-1] = f"{merged[-1]} {part}"
            elif " " not in part and (ADJECTIVE_END.search(part)
                                      or COMPOUND_ADJECTIVE.search(part)):
                merged.append(part + ",")
            else:
                merged.append(part)
        parts = [p.rstrip(",") for p in merged]
    if len(parts) == 1:
        return []  # "A or B and C" with no commas: where items start is unclear
    last = parts[-1]
    tail = re.match(r"^(and|or)\s+(.*)$", last)
    if separator == ";" and not tail and "," in last:
        head = split_top(last, ",")
        if re.match(r"^\s*(and|or)\s+", head[-1]):
            parts[-1:] = [", ".join(head[:-1]).strip(), head[-1].strip()]
            last = parts[-1]
            tail = re.match(r"^(and|or)\s+(.*)$", last)
    if tail:
        parts[-1] = tail.group(2)
    elif separator == ";":
        pass  # "A; B; C": the last item stands as written
    else:
        head = re.split(r"\s+(?:and|or)\s+", last)
        if len(head) == 2:
            parts[-1:] = head
        else:
            return []
    return [p for p in parts if p]


def bad_items(items, g: Grammar, appositive: bool = True) -> bool:
    """Items a careful editor would not bullet: not parallel, or not starting a noun phrase."""
    firsts = [(words_in(i) or [""])[0].lower() for i in items]
    if any(f in g.not_item_start for f in firsts):
        return True  # "in severe cases", "because of trauma", "called X", "before"
    if len({word_class(i, g) for i in items}) > 1:
        return True
    if re.search(r"\bof( [\w-]+){1,2}$", items[0]) and count_words(items[1]) == 1:
        return True  # "loss of memory, judgment, and ...": the run sits inside "of"
    # "cyclopia, an abnormality ..., and a missing nose": a name and its description
    return appositive and count_words(items[0]) == 1 and re.match(r"(a|an|the)\s", items[1])


def outside_brackets(text: str) -> str:
    """Text without its bracketed asides."""
    return re.sub(r"\([^()]*\)", " ", text)


def lopsided(items) -> bool:
    """A first item far longer than the rest: the run starts inside it, not at its start."""
    sizes = sorted(count_words(i) for i in items[1:])
    return count_words(items[0]) > 2 * max(3, sizes[len(sizes) // 2])


def item_text(item: str, end: str) -> str:
    return item.strip().rstrip(".;,")


def thousands_comma(text: str, i: int) -> bool:
    """Whether the comma at i separates thousands in a number ("1,000"), not items."""
    return (text[i] == "," and i > 0 and text[i - 1].isdigit()
            and re.match(r"\d{3}(?!\d)", text[i + 1:i + 5]) is not None)


def split_top(text: str, sep: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0 and not thousands_comma(text, i):
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out


def head_noun(subject: list[str], g: Grammar) -> str:
    """The first word of a subject after its determiners: 'each parent' -> 'parent'."""
    return next((w.lower() for w in subject if w.lower() not in g.subject_determiners), "")


def negated(text: str, g: Grammar) -> bool:
    """Whether text holds a negation ("not", "never", "without", "can't" ...)."""
    return any(w.lower() in g.negations for w in words_in(text))
