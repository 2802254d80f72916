"""`helsestudio ics export|invite|import`: calendar files in and out (issue 6)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from helsestudio.cli.booking_cmds import booking_id
from helsestudio.cli.common import Run, add_json_flag
from helsestudio.services.errors import InvalidInput
from helsestudio.services.timeutil import parse_date

if TYPE_CHECKING:
    from helsestudio.services.ics_import import ImportResult


def register(sub: argparse._SubParsersAction) -> None:
    ics = sub.add_parser("ics", help="kalenderfiler (.ics): eksport, invitasjoner og import")
    ics_sub = ics.add_subparsers(dest="ics_command", metavar="KOMMANDO", required=True,
                                 parser_class=type(ics))

    export = ics_sub.add_parser("export", help="bookinger som kalenderfil (.ics)")
    export.add_argument("--from", dest="first", metavar="DATO", help="fra og med (standard: i dag)")
    export.add_argument("--to", dest="last", metavar="DATO", help="til og med (standard: om 12 måneder)")
    export.add_argument("-o", "--output", metavar="FIL", default="-", help="fil å skrive (standard: skjermen)")
    export.add_argument("--category", action="append", default=[], metavar="KATEGORI",
                        help="bare denne kategorien (kan gjentas, eller kommaliste)")
    export.add_argument("--state", action="append", default=[], metavar="STATUS",
                        help="bare denne statusen, f.eks. bekreftet (kan gjentas)")
    add_json_flag(export)
    export.set_defaults(handler=run_export)

    invite = ics_sub.add_parser("invite", help="invitasjon/avlysning til bestilleren (.ics)")
    invite.add_argument("booking_id", type=booking_id, metavar="ID")
    invite.add_argument("-o", "--output", metavar="FIL", required=True, help="fil å skrive")
    add_json_flag(invite)
    invite.set_defaults(handler=run_invite)

    imp = ics_sub.add_parser("import", help="kalenderfil som bookingforespørsler (alt eller ingenting)")
    imp.add_argument("file", metavar="FIL")
    imp.add_argument("--from", dest="first", metavar="DATO", help="fra og med (standard: i dag)")
    imp.add_argument("--to", dest="last", metavar="DATO", help="til og med (standard: om 12 måneder)")
    imp.add_argument("--dry-run", action="store_true", help="vis hva som ville blitt opprettet, lagre ingenting")
    add_json_flag(imp)
    imp.set_defaults(handler=run_import)


def _codes(values: list[str]) -> frozenset[str]:
    return frozenset(v.strip().lower() for raw in values for v in raw.split(",") if v.strip())


def _write(path: str, content: bytes) -> str:
    if path == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return "-"
    target = Path(path)
    try:
        target.write_bytes(content)
    except OSError as exc:
        raise InvalidInput(f"Kan ikke skrive {target}: {exc.strerror}") from None
    return str(target)


def run_export(run: Run) -> int:
    from helsestudio.services.ics_export import ExportFilter, export_calendar
    from helsestudio.services.ics_import import default_window

    first, last = default_window()
    flt = ExportFilter(
        parse_date(run.args.first) if run.args.first else first,
        parse_date(run.args.last) if run.args.last else last,
        categories=_codes(run.args.category), states=_codes(run.args.state),
    )
    if run.args.output == "-" and run.json:
        raise InvalidInput("Med --json skrives kalenderen til en fil: oppgi -o FIL")
    content = export_calendar(run.ctx, flt)
    events = content.count(b"BEGIN:VEVENT")
    if run.args.output == "-":
        _write("-", content)
        return 0
    path = _write(run.args.output, content)
    run.emit({"file": path, "events": events, "from": flt.first.isoformat(), "to": flt.last.isoformat()},
             f"Skrev {events} hendelser til {path}")
    return 0


def run_invite(run: Run) -> int:
    from helsestudio.services.ics_invite import invitation

    inv = invitation(run.ctx, run.args.booking_id)
    path = _write(run.args.output, inv.content)
    what = "Avlysning" if inv.method == "CANCEL" else "Invitasjon"
    to = f" til {inv.recipient}" if inv.recipient else " (bestilleren har ingen e-postadresse)"
    run.emit({"file": path, "method": inv.method, "recipient": inv.recipient, "subject": inv.subject},
             f"{what} (METHOD:{inv.method}){to} skrevet til {path}")
    return 0


def run_import(run: Run) -> int:
    from helsestudio.services.ics_import import import_ics, read_file

    data = read_file(run.args.file)
    first = parse_date(run.args.first) if run.args.first else None
    last = parse_date(run.args.last) if run.args.last else None
    result = import_ics(run.ctx, data, first, last, dry_run=run.args.dry_run)
    run.emit(result.to_json(), lambda: _import_text(result))
    return 0


def _import_text(result: ImportResult) -> str:
    verb = "ville blitt" if result.dry_run else "ble"
    lines = [f"{result.occurrences} forekomster lest; {result.requests} {verb} bookingforespørsler, "
             f"{len(result.skipped)} hoppet over."]
    for row in result.rows:
        c = row.candidate
        flags = ("i tide" if row.on_time else "for sent (R2)") + (
            f", konflikt med {'; '.join(row.conflicts)}" if row.conflicts else "")
        lines.append(f"  + {c.start:%Y-%m-%d %H:%M}–{c.end:%H:%M} {c.title} ({flags})")
    for skip in result.skipped:
        lines.append(f"  - {skip.start or '?'} {skip.uid}: {skip.reason}")
    lines.extend(f"  ! {p}" for p in result.problems)
    if result.dry_run:
        lines.append("Prøvekjøring: ingenting er lagret.")
    return "\n".join(lines)
