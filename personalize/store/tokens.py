"""Bearer tokens of the editor API: made once, kept only as a SHA-256 digest, revocable."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from personalize.store.database import writer
from personalize.store.models import ApiToken, utcnow

# A recognisable prefix lets secret scanners find tokens pasted where they should not be.
PREFIX = "pz_"


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: its name, when it was made and whether it is revoked."""

    name: str
    created: str
    revoked: str | None


def token_digest(token: str) -> str:
    """The digest stored for a token.

    >>> token_digest("pz_example")[:12]
    '4dad62be153f'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(engine: Engine, name: str) -> str:
    """Make a token for NAME and return it; only its digest is kept."""
    token = PREFIX + secrets.token_urlsafe(32)
    with Session(writer(engine)) as s, s.begin():
        s.add(ApiToken(name=name, digest=token_digest(token), created_at=utcnow()))
    return token


def revoke(engine: Engine, name: str) -> int:
    """Revoke every live token of NAME; return how many were revoked."""
    with Session(writer(engine)) as s, s.begin():
        done = s.execute(update(ApiToken).where(ApiToken.name == name,
                                                ApiToken.revoked_at.is_(None))
                         .values(revoked_at=utcnow()))
        return done.rowcount


def holder(engine: Engine, token: str) -> str | None:
    """The name a live token was made for, or None for an unknown or revoked token."""
    if not token.startswith(PREFIX):
        return None
    with Session(engine) as s:
        return s.scalar(select(ApiToken.name).where(ApiToken.digest == token_digest(token),
                                                    ApiToken.revoked_at.is_(None)))


def listing(engine: Engine) -> list[TokenInfo]:
    """Every token made, oldest first."""
    with Session(engine) as s:
        rows = s.scalars(select(ApiToken).order_by(ApiToken.id)).all()
        return [TokenInfo(r.name, r.created_at.isoformat(timespec="seconds"),
                          r.revoked_at.isoformat(timespec="seconds") if r.revoked_at else None)
                for r in rows]
