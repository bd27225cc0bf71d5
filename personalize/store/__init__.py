"""The store: answers, revisions and renditions kept in SQLite or PostgreSQL.

The answer store (store) on SQLAlchemy (database, models, migrations/), revisions and the
review workflow (revisions, workflow), stored renditions and what is stale (renditions,
rendition_codec), the one small SELECT (fetch) and the change notices that say when to send
it again (changes), the Library every surface reads (library, with the folder
implementation), editor tokens (tokens), question lookup (lookup), a bounded cache (lru),
and the site's lexicon entries with their review and impact (site_lexicon, lexicon_review,
lexicon_impact). May import core and the rewriter; never reports, web or commands, and
never Flask.
"""
