"""The core: an answer source in, a scored and checked rendition for one reader out.

The answer format (answer, markdown, html_import, source_files), reader profiles (profiles)
and what is loaded at start-up (catalog), the pipeline (render, shared) and its HTML
(rendition_html), readability (readability, syllables, reading_level), the facts check
(facts), jargon, and interface languages (i18n). Pure functions and frozen dataclasses; may
import the rewriter, never the store, reports, web or commands, and never Flask.
"""
