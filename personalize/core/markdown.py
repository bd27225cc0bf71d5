"""Markdown to blocks and back: the block model the rewriter works on.

Blocks keep their inline Markdown source, so the rewriter edits words while links,
emphasis and code survive. Raw HTML is never passed through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(["table", "strikethrough"])
# parse_blocks keeps each block's inline source and never reads its inline tokens, so its
# parser leaves them unparsed (the same blocks; a third of parsing an answer).
_BLOCKS = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]).disable("inline")
# Characters at which Markdown's inline rules can start (code, emphasis, strikethrough, links,
# images, autolinks, entities, escapes, line breaks) or that it normalises (CR, NUL): text
# without them is one text token, which needs no parser (tests/test_markdown.py).
_MARKUP = re.compile(r"[\\`*_~\[\]!<&\n\r\0]")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Item:
    """One list item: its inline Markdown and how deep it is nested (0 = top)."""

    text: str
    depth: int = 0


@dataclass(frozen=True)
class Block:
    """One block of an answer body, with the audience marks of its container."""

    kind: str  # heading | paragraph | list | table | code | quote | rule | detail (core.detail)
    line: int = 0
    text: str = ""
    level: int = 0
    ordered: bool = False
    items: tuple[Item, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    audiences: tuple[str, ...] = ()

    def with_audiences(self, audiences: tuple[str, ...]) -> Block:
        """The same block, marked for the given audiences."""
        return replace(self, audiences=audiences)

    def inline_texts(self) -> list[str]:
        """Every inline Markdown string this block shows, in reading order."""
        if self.kind in ("heading", "paragraph", "quote"):
            return [self.text]
        if self.kind in ("list", "detail"):
            return [item.text for item in self.items]
        if self.kind == "table":
            return [cell for row in self.rows for cell in row]
        return []


def parse_blocks(source: str, first_line: int = 1) -> list[Block]:
    """Parse a Markdown body into blocks; line numbers count from ``first_line``.

    >>> [b.kind for b in parse_blocks("# Title\\n\\nSome text.\\n\\n- one\\n- two\\n")]
    ['heading', 'paragraph', 'list']
    """
    tokens = _BLOCKS.parse(source)
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = first_line + (tok.map[0] if tok.map else 0)
        if tok.type == "heading_open":
            blocks.append(Block("heading", line, tokens[i + 1].content, level=int(tok.tag[1])))
            i += 3
        elif tok.type == "paragraph_open":
            blocks.append(Block("paragraph", line, tokens[i + 1].content))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            i, items = _collect_list(tokens, i)
            blocks.append(Block("list", line, ordered=tok.type == "ordered_list_open",
                                items=tuple(items)))
        elif tok.type == "blockquote_open":
            i, text = _collect_quote(tokens, i)
            blocks.append(Block("quote", line, text))
        elif tok.type == "table_open":
            i, rows = _collect_table(tokens, i)
            blocks.append(Block("table", line, rows=tuple(rows)))
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block("code", line, tok.content))
            i += 1
        elif tok.type == "hr":
            blocks.append(Block("rule", line))
            i += 1
        else:
            i += 1
    return blocks


def _collect_list(tokens, i):
    """Flatten a (possibly nested) list into items with depths."""
    items: list[Item] = []
    numbers: list[int | None] = []  # each item's number as written (ordered lists)
    depth = -1
    open_items: list[int] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth < 0:
                return i + 1, _nest_by_number(items, numbers)
        elif tok.type == "list_item_open":
            items.append(Item("", depth))
            numbers.append(int(tok.info) if tok.info.isdigit() else None)
            open_items.append(len(items) - 1)
        elif tok.type == "list_item_close":
            open_items.pop()
        elif open_items and tok.type in ("inline", "fence", "code_block"):
            index = open_items[-1]
            content = tok.content if tok.type == "inline" else f"`{tok.content.strip()}`"
            items[index] = Item(f"{items[index].text} {content}".strip(), items[index].depth)
        i += 1
    return i, items


def _nest_by_number(items: list[Item], numbers: list[int | None]) -> list[Item]:
    """A flat ordered list whose numbers restart after an item ending in ":" and later go on
    with the outer count ("1. All of (a-d): 1. ... 4. ... 2. Or ..."), nested as it was
    numbered. Markdown reads one flat list there, which made two alternatives and the four
    criteria of the first one six sibling criteria. Any other numbering stays as read.

    >>> flat = [Item(t) for t in ("Either all of:", "a", "b", "Or this.")]
    >>> [i.depth for i in _nest_by_number(flat, [1, 1, 2, 2])]
    [0, 1, 1, 0]
    >>> [i.depth for i in _nest_by_number(flat, [1, 1, 1, 1])]
    [0, 0, 0, 0]
    >>> [i.depth for i in _nest_by_number(flat, [1, 2, 1, 2])]
    [0, 0, 0, 0]
    """
    if (len(items) < 3 or None in numbers or len({i.depth for i in items}) > 1
            or all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))):
        return items
    following = [numbers[0] + 1]  # the number each open level goes on with
    depths = [0]
    for k in range(1, len(items)):
        number = numbers[k]
        if number == 1 and number != following[-1] and items[k - 1].text.rstrip().endswith(":"):
            following.append(1)
        elif number != following[-1]:
            if number not in following:
                return items  # numbered some other way: left as read
            while following[-1] != number:
                following.pop()
        following[-1] = number + 1
        depths.append(len(following) - 1)
    if not any(depths):
        return items
    return [Item(item.text, item.depth + d) for item, d in zip(items, depths, strict=True)]


def _collect_quote(tokens, i):
    parts: list[str] = []
    level = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "blockquote_open":
            level += 1
        elif tok.type == "blockquote_close":
            level -= 1
            if level == 0:
                return i + 1, " ".join(parts)
        elif tok.type == "inline":
            parts.append(tok.content)
        i += 1
    return i, " ".join(parts)


def _collect_table(tokens, i):
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            rows.append(tuple(row))
        elif tok.type == "inline":
            row.append(tok.content)
        elif tok.type == "table_close":
            return i + 1, rows
        i += 1
    return i, rows


def render_inline(text: str) -> str:
    """Render inline Markdown to HTML with raw HTML escaped.

    >>> render_inline("Wash <b>hands</b> *often*")
    'Wash &lt;b&gt;hands&lt;/b&gt; <em>often</em>'
    """
    if _MARKUP.search(text):
        return _MD.renderInline(text)
    # markdown-it's escapeHtml, which is all it does to a text token
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")


_TEXT_TYPES = ("text", "code_inline")


def inline_to_text(text: str) -> str:
    """The words a reader sees in inline Markdown, without the markup.

    >>> inline_to_text("See [the **guide**](https://example.org) `now`")
    'See the guide now'
    """
    if not _MARKUP.search(text):
        return _SPACES.sub(" ", text).strip()
    return _parsed_text(text)


def _parsed_text(text: str) -> str:
    """inline_to_text by the parser, whatever the text."""
    out: list[str] = []
    for tok in _MD.parseInline(text)[0].children or []:
        if tok.type in _TEXT_TYPES:
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return _SPACES.sub(" ", "".join(out)).strip()
