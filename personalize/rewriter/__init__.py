"""The rewriter: sentences made plainer for a reader, word by word and clause by clause.

Sentence splitting and protection (sentences), the closed English and Spanish word lists
(grammar, with data/*-grammar.toml), word forms (inflect), the lexicon of medical terms and
plain words (lexicon), applying it for a profile's term policy (terms), naming the answer's
topic once (topic), and the splitter (splitter) with its rules in rules/. Pure functions on
strings and frozen data. Imports nothing of personalize but errors and langtag: it is the
bottom layer, and never imports Flask.
"""
