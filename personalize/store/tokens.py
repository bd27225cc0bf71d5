"""Bearer tokens of the editor API: made once, kept only as a SHA-256 digest, revocable.

Each token carries a role: an author writes answers and submits them; a reviewer also
starts reviews, approves, rejects and overrides the gate with a written reason; an admin
may do all of it. Nobody approves a revision they wrote, whatever their role (the store
checks that, see Store.transition).
"""

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
ROLES = ("author", "reviewer", "admin")


@dataclass(frozen=True)
class Holder:
    """Whom a live token was made for, and their role."""

    name: str
    role: str


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: its name, when it was made and whether it is revoked."""

    name: str
    created: str
    revoked: str | None
    role: str = "admin"


def token_digest(token: str) -> str:
    """The digest stored for a token.

    >>> token_digest("pz_example")[:12]
    '4dad62be153f'
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create(engine: Engine, name: str, role: str = "author") -> str:
    """Make a token for NAME with a role and return it; only its digest is kept."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    token = PREFIX + secrets.token_urlsafe(32)
    with Session(writer(engine)) as s, s.begin():
        s.add(ApiToken(name=name, digest=token_digest(token), role=role, created_at=utcnow()))
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
    found = bearer(engine, token)
    return found.name if found else None


def bearer(engine: Engine, token: str) -> Holder | None:
    """Whom a live token was made for, with their role; None for an unknown or revoked one."""
    if not token.startswith(PREFIX) or not token.isascii():
        return None
    return by_digest(engine, token_digest(token))


def by_digest(engine: Engine, digest: str) -> Holder | None:
    """The holder of the live token with this digest (QA's session keeps only the digest)."""
    with Session(engine) as s:
        row = s.execute(select(ApiToken.name, ApiToken.role).where(
            ApiToken.digest == digest, ApiToken.revoked_at.is_(None))).first()
    return Holder(row.name, row.role) if row else None


def listing(engine: Engine) -> list[TokenInfo]:
    """Every token made, oldest first."""
    with Session(engine) as s:
        rows = s.scalars(select(ApiToken).order_by(ApiToken.id)).all()
        return [TokenInfo(r.name, r.created_at.isoformat(timespec="seconds"),
                          r.revoked_at.isoformat(timespec="seconds") if r.revoked_at else None,
                          r.role)
                for r in rows]
