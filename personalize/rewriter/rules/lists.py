"""Rules that turn a run of three or more items into a lead-in and a bulleted list."""

from __future__ import annotations

import re

from personalize.rewriter.rules.common import (
    Series,
    bad_items,
    capitalize,
    close,
    count_words,
    ending,
    item_text,
    items_in,
    lopsided,
    outside_brackets,
    split_top,
    top_level,
    word_class,
    words_in,
)
from personalize.rewriter.rules.contract import Context, Pieces, rule

_INTRODUCERS = (r"(?:,?\s+(?:including|such as|for example|include|includes|included|"
                r"involve|involves|consist of|consists of)|:)\s+")


@rule("series", cues=("includ", "such as", "for example", "involve", "consist", ":"),
      splits=(
          ('Low counts can be caused by several factors, including viral infections, certain '
           'medicines, bone marrow disorders, and autoimmune diseases.',
           ('Low counts can be caused by several factors, including: viral infections; certain '
            'medicines; bone marrow disorders; autoimmune diseases',)),
          ('It begins with symptoms including fever, headache, muscle pain, and vomiting; a '
           'second phase has appeared in some patients.',
           ('It begins with symptoms including: fever; headache; muscle pain; vomiting',
            'A second phase has appeared in some patients.')),

          # semicolons bound the items, so an item's own ', which' clause stays in it
          ('The immune system uses several ways to kill infected cells, including attack by '
           'killer cells; attack by antibodies, which are made by B cells; and the release of '
           'cytokines.',
           ('The immune system uses several ways to kill infected cells, including: attack by '
            'killer cells; attack by antibodies, which are made by B cells; the release of '
            'cytokines',)),
      ),
      leaves=(
          'Risk factors include smoking and exposure to dust, fumes, or other toxic substances '
          'at work.',
          # a hyphenated adjective and its noun are one item: "platinum-based" is the chemo's
          'Treatment includes platinum-based, intensive systemic chemotherapy and CNS-directed '
          'radiation therapy.',
          # "such as ..." gives examples of the item before it: one item, not three
          'Limits of the trial included a lack of thought about the negative effects of '
          'treatment, such as resistance of the bacteria and other germs.',
      ))
def series(sentence: str, ctx: Context) -> Pieces | None:
    """'... including A, B, C and D.' -> a lead-in and a bulleted list."""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in reversed(top_level(body, _INTRODUCERS)):
        lead, rest = body[: match.end()].rstrip(), body[match.end():]
        separator = ";" if rest.count(";") >= 2 else ","
        after = ""
        if separator == "," and top_level(rest, r";\s+"):
            cut = top_level(rest, r";\s+")[0]  # "... and vomiting; a second phase ..."
            rest, after = rest[: cut.start()], rest[cut.end():]
        items = _examples_merged(items_in(rest, separator))
        if len(items) < 3 or count_words(lead) < 2 or any(count_words(i) > 25 for i in items):
            continue
        if separator == "," and (re.search(r"\b(and|or)\b", items[0]) or lopsided(items)
                                 or bad_items(items, g)):
            continue  # "smoking and exposure to dust, fumes or ...": the run start is unclear
        if any(g.finite_at(words_in(outside_brackets(_unrelated(i, separator, n, items))))
               >= 1 or re.search(r"\b(that|which|who)\b",
                                 outside_brackets(_unrelated(i, separator, n, items)))
               for n, i in enumerate(items)):
            continue  # an item with its own verb: the sentence goes on, or it is a clause
        lead = lead.rstrip(",") if lead.endswith(":") else lead + ":"
        done = _lead_then(lead, tuple(item_text(i, end) for i in items), ctx)
        return done + ([close(capitalize(after), end)] if after.strip() else [])
    return None


_EXAMPLE_START = re.compile(r"(?:such as|including|e\.g\.|like|for example|for instance)\b",
                            re.I)


def _examples_merged(items: list[str]) -> list[str]:
    """Items with a run of examples put back on the item it gives examples of: 'a lack of X,
    such as resistance of A and B' is one item ('such as ...' is no item of its own, and its
    'and B' no third one), so everything from an example item on joins the item before it;
    a longer tail ('such as A, B, and C') cannot be told apart from items: no run then.

    >>> _examples_merged(["a lack of care", "such as resistance of A", "B"])
    ['a lack of care, such as resistance of A and B']
    >>> _examples_merged(["pain", "fever", "such as A", "B", "C"])
    []
    """
    for n, item in enumerate(items[1:], 1):
        if _EXAMPLE_START.match(item):
            if len(items) - n > 2:
                return []
            return items[: n - 1] + [f"{items[n - 1]}, {' and '.join(items[n:])}"]
    return items


def _unrelated(item: str, separator: str, n: int, items: list[str]) -> str:
    """An item without its closing ', which/who ...' clause, when semicolons bound the items
    and it is not the last: the clause ends at the semicolon, so it describes that item and
    cannot be the sentence going on ("attack by antibodies, which are made by B cells;")."""
    if separator != ";" or n == len(items) - 1 or ", " not in item:
        return item
    match = re.search(r",\s+(?:which|who)\s", item)
    return item[: match.start()] if match and match.start() else item


_NUMBERED = re.compile(r"\(([1-9])\)\s+")
_PARTICIPLE_LINK = re.compile(r"\b(?:compared|associated|linked|related|based)\s+"
                              r"(?:with|to|on)\b", re.I)


@rule("numbered", cues=("(1)",),
      splits=(
          ('Differences between the groups reflect (1) the later start of smoking in women '
           'compared with men and (2) the later fall in smoking among women compared with men.',
           ('Differences between the groups reflect: (1) the later start of smoking in women '
            'compared with men; (2) the later fall in smoking among women compared with men',)),
          ('The disease is divided into two groups by age at onset: (1) early onset, which '
           'starts before age 60, and (2) late onset, which starts after age 65.',
           ('The disease is divided into two groups by age at onset: (1) early onset, which '
            'starts before age 60; (2) late onset, which starts after age 65',)),
      ),
      leaves=(
          # the sentence goes on after the last item: its verb is the whole sentence's
          'Doctors know that (1) the dose of the drug and (2) the length of treatment are what '
          'decide how long the effect lasts.',
          # numbered alternatives with no "either" before them: a list would read as all
          'The drug may be stopped for (1) a rash that spreads or (2) a fever that lasts more '
          'than two days.',
          # a lead-in that ends in "of" does not stand as a sentence before its list
          'The differences are a reflection of (1) the later start of smoking in women and (2) '
          'the later fall in smoking among women.',
      ))
def numbered(sentence: str, ctx: Context) -> Pieces | None:
    """'X reflects (1) A, (2) B, and (3) C.' -> 'X reflects:' and a list of A, B and C: the
    writer numbered the items, so where each starts and ends is not a guess."""
    if "(1)" not in sentence or "(2)" not in sentence:
        return None  # cheap: no numbered run
    g = ctx.grammar
    body, end = ending(sentence)
    marks = top_level(body, _NUMBERED)
    if len(marks) < 2 or [int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return None
    lead = body[: marks[0].start()].rstrip()
    items = [body[m.end(): n.start()] for m, n in zip(marks, marks[1:], strict=False)]
    items.append(body[marks[-1].end():])
    joined = [re.search(r"[,;]?\s*\b(and|or)\s*$", i) for i in items[:-1]]
    items = [re.sub(r"[,;]?\s*(?:\b(?:and|or))?\s*$", "", i).strip() for i in items]
    if any(j and j.group(1) == "or" for j in joined) and not re.search(
            r"\b(?:either|one of|whether)$", lead, re.I):
        return None  # alternatives: a list would read as all of them
    lead_words = words_in(lead)
    if count_words(lead) < 3 or g.finite_at(lead_words) < 0 or not all(items) or any(
            count_words(i) > 30 for i in items):
        return None  # the lead-in holds the verb that governs every item
    if lead_words[-1].lower() in g.prepositions:
        return None  # "a reflection of:" does not stand as a sentence before its list
    # "among women compared with men": a participle that links two nouns, not the verb
    last = words_in(_PARTICIPLE_LINK.sub(" ", outside_brackets(items[-1])))
    at = g.finite_at(last)
    if at >= 0 and not any(w.lower() in g.relatives for w in last[:at]):
        return None  # "(1) A and (2) B decide ...": the sentence goes on after the run
    lead = lead.rstrip(",") if lead.endswith(":") else lead.rstrip(",") + ":"
    # each item keeps its number: the text may name an item by it later ("group (2)")
    return _lead_then(lead, tuple(f"({n}) " + item_text(i, end)
                                  for n, i in enumerate(items, 1)), ctx)


@rule("verb_series", cues=(",",),
      splits=(
          ('Overactive glands can cause tiredness, weakness, muscle pain, constipation, or '
           'kidney stones.',
           ('Overactive glands can cause: tiredness; weakness; muscle pain; constipation; '
            'kidney stones',)),
      ),
      leaves=(
          'Alzheimer disease causes gradual loss of memory, judgment, and the ability to '
          'function socially in older adults.',
          'You may need treatment only if you have surgery, a tooth pulled, or an injury.',
          'Destruction is characteristic of lymphoma, leukemia, myeloma and metastatic cancer.',
          'Women are more likely than men, children, or older adults to get this infection.',
          # "worries" after "to" and "needs" before "of carers were" are nouns: no verb there
          'The most pressing needs were related to worries about relapse, reducing stress in '
          'daily life, and understanding the illness.',
          'The main needs of carers were about fear of relapse, reducing stress at home, and '
          'understanding the patient experience.',
      ))
def verb_series(sentence: str, ctx: Context) -> Pieces | None:
    """'Tests measure A, B, and C.' -> 'Tests measure:' and a list of A, B and C."""
    g = ctx.grammar
    body, end = ending(sentence)
    commas = top_level(body, r",\s+")
    if len(commas) < 2:
        return None
    words = list(re.finditer(r"[^\W_]+(?:[-'’][^\W_]+)*", body[: commas[0].start()]))
    texts = [w.group() for w in words]
    # "results" may be a noun or a verb: try each verb the first clause could have
    for verb_at in range(1, len(words)):
        if not g.verb_here(texts, verb_at):
            continue
        before = texts[verb_at - 1].lower()
        if before in _NOUN_OPENERS or (before == "to" and texts[verb_at].lower()
                                       not in g.base_verbs):
            continue  # "related to worries about X", "the needs": a noun there, no verb
        result = _run_after(body, end, words, verb_at, ctx)
        if result:
            return result
    return None


# After these a word is a noun, never the verb of the clause
_NOUN_OPENERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "your", "my"})


def _run_after(body, end, words, verb_at, ctx: Context):
    """The lead-in up to the verb at verb_at and the parallel run after it, if there is one."""
    g = ctx.grammar

    def verb_after_helper(at: int) -> bool:  # "can cause", "may be"
        if at + 1 >= len(words):
            return False
        helper, verb = words[at].group().lower(), words[at + 1].group().lower()
        return (helper in g.modals or helper in g.auxiliary_verbs) and (
            verb in g.base_verbs or verb in g.auxiliary_verbs)

    while verb_after_helper(verb_at):
        verb_at += 1  # "can cause", "may be": the run follows the whole verb
    while verb_at + 1 < len(words) and words[verb_at + 1].group().lower() in g.adverbs:
        verb_at += 1
    cut = words[verb_at].end()
    lead, rest = body[:cut], body[cut:].strip()
    if re.search(r"\b(how|what|that|which|who|whether|if|when|where|why)\b", lead, re.I):
        return None  # the run belongs to a clause inside the lead, not to its main verb
    if not g.is_clause(lead + " it") and not g.is_clause(lead):
        return None
    items = items_in(rest)
    if len(items) < 3 or any(count_words(i) > 25 for i in items):
        return None
    if len(items) < 5 and sum(count_words(i) for i in items) / len(items) < 2.5:
        return None  # a few short items gain nothing as a list; five or more read better
    if items[0].startswith("to "):
        lead, items[0] = lead + " to", items[0][3:]
    kind = word_class(items[0], g)
    if bad_items(items, g) or kind == "adverb":
        return None  # not parallel: the commas do not separate the run's items
    if lopsided(items) or (kind == "noun" and re.search(r"\b(and|or)\b", items[0])):
        return None
    if kind == "noun" and g.finite_at(words_in(items[-1])) >= 1:
        return None  # "A, B and C can cause X": the sentence goes on after the run
    first = words_in(outside_brackets(items[0]))
    at = g.finite_at(first) if kind == "noun" else -1
    if at >= 1 and not any(w.lower() in g.relatives for w in first[:at]):
        return None  # "The main needs: of carers were about ...": the verb is in the item
    return _lead_then(lead + ":", tuple(item_text(i, end) for i in items), ctx)


@rule("subject_series", cues=(",",),
      splits=(
          ('Fever, a new cough, and pain when you pee can be signs of an infection in people '
           'with low counts.',
           ('These can be signs of an infection in people with low counts: fever; a new cough; '
            'pain when you pee',)),
      ),
      leaves=(
          'Limiting foods with cholesterol, saturated fat, and trans fats can help you control '
          'your cholesterol levels.',
          'There was no good evidence that aspirin, vitamin E or folic acid changed the rate '
          'of heart disease.',
      ))
def subject_series(sentence: str, ctx: Context) -> Pieces | None:
    """'A, B, and C can cause X.' -> 'These can cause X:' and a list of A, B and C."""
    g = ctx.grammar
    body, end = ending(sentence)
    parts = split_top(body, ",")
    if len(parts) < 3:
        return None
    last = parts[-1].strip()
    tail = re.match(r"^(and|or)\s+(.*)$", last)
    if not tail:
        return None
    last_words = words_in(tail.group(2))
    at = g.finite_at(last_words)
    if at < 1:
        return None
    verb = last_words[at]
    split_at = re.search(rf"\b{re.escape(verb)}\b", tail.group(2))
    items = [p.strip() for p in parts[:-1]] + [tail.group(2)[: split_at.start()].strip()]
    predicate = tail.group(2)[split_at.start():].strip()
    if any(g.finite_at(words_in(i)) >= 0 for i in items) or any(count_words(i) > 10 for i in items):
        return None
    if count_words(predicate) < 2 or word_class(items[0], g) != "noun" or bad_items(
            items, g, appositive=False):
        return None
    if "(" in predicate or (words_in(items[0]) or [""])[0].lower().endswith("ing"):
        return None  # "Limiting foods with A, B and C can help": a gerund, not a run of subjects
    first = items[0]
    if first[:1].isupper() and first[1:2].islower():
        items[0] = first[0].lower() + first[1:]  # it started the sentence; now it is an item
    return [Series(capitalize(f"These {predicate}:"), tuple(item_text(i, end) for i in items))]


@rule("conditions", cues=("If",),
      splits=(
          ('If your total cholesterol is 200 mg/dL or more, or if your good cholesterol is '
           'less than 40 mg/dL, your doctor may suggest a test.',
           ('Your doctor may suggest a test if one of these is true: your total cholesterol is '
            '200 mg/dL or more; your good cholesterol is less than 40 mg/dL',)),
      ),
      leaves=(
          'If you have a fever of 38 degrees or more, call your doctor or nurse right away '
          'today.',
      ))
def conditions(sentence: str, ctx: Context) -> Pieces | None:
    """'If A, or if B, C.' -> 'C if one of these is true:' and a list of A and B (a bare
    'if:' would let the list read as both conditions at once)."""
    g = ctx.grammar
    body, end = ending(sentence)
    match = re.match(r"^If\s+(.+?),\s+or\s+if\s+(.+?),\s+(.+)$", body)
    if not match or not g.is_clause(match.group(3)):
        return None
    first, second, result = match.groups()
    if "," in first or count_words(first) < 3 or count_words(second) < 3:
        return None
    return [Series(capitalize(f"{result} if one of these is true:"), (first, second))]


# What may open a condition that governs a run of steps ("If ...", "In cases of ...", "In
# patients with ...", "For people who ..."); the condition ends at the comma before the steps.
_GOVERNING = re.compile(r"^(?:If|When|Whenever|In (?:cases|the event|the case) of|"
                        r"In (?:patients|people|adults|children|women|men) (?:with|who)|"
                        r"For (?:patients|people|adults|children|women|men) (?:with|who))\s")


@rule("instructions", cues=("If", "When", "In ", "For "),
      splits=(
          ('In patients with a slow heart rate and dizziness, hold the medicine until the heart '
           'rate recovers, re-evaluate the other medicines they take, and adjust the dose.',
           ('In patients with a slow heart rate and dizziness: hold the medicine until the '
            'heart rate recovers; re-evaluate the other medicines they take; adjust the dose',)),
          ('If severe diarrhea occurs, withhold the drug, give fluids by vein, and restart at a '
           'lower dose after it resolves.',
           ('If severe diarrhea occurs: withhold the drug; give fluids by vein; restart at a '
            'lower dose after it resolves',)),
          ('In patients who develop hepatitis while taking the drug, immediately stop the drug '
           'and any other medicines, and start treatment.',
           ('In patients who develop hepatitis while taking the drug: immediately stop the drug '
            'and any other medicines; start treatment',)),
      ),
      leaves=(
          # two steps only: the run is short and its "and" may join parts of one step
          'If the rash spreads, stop the medicine and call your doctor right away today.',
          # "or": the steps are alternatives, a list would read as all of them
          'If your blood sugar is low, eat a snack, drink some juice, or take glucose tablets '
          'at once.',
          # a negation in the condition: the safety check keeps lists from under one
          'In patients whose slow heart rate is not life-threatening, hold the medicine, check '
          'the other medicines, and adjust the dose.',
          # no condition before the steps: nothing for a lead-in to say
          'Hold the medicine until the heart rate recovers, check the other medicines, and '
          'adjust the dose.',
      ))
def instructions(sentence: str, ctx: Context) -> Pieces | None:
    """'If A, do B, do C, and do D.' -> 'If A:' and a list of the steps, each still
    governed by the condition (the lead-in states it once, before every step)."""
    g = ctx.grammar
    body, end = ending(sentence)
    if not _GOVERNING.match(body):
        return None
    for match in top_level(body, r",\s+"):
        lead, rest = body[: match.start()].strip(), body[match.end():]
        if count_words(lead) < 3 or _step_verb(rest) not in g.instructions:
            continue
        if re.search(r"\bor\s+(?:\w+\s+)?$", rest[: rest.rfind(",") + 1] or "") or \
                re.search(r",\s+or\s+", rest):
            return None  # alternatives, not steps
        items = items_in(rest, ",")
        # two steps only when a comma sets them apart ("stop A and any B, and start C"): a
        # bare "and" may join parts of one step
        two = len(items) == 2 and re.search(r",\s+and\s+\S+[^,]*$", rest) and count_words(
            lead) >= 5 and all(_step_verb(i) in g.instructions for i in items)
        if (len(items) < 3 and not two) or any(count_words(i) > 25 for i in items):
            return None
        verbs = [_step_verb(i) for i in items]
        if any(v not in g.instructions and v not in g.base_verbs for v in verbs):
            return None
        return [Series(capitalize(lead + ":"), tuple(item_text(i, end) for i in items))]
    return None


def _step_verb(step: str) -> str:
    """The verb a step opens with, past one adverb ('immediately discontinue' -> 'discontinue')."""
    words = [w.lower() for w in words_in(step)] + ["", ""]
    return words[1] if words[0].endswith("ly") and words[0] not in ("apply", "supply") else words[0]


# A clause of time or condition that opens a sentence and governs what follows it
_CLAUSE_FRAME = re.compile(r"^(?:When|Whenever|Once|If|After|Before|As soon as)\s[^,;:()]+?,\s+")


@rule("framed_clauses", cues=(", and ",),
      splits=(
          ('In the lung cancer study, 80% of patients were male, the median age was 58 years, '
           'and 95% of patients were white.',
           ('In the lung cancer study: 80% of patients were male; the median age was 58 years; '
            '95% of patients were white',)),
          # a clause of time: as two sentences the second would lose it
          ('When the drug is taken with food, the level in the blood rises quickly, and the '
           'risk of side effects goes up for several days.',
           ('When the drug is taken with food: the level in the blood rises quickly; the risk '
            'of side effects goes up for several days',)),
      ),
      leaves=(
          # "1-year" dates both rates: as two items the second would read as a rate of no
          # time at all (this split had cut "1-year" off an overall survival rate)
          'In the 20 patients with stage IVb disease, the 1-year EFS rate was 28.3%, and the '
          'OS rate was 42.1%.',
          'In the first trial, most people got better within a week, or the rash went away on '
          'its own.',
          # a clause that opens with a condition and a negated clause after it: no list under it
          'If the count stays low, the drug is not given again, and the doctor checks the blood '
          'every week.',
      ))
def framed_clauses(sentence: str, ctx: Context) -> Pieces | None:
    """'In the X study, A was a, B was b, and C was c.' -> 'In the X study:' and a list of the
    clauses: the opening phrase (who, where or when) still governs every one of them, which
    sentences of their own would lose."""
    g = ctx.grammar
    if ", and " not in sentence:
        return None  # cheap: no run of clauses joined by ", and"
    body, end = ending(sentence)
    frame = re.match(r"^(?:In|Among|For|At|After|During|Within|Across)\s[^,;:()]+?,\s+", body)
    if not frame or g.finite_at(words_in(frame.group())) >= 0 or count_words(frame.group()) < 3:
        # "When X happens, A, and B": a clause of time or condition governs every clause
        frame = _CLAUSE_FRAME.match(body)
        if not frame or g.finite_at(words_in(frame.group())) < 1:
            return None
    rest = body[frame.end():]
    if not re.search(r",\s+and\s+[^,]+$", rest) or re.search(r",\s+or\s+", rest):
        return None  # steps joined by "and" only: "or" offers alternatives
    items = items_in(rest, ",")
    if len(items) < 2 or any(count_words(i) < 3 or not g.is_clause(i) for i in items):
        return None
    lead = frame.group().rstrip(", ")
    return [Series(capitalize(lead + ":"), tuple(item_text(i, end) for i in items))]


def _lead_then(lead: str, items: tuple[str, ...], ctx: Context) -> Pieces:
    """A long lead-in is itself split, so only its last sentence introduces the list."""
    pieces = ctx.resplit(lead[:-1] + ".", 12)
    pieces = [p for p in pieces if isinstance(p, str)]
    last_word = (words_in(lead) or [""])[-1]
    # the last sentence must still end with the words that introduce the run ("including"):
    # a split that moved an aside after them would put the list under the aside
    if len(pieces) > 1 and pieces[-1].endswith(last_word + "."):
        return [*pieces[:-1], Series(capitalize(pieces[-1][:-1] + ":"), items)]
    return [Series(capitalize(lead), items)]


@rule("such_as_aside", cues=("such as", "including", "like"),
      splits=(
          ('Viral infections, such as influenza, HIV, and COVID-19, can slow the bone marrow '
           'for a while.',
           ('Viral infections can slow the bone marrow for a while.',
            'Examples are influenza, HIV, and COVID-19.')),
      ),
      leaves=(
          'Some body organs in babies with this condition, including the heart, may enlarge.',
          'Undifferentiated sarcomas with 12q13-15 amplification, including MDM2 and CDK4, are '
          'best classified as dedifferentiated liposarcomas.',
      ))
def such_as_aside(sentence: str, ctx: Context) -> Pieces | None:
    """'Infections, such as A and B, can ...' -> 'Infections can .... Examples are A and B.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+(?:such as|including|like)\s+"):
        before = {w.lower() for w in words_in(outside_brackets(body[: match.start()]))}
        if before & g.prepositions:
            break  # "sarcomas with 12q13 amplification, including MDM2": whose examples is unclear
        after = body[match.end():]
        parts = split_top(after, ",")
        for n in range(1, len(parts)):
            rest = ",".join(parts[n:]).strip()
            if g.finite_at(words_in(rest)[:2]) == 0:
                examples = ",".join(parts[:n]).strip()
                main = body[: match.start()] + " " + rest
                one = not re.search(r"\b(and|or)\b|,", outside_brackets(examples))
                if count_words(examples) >= 2 and not one and g.is_clause(main):
                    return [close(main), close("Examples are " + examples, end)]
                break  # one example: "Examples are the heart" reads wrong
    return None


def _one_example(left: str, examples: str, g) -> bool:
    """'problems, such as paralysis that affects the face': one example with its own clause.

    Only where agreement says whose clause it is: a plural noun before "such as" and a
    singular verb after "that"/"which", so the clause cannot belong to the plural noun.
    """
    match = re.match(r"^([\w' -]+?)\s+(?:that|which)\s+(\w+)\b", examples)
    if not match or not outside_brackets(left).strip() or count_words(left) < 4:
        return False
    noun = words_in(match.group(1))
    head = words_in(outside_brackets(left))[-1].lower()
    verb = match.group(2).lower()
    if (not noun or noun[0].lower() in g.prepositions or noun[0].lower() in g.subordinators
            or noun[0].lower().endswith("ing") or g.finite_at(noun) >= 0
            or re.search(r"\b(and|or)\b", match.group(1))):
        return False
    singular_verb = verb.endswith("s") and not verb.endswith("ss") and g.finite_at([verb]) == 0
    return (_plural(head) and singular_verb and not _plural(noun[-1].lower())
            and g.is_clause(left))


def _clean_run(examples: str, g) -> bool:
    """Whether every comma part of a run reads as one more example, so nothing after the run
    belongs to the main clause: not 'filgrastim, with some regimens' (a phrase of the main
    clause), nor 'aspirin, or factor deficiencies, and warrants ...' (a joiner before the last
    part: the run may be one branch of a larger 'or')."""
    parts = [p.strip() for p in split_top(outside_brackets(examples), ",") if p.strip()]
    for n, part in enumerate(parts):
        first = words_in(part)[0].lower() if words_in(part) else ""
        if n and (first in g.prepositions or first in g.subordinators or first.endswith("ing")
                  or first in g.adverbs):
            return False
        if n < len(parts) - 1 and first in ("and", "or"):
            return False
    return True


def _plural(word: str) -> bool:
    """A regular plural noun by its ending: 'problems', not 'paralysis', 'virus' or 'loss'."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


@rule("such_as_tail", cues=("such as",),
      splits=(
          ('It controls involuntary body processes such as the control of blood pressure and '
           'body temperature.',
           ('It controls involuntary body processes.',
            'Examples are the control of blood pressure and body temperature.')),
          ('Some people have brain problems, such as paralysis that affects the face or one '
           'side.',
           ('Some people have brain problems.',
            'An example is paralysis that affects the face or one side.')),
      ),
      leaves=(
          'A doctor may prescribe medicines for the illness in adults, such as antibiotics.',
          'Travelers should take safety steps, such as those suggested in the Yellow Book for '
          'travel.',
          'ASCO recommends a growth factor, such as filgrastim (Neupogen), with some '
          'chemotherapy regimens.',
          'Bleeding may reflect platelet dysfunction from agents such as aspirin, or factor '
          'deficiencies, and warrants evaluation.',
      ))
def such_as_tail(sentence: str, ctx: Context) -> Pieces | None:
    """'It controls body processes such as A and B.' -> '... processes. Examples are A and B.'

    Runs of three or more are the series rule's; this takes the short runs at the end. Not
    "including": "the amount in your blood, including LDL and HDL" names parts, not examples.
    """
    g = ctx.grammar
    body, end = ending(sentence)
    for match in reversed(top_level(body, r",?\s+such as\s+")):
        left, examples = body[: match.start()], body[match.end():]
        words = words_in(examples)
        if _one_example(left, examples, g):
            return [close(left), close("An example is " + examples, end)]
        if len(words) < 2 or not re.search(r"\b(and|or)\b|,", outside_brackets(examples)):
            continue  # one example: "Examples are antibiotics" reads wrong
        if g.finite_at(words) >= 0 or re.search(r"\b(that|which|who|to)\b", examples):
            continue  # the sentence goes on after the run
        if not _clean_run(examples, g):
            continue  # "such as A, with some B": the part after the comma is not an example
        if (words[0].lower() in g.prepositions or words[0].lower() in g.subordinators
                or words[0].lower().endswith("ing")):
            continue  # "such as through ...", "such as when ...", "such as using ..."
        head = (words_in(outside_brackets(left)) or [""])[-1].lower()
        if head in g.prepositions or head in g.finite or head in g.base_verbs:
            continue
        if count_words(left) >= 4 and g.is_clause(left):
            return [close(left), close("Examples are " + examples, end)]
    return None
