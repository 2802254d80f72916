"""Certificate numbers `YYYY-NNNNNN`, sequential per year (C6).

Several PCs may issue at once on one PostgreSQL database. The numbers come
from one counter row per year, advanced by a single atomic upsert inside the
issuing transaction: the row stays locked until that transaction ends, so a
second issuer waits and then continues after the first one's block. A rolled-
back batch rolls its numbers back too, so there are no gaps. On SQLite the
issuing transaction already holds the write lock (BEGIN IMMEDIATE). The unique
constraint on `certificates.number` is the backstop.
"""

from __future__ import annotations

import re

from sqlalchemy import Insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from helsestudio.models.certificate import CertificateCounter
from helsestudio.services.errors import InvalidInput

NUMBER_RE = re.compile(r"^(\d{4})-(\d{6})$")
MAX_PER_YEAR = 999_999


def format_number(year: int, sequence: int) -> str:
    return f"{year:04d}-{sequence:06d}"


def parse_number(raw: str) -> str:
    """A typed certificate number in canonical form; InvalidInput if it cannot be one."""
    text = raw.strip()
    if not NUMBER_RE.match(text):
        raise InvalidInput(f"«{raw}» er ikke et kursbevisnummer: det har formen ÅÅÅÅ-NNNNNN, f.eks. 2026-000123")
    return text


def _upsert(session: Session, year: int, count: int) -> Insert:
    table = CertificateCounter.__table__
    module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(year=year, last_number=count)
    return stmt.on_conflict_do_update(
        index_elements=[table.c.year], set_={"last_number": table.c.last_number + count}
    ).returning(table.c.last_number)


def allocate(session: Session, year: int, count: int) -> list[str]:
    """Reserve `count` consecutive numbers for `year` in the caller's transaction."""
    if count <= 0:
        return []
    last = int(session.execute(_upsert(session, year, count)).scalar_one())
    if last > MAX_PER_YEAR:
        raise InvalidInput(f"Alle kursbevisnumre for {year} er brukt opp")
    return [format_number(year, n) for n in range(last - count + 1, last + 1)]
