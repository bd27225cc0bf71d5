"""Blocks to HTML: numbered citations linking to the references, glossed terms, disclaimer.

Classes are namespaced (pz-) so a rendition can sit inside a partner's page.
"""

from __future__ import annotations

import re

from markupsafe import escape

from personalize.core.answer import Answer, parse_citation
from personalize.core.i18n import N_, translate
from personalize.core.markdown import Block, render_inline
from personalize.core.profiles import Profile
from personalize.rewriter.terms import GLOSS_BASE, GLOSS_CLOSE, GLOSS_OPEN, Glossary

# A citation takes the space before it, so its number never starts a line on its own, and
# goes after the stop or comma that follows it, as medical journals set it ("infection.¹").
_CITATION = re.compile(r"[ \t]*(\[@[^\]]+\])([.,;:]?)")
# While Markdown renders, each citation of an inline text stands as two private-use
# characters: the mark and its number (so a citation moved by Markdown, as a link's title is
# put before its text, still gets its own HTML back).
_CITE_MARK = "\uf8f0"
_CITE_BASE = 0xF000
_CITE = re.compile(f"{_CITE_MARK}(.)", re.S)
_GLOSS = re.compile(f"{GLOSS_OPEN}(.)(.*?){GLOSS_CLOSE}", re.S)
# An attribute value Markdown wrote (a link's title, an image's alt): never given markup.
_ATTRIBUTE = re.compile(r'="([^"<>]*)"')


class _Citations:
    """Numbers citations in order of first appearance within one rendition."""

    def __init__(self, answer: Answer, prefix: str):
        self.answer = answer
        self.prefix = prefix
        self.order: list[str] = []
        self.pending: list[str] = []
        self.label = translate(answer.language, "Reference %(n)s")

    def mark(self, text: str) -> str:
        def sub(match: re.Match) -> str:
            items = [c for c in parse_citation(match.group(1)) if c.key]
            numbered = []
            for item in items:
                if item.key not in self.order:
                    self.order.append(item.key)
                numbered.append((self.order.index(item.key) + 1, item.key, item.locator or ""))
            links = [f'<a href="#{self.prefix}ref-{escape(key)}" '
                     f'aria-label="{escape(self.label % {"n": n})}">{n}</a>'
                     + (f", {escape(locator)}" if locator else "")
                     for n, key, locator in sorted(set(numbered))]  # "1, 4", never "4, 1"
            joiner = "; " if any(c.locator for c in items) else ", "
            self.pending.append(f'<sup class="pz-cite">{joiner.join(links)}</sup>')
            return match.group(2) + _CITE_MARK + chr(_CITE_BASE + len(self.pending) - 1)

        return _CITATION.sub(sub, text)

    def unmark(self, html: str) -> str:
        pending, self.pending = self.pending, []

        def sub(match: re.Match) -> str:
            n = ord(match.group(1)) - _CITE_BASE
            return pending[n] if 0 <= n < len(pending) else ""

        return _CITE.sub(sub, html)


def _plain_attribute(match: re.Match) -> str:
    """An attribute value with its citations left out and its glossed terms as plain words."""
    value = _CITE.sub("", match.group(1))
    return '="' + _GLOSS.sub(lambda m: m.group(2), value) + '"'


def render_html(answer: Answer, profile: Profile, blocks: list[Block],
                glossary: Glossary, made: dict[str, str] | None = None) -> str:
    """The rendition's HTML: body, references cited in it, and the profile's disclaimer.

    `made` keeps the HTML of each inline text (its citations marked) for the other
    renditions of the answer, which show many of the same sentences.
    """
    prefix = f"pz-{answer.id}-{profile.name}-"
    citations = _Citations(answer, prefix)
    made = {} if made is None else made

    def inline(text: str) -> str:
        marked = citations.mark(text)
        html = made.get(marked)
        if html is None:
            html = made[marked] = render_inline(marked)
        if _CITE_MARK in html or GLOSS_OPEN in html:
            html = _ATTRIBUTE.sub(_plain_attribute, html)
        return _GLOSS.sub(lambda m: _gloss(m, glossary, prefix), citations.unmark(html))

    out = [f'<article class="pz-rendition" lang="{escape(answer.language)}" '
           f'data-profile="{escape(profile.name)}">']
    for block in blocks:
        if block.kind == "heading":
            level = min(6, max(2, block.level + 1 if block.level == 1 else block.level))
            out.append(f"<h{level}>{inline(block.text)}</h{level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{inline(block.text)}</p>")
        elif block.kind == "quote":
            out.append(f"<blockquote><p>{inline(block.text)}</p></blockquote>")
        elif block.kind == "list":
            out.append(_list(block, inline))
        elif block.kind == "table":
            out.append(_table(block, inline))
        elif block.kind == "code":
            out.append(f"<pre><code>{escape(block.text)}</code></pre>")
        elif block.kind == "rule":
            out.append("<hr>")
        elif block.kind == "detail":
            out.append(_detail(block, inline, answer.language))
    if citations.order:
        heading = escape(translate(answer.language, "References"))
        # Not a named region: a page showing two renditions (QA's side by side, an
        # Infobutton page) would have two landmarks called "References".
        out.append(f'<section class="pz-references"><h2 id="{prefix}references">{heading}'
                   '</h2><ol>')
        for key in citations.order:
            ref = answer.reference(key)
            if ref:
                out.append(_reference(ref, prefix, answer.language))
        out.append("</ol></section>")
    said = profile.wording(answer.language).disclaimer
    out.append(f'<aside class="pz-disclaimer"><h2>{escape(said.title)}</h2>'
               f"<p>{escape(said.text)}</p></aside>")
    out.append("</article>")
    return "\n".join(out)


def _gloss(match: re.Match, glossary: Glossary, prefix: str) -> str:
    n = ord(match.group(1)) - GLOSS_BASE
    definition = glossary.definitions[n] if 0 <= n < len(glossary.definitions) else ""
    ident = f"{prefix}def-{n}"
    # The tooltip sits beside the focusable word, not inside it, so a screen reader reads
    # the word as its content and the definition once, as its description (WAI-ARIA tooltip).
    return (f'<span class="pz-term"><span class="pz-term-word" tabindex="0" '
            f'aria-describedby="{ident}">{match.group(2)}</span>'
            f'<span class="pz-def" id="{ident}" role="tooltip">{escape(definition)}</span>'
            "</span>")


def _list(block: Block, inline) -> str:
    tag = "ol" if block.ordered else "ul"
    out = [f"<{tag}>"]
    depth = 0
    for n, item in enumerate(block.items):
        want = min(item.depth, depth + 1) if n else 0
        if want > depth:
            out.append(f"<{tag}>")
            depth = want
        else:
            if n:
                out.append("</li>")
            while want < depth:
                out.append(f"</{tag}></li>")
                depth -= 1
        out.append(f"<li>{inline(item.text)}")
    out.append("</li>" if block.items else "")
    while depth > 0:
        out.append(f"</{tag}></li>")
        depth -= 1
    out.append(f"</{tag}>")
    return "".join(out)


# What the collapsed block of moved sentences (core.detail) is called, in the answer's language.
DETAIL_SUMMARY = N_("More detail for your care team")


def _detail(block: Block, inline, language: str) -> str:
    """Sentences the profile's detail level moved: collapsed, labelled, opened by the reader."""
    body = "".join(f"<p>{inline(item.text)}</p>" for item in block.items)
    return (f'<details class="pz-detail"><summary>{escape(translate(language, DETAIL_SUMMARY))}'
            f"</summary>{body}</details>")


def _table(block: Block, inline) -> str:
    if not block.rows:
        return ""
    head, *body = block.rows
    cells = "".join(f'<th scope="col">{inline(c)}</th>' for c in head)
    rows = "".join("<tr>" + "".join(f"<td>{inline(c)}</td>" for c in row) + "</tr>"
                   for row in body)
    return f'<table class="pz-table"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


# Kinds of reference answers use, as readers are told them (in the answer's language); any
# other kind is shown as written.
REFERENCE_KINDS = {"guideline": N_("Guideline"), "drug-label": N_("Drug label"),
                   "research": N_("Research"), "review": N_("Review"), "other": N_("Other")}


def _reference(ref, prefix: str, language: str = "en") -> str:
    """One entry of the references list: kind, authors, title (linked to the DOI, the url
    or PubMed), where it was published, and its DOI and PubMed id as links of their own."""
    found = REFERENCE_KINDS.get(ref.kind)
    kind = escape(translate(language, found) if found
                  else ref.kind.replace("-", " ").capitalize())
    title = escape(ref.title)
    if ref.link:  # only https://doi.org/, PubMed or an http(s) url: never javascript: or data:
        title = f'<a href="{escape(ref.link)}" rel="noopener">{title}</a>'
    parts = [f'<span class="pz-ref-kind">{kind}</span>']
    if ref.authors:
        parts.append(f'<span class="pz-ref-authors">{escape(ref.authors.rstrip("."))}.</span>')
    parts.append(f"<cite>{title}</cite>")
    where = ", ".join(escape(str(x)) for x in (ref.container, ref.year) if x)
    if ref.volume:
        where += f";{escape(ref.volume)}" if where else escape(ref.volume)
    if ref.pages:
        where += (":" if ref.volume else ", " if where else "") + escape(ref.pages)
    if where:
        parts.append(where + ".")
    if ref.doi:
        parts.append(f'<a class="pz-ref-id" href="{escape(ref.doi_url)}" rel="noopener">'
                     f"doi:{escape(ref.doi)}</a>")
    if ref.pubmed_url:
        parts.append(f'<a class="pz-ref-id" href="{escape(ref.pubmed_url)}" rel="noopener">'
                     f"PMID: {escape(ref.pmid)}</a>")
    return f'<li id="{prefix}ref-{escape(ref.id)}">{" ".join(parts)}</li>'
