"""Placeholder while being written."""


def init_app(app):
    """Register nothing yet."""
