"""Protect what the rewriter must not touch, and split inline text into sentences.

Citations (the answer format's [@key], the numbered markers of pasted text, [1,2] or
[3-5], and the evidence grades that follow them, [Level of evidence: II]), code, link
targets, URLs and e-mail addresses are swapped for single private-use characters before
any rewriting, and swapped back afterwards, so no rule can alter them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from personalize.rewriter.grammar import grammar

_PROTECT = re.compile(
    r"\[@[^\]]+\]"                       # citations [@key; @key2]
    r"|\[\d+(?:\s*[,\u2013-]\s*\d+)*\](?!\()"  # numbered citation markers [1,2] [3-5]
    r"|\[Level of evidence:?\s[^\[\]]{1,20}\]"  # evidence grades after them (PDQ summaries)
    r"|`[^`]*`"                          # code spans
    r"|!?\[[^\]]*\]\([^)]*\)"            # links and images: whole, the text is short anyway
    r"|<(?:https?|mailto):[^>]*>"        # autolinks
    r"|https?://[^\s)\]>]+[^\s)\].,;:!?>]"  # bare URLs
    r"|www\.[^\s)\]>]+[^\s)\].,;:!?>]"
    r"|[\w.+-]+@[\w-]+\.[\w.-]+\w"       # e-mail addresses
    r"|\\[\\`*_{}\[\]()#+\-.!]"          # Markdown escapes
)
BASE = 0xF0000
_PLACEHOLDER = re.compile(r"[\U000F0000-\U000FFFFD]")


@dataclass(frozen=True)
class Masked:
    """Text with its protected spans replaced by placeholders."""

    text: str
    spans: tuple[str, ...]

    def restore(self, text: str) -> str:
        """Put the protected spans back."""
        if not self.spans:
            return text
        return _PLACEHOLDER.sub(lambda m: self.spans[ord(m.group()) - BASE], text)


def mask(text: str) -> Masked:
    """Replace protected spans with placeholder characters.

    >>> m = mask("See [@cfp-1984] and https://example.org/a.b now.")
    >>> len(m.text) < 30, m.restore(m.text)
    (True, 'See [@cfp-1984] and https://example.org/a.b now.')
    """
    spans: list[str] = []

    def keep(match: re.Match) -> str:
        spans.append(match.group())
        return chr(BASE + len(spans) - 1)

    return Masked(_PROTECT.sub(keep, text), tuple(spans))


def is_placeholder(char: str) -> bool:
    """Whether a character stands for a protected span."""
    return len(char) == 1 and BASE <= ord(char) <= 0xFFFFD


PLACEHOLDERS = "\U000F0000-\U000FFFFD"  # for character classes: any protected span
_GLUED = re.compile(r"(\b[a-z]{3,}[.!?])([A-Z][a-z]{2,})")
_BOUNDARY = re.compile(rf"([.!?]+)([\"'”’)\]]*[{PLACEHOLDERS}]*)(\s+)")  # "stop.[1,2] Next"


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split (masked) inline text into sentences, leaving abbreviations and decimals alone.

    >>> split_sentences("Counts fall, e.g. in flu. Dr. Lee saw 2.5 times more. Wash hands!")
    ['Counts fall, e.g. in flu.', 'Dr. Lee saw 2.5 times more.', 'Wash hands!']
    >>> split_sentences("It helps (see U.S. data). Ask a nurse.")
    ['It helps (see U.S. data).', 'Ask a nurse.']
    >>> split_sentences("There is no cure.Medical care helps.")
    ['There is no cure.', 'Medical care helps.']
    >>> m = mask("It occurs with pheochromocytoma.[1,2] If removed, it goes.[3-5] Ask.")
    >>> [m.restore(s) for s in split_sentences(m.text)]
    ['It occurs with pheochromocytoma.[1,2]', 'If removed, it goes.[3-5]', 'Ask.']
    >>> split_sentences("Lo vio la Dra. Ruiz, p. ej. ayer. ¿Tiene fiebre? ¡Llame hoy!", "es")
    ['Lo vio la Dra. Ruiz, p. ej. ayer.', '¿Tiene fiebre?', '¡Llame hoy!']
    """
    abbreviations = grammar(language).abbreviations
    # "syndromes.Medical care": text pasted from web pages often lost the space after a stop
    text = _GLUED.sub(r"\1 \2", text)
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        following = text[match.end():match.end() + 1]
        if not following or not (following.isupper() or following.isdigit()
                                 or following in "\"'“‘([¿¡«" or is_placeholder(following)):
            continue
        if match.group(1) == ".":
            before = re.search(r"([\w.]+)$", text[start:match.start()])
            word = before.group(1).lower() if before else ""
            if word in abbreviations or ("." in word and len(word) <= 5):
                continue
        cut = match.end()
        if is_placeholder(following):  # citations after the stop belong to this sentence
            marks = re.match(rf"[{PLACEHOLDERS}]+(\s+)(?=[A-Z\"'“‘(\[¿¡«])", text[cut:])
            if not marks:
                continue
            end, cut = cut + marks.start(1), cut + marks.end()
        out.append(text[start:end].strip())
        start = cut
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return [s for s in out if s]
