"""The reader's order: bring forward what a profile's reader needs first.

An answer is written in its sources' order (guidelines, drug labels, research, other
factors); a patient needs what to do and when to get help before that background. A
profile's `bring_forward` names, in order, the kinds of part to move and the patterns their
lead line matches. A part is a section (a heading and what follows it, up to the next heading
as high) or a list with its lead-in line ("Call your doctor right away if you have:"). Parts
found are moved, in the profile's order and then in the answer's, to just after the opening
(what comes before the first section heading); everything else keeps its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from personalize.core.markdown import Block, inline_to_text

_CITATION = re.compile(r"\s*\[@[^\]]+\]")


@dataclass(frozen=True)
class Forward:
    """One kind of part a profile brings forward, and the patterns its lead line matches."""

    kind: str
    patterns: tuple[str, ...]

    @cached_property
    def pattern(self) -> re.Pattern:
        """The patterns as one case-insensitive expression."""
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.IGNORECASE)

    def matches(self, line: str) -> bool:
        """Whether a lead line (a heading or a list's lead-in) is of this kind.

        >>> Forward("get help", ("right away",)).matches("Call your doctor RIGHT AWAY if:")
        True
        """
        return self.pattern.search(line) is not None


@dataclass(frozen=True)
class Move:
    """A part moved forward: its source line, its lead line and its kind."""

    line: int
    lead: str
    kind: str


def bring_forward(blocks: list[Block], rules: tuple[Forward, ...]
                  ) -> tuple[list[Block], tuple[Move, ...]]:
    """The blocks with the parts the rules name moved to after the opening, and the moves.

    >>> from personalize.core.markdown import parse_blocks
    >>> blocks = parse_blocks("Intro.\\n\\n## Research\\n\\n- A.\\n\\n"
    ...                       "Call us right away if:\\n\\n- B.\\n")
    >>> moved, log = bring_forward(blocks, (Forward("get help", ("right away",)),))
    >>> [b.text or b.kind for b in moved]
    ['Intro.', 'Call us right away if:', 'list', 'Research', 'list']
    >>> log
    (Move(line=7, lead='Call us right away if:', kind='get help'),)
    """
    if not rules:
        return blocks, ()
    start = next((n for n, b in enumerate(blocks) if b.kind == "heading" and b.level > 1),
                 len(blocks))
    found: list[list[tuple[int, list[Block]]]] = [[] for _ in rules]
    rest: list[Block] = []
    n = start
    while n < len(blocks):
        end = _part_end(blocks, n)
        lead = _lead(blocks[n]) if end > n + 1 else ""
        rule = next((r for r, f in enumerate(rules) if lead and f.matches(lead)), None)
        if rule is None:
            rest.append(blocks[n])
            n += 1
            continue
        found[rule].append((n, blocks[n:end]))
        n = end
    moves = tuple(Move(blocks[n].line, _lead(blocks[n]), rules[r].kind)
                  for r, parts in enumerate(found) for n, _ in parts)
    if not moves:
        return blocks, ()
    return blocks[:start] + [b for parts in found for _, part in parts for b in part] + rest, moves


def _part_end(blocks: list[Block], n: int) -> int:
    """Where the part starting at block n ends: a section at the next heading as high, a
    list's lead-in after its list; n + 1 when block n leads no part."""
    block = blocks[n]
    if block.kind == "heading":
        return next((m for m in range(n + 1, len(blocks)) if blocks[m].kind == "heading"
                     and blocks[m].level <= block.level), len(blocks))
    if (block.kind == "paragraph" and n + 1 < len(blocks) and blocks[n + 1].kind == "list"
            and _lead(block).endswith(":")):
        return n + 2
    return n + 1


def _lead(block: Block) -> str:
    return inline_to_text(_CITATION.sub("", block.text)).strip()
