"""personalize: one canonical medical answer per question, rendered for each reader."""

from personalize.app import create_app

__all__ = ["create_app"]
