"""The splitter's rules in the order they are tried, each with why it sits where it does.

The first rule that splits a sentence wins, so the order is a safety order: rules that keep
the sentence's own words and structure come before rules that add words ("It", "This is"),
and the catch-all comes last. Adding a rule: declare it with @rule and its examples in its
module under rules/, then add one line here; tests/test_rules.py runs every rule's examples
through the whole chain and names the rule that fired first when one breaks.
"""

from __future__ import annotations

from personalize.rewriter.rules import asides, clauses, lists
from personalize.rewriter.rules.contract import Rule

ORDER: tuple[tuple[Rule, str], ...] = (
    (lists.series, "Lists first: a run of items cut into clauses would lose the lead-in "
                   "('including', 'such as', a colon) that says what the items are."),
    (lists.numbered, "A run the writer numbered, (1) ... (2) ...: its items are bounded by the "
                     "numbers, so it is taken before the runs whose bounds are read from commas."),
    (lists.verb_series, "A run straight after the main verb; after series, which takes runs "
                        "that have their own introducer."),
    (lists.subject_series, "A run of subjects before the verb: rarer and harder to bound than "
                           "a run after it, so after the object runs."),
    (lists.conditions, "'If A, or if B, C' before any clause rule, which would cut the "
                       "conditions away from the result they govern."),
    (lists.instructions, "'If A, do B, do C, and do D': the steps of an instruction, each "
                         "under the condition, before the clause rules cut the condition "
                         "away from all but the first step."),
    (lists.framed_clauses, "'In the X study, A, B, and C', each a clause: a list under the "
                           "opening phrase, before the clause rules cut the phrase away from "
                           "all but the first clause."),
    (clauses.semicolon, "A semicolon is the writer's own sentence break, the safest clause "
                        "cut; after the lists, since a run written with semicolons is a list."),
    (lists.such_as_aside, "An aside of examples inside the sentence, before the rules that "
                          "would read its commas as clause or aside boundaries."),
    (lists.such_as_tail, "A short closing run of examples; the long ones are series'."),
    (asides.defined_as, "'with X (defined as Y)' repeats X as the subject of its "
                        "definition; before the bracket rule, which would write 'This means'."),
    (asides.appositive, "A description between commas after the subject, before the relative "
                        "rule, so 'X, a Y, which ...' is read from its start."),
    (clauses.relative, "', which' and ', who' clauses, the commonest long shape; after the "
                       "asides that also sit between commas."),
    (asides.quantified_relative, "', both of which ...': a relative clause with a quantifier, "
                                 "which the plain relative rule does not take."),
    (clauses.clause_run, "'A did X, B did Y, and C did Z': every clause at once, before the "
                         "join rule, which would cut the last and leave a comma splice."),
    (clauses.joined_clauses, "Two clauses joined by a conjunction; after the relatives, whose "
                             "commas could be taken for a join."),
    (clauses.because, "'A because B' without a comma becomes 'A. This is because B': it adds "
                      "words, so after the joins that add none."),
    (clauses.shared_subject, "A second verb phrase sharing the subject needs a pronoun, so it "
                             "comes after the joins that add none."),
    (clauses.defining, "'X is a Y that does Z' adds a pronoun; after the plainer cuts."),
    (clauses.leading_clause, "'Although A, B' rewrites its opener as a conjunction; after the "
                             "rules that only cut."),
    (clauses.participle, "', causing C' becomes 'This causes C': it adds words."),
    (clauses.modal_coordination, "'can cause A or harm B' repeats the subject and the modal: it "
                                 "adds words and must read the verbs, so late."),
    (asides.parenthetical, "Brackets usually explain a word where it stands: only runs of "
                           "examples move out, and late."),
    (clauses.colon, "A colon that joins two clauses; after the list rules, which take the "
                    "colons that introduce runs."),
    (asides.final_appositive, "A closing description of the last noun becomes 'This is ...'; "
                              "after the rules that keep the writer's words."),
    (asides.especially, "', especially X' becomes 'This is most true of X': it rewords."),
    (asides.including, "A closing ', including ...' run becomes 'This includes ...'; after the "
                       "list rules, which take the longer runs."),
    (asides.closing_when, "A closing ', when ...' becomes 'This is when ...': it rewords."),
    (asides.means, "A closing 'by <verb>ing' becomes 'They do this by ...': it repeats the "
                   "subject and the tense, the most rewording of all."),
    (clauses.comma_clauses, "Last resort: two clauses joined by a bare comma, tried only when "
                            "nothing more specific fits."),
)

RULES: tuple[Rule, ...] = tuple(rule for rule, _ in ORDER)
