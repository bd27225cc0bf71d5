"""HTML pasted or saved from a web page, read as the Markdown the parser expects.

Only for drafts without front matter that are clearly HTML: headings, paragraphs and list
items keep their shape, everything else becomes text; scripts, styles and navigation go.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "blockquote"}
_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.out.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS or re.fullmatch(r"h[1-6]", tag) or tag == "li":
            self.out.append("\n\n" if tag != "li" else "\n")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(re.sub(r"\s+", " ", data))


def looks_like_html(text: str) -> bool:
    """Whether a file is an HTML page or fragment rather than Markdown.

    >>> looks_like_html("<p>Anemia is common.</p>"), looks_like_html("Anemia <b>is</b> common.")
    (True, False)
    """
    return re.match(r"\s*(<!doctype|<html|<body|<(p|div|h[1-6]|ul|ol|article|section)\b)",
                    text, re.I) is not None


def html_to_markdown(text: str) -> str:
    """The text of an HTML page as Markdown blocks; markup characters in it are escaped.

    >>> html_to_markdown("<h1>Anemia</h1><p>It is <b>common</b>.</p><ul><li>Rest</li></ul>")
    '# Anemia\\n\\nIt is common.\\n\\n- Rest'
    """
    reader = _Reader()
    reader.feed(text)
    reader.close()
    lines = [line.strip() for line in "".join(reader.out).split("\n")]
    body = "\n".join(lines)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    body = re.sub(r"(\n- [^\n]*)\n\n(?=- )", r"\1\n", body)  # keep list items together
    return re.sub(r"(?m)^(?![#-] )([*_`>|+])", r"\\\1", body)
