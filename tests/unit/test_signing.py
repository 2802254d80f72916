"""C6: offline verification — Ed25519 keys outside the database, signed QR payload, short code."""

from __future__ import annotations

import stat
import threading
from datetime import date
from pathlib import Path

import pytest

from helsestudio.services import signing

FACTS = dict(number="2026-000123", name="Áilu Ŋuvtto", course_code="NN-RT",
             course="Nødnett brukerkurs", issued=date(2026, 3, 3), valid_until=date(2028, 3, 3))


def _payload(folder: Path) -> tuple[str, signing.SigningKey]:
    key = signing.load_or_create_signing_key(folder)
    return signing.make_payload(signing.SignedFacts(**FACTS, key_id=key.key_id), key), key


def test_c6_key_is_created_once_outside_the_database_with_private_permissions(tmp_path: Path) -> None:
    first = signing.load_or_create_signing_key(tmp_path / "keys")
    again = signing.load_or_create_signing_key(tmp_path / "keys")
    assert first.key_id == again.key_id
    private = tmp_path / "keys" / signing.PRIVATE_FILE
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert (tmp_path / "keys" / signing.PUBLIC_FILE).read_bytes().startswith(b"-----BEGIN PUBLIC KEY")


def test_c6_threads_creating_the_key_at_once_all_get_the_same_key(tmp_path: Path) -> None:
    """Regression: temp files named per process let one thread unlink another's file."""
    folder = tmp_path / "keys"
    barrier = threading.Barrier(8)
    ids: list[str] = []
    errors: list[Exception] = []

    def create() -> None:
        barrier.wait()
        try:
            ids.append(signing.load_or_create_signing_key(folder).key_id)
        except Exception as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(ids) == 8 and len(set(ids)) == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted([signing.PRIVATE_FILE, signing.PUBLIC_FILE])


def test_c6_default_key_dir_is_under_the_data_dir_or_the_override(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HELSESTUDIO_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.delenv(signing.ENV_KEY_DIR, raising=False)
    assert signing.key_dir() == tmp_path / "d" / "keys"
    monkeypatch.setenv(signing.ENV_KEY_DIR, str(tmp_path / "k"))
    assert signing.key_dir() == tmp_path / "k"


def test_c6_payload_verifies_with_the_public_key_and_carries_the_facts(tmp_path: Path) -> None:
    payload, _ = _payload(tmp_path)
    check = signing.check_payload(payload, signing.trusted_public_keys(tmp_path))
    assert check.signature_ok and check.problem == ""
    assert check.facts is not None and check.facts.name == "Áilu Ŋuvtto"
    assert check.facts.valid_until == date(2028, 3, 3)


@pytest.mark.parametrize("tamper", ["body", "signature", "prefix", "garbage"])
def test_c6_tampered_payload_is_invalid(tmp_path: Path, tamper: str) -> None:
    payload, _ = _payload(tmp_path)
    prefix, body, sig = payload.split(".")
    if tamper == "body":
        # Re-encode the facts with another name: same signature no longer matches.
        forged = signing.make_payload(
            signing.SignedFacts(**{**FACTS, "name": "Mallory"}, key_id=signing.load_or_create_signing_key(tmp_path).key_id),
            signing.load_or_create_signing_key(tmp_path / "other"),
        )
        payload = ".".join([prefix, forged.split(".")[1], sig])
    elif tamper == "signature":
        payload = ".".join([prefix, body, ("A" if sig[0] != "A" else "B") + sig[1:]])
    elif tamper == "prefix":
        payload = "XX1." + body + "." + sig
    else:
        payload = "HS1.%%%.***"
    check = signing.check_payload(payload, signing.trusted_public_keys(tmp_path))
    assert not check.signature_ok and check.problem


def test_c6_a_key_from_another_site_is_accepted_only_once_trusted(tmp_path: Path) -> None:
    payload, other = _payload(tmp_path / "site_b")
    mine = tmp_path / "site_a"
    signing.load_or_create_signing_key(mine)
    problem = signing.check_payload(payload, signing.trusted_public_keys(mine)).problem
    assert "ikke kjenner" in problem and str(signing.key_dir() / signing.TRUSTED_DIR) in problem  # where
    (mine / signing.TRUSTED_DIR).mkdir()
    signing.export_public_key(mine / signing.TRUSTED_DIR / "site_b.pem", tmp_path / "site_b")
    assert signing.check_payload(payload, signing.trusted_public_keys(mine)).signature_ok


def test_c6_short_code_is_derived_from_the_signature_and_forgives_typing(tmp_path: Path) -> None:
    payload, _ = _payload(tmp_path)
    code = signing.code_from_signature(signing.payload_signature(payload))
    assert len(code) == 14 and code.count("-") == 2
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert signing.normalise_code(typed) == code
    assert signing.normalise_code("ABC") is None
    assert signing.normalise_code("UUUU-UUUU-UUUU") is None  # U is not a Crockford digit


def test_c6_unwritable_key_folder_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(signing.InvalidInput, match=signing.ENV_KEY_DIR):
        signing.load_or_create_signing_key(blocker / "keys")
