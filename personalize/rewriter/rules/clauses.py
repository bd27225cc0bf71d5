"""Rules that split one sentence into two where both halves can stand alone."""

from __future__ import annotations

import re

from personalize.rewriter.grammar import Grammar
from personalize.rewriter.inflect import verb_forms
from personalize.rewriter.rules.common import (
    ADJECTIVE_END,
    capitalize,
    close,
    count_words,
    ending,
    head_noun,
    items_in,
    later_ing_item,
    outside_brackets,
    plural_subject,
    split_top,
    starts_with_verb,
    top_level,
    words_in,
)
from personalize.rewriter.rules.contract import Context, Pieces, rule
from personalize.rewriter.rules.lists import series
from personalize.rewriter.sentences import PLACEHOLDERS


@rule("semicolon", cues=(";",), languages=('*',),
      splits=(
          ('Anemia is common in older adults; it is often mild and easy to treat with iron.',
           ('Anemia is common in older adults.',
            'It is often mild and easy to treat with iron.')),
          ('The count falls in the first week; it stays low for a while; it comes back up '
           'after about three weeks.',
           ('The count falls in the first week.',
            'It stays low for a while.',
            'It comes back up after about three weeks.')),
      ),
      leaves=(
          'The count is low in some people for weeks; in others.',
          'Death was less common with the new drug, HR 0.58; 95% CI, 0.43 to 0.79.',
          # the semicolon parts items of a run after "including": the second is no sentence
          'The body fights the virus in several ways, including attack by killer cells; attack '
          'by antibodies made by B cells.',
          'Antibodies work in several ways, including attack on infected cells and on free '
          'virus by antibodies, which are made by B cells; and help for killer cells.',
      ))
def semicolon(sentence: str, ctx: Context) -> Pieces | None:
    g = ctx.grammar
    body, end = ending(sentence)
    if body.count(";") >= 2 and series(sentence, ctx):
        return None  # a list written with semicolons: the series rule takes it
    parts = [re.sub(r"^(and|but|or)\s+", "", p.strip()) for p in split_top(body, ";")]
    if len(parts) > 2 and all(count_words(p) >= 3 and (g.is_clause(p) or g.is_imperative(p))
                              for p in parts):
        # "A; B; C", each a clause: one sentence each, in one step
        return [close(capitalize(p)) for p in parts[:-1]] + [close(capitalize(parts[-1]), end)]
    for match in top_level(body, rf";([{PLACEHOLDERS}]*)\s+"):
        # "...therapy;[28] however, ...": the citation closes the first sentence
        left, right = body[: match.start()], body[match.end():]
        cites = match.group(1)
        joined = re.match(r"(and|but|or)\s+", right)
        right = right[joined.end():] if joined else right
        run = _ITEMS_INTRODUCED.search(left, _label_end(left))
        if run and (joined or not g.is_clause(right)):
            continue  # "including A; B; and help for C": the run's items, not a command
        if count_words(left) >= 3 and (g.is_clause(right) or g.is_imperative(right)):
            return [close(left) + cites, close(capitalize(right), end)]
        if count_words(left) >= 4 and count_words(right) >= 4 and body.count(";") == 1 and \
                not run:
            # one semicolon between two long parts: plain style makes them two sentences (not
            # after "including", "such as", "e.g." or a colon: the parts are items of a run,
            # and the second would be left as a fragment, "Attack by antibodies.")
            return [close(left) + cites, close(capitalize(right), end)]
    return None


_ITEMS_INTRODUCED = re.compile(r"(?:,\s+(?:including|such as|for example|e\.g\.,?|i\.e\.,?|"
                               r"like|especially)|:)\s+[^;]*$")


def _label_end(text: str) -> int:
    """Where a heading's label ends ("Gastrointestinal: Abdominal pain ..."), or 0: its colon
    introduces the sentence, not a run of items."""
    label = re.match(r"[A-Z][^,;:.]{0,40}:\s+", text)
    return label.end() if label and count_words(label.group()) <= 5 else 0


@rule("relative", cues=("which", "who"),
      splits=(
          ('Red blood cells, which carry oxygen, are made in the bone marrow of the long bones.',
           ('Red blood cells are made in the bone marrow of the long bones.',
            'They carry oxygen.')),
          ('These mutations disrupt Cdc42 signaling, which causes the wide variety of problems '
           'seen in this condition.',
           ('These mutations disrupt Cdc42 signaling.',
            'This causes the wide variety of problems seen in this condition.')),
          # "which can cause" after the object: "This", not an "It" that would name the subject
          ('People with the condition often have a sharp drop in blood pressure on standing, '
           'which can cause dizziness or fainting.',
           ('People with the condition often have a sharp drop in blood pressure on standing.',
            'This can cause dizziness or fainting.')),
      ),
      leaves=(
          'Sandhoff disease is a severe form of Tay-Sachs disease, the rate of which is high '
          'in some groups of people.',
          'The drug does not lower the count in most people, which is why it is given.',
          # the clause ends at a semicolon inside a run: what follows is the run's next item
          'Antibodies work in several ways, including attack on infected cells and on free '
          'virus by antibodies, which are made by B cells; and help for killer cells.',
      ))
def relative(sentence: str, ctx: Context) -> Pieces | None:
    """', which ...' clauses become their own sentence."""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+(which|who)\s+"):
        left = body[: match.start()]
        rest = body[match.end():]
        head = (words_in(left) or [""])[-1]
        rest_words = words_in(rest)
        if not rest_words:
            continue
        if ";" in rest and top_level(rest, ";"):
            continue  # "...; attack by antibodies, which are made by B cells; and the release
            # of ...": the clause ends at the semicolon, inside a run, and what follows it
            # would be left as "They are made by B cells; and the release of ..."
        if not starts_with_verb(rest_words, g):
            continue
        verb = rest_words[1] if rest_words[0].lower() in g.adverbs else rest_words[0]
        plural = plural_subject(verb, g, head)
        closing = [m for m in top_level(rest, r",\s+")
                 if starts_with_verb(words_in(rest[m.end():]), g, base=False)]
        if closing:  # an aside in the middle: "Cells, which carry oxygen, are made ..."
            aside, main_rest = rest[: closing[0].start()], rest[closing[0].end():]
            main = left + " " + main_rest
            if g.is_clause(main):
                pronoun = "They" if plural else "It"
                return [close(main), close(f"{pronoun} {aside}", end)]
            continue
        if "," in rest and not g.is_clause(left):
            continue
        if g.is_clause(left) or g.is_imperative(left):
            if match.group(1) == "who":
                pronoun = "They"
            elif (head.lower() in g.finite or head.lower() in g.base_verbs or head.endswith("ly")
                  or verb.lower() in g.causal_verbs or ADJECTIVE_END.search(head.lower())
                  or _may_cause(left, rest_words, g)):
                # "X happens, which means Y", "A disrupts B, which causes C": which points
                # at the whole clause, not at its last noun
                pronoun = "This"
            else:
                if verb.lower() in g.modals and _noun_of_noun(left):
                    continue  # "changes in connective tissue, which may be": "It" would name
                    # the tissue, "They" perhaps wrongly the changes; the verb does not say
                left_words = words_in(left)
                if g.is_clause(left) and head not in left_words[:max(0, g.finite_at(left_words))]:
                    continue  # "The gene makes a protein called Cdc42, which transmits ...":
                    # after the stop, "It" would name the sentence's subject, not Cdc42
                pronoun = "They" if plural else "It"
            return [close(left), close(f"{pronoun} {rest}", end)]
    return None


def _may_cause(left: str, words: list[str], g: Grammar) -> bool:
    """'People have a drop in blood pressure, which can cause ...': a consequence of what the
    subject has, which "This" names ("It" would name the subject). Only after a verb of
    having or being: after "Doctors look for damage, which can cause pain", "This" would
    make the looking the cause."""
    lower = [w.lower() for w in words[:3] if w.lower() not in g.adverbs]
    if not (len(lower) > 1 and lower[0] in g.modals and lower[1] in ("cause", "lead", "result")):
        return False
    left_words = words_in(left)
    at = g.finite_at(left_words)
    return at >= 0 and left_words[at].lower() in _HAVING


_HAVING = frozenset({"have", "has", "had", "experience", "experiences", "experienced", "develop",
                     "develops", "developed", "get", "gets", "got", "is", "are", "was", "were"})


def _noun_of_noun(text: str) -> bool:
    """Whether text ends in 'A in/of B' with A and B of different number ('changes in
    connective tissue'), so a pronoun after it could point at either."""
    words = [w.lower() for w in words_in(text)]
    at = next((i for i in range(len(words) - 2, max(0, len(words) - 6), -1)
               if words[i] in ("in", "of", "with", "from", "on", "to", "for")), 0)
    if at < 1:
        return False
    plural = [w.endswith("s") and not w.endswith(("ss", "us", "is")) for w in
              (words[at - 1], words[-1])]
    return plural[0] != plural[1]


@rule("clause_run", cues=(", and ",),
      splits=(
          ('Skin cancer occurred in 12 patients, basal cell cancer occurred in four patients, '
           'and a new melanoma occurred in two patients.',
           ('Skin cancer occurred in 12 patients.',
            'Basal cell cancer occurred in four patients.',
            'A new melanoma occurred in two patients.')),
      ),
      leaves=(
          # a run of things the one verb governs, not clauses
          'The drug can cause nausea in most people, hair loss in some people, and rash in a '
          'few people.',
          # alternatives: as sentences of their own each would read as a plain fact
          'The count recovers in a week, the dose is lowered by half, or the drug is stopped '
          'for good.',
      ))
def clause_run(sentence: str, ctx: Context) -> Pieces | None:
    """'A did X, B did Y, and C did Z.' -> one sentence for each clause, in one step (the join
    rule would cut only the last, leaving 'A did X, B did Y.' joined by a bare comma)."""
    if sentence.count(",") < 2 or ", and " not in sentence:
        return None  # cheap: a run of three needs two commas and a closing ", and"
    g = ctx.grammar
    body, end = ending(sentence)
    if re.search(r",\s+or\s+", body):
        return None  # alternatives
    first = (words_in(body) or [""])[0].lower()
    if first in g.subordinators or first in g.prepositions or first in g.conditions:
        return None  # an opening clause or phrase governs the run: framed_clauses' to list
    items = items_in(body, ",")
    if len(items) < 3 or any(count_words(i) < 3 or not g.is_clause(i) or (
            words_in(i) or [""])[0].lower() in g.subordinators for i in items):
        return None
    return [close(capitalize(i)) for i in items[:-1]] + [close(capitalize(items[-1]), end)]


@rule("joined_clauses", cues=(",",),
      splits=(
          ('Chemotherapy often lowers the white cell count, and the risk of infection rises '
           'for several weeks.',
           ('Chemotherapy often lowers the white cell count.',
            'The risk of infection rises for several weeks.')),
          ('A child with Scheie syndrome can live into adulthood, while one with Hunter '
           'syndrome may live into his 50s.',
           ('A child with Scheie syndrome can live into adulthood.',
            'But one with Hunter syndrome may live into his 50s.')),
          # subjects that carry their own "that"/"who" clause are still subjects
          ('Cases that are found early have a better outcome, and the treatment that follows '
           'is often shorter.',
           ('Cases that are found early have a better outcome.',
            'The treatment that follows is often shorter.')),
      ),
      leaves=(
          'Keep the baby warm and dry, while holding him close to your chest for the first '
          'hour.',
          'If you have a fever, call your doctor, and go to the nearest hospital right away.',
          # after the stop "it" would name imatinib, and the trend would leave the reason
          'The drug was approved because the response was better with it than with imatinib, '
          'and it trended similarly compared with other drugs.',
          'MMR was significantly better with asciminib than with imatinib, and it trended '
          'similarly compared with second-generation TKIs.',
          # the last of a run of -ing items, not a clause with a gerund subject
          'The top needs of family carers were related to fear about the disease coming back, '
          "reducing stress in the home, and understanding the patient's experience.",
      ))
def joined_clauses(sentence: str, ctx: Context) -> Pieces | None:
    """'A does B, and C does D.' -> 'A does B. C does D.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    # ", while" between two clauses sets them against each other ("A can live into adulthood,
    # while B may live into his 50s"); a "while" of time takes no comma
    pattern = r",\s+(and|but|so|yet|whereas|although|though|even though|because|while)\s+"
    for match in top_level(body, pattern):
        left, right = body[: match.start()], body[match.end():]
        word = match.group(1)
        first = words_in(right)[:2]
        if len(first) == 2 and re.fullmatch(r"[a-z]+ly", first[0]) and g.verb_here(first, 1):
            continue  # "..., and possibly increases X": a verb phrase of the same subject
        if word == "and" and re.match(r"[a-z]+ing\b", right) and any(
                m.group(1) not in ("including", "during")
                for m in top_level(left, r",\s+([a-z]+ing)\b")):
            continue  # "concerns about X, reducing stress, and understanding Y": the last
            # item of a run of -ing words, not a clause with a gerund subject
        if any(m.group(1) != "including" for m in top_level(right, r",\s+([a-z]+ing)\b")):
            continue  # "A did X, while B did Y, reaching Z": the closing "-ing" phrase speaks
            # of both clauses; cut, it would belong to the second alone
        if first and first[0].lower() in _PRONOUNS and _rival(left, first[0].lower(), g):
            continue  # ", and it ...": after a stop "It" names the last noun, not the subject
        if top_level(left, r"\sbecause\s"):
            continue  # "approved because A, and B": B may be part of the reason
        left_ok = g.is_clause(left) or g.is_imperative(left)
        right_ok = g.is_clause(right) or (g.is_imperative(right) and g.is_imperative(left))
        if left_ok and right_ok and count_words(left) >= 3 and count_words(right) >= 3:
            joiner = dict(g.joiners)[word]
            return [close(left), close(joiner + (right if joiner else capitalize(right)), end)]
    return None


_PRONOUNS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her"})


def _rival(clause: str, pronoun: str, g: Grammar) -> bool:
    """Whether a noun after a clause's verb could be what a pronoun opening the next clause
    names, once a stop parts them: a noun after a determiner or preposition, of the
    pronoun's number ("it": "with imatinib"; "they": "in many countries"), or a person for
    "he"/"she"; True when no verb is found.

    >>> from personalize.rewriter.grammar import grammar
    >>> _rival("MMR was better with asciminib than with imatinib", "it", grammar("en"))
    True
    >>> _rival("It happens in many countries", "it", grammar("en"))
    False
    >>> _rival("The count is rare and unpredictable", "it", grammar("en"))
    False
    """
    words = words_in(outside_brackets(clause))
    verb = g.finite_at(words)
    if verb < 0:
        return True
    opened = False
    for word in words[verb + 1:]:
        lower = word.lower()
        if lower in g.determiners or lower in g.prepositions:
            opened = True
        elif opened and lower not in g.adverbs and not lower.endswith("ly"):
            plural = lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
            if pronoun in ("it", "its") and not plural or \
                    pronoun in ("they", "their") and plural or \
                    lower in g.persons or lower.removesuffix("s") in g.persons:
                return True
    return False


@rule("because", cues=("because",),
      splits=(
          ('Wedge removal is used to keep as much healthy lung as possible because these '
           'patients are at high risk of a second lung cancer.',
           ('Wedge removal is used to keep as much healthy lung as possible.',
            'This is because these patients are at high risk of a second lung cancer.')),
      ),
      leaves=(
          # a negation before "because" may govern the reason ("not ... because A" can mean
          # "for a reason other than A"): the sentence is left
          'The drug is not given to children in the first weeks of life because it is harmful '
          'to the liver.',
          'Most patients are treated with chemotherapy or surgery because of the late effects '
          'of radiation therapy in young children.',
          'The rash often gets worse in the first weeks mainly because the skin is dry and '
          'thin there.',
          'The reason the study was stopped early by the board is because too few people '
          'joined it.',
      ))
def because(sentence: str, ctx: Context) -> Pieces | None:
    """'A does B because C does D.' -> 'A does B. This is because C does D.' (no comma: the
    comma'd ', because' is joined_clauses')."""
    g = ctx.grammar
    body, end = ending(sentence)
    matches = top_level(body, r"(?<![,;:])\s+because\s+(?!of\b)")
    if len(matches) != 1:
        return None
    match = matches[0]
    left, right = body[: match.start()], body[match.end():]
    left_words = [w.lower() for w in words_in(left)]
    if not left_words or left_words[-1] in _BECAUSE_BEFORE or left_words[0] in g.subordinators:
        return None  # "mainly because", "is because", "Only because": the reason is graded
    if any(w in g.negations or w in ("only", "why", "reason") for w in left_words):
        return None  # "not ... because A" may deny the reason, not the act
    if count_words(left) < 5 or count_words(right) < 4:
        return None
    if not g.is_clause(right):
        return None  # "This is because <a clause>": the new sentence must be one
    label = re.match(r"^[A-Z][\w ]{0,30}:\s+", left)  # "Surgery: A is used ... because B"
    main = left[label.end():] if label else left
    main_words = words_in(main)
    first = main_words[0].lower()
    opener = any(first in words for words in (g.subordinators, g.prepositions, g.conditions,
                                              g.base_verbs))
    if not (g.is_clause(main) or g.is_imperative(main)
            or (not opener and g.finite_at(main_words) > 0)):
        return None  # the writer's words before "because" must hold a subject and its verb
    return [close(left), close("This is because " + right, end)]


_BECAUSE_BEFORE = frozenset({"mainly", "partly", "largely", "mostly", "only", "just", "solely",
                             "simply", "probably", "likely", "perhaps", "possibly", "is", "was",
                             "are", "were", "be", "not", "in", "part", "all", "chiefly",
                             "primarily", "presumably", "apparently", "maybe", "merely"})


@rule("shared_subject", cues=("and", "but"),
      splits=(
          ('Amebic encephalitis and spread infection are very rare forms of infection and '
           'primarily affect people with weak immune systems.',
           ('Amebic encephalitis and spread infection are very rare forms of infection.',
            'They primarily affect people with weak immune systems.')),
      ),
      leaves=(
          'Each parent must carry the defective gene and pass it on to the child for the '
          'disease to appear.',
          'He or she will examine you and will also take your medical history in detail.',
          # the last of a run of three verb phrases of one subject: no cut inside the run
          'The vitamin has many roles in the body, is needed by several enzymes, and plays a '
          'part in making collagen.',
      ))
def shared_subject(sentence: str, ctx: Context) -> Pieces | None:
    """'Neutropenia has many causes, and can be mild.' -> '... causes. It can be mild.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",?\s+(and|but)\s+"):
        left, right = body[: match.start()], body[match.end():]
        right_words = words_in(right)
        if not (g.is_clause(left) and starts_with_verb(right_words, g, base=False)):
            continue
        adverb = right_words[0].lower() in g.adverbs and len(right_words) > 1
        verb = right_words[1] if adverb else right_words[0]
        if "," not in match.group() and (verb.lower().endswith("ed") or not (
                verb.lower() in g.finite or (adverb and verb.lower() in g.base_verbs))):
            continue  # without a comma: "... and includes", "... and mainly affect"
        if count_words(left) < 4 or count_words(right) < 3:
            continue
        if "," in match.group() and "," in left and any(
                starts_with_verb(words_in(body[c.end(): match.start()]), g, base=False)
                for c in top_level(left, r",\s+")):
            continue  # "It has A, is B, and plays C": the last of a run of three verb
            # phrases; cut there, "It has A, is B." would be left with no "and"
        left_words = [w.lower() for w in words_in(left)]
        main_at = g.finite_at(words_in(left))
        if left_words[0] in g.subordinators or any(
                w in g.clause_openers for w in left_words[max(0, main_at):]):
            continue  # "... infections that are severe and can be ...": whose verb is it?
        subject = words_in(left)[: max(1, main_at)]
        if head_noun(subject, g) in g.persons:
            continue  # "the patient has been tired ... but does not have": not an "it"
        plural = plural_subject(verb, g, subject[0] if subject else "")
        pronoun = "They" if plural else "It"
        joiner = "But " + pronoun.lower() if match.group(1) == "but" else pronoun
        return [close(left), close(f"{joiner} {right}", end)]
    return None


@rule("defining", cues=("that", "which", "who"),
      splits=(
          ('Alpha-1 antitrypsin deficiency is an inherited disorder that may cause lung '
           'disease in adults.',
           ('Alpha-1 antitrypsin deficiency is an inherited disorder.',
            'It may cause lung disease in adults.')),
      ),
      leaves=(
          'The following are steps that can be taken to help prevent and control the spread of '
          'lice:',
      ))
def defining(sentence: str, ctx: Context) -> Pieces | None:
    """'X is a disorder that causes Y.' -> 'X is a disorder. It causes Y.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    if sentence.rstrip().endswith(":"):
        return None  # "The following are steps that ...:" introduces a list
    if re.match(r"^there\s+(?:is|are|was|were)\b", body, re.I):
        return None  # "There is a subset of cases that is X": the clause is the news
    for match in top_level(body, r"\b(?:(is|was)\s+(?:a|an|the|one)|(are|were)(?:\s+(?:the|a))?)"
                                  r"\s+[^,;:]*?\s+(that|which|who)\s+"):
        left, rest = body[: match.end()].rsplit(" ", 1)[0], body[match.end():]
        left = re.sub(r"\s+(that|which|who)$", "", left)
        rest_words = words_in(rest)
        plural = bool(match.group(2))
        after_be = (words_in(body[match.start():]) + ["", ""])[1].lower()
        if plural and (after_be.endswith(("ed", "en")) or after_be in g.finite
                       or after_be == "born"):
            continue  # "are born with ... that": a passive, not a definition
        predicate = words_in(left[left.rfind(match.group(1) or match.group(2)):])
        if len(predicate) <= 4 and predicate[-1].lower() in g.generic_nouns:
            continue  # "X is a condition. It ...": the first half would say nothing
        if not starts_with_verb(rest_words, g, base=plural) or count_words(rest) < 3:
            continue
        if count_words(left) < 4 or not g.is_clause(left):
            continue
        be = len(words_in(body[: match.start()]))
        if g.finite_at(words_in(body)) != be:
            continue  # "Cases were seen in patients who are X and in patients who ...": the
            # "are" is a relative clause's, not the main verb: no definition to split
        pronoun = "They" if plural else "It"
        return [close(left), close(f"{pronoun} {rest}", end)]
    return None


@rule("modal_coordination",
      splits=(
          ('Physical therapy and daily exercise may delay joint problems and improve the '
           'ability to move.',
           ('Physical therapy and daily exercise may delay joint problems.',
            'They may also improve the ability to move.')),
          # the verb chain "can help you" governs both verbs: "It can also lower" lost it
          ('Routine physical activity can help you lose weight and lower your LDL cholesterol.',
           ('Routine physical activity can help you lose weight.',
            'It can also help you lower your LDL cholesterol.')),
          ('Regular exercise may help lower blood sugar and prevent heart disease in adults.',
           ('Regular exercise may help lower blood sugar.',
            'It may also help prevent heart disease in adults.')),
      ),
      leaves=(
          'Each parent must carry the defective gene and pass it on to the child for the '
          'disease to appear.',
      ))
def modal_coordination(sentence: str, ctx: Context) -> Pieces | None:
    """'Tumors can cause A or harm B.' -> 'Tumors can cause A. They can also harm B.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    modals = "|".join(sorted(g.modals))
    modal = re.search(rf"\b({modals})\s+(?:(?:also|often|usually|sometimes|not)\s+)?([a-z]+)\b",
                      body)
    if not modal or modal.group(2) not in g.base_verbs:
        return None
    subject = body[: modal.start()].strip()
    subject_words = words_in(subject)
    if not subject_words or g.finite_at(subject_words) >= 0:
        return None
    if any(w.lower() in g.clause_openers or w.lower() == "both" for w in subject_words) or \
            head_noun(subject_words, g) in g.persons:
        return None  # the modal belongs to a relative clause, or the subject is a person
    for match in top_level(body[modal.end():], r",?\s+(and|or)\s+([a-z]+)\b(?![-'’])"):
        verb = match.group(2)
        if verb not in g.base_verbs or verb in ("and", "or"):
            continue
        cut = modal.end() + match.start()
        left, right = body[:cut], body[modal.end() + match.start(2):]
        if count_words(left) < 5 or count_words(right) < 3:
            continue
        head = subject_words[-1].lower()
        if head in ("they", "it", "you", "we", "he", "she"):
            pronoun = subject_words[-1].capitalize() if head != "i" else "I"
        else:
            pronoun = "They" if (" and " in subject or plural_subject("", g, head)) else "It"
        chain = _chain(body[modal.start(2):cut], g)
        return [close(left), close(f"{pronoun} {modal.group(1)} also {chain}{right}", end)]
    return None


def _chain(verbs: str, g: Grammar) -> str:
    """The verbs after a modal that govern a later verb ("help you lose", "be used to
    treat"), with a space, to copy into the second sentence; "" when the modal's verb is
    the one coordinated.

    >>> from personalize.rewriter.grammar import grammar
    >>> _chain("help you lose weight", grammar("en")), _chain("cause damage", grammar("en"))
    ('help you ', '')
    """
    words = verbs.split()
    for k in range(1, min(4, len(words))):
        if words[k].lower() in g.base_verbs and (
                words[k - 1].lower() == "to" or (words[0].lower() in _BARE and k <= 2)):
            return " ".join(words[:k]) + " "
    return ""


_BARE = frozenset({"help", "helps", "let", "make"})  # a verb after them takes no "to"


@rule("leading_clause", cues=("Although", "Though", "Even though", "While", "Because", "Whereas"),
      splits=(
          ('Although the condition is rare, it can be serious and needs care from a specialist.',
           ('The condition is rare.',
            'But it can be serious and needs care from a specialist.')),
          # "while" of contrast: a state or a possibility set against the main clause
          ('While there may be a higher rate of problems, a second operation can keep the kidneys '
           'working well.',
           ('There may be a higher rate of problems.',
            'But a second operation can keep the kidneys working well.')),
      ),
      leaves=(
          'While the wound is still healing, do not lift heavy things after the surgery.',
          # "while" of time: what happens during it, not a contrast
          'While the infection is in the blood, the count of white cells in the body may rise '
          'quickly.',
          'While patients are taking this drug, their blood counts should be checked every '
          'week.',
      ))
def leading_clause(sentence: str, ctx: Context) -> Pieces | None:
    """'Although A, B.' -> 'A. But B.'; 'Because A, B.' -> 'A. So B.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    match = re.match(r"^(Although|Though|Even though|While|Because|Since|Whereas)\s+", body)
    if not match or match.group(1) == "Since":
        return None
    for comma in reversed(top_level(body, r",\s+")):  # the last comma: not one in a run
        first, second = body[match.end(): comma.start()], body[comma.end():]
        if match.group(1) == "While" and not _concessive(first, second, g):
            continue  # "While the wound is healing, ...": a time, not a contrast
        if g.is_clause(first) and g.is_clause(second) and not re.match(r"(or|and)\s", second):
            joiner = "So " if match.group(1) == "Because" else "But "
            return [close(capitalize(first)), close(joiner + second, end)]
    return None


_BE_HAVE = frozenset({"is", "are", "was", "were", "has", "have", "had"})
_POSSIBLE = frozenset({"may", "might", "can", "could"})
_PERSONS = frozenset({"you", "we", "i", "they", "he", "she", "patients", "people", "children",
                      "adults", "women", "men"})


def _concessive(first: str, second: str, g: Grammar) -> bool:
    """Whether 'While <first>, <second>' sets two facts against each other ('While there may
    be more problems, X can ...'; 'While variations are known to raise the risk, no gene ...'),
    not two things at one time ('While the wound is healing', 'While you are in hospital').
    Only a state or a possibility, of no person, and a main clause that is no command."""
    words = words_in(first)
    at = g.finite_at(words)
    if at < 1 or any(w.lower() in _PERSONS or w.lower() in g.persons for w in words[:at]):
        return False
    verb = words[at].lower()
    after = words[at + 1].lower() if at + 1 < len(words) else ""
    if "still" in (w.lower() for w in words) or g.is_imperative(second):
        return False
    if verb in _POSSIBLE:
        return True
    return verb in _BE_HAVE and bool(after) and not after.endswith("ing") and \
        after not in g.prepositions and after not in ("still", "being")


@rule("participle", cues=("ing",),
      splits=(
          ('The disease damages the liver over many years, causing scarring and liver failure '
           'in some people.',
           ('The disease damages the liver over many years.',
            'This causes scarring and liver failure in some people.')),
      ),
      leaves=(
          'Symptoms may also include jaundice, and in severe cases, changes in mood and '
          'sensory perception over several days.',
          'The most common side effects are pain, swelling, or bruising at the injection site.',
          # the -ing word is the second of a run after "by": no verb of its own
          'Take steps to prevent infections by washing your hands often, avoiding sick people, '
          'and cooking food well.',
          # a later ", and <word>ing": the -ing words are items of a list, not a result
          'The questions were about the cost of care, getting to the clinic, or finding time '
          'off work.',
      ))
def participle(sentence: str, ctx: Context) -> Pieces | None:
    """'A lowers B, causing C.' -> 'A lowers B. This causes C.'"""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+([a-z]+ing)\b"):
        if match.group(1) == "including":
            continue  # a run of examples, for the list rules
        if re.match(r",?\s+(?:or|and)\b", body[match.end():]) or re.search(
                r",\s+[\w-]+$", body[: match.start()]):
            continue  # "pain, swelling, or bruising": an item of a run, not a verb
        if re.search(r"\b(?:by|from|of|for|without|about|after|before)\s+[a-z]+ing\b[^,;]*$",
                     body[: match.start()]):
            continue  # "by washing hands, avoiding sick people, ...": a run of -ing items
        if later_ing_item(body[match.end():]):
            continue  # "concerns about X, reducing stress, and understanding Y": parallel
            # -ing words are items of a list, not a result of the clause before them
        base = _base_of(match.group(1), g)
        if base in _EVIDENCE_VERBS:
            continue  # "..., showing X" -> "This shows X" would read as evidence
        left = body[: match.start()]
        if base and g.is_clause(left):
            # "The patch did so in 65%, reaching X" -> "This reached X": the tense of the clause
            past = _in_past(left, g)
            third = _past(base) if past else verb_forms(base)[0]
            rest = re.sub(r"\b(and|or)\s+([a-z]+ing)\b",
                          lambda m, past=past: f"{m.group(1)} "
                          f"{_past(b) if past else verb_forms(b)[0]}"
                          if (b := _base_of(m.group(2), g)) else m.group(), body[match.end():])
            return [close(left), close(f"This {third}{rest}", end)]
    return None


_IRREGULAR_PAST = {"lead": "led", "make": "made", "give": "gave", "bring": "brought",
                   "take": "took", "keep": "kept", "leave": "left", "send": "sent",
                   "find": "found", "become": "became", "begin": "began", "grow": "grew",
                   "hold": "held", "lose": "lost", "mean": "meant", "run": "ran", "see": "saw",
                   "spread": "spread", "tell": "told", "get": "got", "go": "went",
                   "come": "came", "feel": "felt", "build": "built", "break": "broke",
                   "rise": "rose", "fall": "fell", "put": "put", "set": "set", "cut": "cut",
                   "let": "let", "bleed": "bled", "fight": "fought", "undergo": "underwent"}
_PAST_FINITE = frozenset({"was", "were", "had", "did", *_IRREGULAR_PAST.values()})


def _past(base: str) -> str:
    return _IRREGULAR_PAST.get(base) or verb_forms(base)[1]


def _in_past(clause: str, g: Grammar) -> bool:
    """Whether a clause's main verb is in the past ('was', 'showed', 'did so')."""
    words = words_in(clause)
    at = g.finite_at(words)
    if at < 0:
        return False
    verb = words[at].lower()
    return verb in _PAST_FINITE or (verb.endswith("ed") and verb not in ("need", "feed", "bleed",
                                                                         "proceed", "exceed"))


_EVIDENCE_VERBS = frozenset({"show", "suggest", "indicate", "prove", "reveal", "confirm"})


def _base_of(ing: str, g: Grammar) -> str:
    return g.ing_bases.get(ing, "")


@rule("colon", cues=(":",), languages=('*',),
      splits=(
          ('Wash and dry clothes: use the hot water cycle and the high heat drying cycle.',
           ('Wash and dry clothes.',
            'Use the hot water cycle and the high heat drying cycle.')),
      ),
      leaves=(
          'The following are steps that can be taken to help prevent and control the spread of '
          'lice:',
      ))
def colon(sentence: str, ctx: Context) -> Pieces | None:
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r":\s+"):
        left, right = body[: match.start()], body[match.end():]
        if re.search(r"\b(include|includes|including|are|is|as|following|these|of|were)$",
                     left.strip(), re.I):
            continue  # "... may include: A" introduces a run, not a second sentence
        if not (g.is_clause(right) or g.is_imperative(right) or _opened_command(right, g)):
            continue
        if (count_words(left) >= 3 and g.is_clause(left)) or (
                count_words(left) >= 2 and g.is_imperative(left)):
            # "Use repellent: when outdoors, use ..." -> "Use repellent. When outdoors, use ..."
            return [close(left), close(capitalize(right), end)]
    return None


def _opened_command(text: str, g) -> bool:
    """A command after a short opening phrase: 'When outdoors, use repellent'."""
    head, comma, rest = text.partition(",")
    return bool(comma) and count_words(head) <= 4 and g.finite_at(words_in(head)) < 0 and (
        g.is_imperative(rest.strip()))


@rule("comma_clauses", cues=(",",), languages=('*',),
      splits=(
          ('The virus spreads fast in the cold winter months, people get sick in large numbers.',
           ('The virus spreads fast in the cold winter months.',
            'People get sick in large numbers.')),
      ),
      leaves=(
          'If the pain gets worse after a week, a doctor will check the wound again.',
          'If your doctor believes you need treatment, he or she may suggest a test for you.',
      ))
def comma_clauses(sentence: str, ctx: Context) -> Pieces | None:
    """Last resort: two clauses joined by a bare comma."""
    g = ctx.grammar
    body, end = ending(sentence)
    for match in top_level(body, r",\s+"):
        left, right = body[: match.start()], body[match.end():]
        first = (words_in(right) or [""])[0].lower()
        if first in g.subordinators or first in g.prepositions:
            continue
        if (count_words(left) >= 4 and count_words(right) >= 4 and g.is_clause(left)
                and g.is_clause(right) and first in g.subject_starters):
            return [close(left), close(capitalize(right), end)]
    return None
