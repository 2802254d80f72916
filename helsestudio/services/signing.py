"""Signing certificates so any copy of Helsestudio can check them offline (C6).

The organisation's Ed25519 key pair is generated on first use and kept as two
PEM files outside the database (`data_dir()/keys`, or HELSESTUDIO_KEY_DIR):
a database copied or restored elsewhere cannot forge certificates, and a
shared PostgreSQL server never holds the private key. Public keys of other
sites that should be trusted go in `keys/trusted/*.pem` (docs/certificates.md).

The QR payload is `HS1.<facts>.<signature>`, both base64url without padding;
`facts` is compact JSON with short keys so the QR stays small enough to scan
from paper. The human-typable code is derived from the signature, so a code
that matches a certificate's stored payload is as good as the payload itself.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from helsestudio.services.database import data_dir
from helsestudio.services.errors import InvalidInput

ENV_KEY_DIR = "HELSESTUDIO_KEY_DIR"
PRIVATE_FILE = "kursbevis-signing-key.pem"
PUBLIC_FILE = "kursbevis-public-key.pem"
TRUSTED_DIR = "trusted"
PAYLOAD_PREFIX = "HS1"
# Crockford base32: no I, L, O, U, so a code read aloud or typed from paper survives.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 12


def key_dir() -> Path:
    override = os.environ.get(ENV_KEY_DIR)
    return Path(override) if override else data_dir() / "keys"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short fingerprint naming the key inside each payload (8 hex digits)."""
    return hashlib.sha256(_public_raw(key)).hexdigest()[:8]


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey
    key_id: str

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)


def _create_private_key(path: Path) -> None:
    """Write a new key atomically: two programs starting at once end up with one key, not two."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # A unique temporary name per caller (mkstemp), not per process: threads of one
    # program creating the key at once must not unlink each other's file.
    # mkstemp also gives owner-only permissions from the start.
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    try:
        os.link(temp, path)  # fails if another program got there first; theirs is kept
    except FileExistsError:
        pass
    finally:
        temp.unlink()


def load_or_create_signing_key(directory: Path | None = None) -> SigningKey:
    """This site's signing key; created (with its public half beside it) the first time."""
    folder = directory or key_dir()
    private_path = folder / PRIVATE_FILE
    try:
        if not private_path.exists():
            _create_private_key(private_path)
    except OSError as exc:
        raise InvalidInput(
            f"Kan ikke lage signeringsnøkkelen i {folder} ({exc.strerror}): velg en mappe du kan "
            f"skrive i med miljøvariabelen {ENV_KEY_DIR}"
        ) from exc
    try:
        private = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(
            f"Signeringsnøkkelen {private_path} kan ikke leses: legg tilbake en gyldig nøkkel "
            "fra sikkerhetskopien (eller flytt filen bort for å lage en ny)"
        ) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise InvalidInput(f"{private_path} er ikke en Ed25519-nøkkel")
    public_path = folder / PUBLIC_FILE
    if not public_path.exists():
        fd, temp_name = tempfile.mkstemp(prefix=f".{public_path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(public_pem(private.public_key()))
        os.chmod(temp_name, 0o644)  # the public half is meant to be shared
        os.replace(temp_name, public_path)  # readers never see a half-written file
    return SigningKey(private=private, key_id=key_id(private.public_key()))


def trusted_public_keys(directory: Path | None = None) -> dict[str, Ed25519PublicKey]:
    """Every public key this copy accepts: its own and those in `trusted/`, by key id."""
    folder = directory or key_dir()
    candidates = [folder / PUBLIC_FILE, *sorted((folder / TRUSTED_DIR).glob("*.pem"))]
    keys: dict[str, Ed25519PublicKey] = {}
    for path in candidates:
        if not path.is_file():
            continue
        try:
            key = serialization.load_pem_public_key(path.read_bytes())
        except ValueError:
            continue  # a stray file in trusted/ must not stop verification of the others
        if isinstance(key, Ed25519PublicKey):
            keys[key_id(key)] = key
    return keys


def export_public_key(target: Path, directory: Path | None = None) -> str:
    """Write this site's public key (PEM) to `target`; returns its key id."""
    signing = load_or_create_signing_key(directory)
    if target.is_dir():
        raise InvalidInput(f"{target} er en mappe: oppgi et filnavn, f.eks. {target / 'offentlig-nokkel.pem'}")
    try:
        target.write_bytes(public_pem(signing.private.public_key()))
    except OSError as exc:
        raise InvalidInput(f"Kan ikke skrive {target} ({exc.strerror or type(exc).__name__})") from None
    return signing.key_id


# --- payload ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedFacts:
    """The key facts of a certificate, as carried in its QR code."""

    number: str
    name: str
    course_code: str
    course: str
    issued: date
    valid_until: date | None
    key_id: str

    def to_compact(self) -> dict[str, str]:
        data = {
            "n": self.number, "p": self.name, "c": self.course_code, "t": self.course,
            "i": self.issued.isoformat(), "k": self.key_id,
        }
        if self.valid_until is not None:
            data["v"] = self.valid_until.isoformat()
        return data

    @classmethod
    def from_compact(cls, data: dict[str, str]) -> SignedFacts:
        return cls(
            number=str(data["n"]), name=str(data["p"]), course_code=str(data["c"]),
            course=str(data["t"]), issued=date.fromisoformat(data["i"]),
            valid_until=date.fromisoformat(data["v"]) if data.get("v") else None,
            key_id=str(data["k"]),
        )


def make_payload(facts: SignedFacts, key: SigningKey) -> str:
    body = json.dumps(facts.to_compact(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    raw = body.encode("utf-8")
    return f"{PAYLOAD_PREFIX}.{_b64(raw)}.{_b64(key.sign(raw))}"


@dataclass(frozen=True)
class PayloadCheck:
    facts: SignedFacts | None
    signature_ok: bool
    problem: str  # empty when signature_ok


def check_payload(payload: str, keys: dict[str, Ed25519PublicKey]) -> PayloadCheck:
    """Parse and verify a QR payload; never raises for bad input (it is then simply invalid)."""
    parts = payload.strip().split(".")
    if len(parts) != 3 or parts[0] != PAYLOAD_PREFIX:
        return PayloadCheck(None, False, "Teksten er ikke en Helsestudio-QR-kode (skal begynne med HS1.)")
    try:
        raw, signature = _unb64(parts[1]), _unb64(parts[2])
        facts = SignedFacts.from_compact(json.loads(raw.decode("utf-8")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return PayloadCheck(None, False, "QR-koden er skadet eller endret og kan ikke leses")
    key = keys.get(facts.key_id)
    if key is None:
        return PayloadCheck(
            facts, False,
            f"Kursbeviset er signert med en nøkkel denne PC-en ikke kjenner ({facts.key_id}): "
            f"legg utstederens offentlige nøkkel i nøkkelmappen «{key_dir() / TRUSTED_DIR}»",
        )
    try:
        key.verify(signature, raw)
    except InvalidSignature:
        return PayloadCheck(facts, False, "Signaturen stemmer ikke: kursbeviset er endret eller falskt")
    return PayloadCheck(facts, True, "")


def payload_signature(payload: str) -> bytes:
    return _unb64(payload.strip().split(".")[2])


# --- the short code -----------------------------------------------------------------------


def code_from_signature(signature: bytes) -> str:
    """12 Crockford base32 characters (60 bits) from the signature, shown as XXXX-XXXX-XXXX."""
    value = int.from_bytes(hashlib.sha256(signature).digest()[:8], "big") >> 4
    chars = []
    for _ in range(CODE_CHARS):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    text = "".join(reversed(chars))
    return f"{text[:4]}-{text[4:8]}-{text[8:]}"


def normalise_code(raw: str) -> str | None:
    """A typed code in canonical form (case, dashes, O/0 and I/L/1 mix-ups forgiven); None if malformed."""
    cleaned = raw.strip().upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_CHARS or any(c not in _CROCKFORD for c in cleaned):
        return None
    return f"{cleaned[:4]}-{cleaned[4:8]}-{cleaned[8:]}"
