"""Rules that move an aside out of a sentence: appositives, brackets, dashes, "especially"."""

from __future__ import annotations

import re

from personalize.rewriter.rules.common import (
    capitalize,
    close,
    count_words,
    ending,
    head_noun,
    negated,
    outside_brackets,
    plural_subject,
    starts_with_verb,
    top_level,
    words_in,
)
from personalize.rewriter.rules.contract import Context, Pieces, rule


@rule("appositive", cues=(",",),
      splits=(
          ('Neutropenia, a type of leukopenia, can be caused by reduced production of white '
           'cells.',
           ('Neutropenia can be caused by reduced production of white cells.',
            'It is a type of leukopenia.')),
          ('Neutropenia, defined as an absolute neutrophil count below 1500 per microliter, '
           'often results from chemotherapy.',
           ('Neutropenia often results from chemotherapy.',
            'It is defined as an absolute neutrophil count below 1500 per microliter.')),
      ),
      leaves=(
          'Children can suffer from an infection of the intestines, called enterocolitis, '
          'before or after surgery for the condition.',
      ))
def appositive(sentence: str, ctx: Context) -> Pieces | None:
    """'Neutropenia, a type of leukopenia, can ...' -> 'Neutropenia can .... It is a type ...'

    Also 'X, also called Y, is ...' -> 'X is .... It is also called Y.', and the same for
    'defined as', 'known as', 'characterized by' and 'marked by' ("X, defined as Y, results
    from Z").
    """
    g = ctx.grammar
    body, end = ending(sentence)
    match = re.match(r"^([^,;:()]{2,60}?),\s+((?:a|an|the|another|also called|also known as|"
                     r"known as|defined as|characterized by|marked by|or)\s+"
                     r"[^,;:]+?),\s+(.+)$", body)
    if not match:
        return None
    subject, aside, rest = match.groups()
    rest_words = words_in(rest)
    described = re.sub(r"^(?:known as|defined as|characterized by|marked by)\s+", "", aside)
    if not starts_with_verb(rest_words, g, base=False) or g.finite_at(words_in(described)) >= 0:
        return None
    if count_words(subject) > 6 or count_words(rest) < 3:
        return None
    verb = rest_words[1] if rest_words[0].lower() in g.adverbs else rest_words[0]
    plural = plural_subject(verb, g, words_in(subject)[-1] if words_in(subject) else "")
    be = "They are" if plural else "It is"
    if aside.startswith("or "):
        aside = "also called " + aside[3:]
    pieces = ctx.resplit(close(f"{subject} {rest}", end), 12)  # the aside goes after the first
    if not pieces or not isinstance(pieces[0], str):
        return None
    return [pieces[0], close(f"{be} {aside}"), *pieces[1:]]


@rule("final_appositive", cues=(",",),
      splits=(
          ('Affected males may also have retrograde ejaculation, a flow of semen backwards '
           'into the bladder.',
           ('Affected males may also have retrograde ejaculation.',
            'This is a flow of semen backwards into the bladder.')),
      ),
      leaves=(
          'The swelling went down and the child got better, a few days later.',
      ))
def final_appositive(sentence: str, ctx: Context) -> Pieces | None:
    """'Men may have X, a flow of semen into the bladder.' -> '... have X. This is a flow ...'

    A closing description of the noun just before it becomes a sentence of its own.
    """
    g = ctx.grammar
    body, end = ending(sentence)
    commas = top_level(body, r",\s+(?=(?:a|an)\s)")
    if not commas:
        return None
    match = commas[-1]
    left, aside = body[: match.start()], body[match.end():]
    aside_words = words_in(aside)
    if len(aside_words) < 3 or aside_words[1].lower() in g.not_description:
        return None
    if re.search(r"[,;:]|\bof (which|whom)\b", outside_brackets(aside)):
        return None  # the sentence goes on after the aside, or the aside is a clause
    before_relative = re.split(r"\b(?:that|which|who)\b", aside)[0]
    if g.finite_at(words_in(before_relative)) >= 0:
        return None  # "..., a doctor will check": a clause, not a description
    head = (words_in(outside_brackets(left)) or [""])[-1]
    lower = head.lower()
    if (lower in g.finite or lower in g.base_verbs or lower in g.prepositions
            or lower.endswith("ly") or not head.isalpha()):
        return None  # the comma does not follow a noun
    inner = top_level(left, r",\s+")
    if inner and (len(inner) > 1 or g.finite_at(words_in(left[: inner[0].start()])) >= 0):
        return None  # "fever, cough, a rash": a run of items; only an opening phrase may have one
    if count_words(left) < 4 or not g.is_clause(left):
        return None
    be = "These are" if plural_subject("", g, head) else "This is"
    return [close(left), close(f"{be} {aside}", end)]


@rule("especially", cues=("especially", "particularly"),
      splits=(
          ('A high level of fats in the blood may raise the risk of heart disease, especially '
           'in women.',
           ('A high level of fats in the blood may raise the risk of heart disease.',
            'This is most true in women.')),
      ),
      leaves=(
          'Your doctor may suspect it if you have signs of a lung condition, especially '
          'emphysema, without any clear cause.',
      ))
def especially(sentence: str, ctx: Context) -> Pieces | None:
    """'A raises the risk of B, especially in women.' -> '... of B. This is most true in women.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+(?:especially|particularly)\s+"):
        left, rest = body[: match.start()], body[match.end():]
        words = words_in(rest)
        if not words or count_words(left) < 4 or not g.is_clause(left):
            continue
        if top_level(rest, r"[,;:]"):
            return None  # "..., especially emphysema, without a clear cause": an aside inside
        first = words[0].lower()
        if first in ("when", "if", "after", "before", "during", "while"):
            return [close(left), close(f"This is most true {rest}", end)]
        if g.finite_at(words) >= 0:
            continue  # "..., especially X, can ...": the sentence goes on after the aside
        joiner = "" if first in g.prepositions else "of "
        return [close(left), close(f"This is most true {joiner}{rest}", end)]
    return None

@rule("including", cues=("including",),
      splits=(
          ('Total cholesterol is the total amount of cholesterol in your blood, including LDL '
           'and HDL.',
           ('Total cholesterol is the total amount of cholesterol in your blood.',
            'This includes LDL and HDL.')),
      ),
      leaves=(
          'Vitamin B12 is not found in most plant foods, including fruits and whole grains.',
          'Avoid swallowing soil that may hold human stool, including where stool is used on '
          'crops.',
      ))
def including(sentence: str, ctx: Context) -> Pieces | None:
    """'X is the amount in your blood, including A and B.' -> '... blood. This includes A and B.'

    Only a closing run of nouns: left when the sentence goes on after it ("Organs, including
    the heart, may enlarge"), when it says where or when ("including where ..."), or when the
    clause before it is negated ("not in plant foods, including ...": what is included?).
    """
    g = ctx.grammar
    body, end = ending(sentence)
    matches = top_level(body, r",\s+including\s+")
    if len(matches) != 1:
        return None
    left, rest = body[: matches[0].start()], body[matches[0].end():]
    words = words_in(rest)
    if len(words) < 2 or count_words(left) < 4 or not g.is_clause(left):
        return None
    first = words[0].lower()
    if (first in g.prepositions or first in g.subordinators or first in g.clause_openers
            or g.finite_at(words) >= 0 or negated(left, g) or negated(rest, g)):
        return None
    return [close(left), close(f"This includes {rest}", end)]


_EXAMPLE = re.compile(r"^(?:such as|e\.g\.,?|for example,?|including)\s+(.*)$", re.I)


@rule("defined_as", cues=("(defined as",),
      splits=(
          ('The drug is not recommended for people with severe high blood pressure (defined as '
           'a top number of 180 or more).',
           ('The drug is not recommended for people with severe high blood pressure.',
            'Severe high blood pressure is defined as a top number of 180 or more.')),
          ('Stop the drug in patients with a slow heart rate (defined as fewer than 50 beats '
           'a minute).',
           ('Stop the drug in patients with a slow heart rate.',
            'Slow heart rate is defined as fewer than 50 beats a minute.')),
      ),
      leaves=(
          # what is defined is not a plain noun phrase ("30 or more"): no subject to repeat
          'Obesity is common in adults with a body mass index of 30 or more (defined as obese '
          'by the study).',
      ))
def defined_as(sentence: str, ctx: Context) -> Pieces | None:
    """'with X (defined as Y)' -> the sentence without the brackets, then 'X is defined as Y.'
    in the writer's words: the definition keeps its term, not an 'It' that could point at
    another noun. (', defined as Y,' after a subject is the appositive rule's.)"""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r"\s*\(defined as ([^()]{3,})\)"):
        inner = match.group(1).strip()
        before = body[: match.start()]
        term = _defined_term(before, g)
        if not term or count_words(inner) < 3:
            continue
        main = before + body[match.end():]
        main = re.sub(r"\s+([,.;:])", r"\1", main).strip()
        if not (g.is_clause(main) or g.is_imperative(main)):
            continue
        last = term.split()[-1].lower()
        plural = last.endswith("s") and not last.endswith(("ss", "us", "is", "betes", "pes"))
        verb = "are" if plural else "is"
        return [close(main), close(f"{term[0].upper()}{term[1:]} {verb} defined as {inner}", end)]
    return None


def _defined_term(before: str, g) -> str:
    """The noun phrase just before a '(defined as ...)': up to five plain words after a
    preposition, with or without a determiner ('with severe uncontrolled hypertension', 'with
    a slow heart rate'). Empty when it is not such a phrase."""
    words = before.split()

    def stops(word: str) -> bool:
        return word in g.prepositions or word in g.determiners or word in (
            "and", "or", "but", "than")

    term: list[str] = []
    for word in reversed(words):
        if stops(word.lower()) or not re.fullmatch(r"[A-Za-z][\w-]*", word):
            break
        term.insert(0, word)
    at = len(words) - len(term) - 1  # the word before the term
    if not term or len(term) > 5 or at < 0:
        return ""
    if words[at].lower() in g.determiners:
        at -= 1  # "with a slow heart rate": the determiner's own word must be a preposition
    if at < 0 or words[at].lower() not in g.prepositions:
        return ""  # "who take the medicine (defined as ...)": which word is defined is unclear
    if term[-1].lower() in g.finite or term[-1].lower() in ("more", "less", "above", "below"):
        return ""
    return " ".join(term)


@rule("parenthetical", cues=("(", "—", "–"),
      splits=(
          ('The stage of the cancer (the size of the tumor and whether the cancer has spread '
           'to other places).',
           ('The stage of the cancer.',
            'This means the size of the tumor and whether the cancer has spread to other '
            'places.')),
          ('Arterial and venous blood clots (including heart attack and stroke) occurred in '
           'more than 20% of treated patients.',
           ('Arterial and venous blood clots occurred in more than 20% of treated patients.',
            'Examples of arterial and venous blood clots are heart attack and stroke.')),
          ('The drug can cause side effects (e.g., nausea, vomiting, headache and rash).',
           ('The drug can cause side effects.',
            'Examples are nausea, vomiting, headache and rash.')),
          # a clause of its own stands as written: "This means" would make background a
          # restatement of the sentence before (review 3)
          ('Some of these drugs can harm the heart muscle over time (anthracyclines are a '
           'family of chemotherapy drugs used for many cancers).',
           ('Some of these drugs can harm the heart muscle over time.',
            'Anthracyclines are a family of chemotherapy drugs used for many cancers.')),
          ('Fifteen children stopped taking the drug (7 were intolerant and 8 had a poor '
           'response).',
           ('Fifteen children stopped taking the drug.',
            'Of these, 7 were intolerant and 8 had a poor response.')),
      ),
      leaves=(
          'It is often found by chance on a test of the chest (such as through an X-ray or '
          'scan).',
          # examples after an object or inside a phrase: whose examples they are is unclear
          # (the cytokines of "they", not the cells), so they stay beside it
          'In addition, they can stimulate increases in the activity of specific types of '
          'immune system cells (e.g., interferon-alpha, interferon-gamma, and TNF-alpha).',
          'Avoid using the drug with other agents known to cause bradycardia (e.g., '
          'beta-blockers, clonidine and digoxin) to the extent possible.',
          # "This means who ..." / "This means HBsAg negative, ...": no clause, no noun
          # phrase; the bracket stays beside its word
          'Screening may help people with gastritis (who usually have more advanced disease '
          'and are at high risk).',
          'Test people with resolved infection (i.e., surface antigen negative, core antibody '
          'positive, and surface antibody positive).',
      ))
def parenthetical(sentence: str, ctx: Context) -> Pieces | None:
    """A long aside in brackets or dashes moves to a sentence of its own, right after."""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in re.finditer(r"\s*\(([^()]{12,})\)|\s+[—–]\s+([^—–]{12,}?)\s+[—–]\s+", body):
        inner = (match.group(1) or match.group(2)).strip()
        example = _EXAMPLE.match(inner)
        if count_words(inner) < 5 or not _examples_ok(example, g):
            continue  # only runs of examples move; an explanation stays beside its word
        subject = _exemplified(body[: match.start()], g)
        if not subject and (words_in(body[match.end():])
                            or _pronoun_subject(body[: match.start()], g)):
            continue  # inside the sentence (they would land after other nouns), or after a
            # "they" whose noun they may be of (review 1, c003): left beside their noun
        main = (body[: match.start()] + (" " if match.group(2) else "") + body[match.end():])
        main = re.sub(r"\s+([,.;:])", r"\1", main)
        if g.is_clause(main) or g.is_imperative(main):
            lead = f"Examples of {subject} are " if subject else "Examples are "
            return [close(main), close(lead + example.group(1), end)]
    if sentence.rstrip().endswith(":"):
        return None  # "Published results (treatment of X):" introduces what follows
    final = re.search(r"\s*\(([^()]{12,})\)$", body)  # "AD is familial (2 or more people ...)"
    if final and count_words(final.group(1)) >= 8 and count_words(body[: final.start()]) >= 2:
        inner = final.group(1).strip()
        example = _EXAMPLE.match(inner)
        before = body[: final.start()]
        if example and not (_examples_ok(example, g) and (
                _exemplified(before, g) or not _pronoun_subject(before, g))):
            return None  # examples whose noun is unclear stay beside it (review 1, c003)
        if re.match(r"(?:defined as|also known as|also called|called|known as)\b", inner):
            return None  # "This means defined as ...": the defined_as rule's, or a name
        restates = re.match(r"i\.e\.,?\s+", inner)
        inner = inner[restates.end():] if restates else inner  # "(i.e., A, B)": "This means A, B"
        extra = f"Examples are {example.group(1)}" if example else f"This means {inner}"
        if not example and _BREAKDOWN.match(inner):
            extra = f"Of these, {inner}"  # "(7 were intolerant and 8 ...)" parts a count
        elif not example and not restates and _main_clause(inner, g):
            # a clause of its own says what it says: "This means" would make a note of
            # background a restatement ("(anthracyclines are a family of drugs ...)", review 3)
            extra = capitalize(inner)
        elif not example and not _reads_after_means(inner, g):
            return None  # "This means who most often have ...": the bracket stays in place
        return [close(body[: final.start()]), close(extra, end)]
    return None


def _main_clause(text: str, g) -> bool:
    """Whether a text is a clause of its own: a verb after a subject that no subordinate word
    opens ("anthracyclines are a family of drugs"; not "the size of the tumor and whether it
    has spread", a noun phrase that holds a clause)."""
    words = words_in(text)
    at = g.finite_at(words)
    return at > 0 and not any(w.lower() in g.subordinators or w.lower() in g.relatives
                              or w.lower() in ("whether", "that") for w in words[:at])


# Last words that end a predicate, not a noun phrase: "(HBsAg negative, anti-HBc positive)"
_PREDICATE_END = re.compile(r"(?:positive|negative|high|low|normal|abnormal|present|absent|"
                            r"elevated|raised|reduced|resistant|sensitive|ful|ous|ive|less|"
                            r"able|ible)$", re.I)


def _reads_after_means(inner: str, g) -> bool:
    """Whether a bracket's text reads after "This means": a clause, or a noun phrase; not a
    relative clause ("who most often have ...") or a phrase that opens with a preposition or
    a subordinator, nor a run of predicates ("HBsAg negative, anti-HBc positive").

    >>> from personalize.rewriter.grammar import grammar
    >>> _reads_after_means("who usually have gastritis and are at high risk", grammar("en"))
    False
    >>> _reads_after_means("HBsAg negative, anti-HBc positive, and anti-HBs positive",
    ...                    grammar("en"))
    False
    >>> _reads_after_means("2 or more people in a family have AD", grammar("en"))
    True
    """
    words = words_in(inner)
    if not words:
        return False
    first = words[0].lower()
    if first in g.relatives or first in g.subordinators or first in g.prepositions:
        return False
    if g.is_clause(inner):
        return True
    items = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", outside_brackets(inner))
    return not any(_PREDICATE_END.search((words_in(i) or [""])[-1]) for i in items)


# A bracket that parts a count into what happened to each part: "(7 were intolerant and 8 had
# a poor response)" reads "Of these, ...", not "This means ...".
_BREAKDOWN = re.compile(r"\d[\d,]*\s+(?:were|was|had|did|died|developed|showed|received|got|"
                        r"needed|stopped|left|responded)\b")


def _exemplified(before: str, g) -> str:
    """The noun phrase a bracket of examples follows, when it is the whole of what comes
    before (a sentence's subject, or a list item's only phrase): no verb, clause or comma in
    it, so the examples can be of nothing else; "" otherwise.

    >>> from personalize.rewriter.grammar import grammar
    >>> _exemplified("Arterial blood clots", grammar("en"))
    'arterial blood clots'
    >>> _exemplified("They can stimulate increases in the activity of immune cells",
    ...              grammar("en"))
    ''
    """
    words = words_in(outside_brackets(before))
    if not words or "," in before or g.finite_at(words) >= 0 or any(
            w.lower() in g.relatives or w.lower() in g.subordinators or w.lower() == "to"
            for w in words) or words[0].lower() in g.base_verbs:
        return ""
    phrase = before.strip()
    first = words[0]
    if first[1:].islower() and first[0].isupper() and phrase.startswith(first):
        phrase = first.lower() + phrase[len(first):]  # the sentence's capital, not a name's
    return phrase


def _pronoun_subject(before: str, g) -> bool:
    """Whether the clause before a bracket has a pronoun for its subject ("In addition, they
    can stimulate ..."): examples at its end may be of what the pronoun names.

    >>> from personalize.rewriter.grammar import grammar
    >>> _pronoun_subject("In addition, they can stimulate immune cells", grammar("en"))
    True
    >>> _pronoun_subject("The drug can cause side effects", grammar("en"))
    False
    """
    words = words_in(outside_brackets(before))
    verb = g.finite_at(words)
    if verb < 1:  # a command has no subject to be of; no verb found: unclear
        return not g.is_imperative(before.strip())
    return words[verb - 1].lower() in _PRONOUNS


_PRONOUNS = frozenset({"it", "they", "this", "these", "those", "he", "she", "we"})


def _examples_ok(example, g) -> bool:
    """'(such as A, B or C)' names examples; '(such as through ...)', '(such as using ...)' not."""
    if not example:
        return False
    first = (words_in(example.group(1)) or [""])[0].lower()
    return not (first in g.prepositions or first in g.subordinators or first.endswith("ing")
                or first in ("by", "when", "if", "while"))


@rule("quantified_relative", cues=("which", "whom"),
      splits=(
          ('The gene change causes two kinds of tumors in the glands, all of which can grow '
           'slowly.',
           ('The gene change causes two kinds of tumors in the glands.',
            'All of these can grow slowly.')),
      ),
      leaves=(
          'Tests are done on the blood of the patient, a sample of which is sent to a lab.',
      ))
def quantified_relative(sentence: str, ctx: Context) -> Pieces | None:
    """'A or B, both of which can cause stroke, can happen.' -> '... can happen. Both of these ...'

    Also at the end: 'It has two forms, both of which are rare.' -> '... forms. Both of these ...'
    """
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+(both|all|each) of (which|whom)\s+"):
        left, rest = body[: match.start()], body[match.end():]
        if not starts_with_verb(words_in(rest), g, base=False):
            continue
        them = "these" if match.group(2) == "which" else "them"
        lead = f"{match.group(1).capitalize()} of {them}"
        closing = [m for m in top_level(rest, r",\s+")
                 if starts_with_verb(words_in(rest[m.end():]), g, base=False)]
        if closing:  # an aside in the middle: the sentence goes on after it
            main = f"{left} {rest[closing[0].end():]}"
            if g.is_clause(main) and not top_level(rest[closing[0].end():], r",\s+"):
                return [close(main), close(f"{lead} {rest[: closing[0].start()]}", end)]
            continue
        if "," not in rest and count_words(left) >= 4 and g.is_clause(left):
            return [close(left), close(f"{lead} {rest}", end)]
    return None


@rule("closing_when", cues=("when",),
      splits=(
          ('Pancreatic cancer can be controlled only if it is found before it has spread, when '
           'it can be fully removed by surgery.',
           ('Pancreatic cancer can be controlled only if it is found before it has spread.',
            'This is when it can be fully removed by surgery.')),
      ),
      leaves=(
          'In these cases, when an affected person has children, each child has a 50% risk.',
      ))
def closing_when(sentence: str, ctx: Context) -> Pieces | None:
    """'It can be removed if found early, when it is small.' -> '... early. This is when ...'

    A "when" after a comma at the end names the time just spoken of, so "This is when" keeps
    it; one with more commas after it may open the next clause instead, and is left.
    """
    g = ctx.grammar
    body, end = ending(sentence)
    matches = top_level(body, r",\s+when\s+")
    if not matches:
        return None
    left, rest = body[: matches[-1].start()], body[matches[-1].end():]
    if re.search(r"[,;:]", rest) or count_words(rest) < 3 or not g.is_clause(rest):
        return None
    if count_words(left) < 4 or not g.is_clause(left):
        return None
    return [close(left), close(f"This is when {rest}", end)]


@rule("means", cues=("by",),
      splits=(
          ('White blood cells protect the body against infection by destroying germs in the '
           'blood.',
           ('White blood cells protect the body against infection.',
            'They do this by destroying germs in the blood.')),
          ('Get rid of mosquito breeding sites by emptying standing water from flower pots and '
           'tires.',
           ('Get rid of mosquito breeding sites.',
            'Do this by emptying standing water from flower pots and tires.')),
      ),
      leaves=(
          'You cannot prevent the infection in your family by washing your hands after each '
          'meal.',
          'People become infected with the parasite by swallowing food or water that holds it.',
      ))
def means(sentence: str, ctx: Context) -> Pieces | None:
    """'Doctors find it by checking the blood.' -> 'Doctors find it. They do this by ...'

    A closing "by <verb>ing" phrase says how the main verb is done; it becomes its own sentence
    with the same subject and tense ("Do this by ..." after a command). Left as it is when the
    "by" could belong to something else: a passive or linking verb, a clause inside the object,
    a negation, or a participle just before it ("infections caused by eating").
    """
    g = ctx.grammar
    body, end = ending(sentence)
    matches = top_level(body, r",?\s+by\s+([a-z]+ing)\b")
    if len(matches) != 1 or matches[0].group(1) in g.not_means:
        return None
    match = matches[0]
    left, rest = body[: match.start()], body[match.start():].lstrip(" ,")
    if count_words(left) < 4 or count_words(rest) < 3 or re.search(r"[;:]", rest):
        return None
    if negated(left, g) or re.search(r"(?:ed|en)$|^this$", words_in(left)[-1]):
        return None  # a participle owns the "by"; "... do this by ...": already split
    if g.is_imperative(left):
        return [close(left), close(f"Do this {rest}", end)]
    main = left
    opener = re.match(r"^(?:If|When|Once|After|Before|As|Although|Though|Because)\s", left)
    if opener:  # "If the cancer has spread, treatment can ...": the main clause follows
        commas = top_level(left, r",\s+")
        if not commas:
            return None
        main = left[commas[0].end():]
    words = words_in(main)
    at = g.finite_at(words)
    if at < 1 or not g.is_clause(main):
        return None
    subject, verb = words[:at], words[at].lower()
    if verb in g.state_verbs or any(w.lower() in g.clause_openers for w in words[at:]):
        return None
    if verb in g.modals:
        after = [w.lower() for w in words[at + 1:] if w.lower() not in g.adverbs]
        if not after or after[0] in g.state_verbs:
            return None  # "can be controlled by ...": a passive
        does = f"{verb} do"
    elif verb.endswith("ed") or verb in g.finite and verb not in g.base_verbs and not (
            verb.endswith("s")):
        does = "did"
    else:
        does = None
    pronoun = _doer(subject, verb, g)
    if not pronoun:
        return None
    if does is None:
        does = "do" if pronoun in ("They", "You", "We", "I") else "does"
    return [close(left), close(f"{pronoun} {does} this {rest}", end)]


def _doer(subject: list[str], verb: str, g) -> str:
    """Who does it, for the second sentence: the pronoun, the short person, or It/They."""
    if len(subject) == 1 and subject[0].lower() in ("you", "we", "they", "it", "he", "she", "i"):
        return subject[0].capitalize()
    if head_noun(subject, g) in g.persons:
        return " ".join(subject)[:1].upper() + " ".join(subject)[1:] if len(subject) <= 3 else ""
    if any(w.lower() in g.clause_openers for w in subject):
        return "They" if plural_subject(verb, g, subject[0]) else "It"
    return "They" if plural_subject(verb, g, subject[-1]) else "It"
