"""The answer's topic, named once and then referred to plainly ("this condition").

A patient reading about "Aicardi-Goutieres syndrome" meets its name once; later mentions
become "this condition", which is shorter to read and easier to follow. Only names that
look like conditions are treated so, and only where the grammar allows a plain noun.
"""

from __future__ import annotations

import re
import tomllib

from personalize.rewriter.grammar import DATA, grammar

_QUESTION_HEAD = re.compile(
    r"^\s*(what are the (symptoms|causes|treatments|stages|signs|complications) (of|for|to)|"
    r"what are the genetic changes related to|what is the outlook for|who is at risk for|"
    r"how to (diagnose|prevent|treat)|what to do for|how many people are affected by|"
    r"what causes|what (is|are)( the)?|is|are)\s+", re.I)
_ENDINGS = tomllib.loads((DATA / "en-topic.toml").read_text(encoding="utf-8"))


def _ending(words: list[str]) -> re.Pattern:
    """A pattern for a name that ends in one of the words (longest first)."""
    return re.compile("(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                      + ")$", re.I)


_CONDITION_END = _ending(_ENDINGS["condition_endings"])
_SINGULAR = _ending(_ENDINGS["singular_endings"])
_BEFORE_OK = {"of", "with", "in", "for", "about", "from", "to", "has", "have", "had", "and",
              "or", "cause", "causes", "caused", "treat", "treats", "get", "gets", "develop",
              "develops", "when", "if", "that", "because", "by", "on", "into"}


_CANCER = _ending(_ENDINGS["cancer_endings"])


def _may_follow(after: str) -> bool:
    """Whether 'this condition' reads well before this text: a verb, a preposition, an end."""
    if re.match(r"^\s*([.,;:!?)]|$)", after):
        return True
    word = re.match(r"^\s+([A-Za-z']+)", after)
    if not word:
        return False
    g = grammar("en")
    lower = word.group(1).lower()
    return (lower in g.finite or lower in g.prepositions or lower in g.subordinators
            or lower in ("and", "or", "usually", "often", "also", "mainly", "can", "may"))


def topic_of(question: str) -> str:
    """The condition a question is about, or '' when it is not clearly one.

    >>> topic_of("What is (are) Aicardi-Goutieres syndrome ?")
    'Aicardi-Goutieres syndrome'
    >>> topic_of("What are the symptoms of Acromegaly ?")
    'Acromegaly'
    >>> topic_of("What is (are) Aicardi-Goutieres syndrome type 2 ?")
    'Aicardi-Goutieres syndrome'
    >>> topic_of("What is (are) Toilet Training ?")
    ''
    >>> topic_of("Do you have information about A1C")
    ''
    >>> topic_of("Who is at risk for Parasites - Cyclosporiasis (Cyclospora Infection)?")
    'Cyclosporiasis'
    >>> topic_of("What are the genetic changes related to Aarskog-Scott syndrome ?")
    'Aarskog-Scott syndrome'
    """
    text = re.sub(r"\s*\?+\s*$", "", question).strip()
    text = re.sub(r"\s*\([^)]*\)\s*", " ", text).strip()
    match = _QUESTION_HEAD.match(text)
    if not match:
        return ""
    # "Parasites - Lice - Body Lice": the site's sections, then the topic
    topic = text[match.end():].strip(" ?").rpartition(" - ")[2].strip()
    topic = re.sub(r"\s+(inherited|treated|diagnosed)$", "", topic, flags=re.I)
    core = re.sub(r"\s+type\s+\w+$", "", topic, flags=re.I)
    if not topic or len(topic.split()) > 6 or not _CONDITION_END.search(core):
        return ""
    if re.search(r"\d", topic):
        # "type 2" is a fact: a name with a number is always written out. The name without
        # it ("Aicardi-Goutieres syndrome") is the condition the answer goes on to describe.
        return "" if re.search(r"\d", core) else core
    return topic


_PLURAL = re.compile(r"(oses|ies|[^su]s)$", re.I)


def _plain_noun(topic: str) -> str:
    """How the topic is referred to: 'this condition', 'this cancer', or a plural.

    >>> _plain_noun("Sandhoff disease"), _plain_noun("Mucopolysaccharidoses")
    ('this condition', 'these conditions')
    >>> _plain_noun("Foodborne Illnesses"), _plain_noun("Germ Cell Tumors")
    ('these illnesses', 'these tumors')
    >>> _plain_noun("Cyclosporiasis"), _plain_noun("Brachial Plexus Injuries")
    ('this condition', 'these injuries')
    """
    kind = "cancer" if _CANCER.search(topic) else "condition"
    last = topic.split()[-1].lower()
    if last.startswith(("tumor", "tumour")):
        kind = "tumor"  # not every tumor is a cancer
    if not _PLURAL.search(topic) or _SINGULAR.search(topic):
        return f"this {kind}"
    if kind == "condition" and last in ("injuries", "illnesses", "infections", "disorders",
                                        "diseases", "malformations"):
        return f"these {last}"
    return f"these {kind}s"


def refer_plainly(text: str, topic: str, seen: set) -> str:
    """Name the topic the first time it appears; later, where grammar allows, 'this condition'.

    >>> seen = set()
    >>> refer_plainly("Sandhoff disease is rare.", "Sandhoff Disease", seen)
    'Sandhoff disease is rare.'
    >>> refer_plainly("Sandhoff disease is not limited to one group.", "Sandhoff Disease", seen)
    'This condition is not limited to one group.'
    >>> refer_plainly("Treatment of Sandhoff disease helps.", "Sandhoff Disease", seen)
    'Treatment of this condition helps.'
    """
    if not topic:
        return text
    pattern = re.compile(rf"(?<![\w-]){re.escape(topic)}(?![\w-])", re.I)

    noun = _plain_noun(topic)

    def swap(match: re.Match) -> str:
        if "topic" not in seen:
            seen.add("topic")
            return match.group()
        before = text[: match.start()].rstrip()
        after = text[match.end():]
        word = re.search(r"([\w']+)\W*$", before)
        inside = before.count("(") > before.count(")")
        if not _may_follow(after) or re.match(r"\s+(is|are)\s+(a|an)\b", after):
            return match.group()  # "Alzheimer disease cases", "X (AAA)", "X is a disease in ..."
        if not before or before[-1] in ".!?:":
            return noun[0].upper() + noun[1:]
        if inside or not word or word.group(1).lower() not in _BEFORE_OK:
            return match.group()
        return noun

    return pattern.sub(swap, text)
