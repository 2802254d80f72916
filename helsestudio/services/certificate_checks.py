"""Looking up, verifying and revoking certificates (C6).

Verification needs no network: the signature is checked with the public keys
in this PC's key folder (its own and `trusted/`) and the keys registered in the
local database by the PCs that share it; the local database is consulted for
revocation. States: valid, revoked, expired, invalid — only `valid` is good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from helsestudio.models import Certificate, CourseSession, SigningKeyRecord
from helsestudio.services import audit, signing
from helsestudio.services.auth import Permission, can, find_user, require
from helsestudio.services.certificate_numbers import parse_number
from helsestudio.services.certificate_records import CertificateData, from_row
from helsestudio.services.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation
from helsestudio.services.people import sort_key
from helsestudio.services.timeutil import format_date_nb, format_datetime_nb, oslo_date

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext

STATE_NB = {"valid": "GYLDIG", "revoked": "TILBAKEKALT", "expired": "UTLØPT", "invalid": "UGYLDIG"}


# --- lookups -------------------------------------------------------------------------------


def _data(s: Session, row: Certificate) -> CertificateData:
    replaced = s.get(Certificate, row.replaces_id) if row.replaces_id else None
    return from_row(row, replaced.number if replaced else None)


def _by_number(s: Session, number: str) -> Certificate:
    row = s.scalar(select(Certificate).where(Certificate.number == parse_number(number)))
    if row is None:
        raise NotFound(f"Fant ikke kursbevis {number.strip()} i denne databasen")
    return row


def get_certificate(ctx: AppContext, number: str) -> CertificateData:
    with ctx.db.read() as s:
        return _data(s, _by_number(s, number))


def session_certificates(ctx: AppContext, session_id: int, include_revoked: bool = False
                         ) -> list[CertificateData]:
    """A session's certificates in name order (how they are handed out)."""
    with ctx.db.read() as s:
        stmt = select(Certificate).where(Certificate.session_id == session_id)
        if not include_revoked:
            stmt = stmt.where(Certificate.revoked_at.is_(None))
        rows = list(s.scalars(stmt.order_by(Certificate.number)))
        if not rows and s.get(CourseSession, session_id) is None:
            raise NotFound(f"Fant ikke kurs med id {session_id}")
        # Name order in Python: the database's own collation differs between SQLite and PostgreSQL.
        rows.sort(key=lambda row: sort_key(row.person_name))
        return [_data(s, row) for row in rows]


def qr_payload(ctx: AppContext, number: str) -> str:
    return get_certificate(ctx, number).payload


# --- verification --------------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    state: str  # valid | revoked | expired | invalid
    message: str
    number: str | None = None
    name: str | None = None
    course: str | None = None
    issued: date | None = None
    valid_until: date | None = None
    revoked_at: datetime | None = None
    revoke_reason: str | None = None

    @property
    def state_nb(self) -> str:
        return STATE_NB[self.state]

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state, "number": self.number, "name": self.name, "course": self.course,
            "issued": self.issued.isoformat() if self.issued else None,
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
        }

    def describe(self) -> str:
        lines = [self.state_nb, self.message]
        if self.number:
            lines += [f"Nummer:     {self.number}", f"Navn:       {self.name}", f"Kurs:       {self.course}"]
            if self.issued:
                lines.append(f"Utstedt:    {format_date_nb(self.issued)}")
            until = format_date_nb(self.valid_until) if self.valid_until else "uten utløpsdato"
            lines.append(f"Gyldig til: {until}")
        return "\n".join(line for line in lines if line)


def _keys(s: Session) -> dict[str, Ed25519PublicKey]:
    keys: dict[str, Ed25519PublicKey] = {}
    for record in s.scalars(select(SigningKeyRecord)):
        key = serialization.load_pem_public_key(record.public_pem.encode("ascii"))
        if isinstance(key, Ed25519PublicKey) and signing.key_id(key) == record.key_id:
            keys[record.key_id] = key
    keys.update(signing.trusted_public_keys())
    return keys


def _judge(check: signing.PayloadCheck, row: Certificate | None, today: date) -> Verification:
    facts = check.facts
    if not check.signature_ok or facts is None:
        return Verification("invalid", check.problem)
    base = dict(number=facts.number, name=facts.name, course=facts.course,
                issued=facts.issued, valid_until=facts.valid_until)
    if row is not None and row.revoked_at is not None:
        return Verification("revoked", (
            f"Trukket tilbake {format_datetime_nb(row.revoked_at)} av {row.revoked_by}: "
            f"{row.revoke_reason}"), revoked_at=row.revoked_at, revoke_reason=row.revoke_reason, **base)
    if facts.valid_until is not None and today > facts.valid_until:
        return Verification("expired", f"Gikk ut {format_date_nb(facts.valid_until)}", **base)
    note = "" if row is not None else (
        "Signaturen er ekte. Kursbeviset finnes ikke i denne databasen, så tilbaketrekking kan ikke "
        "kontrolleres her.")
    return Verification("valid", note or "Ekte og gyldig kursbevis", **base)


def verify_code(ctx: AppContext, raw_code: str, today: date | None = None) -> Verification:
    """Check a typed code: it must name a certificate here whose stored payload is genuine."""
    code = signing.normalise_code(raw_code)
    if code is None:
        return Verification("invalid", (
            f"«{raw_code.strip()}» er ikke en kontrollkode: den har 12 tegn, f.eks. GVD8-D97E-67J3"))
    with ctx.db.read() as s:
        row = s.scalar(select(Certificate).where(Certificate.code == code))
        if row is None:
            return Verification("invalid", f"Ingen kursbevis med kontrollkoden {code} i denne databasen")
        check = signing.check_payload(row.payload, _keys(s))
        # The code is derived from the signature: a row whose code and payload disagree was edited.
        genuine = check.signature_ok and signing.code_from_signature(
            signing.payload_signature(row.payload)) == code and check.facts is not None \
            and check.facts.number == row.number and check.facts.name == row.person_name
        if not genuine:
            return Verification("invalid", check.problem or "Kursbeviset i databasen er endret etter utstedelse")
        return _judge(check, row, today or oslo_date(datetime.now(UTC)))


def verify_payload(ctx: AppContext, payload: str, today: date | None = None) -> Verification:
    """Check a scanned/pasted QR payload: the signature, then revocation in the local database."""
    with ctx.db.read() as s:
        check = signing.check_payload(payload, _keys(s))
        row = None
        if check.signature_ok:
            code = signing.code_from_signature(signing.payload_signature(payload))
            row = s.scalar(select(Certificate).where(Certificate.code == code))
        return _judge(check, row, today or oslo_date(datetime.now(UTC)))


def verify(ctx: AppContext, text: str, today: date | None = None) -> Verification:
    """A code or a QR payload, whichever was typed or pasted."""
    stripped = text.strip()
    if stripped.startswith(signing.PAYLOAD_PREFIX + "."):
        return verify_payload(ctx, stripped, today)
    return verify_code(ctx, stripped, today)


# --- revocation ----------------------------------------------------------------------------


def _revocation_state(s: Session, wanted: Any) -> tuple[str, datetime | None, str | None] | None:
    found = s.execute(select(Certificate.issued_by, Certificate.revoked_at, Certificate.revoked_by)
                      .where(wanted)).first()
    return None if found is None else (found[0], found[1], found[2])


def _refuse_if_revoked(number: str, state: tuple[str, datetime | None, str | None] | None) -> None:
    if state is not None and state[1] is not None:
        raise RuleViolation("C6", (f"Kursbevis {number} ble allerede trukket tilbake "
                                   f"{format_datetime_nb(state[1])} av {state[2]}"))


def revoke(ctx: AppContext, number: str, reason: str) -> CertificateData:
    """Revoke (the only change a certificate allows, C6). Instructors may revoke only their own."""
    if not reason.strip():
        raise InvalidInput("Oppgi en begrunnelse for tilbaketrekkingen (--reason)")
    with ctx.db.write() as s:
        user = find_user(s, ctx.username)
        if not can(user, Permission.REVOKE_ANY_CERTIFICATE):
            require(s, ctx.username, Permission.ISSUE_CERTIFICATES)
        wanted = Certificate.number == parse_number(number)
        # Read before locking: under PostgreSQL row-level security (db_roles) an instructor
        # cannot lock another's certificate, and nobody can lock a revoked one, so the lock
        # alone would say «not found» where the answer is «not yours» or «already revoked».
        state = _revocation_state(s, wanted)
        if state is None:
            raise NotFound(f"Fant ikke kursbevis {number.strip()} i denne databasen")
        issuer = state[0]
        if not can(user, Permission.REVOKE_ANY_CERTIFICATE) and issuer != ctx.username:
            raise PermissionDenied(
                f"Kursbevis {parse_number(number)} er utstedt av {issuer}: en instruktør kan bare "
                "trekke tilbake kursbevis hen selv har utstedt. Be en koordinator gjøre det.")
        _refuse_if_revoked(parse_number(number), state)
        row = s.scalar(select(Certificate).where(wanted).with_for_update())
        if row is None or row.revoked_at is not None:  # revoked by someone else while we waited
            _refuse_if_revoked(parse_number(number), _revocation_state(s, wanted))
            raise NotFound(f"Fant ikke kursbevis {number.strip()} i denne databasen")
        row.revoked_at = datetime.now(UTC)
        row.revoked_by = ctx.username
        row.revoke_reason = reason.strip()
        audit.record(s, actor=ctx.username, action="certificate.revoke", entity="certificate",
                     entity_id=row.number, before={"revoked_at": None},
                     after={"revoked_at": row.revoked_at}, reason=row.revoke_reason)
        s.flush()
        return _data(s, row)
