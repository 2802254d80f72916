"""Writing certificates to PDF files: one document for a session, or one file per person."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helsestudio.services import certificate_pdf, settings
from helsestudio.services.certificate_records import CertificateData
from helsestudio.services.errors import InvalidInput

if TYPE_CHECKING:
    from helsestudio.services.app import AppContext


def page_assets(ctx: AppContext) -> certificate_pdf.PageAssets:
    """The logo named in the settings (organisation_logo), read once per print run."""
    return certificate_pdf.PageAssets.load(str(settings.get(ctx, "organisation_logo") or ""))


def _check_target(path: Path) -> None:
    if not path.parent.exists():
        raise InvalidInput(f"Mappen {path.parent} finnes ikke: opprett den eller velg en annen fil")
    if path.is_dir():
        raise InvalidInput(f"{path} er en mappe: oppgi et filnavn, f.eks. {path / 'kursbevis.pdf'}")


def cannot_write(path: Path, exc: OSError) -> InvalidInput:
    """One clear line for a file that cannot be written (most often: open in a PDF viewer)."""
    return InvalidInput(f"Kan ikke skrive {path} ({exc.strerror or type(exc).__name__}): er filen "
                        "åpen i et annet program, eller mangler du skrivetilgang til mappen?")


def document_title(certs: Sequence[CertificateData]) -> str:
    return f"Kursbevis {certs[0].number}" if len(certs) == 1 else f"Kursbevis, {len(certs)} stk."


def pdf_bytes(ctx: AppContext, certs: Sequence[CertificateData]) -> bytes:
    """The same document `write_pdf` writes, in memory (for print preview)."""
    if not certs:
        raise InvalidInput("Ingen kursbevis å skrive ut")
    return certificate_pdf.render_bytes(certs, page_assets(ctx), document_title(certs))


def write_pdf(ctx: AppContext, certs: Sequence[CertificateData], path: Path,
              progress: Callable[[int], None] | None = None) -> int:
    """All certificates in one PDF (for printing); returns the page count."""
    if not certs:
        raise InvalidInput("Ingen kursbevis å skrive ut")
    _check_target(path)
    try:
        return certificate_pdf.render(certs, path, page_assets(ctx), document_title(certs), progress)
    except OSError as exc:
        raise cannot_write(path, exc) from None


def write_per_person(ctx: AppContext, certs: Sequence[CertificateData], directory: Path) -> list[Path]:
    """One file per certificate, named «NUMMER Navn.pdf», in `directory` (created if missing)."""
    if not certs:
        raise InvalidInput("Ingen kursbevis å skrive ut")
    if directory.exists() and not directory.is_dir():
        raise InvalidInput(f"{directory} er en fil, ikke en mappe")
    assets = page_assets(ctx)
    written = []
    path = directory
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for cert in certs:
            path = directory / certificate_pdf.person_filename(cert)
            certificate_pdf.render([cert], path, assets, f"Kursbevis {cert.number}")
            written.append(path)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    return written
