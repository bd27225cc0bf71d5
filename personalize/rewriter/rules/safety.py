"""The check every split must pass, whichever rule made it: the claim stays the same.

The splitter calls `refusal` after every rule, so no rule is trusted to guard itself. A split is
refused (and the sentence left for the next rule, or as written) when:

- a piece is not a sentence: it opens with a subordinate word and has no main clause ("If your
  doctor believes you need treatment."), or a rule's own new sentence has no subject and verb;
- it cuts inside the scope of a condition: a sentence that opens with "if", "unless" or
  "only if" governs everything after it, so only the conditions rule may split it, or a
  rule that keeps the whole condition as the lead-in of one list (every item stays under it);
- it makes a list under a negation, condition or comparison ("You may need: treatment only if
  you have surgery; a tooth pulled"), or out of a run that starts inside its first item
  ("Destruction is: characteristic of A; B");
- a rule-written sentence ("It ...", "This ...") continues a negated one: "not ... or"
  distributes the negation, which a new sentence loses;
- it separates a comparative from its "than", a paired word from its partner ("neither/nor"),
  or a statistic from its estimate ("HR, 1.58; 95% CI, 1.3-1.9");
- it cuts a statistic away from its time frame or population: "In the 20 patients, the 1-year
  EFS rate was 28%, and the OS rate was 42%" made "The OS rate was 42%.", a figure with
  neither its patients nor its year.

Each refusal is a short reason; None means the split keeps the sentence's claim.
"""

from __future__ import annotations

import re

from personalize.rewriter.rules.common import Series, split_top, words_in

_OPENING = re.compile(r"^[\"'“‘(\s]*")
# A reported statistic: "95% CI, 1.3-1.9", "OR, 1.47", "HR 0.58", "p < .05", "odds ratio".
_STATISTIC = re.compile(r"\b(?:CI|OR|HR|RR|IRR|aOR|aHR)\b\s*[=:,]?\s*[-–]?\d|\b[pP]\s*[=<>≤]"
                        r"|\b(?:confidence interval|odds ratio|hazard ratio|risk ratio)\b")
_CLOSING = re.compile(r"[\s.!?:;,]*[\"'”’)\]]*[\s.!?:;,]*$")
_JOINER = re.compile(r"^(?:but|so|and|yet|or)\s+", re.I)
_IMPERATIVE_NOT = re.compile(r"^(?:do not|don't|never|avoid)\b", re.I)
# the words "when" and "while" open conditions or times; "only" counts as "only if/when"
_OPENERS = ("if", "unless", "only if", "only when", "except", "provided", "whenever")


def refusal(sentence: str, pieces: list, g, rule: str, language: str = "en") -> str | None:
    """Why a rule's split of sentence would change what it claims, or None when it does not."""
    texts = [p for p in pieces if isinstance(p, str)]
    series = [p for p in pieces if isinstance(p, Series)]
    lower = sentence.lower()
    if rule != "conditions" and _opens_with_condition(lower) and not _condition_leads(
            sentence, pieces):
        return "the sentence opens with a condition that governs all of it"
    for piece in texts:
        why = _fragment(piece, g, written=_written_by_rule(piece, sentence, g))
        if why:
            return why
    for piece in texts[:-1]:
        if _dangling_condition(piece, g):
            return "a condition would be cut from the clause it governs"
        if _OPEN_SUBORDINATE.search(_bare(piece)):
            return "a subordinate clause would be cut from its main clause"
        if _REPORTED.search(_bare(piece)):
            return "what follows may still be what the source reports ('studies show that ...')"
    for run in series:
        why = _bad_series(run, g, numbered=rule == "numbered")
        if why:
            return why
    if len(texts) > 1 and _negated(texts[0], g) and any(
            _written_by_rule(p, sentence, g) and not _own_verb(p, rule, g) for p in texts[1:]):
        return "a new sentence would continue a negated one"
    why = _cut_span(sentence, pieces, g) or _lost_frame(texts)
    if why or language != "en" or rule not in _COMMA_CUTS:
        return why  # the stricter test below reads English word order at a bare comma
    strict = _clause_from_start(_bare(sentence), g)
    for n, piece in enumerate(texts):
        if (n or strict) and not _clause_from_start(_bare(piece), g):
            return "a piece does not start as a sentence does (subject and verb, or an opener)"
    return None


# A figure: a number that is not part of a name ("stage IV", "CD19" have no digit run alone).
_FIGURE = re.compile(r"(?<![\w.-])\d+(?:[.,]\d+)*(?:\s*%|\s*(?:of|in|per|/)\s*\d)|"
                     r"(?<![\w-])\d+(?:\.\d+)?\s*(?:%|percent\b)")
# What a figure is measured over: "1-year", "5 years", "at 24 months", "median follow-up".
_TIME_FRAME = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|ten)[-\s](?:year|month|week|day)s?\b"
    r"|\b(?:at|after|within|over|by|during|for)\s+(?:\d+|one|two|three|five|ten)\s+"
    r"(?:years?|months?|weeks?|days?)\b|\bmedian\b|\bfollow-up\b", re.I)
# An opening phrase that sets who or when the whole sentence is about: "In the 20 patients
# with stage IVb disease, ...", "Among adults, ...", "At 5 years, ..."
_FRAME_OPENER = re.compile(r"^\W*(?:in|among|for|at|after|during|within|over|of|by|across)\s"
                           r"[^,;:]*?\w[^,;:]*,\s", re.I)


def _lost_frame(texts: list[str]) -> str | None:
    """Why a later piece's figure would lose the time frame or population the first piece
    gave it, or None: the frame (an opening 'In the 20 patients, ...', or '1-year' on the first
    figure) governed every figure of the sentence, and a new sentence leaves it behind."""
    if len(texts) < 2:
        return None
    first = _OPENING.sub("", texts[0])
    opener = _FRAME_OPENER.match(first)
    timed = _TIME_FRAME.search(first) and _FIGURE.search(first)
    for piece in texts[1:]:
        body = _bare(piece)
        if not _FIGURE.search(body) or _FRAME_OPENER.match(body):
            continue  # no figure, or one with its own frame ("In 2020, 5% ...")
        if opener and _FIGURE.search(first):
            return "a figure would be cut from the population or time that opens the sentence"
        if timed and not _TIME_FRAME.search(body):
            return "a figure would be cut from its time frame"
    return None


# "The evidence shows that although A lessens, B continues": a piece that ends inside the
# "although" clause leaves the claim ("that B continues") to the next one
_OPEN_SUBORDINATE = re.compile(r"\b(?:that|and|but)\s+(?:although|though|even though|because|if|"
                               r"unless|when|whenever|while|whereas|since|once)\b[^,;:]*$",
                               re.I)


def _own_verb(piece: str, rule: str, g) -> bool:
    """Whether a pronoun sentence the shared-subject rule wrote has its own auxiliary or modal
    ("has not been checked and may lead to errors" -> "It may lead to errors."): a negation
    reaches across "and" only to verbs that share its auxiliary ("does not smoke or drink")."""
    words = [w.lower() for w in words_in(_bare(piece))]
    return (rule == "shared_subject" and len(words) > 2 and words[0] in ("it", "they")
            and (words[1] in g.modals or words[1] in ("is", "are", "was", "were", "has", "have"))
            and words[2] not in g.negations)


def _condition_leads(sentence: str, pieces: list) -> bool:
    """Whether the pieces are one list whose lead-in is the sentence's opening words, so
    the condition they hold still governs every item."""
    return (len(pieces) == 1 and isinstance(pieces[0], Series)
            and sentence.lstrip().startswith(pieces[0].lead.rstrip(": ")))


# Rules that cut at a bare comma, where the writer gave no sentence break: their pieces must
# start as sentences do (the grammar's word lists are too short to hold every piece to that).
_COMMA_CUTS = frozenset({"comma_clauses", "joined_clauses", "clause_run"})
_OPENER_WORDS = frozenset({"however", "also", "then", "therefore", "thus", "today", "often",
                           "sometimes", "usually", "most", "overall", "unlike", "like", "first",
                           "second", "finally", "instead", "later", "now", "still", "yet",
                           "moreover", "furthermore", "similarly", "consequently", "subsequently",
                           "currently", "rarely", "in", "for", "once", "as"})


def _clause_from_start(body: str, g) -> bool:
    """A stricter clause test for the pieces of a split: the verb belongs to the main clause
    ('a factor that matters if X is used' has its only verb inside "if"), and a comma-phrase
    before the subject is an opener ('In most people, ...', 'However, ...', 'In 2010, ...'),
    not a participle or a noun phrase ('limiting side effects, in patients, and ...')."""
    body = " ".join(w for w in body.split() if w.lower() not in g.adverbs)  # "They mainly"
    words = words_in(body)
    if not words:
        return False
    if g.is_imperative(body) or words[0].lower() in ("do", "does", "did"):
        return True
    # "little information about A, B, or C is available": the run's commas are not openers
    body = _RUN.sub(lambda m: m.group(1) + " " + m.group(2) + " ", body)
    segments = split_top(body, ",")
    head = words_in(segments[0])
    if len(segments) > 1 and g.finite_at(head) < 0:
        first = head[0].lower() if head else ""
        rest = ",".join(segments[1:]).strip()
        if len(head) <= 4 and g.is_imperative(rest):
            return True  # "When outdoors, use repellent"
        if not (first in g.prepositions or first in _OPENER_WORDS or first.isdigit()
                or first.endswith("ly")):
            return False
    at = g.finite_at(words)
    if at >= 0 and any(w.lower() in g.subordinators and w.lower() not in ("that", "as", "than")
                       for w in words[1:at]):
        return False  # "a factor of importance if X is being considered"
    return g.is_clause(body)


_RUN = re.compile(r"((?:[\w-]+ ){0,2}[\w-]+)(?:, (?:[\w-]+ ){0,2}[\w-]+)+,? (and|or) ")


# "Laboratory studies demonstrate that A, B, and possibly C": a claim reported by the words
# before "that"; a sentence cut after it would state the rest as plain fact
_REPORTED = re.compile(
    r"\b(?:show|shows|showed|shown|suggest|suggests|suggested|demonstrate|demonstrates|"
    r"demonstrated|indicate|indicates|indicated|find|finds|found|report|reports|reported|"
    r"hypothesize|hypothesizes|hypothesized|propose|proposes|proposed|conclude|concludes|"
    r"concluded|believe|believes|believed|think|thinks|thought|suspect|suspected|claim|claims|"
    r"claimed|state|states|stated|note|notes|noted|estimate|estimates|estimated)\s+that\b",
    re.I)


def _dangling_condition(piece: str, g) -> bool:
    """'Stop the drug, and if the rash spreads.': a piece that ends in a condition whose
    result was in the next piece ("..., and if X is confirmed, treatment should stop")."""
    last = split_top(_bare(piece), ",")[-1].strip().lower()
    words = words_in(re.sub(r"^(?:and|or|but)\s+", "", last))
    return bool(words) and (words[0] in g.conditions or words[0] in ("when", "once")) and len(
        split_top(_bare(piece), ",")) > 1


def _opens_with_condition(lower: str) -> bool:
    body = _OPENING.sub("", lower)
    return any(re.match(rf"{o}\b", body) for o in _OPENERS)


def _bare(piece: str) -> str:
    """A piece without its opening quotes, closing punctuation and joining word."""
    return _JOINER.sub("", _CLOSING.sub("", _OPENING.sub("", piece)))


def _fragment(piece: str, g, written: bool) -> str | None:
    """Why a piece cannot stand as a sentence, or None. Only a sentence the rule wrote
    ('It ...', 'This ...') is held to having a subject and verb: the grammar's test is weaker
    than the writer's, and a piece in the writer's own words is as grammatical as the source.
    """
    body = _bare(piece)
    words = [w.lower() for w in words_in(body)]
    if not words:
        return "a piece has no words"
    if (any(w in g.statistic_terms for w in words[:2]) and re.search(r"\d", body)) or (
            written and (_STATISTIC.search(body) or len(re.findall(r"\d+(?:[.,]\d+)?%?", body)) > 2
                         or re.search(r"\bn\s*=", body))):
        return "a statistic would be cut from its estimate"
    if words[-1] in ("however", "therefore", "thus", "hence", "moreover", "furthermore"):
        return f"a piece ends on '{words[-1]}', which opens the next clause"
    opener = words[0] in g.subordinators and words[0] not in ("that", "which", "who", "what") \
        and not re.match(r"(?:however|still|yet),", body, re.I)  # "However, X is ...": an adverb
    if opener and not any(g.is_clause(part) or g.is_imperative(part.strip())
                          for part in split_top(body, ",")[1:]):
        return f"a piece is a subordinate clause with no main clause ('{words[0]} ...')"
    plain = " ".join(w for w in body.split() if w.lower() not in g.adverbs)  # "They mainly"
    if written and not (g.is_clause(body) or g.is_clause(plain) or g.is_imperative(body)
                        or words[0] in ("do", "does", "did")):
        return "a new sentence has no subject and verb"
    return None


def _bad_series(run: Series, g, numbered: bool = False) -> str | None:
    """Why a lead-in and its items would not say what the sentence said, or None. A run the
    writer numbered ("(1) ... (2) ...") has its bounds from the numbers, not read from commas."""
    lead = run.lead.rstrip(": ")
    items = [i.lower() for i in run.items]
    for item in items:
        words = words_in(item)
        if any(w in g.negations for w in words):
            return "a list item carries a negation"
        if any(w in g.conditions or w == "whether" for w in words) or re.search(
                r"\bonly (if|when)\b", item):
            return "a list item carries a condition"
        # "people younger than 65" holds its whole comparison; "than men" or "older adults"
        # (after "more likely than") is one part of the lead's
        whole = "than" in words and any(w in g.comparatives or w.endswith("er")
                                        for w in words[: words.index("than")])
        compared = ("than" in words and not whole) or (
            bool(words) and words[0] in g.comparatives and words[0] not in g.base_verbs
            and "than" not in words)
        if compared and not g.is_clause(item):
            return "a list item carries a comparison"
    # "In cases of a slow heart rate that is not life-threatening: hold ...": a negation
    # inside the lead's relative clause says which cases, and governs no step of the list
    unscoped = re.sub(r"\b(?:that|which|who)\s+(?:is|are|was|were|does|do|did|has|have)\s+"
                      r"(?:not|never)\b", " ", lead, flags=re.I) if all(
        g.is_imperative(i) or (words_in(i) or [""])[0].lower() in g.instructions
        for i in run.items) else lead
    timed = [bool(_TIME_FRAME.search(i)) for i in items if _FIGURE.search(i)]
    if timed and timed[0] and not all(timed):
        return "a figure would be cut from its time frame"
    lead_words = [w.lower() for w in words_in(unscoped)]
    if any(w in g.negations for w in lead_words) and not _IMPERATIVE_NOT.match(_bare(lead)):
        return "a list would sit under a negation"
    if lead_words and (lead_words[-1] == "than" or lead_words[-1] in g.comparatives):
        return "a list would sit under a comparison"
    # "characteristic of A, B and C", "loss of memory, judgment and ...": the run starts after
    # "of" inside the first item, so the lead-in would govern the wrong words
    match = re.search(r"^(\w+(?: \w+){0,2}) (of|to|with) (\S.*)$", items[0])
    if (not numbered and match and g.finite_at(match.group(1).split()) < 0
            and len(match.group(3).split()) <= 3
            and not any(re.search(rf"\b{match.group(2)}\b", i) for i in items[1:])):
        return f"the run starts inside the first item ('{match.group(2)} ...')"
    return None


def _negated(text: str, g) -> bool:
    return any(w.lower() in g.negations for w in words_in(text))


def _written_by_rule(piece: str, sentence: str, g) -> bool:
    """A sentence the rule wrote to stand for the one before ('It ...', 'This causes ...')."""
    words = words_in(_bare(piece))
    return (bool(words) and words[0].lower() in g.referring
            and _bare(piece).lower() not in sentence.lower())


def _cut_span(sentence: str, pieces: list, g) -> str | None:
    """Why a split separates words that make one claim together, or None."""
    texts = [t for p in pieces for t in ([p] if isinstance(p, str) else [p.lead, *p.items])]
    lower = [t.lower() for t in texts]
    whole = words_in(sentence.lower())

    def together(a_words, b: str, reach: int) -> bool:
        """Each b stays in one piece with the nearest word of a_words before it."""
        for j, word in enumerate(whole):
            if word != b:
                continue
            i = next((k for k in range(j - 1, max(-1, j - reach), -1) if whole[k] in a_words),
                     None)
            if i is not None and not any(_has_run(words_in(t), whole[i: j + 1]) for t in lower):
                return False
        return True

    if "than" in whole and not together(g.comparatives, "than", 12):
        return "a comparison would be cut from its 'than'"
    for a, b in g.pairs:
        if a in whole and b in whole and not together({a}, b, 20):
            return f"'{a} ... {b}' would be cut apart"
    return None


def _has_run(words: list[str], run: list[str]) -> bool:
    """Whether the words hold the run in order, one after the other."""
    size = len(run)
    return any(words[i: i + size] == run for i in range(len(words) - size + 1))
