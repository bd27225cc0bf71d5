"""The splitter's rules: runs of items become lists, joined clauses and asides become sentences.

common.py holds the pieces the rules share; each rule module may import it and the rest of
the rewriter, never the splitter that calls it.
"""
