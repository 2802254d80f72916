"""Certificates (kursbevis) and the compliance report on the command line (issue 5).

`certificate issue|pdf|verify|revoke|qr` and `report compliance`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from helsestudio.cli.common import Run, group, leaf
from helsestudio.services import (
    certificate_checks,
    certificate_print,
    certificates,
    compliance,
    compliance_export,
    signing,
)
from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import parse_date


def reportgroup(sub: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The shared `report` group: created here, or reused if another area registered it first."""
    existing = sub.choices.get("report")
    if existing is not None:
        for action in existing._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    return group(sub, "report", "rapporter", metavar="RAPPORT")


def register(sub: argparse._SubParsersAction) -> None:
    csub = group(sub, "certificate", "kursbevis: utstede, skrive ut, kontrollere, trekke tilbake")

    issue = leaf(csub, "issue", "utsted kursbevis for et kurs eller én deltaker (C2, C4)", issue_cmd)
    issue.add_argument("--session", type=int, required=True, metavar="ID")
    issue.add_argument("--person", type=int, default=None, metavar="ID")
    issue.add_argument("--instructor", type=int, default=None, metavar="PERSON_ID",
                       help="instruktøren som signerer (standard: kursets kvalifiserte instruktør)")
    issue.add_argument("--issued-on", default=None, metavar="D",
                       help="utstedelsesdato (standard: i dag), for et kurs holdt tidligere")

    pdf = leaf(csub, "pdf", "skriv kursbevis til PDF", pdf_cmd)
    pdf.add_argument("number", nargs="?", default=None, metavar="NUMMER")
    pdf.add_argument("--session", type=int, default=None, metavar="ID")
    pdf.add_argument("-o", "--output", default=None, metavar="FIL")
    pdf.add_argument("--one-file-per-person", default=None, metavar="MAPPE")

    verify = leaf(csub, "verify", "kontroller et kursbevis (kode eller QR-innhold)", verify_cmd)
    verify.add_argument("code", nargs="?", default=None, metavar="KODE")
    verify.add_argument("--qr", default=None, metavar="PAYLOAD")
    verify.add_argument("--on", default=None, metavar="D", help="kontrollér per denne datoen")

    revoke = leaf(csub, "revoke", "trekk tilbake et kursbevis", revoke_cmd)
    revoke.add_argument("number", metavar="NUMMER")
    revoke.add_argument("--reason", required=True)

    qr = leaf(csub, "qr", "vis QR-innholdet til et kursbevis (for brukerstøtte)", qr_cmd)
    qr.add_argument("number", metavar="NUMMER")

    key = leaf(csub, "public-key", "eksporter den offentlige nøkkelen (til andre steder)", public_key_cmd)
    key.add_argument("-o", "--output", required=True, metavar="FIL")

    comp = leaf(reportgroup(sub), "compliance", "opplæringsstatus for en enhet (C7)", compliance_cmd)
    comp.add_argument("--unit", required=True, metavar="U", help="enhetens id, navn eller sti")
    comp.add_argument("--course-type", required=True, metavar="C", help="kurstypens kode")
    comp.add_argument("--equipment", default=None, metavar="E")
    comp.add_argument("--on", default=None, metavar="D", help="per dato (standard: i dag)")
    comp.add_argument("-o", "--output", required=True, metavar="FIL",
                      help="FIL.pdf, FIL.csv eller FIL.xlsx")


def issue_cmd(run: Run) -> int:
    a = run.args
    issued_on = parse_date(a.issued_on) if a.issued_on else None
    result = certificates.issue(run.ctx, a.session, a.person, a.instructor, issued_on)

    def text() -> str:
        lines = [f"Utstedt {i.number} til {i.person_name} (kontrollkode {i.code})" for i in result.issued]
        lines += [f"Ikke utstedt til {n.person_name} (person {n.person_id}): {n.reason}"
                  for n in result.not_eligible]
        if not result.issued:
            lines.append("Ingen fikk kursbevis.")
        return "\n".join(lines)

    run.emit(result.to_json(), text)
    return 0 if result.issued else 1


def pdf_cmd(run: Run) -> int:
    a = run.args
    if (a.number is None) == (a.session is None):
        raise InvalidInput("Oppgi enten et kursbevisnummer eller --session ID")
    if a.output is None and a.one_file_per_person is None:
        raise InvalidInput("Oppgi -o FIL.pdf og/eller --one-file-per-person MAPPE")
    if a.number is not None:
        certs = [certificate_checks.get_certificate(run.ctx, a.number)]
    else:
        certs = certificate_checks.session_certificates(run.ctx, a.session)
        if not certs:
            raise InvalidInput(f"Kurs {a.session} har ingen gyldige kursbevis: utsted dem først")
    data: dict[str, object] = {"numbers": [c.number for c in certs]}
    lines = []
    if a.output:
        pages = certificate_print.write_pdf(run.ctx, certs, Path(a.output))
        data["file"] = a.output
        lines.append(f"Skrev {pages} kursbevis til {a.output}")
    if a.one_file_per_person:
        files = certificate_print.write_per_person(run.ctx, certs, Path(a.one_file_per_person))
        data["files"] = [str(f) for f in files]
        lines.append(f"Skrev {len(files)} filer til {a.one_file_per_person}")
    run.emit(data, "\n".join(lines))
    return 0


def verify_cmd(run: Run) -> int:
    a = run.args
    if (a.code is None) == (a.qr is None):
        raise InvalidInput("Oppgi enten en kontrollkode eller --qr PAYLOAD")
    on = parse_date(a.on) if a.on else None
    if a.qr is not None:
        result = certificate_checks.verify_payload(run.ctx, a.qr, on)
    else:
        result = certificate_checks.verify(run.ctx, a.code, on)
    run.emit(result.to_json(), result.describe)
    return 0 if result.state == "valid" else 1


def revoke_cmd(run: Run) -> int:
    cert = certificate_checks.revoke(run.ctx, run.args.number, run.args.reason)
    run.emit(cert.to_json(), f"Kursbevis {cert.number} ({cert.person_name}) er trukket tilbake.")
    return 0


def qr_cmd(run: Run) -> int:
    payload = certificate_checks.qr_payload(run.ctx, run.args.number)
    run.emit({"number": run.args.number.strip(), "payload": payload}, payload)
    return 0


def compliance_cmd(run: Run) -> int:
    a = run.args
    report = compliance.compliance_report(
        run.ctx, a.unit, a.course_type, a.equipment, parse_date(a.on) if a.on else None)
    compliance_export.export(report, Path(a.output))
    totals = report.totals
    summary = ", ".join(f"{compliance.STATUS_NB[s]} {totals[s]}" for s in compliance.STATUS_ORDER)
    run.emit({**report.to_json(), "file": a.output},
             f"{report.title_nb()}\n{report.subtitle_nb()}\n"
             f"{len(report.rows)} personer: {summary}\nSkrevet til {a.output}")
    return 0


def public_key_cmd(run: Run) -> int:
    target = Path(run.args.output)
    if not target.parent.exists():
        raise InvalidInput(f"Mappen {target.parent} finnes ikke")
    key_id = signing.export_public_key(target)
    run.emit({"key_id": key_id, "file": str(target)},
             f"Offentlig nøkkel {key_id} skrevet til {target}. Mottakeren legger filen i "
             f"nøkkelmappen sin under «trusted» (se docs/certificates.md).")
    return 0
