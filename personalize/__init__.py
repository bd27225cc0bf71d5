"""personalize: one canonical medical answer per question, rendered for each reader.

The package is in layers, each a folder whose docstring says what it holds; imports point one
way, from the surfaces down to the rewriter (tests/test_layers.py checks it):

    web/, commands/  ->  reports/  ->  store/  ->  core/  ->  rewriter/

errors.py and langtag.py sit under all of them and import nothing of the package.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(test_config: dict | None = None):
    """Create the Flask app (personalize.web.app); importing the package loads no Flask."""
    from personalize.web.app import create_app as factory

    return factory(test_config)
