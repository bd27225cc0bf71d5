"""What the renditions of one answer share: work done once for every profile (render_all)."""

from __future__ import annotations

from personalize.core import readability
from personalize.rewriter.sentences import Masked, mask, split_sentences
from personalize.rewriter.splitter import count_words


class Shared:
    """What the renditions of one answer have in common, worked out once for all of them.

    Made for one call (render_all, or one revision in Store.build) and dropped after it:
    never module-level, never kept between requests. Each entry is kept under the exact
    input of the function that made it (a sentence's Markdown, its text and language, its
    text and the drug names tried), so a rendition made with it is the one made without.
    """

    def __init__(self) -> None:
        self.masks: dict[str, Masked] = {}  # a source block's inline text -> masked
        self.split: dict[tuple[str, str], tuple[str, ...]] = {}  # (masked, language) -> sentences
        self.counts: dict[str, int] = {}  # a sentence -> its words (splitter.count_words)
        self.visible: dict[str, str] = {}  # inline Markdown -> what the reader sees
        self.html: dict[str, str] = {}  # inline Markdown, citations marked -> its HTML
        self.facts: dict = {}  # (inline text, drug names) -> its facts (facts.extract)
        self.markers: dict = {}  # (source sentence, language) -> its meaning markers
        self.splits: dict = {}  # (masked sentence, language) -> its first split (splitter)
        self.scans: dict = {}  # (lexicon version, masked text) -> its lexicon forms (terms)
        self.scorers: dict[str, readability.Scorer] = {}  # language -> counts by unit, word

    def mask(self, text: str) -> Masked:
        """sentences.mask(text)."""
        if text not in self.masks:
            self.masks[text] = mask(text)
        return self.masks[text]

    def words(self, sentence: str) -> int:
        """splitter.count_words(sentence)."""
        if sentence not in self.counts:
            self.counts[sentence] = count_words(sentence)
        return self.counts[sentence]

    def sentences(self, text: str, language: str) -> tuple[Masked, tuple[str, ...]]:
        """An inline text masked, and the sentences of its masked text."""
        masked = self.mask(text)
        key = masked.text, language
        if key not in self.split:
            self.split[key] = tuple(split_sentences(masked.text, language))
        return masked, self.split[key]

    def scorer(self, language: str) -> readability.Scorer:
        """The one Scorer for a language, which counts each unit and word once."""
        if language not in self.scorers:
            self.scorers[language] = readability.Scorer(language)
        return self.scorers[language]
