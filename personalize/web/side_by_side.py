"""QA's side-by-side view: the canonical answer and a rendition, with what changed marked.

Block by block (paragraphs, list items, headings, table cells): a block of the rendition whose
words are not in the canonical text as written is marked changed, and a canonical block the
reader does not get as written is marked too. The canonical copy's ids are renamed, so the
two panes on one page never share an id. Flask-free.
"""

from __future__ import annotations

import html
import re

from markupsafe import escape

BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_CLASS = re.compile(r'\sclass="([^"]*)"')
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "col", "source"})


def _words(text: str) -> str:
    """Text with its entities read and its white space folded, for comparing.

    >>> _words(" A&amp;B \\n  c ")
    'A&B c'
    """
    return " ".join(html.unescape(text).split())


def blocks(markup: str) -> list[tuple[int, int, str]]:
    """Each block element's start tag (start, end offsets) and its own words (not those of
    blocks inside it, nor citation numbers), in document order.

    >>> [b[2] for b in blocks('<ul><li>One<sup class="pz-cite">1</sup><ul><li>Two</li></ul>'
    ...                        '</li></ul><p>Three &amp; four</p>')]
    ['Two', 'One', 'Three & four']
    """
    out: list[tuple[int, int, str]] = []
    stack: list[list] = []  # [name, start, end, pieces]
    skip = 0  # depth inside a citation's <sup>
    at = 0
    for m in _TAG.finditer(markup):
        text = markup[at:m.start()]
        at = m.end()
        if stack and not skip:
            stack[-1][3].append(text)
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "sup" and (skip or "pz-cite" in m.group(3)):
            skip += -1 if closing else 1
        elif name in BLOCKS and not closing:
            stack.append([name, m.start(), m.end(), []])
        elif name in BLOCKS and closing and stack and stack[-1][0] == name:
            _, start, end, pieces = stack.pop()
            out.append((start, end, _words("".join(pieces))))
    return out


def mark(markup: str, keep: set[str], label: str) -> str:
    """The markup with each block whose words are not in `keep` classed qa-changed and
    labelled for screen readers (the label is the sighted reader's colour and bar)."""
    hidden = f'<span class="visually-hidden">{escape(label)}</span>'
    out, at = [], 0
    for start, end, words in sorted(blocks(markup)):
        if not words or words in keep:
            continue
        tag = markup[start:end]
        found = _CLASS.search(tag)
        if found:
            tag = tag[:found.start(1)] + found.group(1) + " qa-changed" + tag[found.end(1):]
        else:
            tag = tag[:-1].rstrip("/") + ' class="qa-changed">'
        out += [markup[at:start], tag, hidden]
        at = end
    out.append(markup[at:])
    return "".join(out)


def marked(canonical: str, rendition: str, prefix: str, changed: str,
           not_kept: str) -> tuple[str, str]:
    """Both panes marked; the canonical pane's ids (and links to them) renamed.

    >>> c, r = marked('<p id="pz-a-x">Same</p><p>Old words</p>', '<p>Same</p><p>New</p>',
    ...               "pz-a-", "Changed: ", "Rewritten: ")
    >>> c
    '<p id="pz-a-canonical-x">Same</p><p class="qa-changed"><span class="visually-hidden">\
Rewritten: </span>Old words</p>'
    >>> r
    '<p>Same</p><p class="qa-changed"><span class="visually-hidden">Changed: </span>New</p>'
    """
    before = {w for _, _, w in blocks(canonical)}
    after = {w for _, _, w in blocks(rendition)}
    canonical = canonical.replace(prefix, prefix + "canonical-")
    return mark(canonical, after, not_kept), mark(rendition, before, changed)
