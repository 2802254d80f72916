"""Studio commands: `booking …`, `schedule`, `series fredagsmote`, `crisis on|off`, `config`."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from helsestudio.cli.common import Run, group, leaf, warn
from helsestudio.services import bookings, bookings_config, series, studio_policy
from helsestudio.services.day_plan import build_day_plan
from helsestudio.services.errors import InvalidInput
from helsestudio.services.studio_queries import BookingRow, booking_to_json
from helsestudio.services.timeutil import (
    format_date_nb,
    format_datetime_nb,
    format_time,
    iso_local,
    oslo_date,
    parse_date,
    parse_datetime,
)

MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger number is a typo, not a booking


def booking_id(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{raw}» er ikke et bookingnummer") from None
    if not 0 < value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"«{raw}» er ikke et bookingnummer (fra 1 til {MAX_ID})")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    bs = group(sub, "booking", "bookinger i Studio 2037")
    req = leaf(bs, "request", "registrer en forespørsel", request)
    req.add_argument("--title", required=True)
    req.add_argument("--category", required=True,
                     help="fredagsmote, regut, ledermote, produksjon eller annet")
    req.add_argument("--start", required=True, help="ÅÅÅÅ-MM-DDTTT:MM (norsk tid uten offset)")
    req.add_argument("--end", required=True)
    req.add_argument("--participants", type=int, default=None)
    req.add_argument("--platform", default="ingen", help="teams, 2meet, nhn eller ingen")
    req.add_argument("--assist", action="store_true", help="ønsker teknisk assistanse")
    req.add_argument("--organizer", default="", help="arrangørens navn")
    req.add_argument("--unit", default="", help="arrangørens enhet")
    req.add_argument("--contact", default="", help="e-post eller telefon")
    req.add_argument("--notes", default="")
    req.add_argument("--received-at", default=None, help="når forespørselen kom (standard: nå)")
    req.add_argument("--override-hours", action="store_true",
                     help="faglig leder: tillat utenfor åpningstid / på stengt dag (R9)")
    leaf(bs, "confirm", "bekreft en forespørsel", confirm).add_argument("id", type=booking_id)
    for name, help_text, handler in (("decline", "avslå en forespørsel", decline),
                                     ("cancel", "avlys en booking", cancel)):
        p = leaf(bs, name, help_text, handler)
        p.add_argument("id", type=booking_id)
        p.add_argument("--reason", required=True)
    p = leaf(bs, "assign", "tildel teknisk assistanse (R8)", assign)
    p.add_argument("id", type=booking_id)
    p.add_argument("--to", required=True, dest="to_user", metavar="BRUKER")
    p = leaf(bs, "move", "flytt en booking til en ny tid", move)
    p.add_argument("id", type=booking_id)
    p.add_argument("--start", required=True)
    p.add_argument("--end", required=True)
    p = leaf(bs, "edit", "endre tittel, tid, deltakere eller plattform", edit)
    p.add_argument("id", type=booking_id)
    p.add_argument("--title", default=None)
    p.add_argument("--start", default=None, help="ny start; oppgis sammen med --end")
    p.add_argument("--end", default=None)
    p.add_argument("--participants", type=int, default=None)
    p.add_argument("--platform", default=None, help="teams, 2meet, nhn eller ingen")
    p.add_argument("--expect-version", type=int, required=True, dest="expect_version",
                   metavar="V", help="versjonen du så (booking show); er den endret siden, "
                   "avvises endringen (exit 1)")
    leaf(bs, "show", "vis en booking", show).add_argument("id", type=booking_id)
    p = leaf(bs, "list", "list bookinger i en periode", list_cmd)
    p.add_argument("--from", dest="first", required=True, help="første dato (ÅÅÅÅ-MM-DD)")
    p.add_argument("--to", dest="last", required=True, help="siste dato, tas med")
    p.add_argument("--state", default=None,
                   help="forespurt, bekreftet, avslått, fortrengt eller avlyst")

    p = leaf(sub, "schedule", "dagsplanen for studioet", schedule)
    p.add_argument("--date", default=None, help="dato (standard: i dag)")
    p.add_argument("--pdf", default=None, metavar="FIL", help="skriv dagsplanen som A4-PDF")

    ss = group(sub, "series", "faste serier (Fredagsmøtet, R5)", metavar="SERIE")
    p = leaf(ss, "fredagsmote", "opprett Fredagsmøtet fredager 08:00–09:00", series_fredagsmote)
    p.add_argument("--from", dest="first", required=True)
    p.add_argument("--to", dest="last", required=True)

    cs = group(sub, "crisis", "krisemodus (R6)")
    p = leaf(cs, "on", "slå på krisemodus", crisis_on)
    p.add_argument("--reason", required=True)
    p.add_argument("--order", required=True, help="kategorier i kriseprioritet, f.eks. regut,annet")
    p = leaf(cs, "off", "slå av krisemodus", crisis_off)
    p.add_argument("--reason", default="")
    leaf(cs, "status", "vis om krisemodus er på", crisis_status)

    zs = group(sub, "closed", "dager studioet er stengt for vedlikehold (R9)")
    p = leaf(zs, "add", "steng studioet en dag", closed_add)
    p.add_argument("date")
    p.add_argument("--reason", required=True)
    leaf(zs, "remove", "åpne en stengt dag igjen", closed_remove).add_argument("date")
    p = leaf(zs, "list", "list stengte dager", closed_list)
    p.add_argument("--from", dest="first", required=True)
    p.add_argument("--to", dest="last", required=True)

    gs = group(sub, "config", "studioinnstillinger (faglig leder)")
    p = leaf(gs, "set", "endre en innstilling", config_set)
    p.add_argument("key", help="buffer_minutes, opening_start, opening_end, priority_order, "
                   "capacity.<plattform>")
    p.add_argument("value")
    p.add_argument("--reason", default="")
    leaf(gs, "get", "vis en innstilling", config_get).add_argument("key", nargs="?")


# --- text --------------------------------------------------------------------------------

def describe(row: BookingRow) -> str:
    when = (f"{format_date_nb(oslo_date(row.start))} {format_time(row.start)}–"
            f"{format_time(row.end)}")
    parts = [f"#{row.id} {when} «{row.title}» [{row.category_name}] {row.state}",
             "i tide" if row.on_time else "sen forespørsel"]
    if row.platform != "ingen" or row.participants:
        parts.append(f"{row.platform_name}, {row.participants or 0} deltakere")
    if row.assist_requested:
        parts.append(f"assistanse: {row.assigned_to or 'IKKE TILDELT'}")
    if row.state_reason:
        parts.append(f"grunn: {row.state_reason}")
    if row.pending_conflicts:
        parts.append("konflikt med " + ", ".join(f"#{i}" for i in row.pending_conflicts))
    return "; ".join(parts)


def _emit_booking(run: Run, row: BookingRow) -> int:
    run.emit(booking_to_json(row), describe(row))
    return 0


# --- handlers ----------------------------------------------------------------------------

def request(run: Run) -> int:
    a = run.args
    req = bookings.BookingRequest(
        title=a.title, category=a.category.strip().lower(), start=parse_datetime(a.start),
        end=parse_datetime(a.end), participants=a.participants,
        platform=a.platform.strip().lower(), assist=a.assist, organizer_name=a.organizer,
        organizer_unit=a.unit, organizer_contact=a.contact, notes=a.notes,
        received_at=parse_datetime(a.received_at) if a.received_at else None,
        override_hours=a.override_hours)
    row = bookings.request_booking(run.ctx, req)
    day = oslo_date(row.start)
    # Overlaps are allowed (R3 decides on confirm), but say so at once.
    row = next(r for r in bookings.list_bookings(run.ctx, day, day) if r.id == row.id)
    if row.pending_conflicts:
        warn("Merk: overlapper booking " + ", ".join(
            f"#{i}" for i in row.pending_conflicts) + "; prioriteringen (R3) avgjør ved bekreftelse.")
    return _emit_booking(run, row)


def confirm(run: Run) -> int:
    result = bookings.confirm_booking(run.ctx, run.args.id)

    def text() -> str:
        lines = [f"Bekreftet: {describe(result.booking)}"]
        for other in result.displaced:
            lines.append(f"Fortrengt: booking #{other}")
        if result.suggestions:
            lines.append("Ledige tider for den fortrengte: " + "; ".join(
                f"{format_datetime_nb(s.start)}–{format_time(s.end)}" for s in result.suggestions))
        return "\n".join(lines)

    run.emit(result.to_json(), text)
    return 0


def decline(run: Run) -> int:
    return _emit_booking(run, bookings.decline_booking(run.ctx, run.args.id, run.args.reason))


def cancel(run: Run) -> int:
    return _emit_booking(run, bookings.cancel_booking(run.ctx, run.args.id, run.args.reason))


def assign(run: Run) -> int:
    return _emit_booking(run, bookings.assign_assistance(run.ctx, run.args.id, run.args.to_user))


def move(run: Run) -> int:
    row = bookings.move_booking(run.ctx, run.args.id, parse_datetime(run.args.start),
                                parse_datetime(run.args.end))
    return _emit_booking(run, row)


def edit(run: Run) -> int:
    a = run.args
    row = bookings.edit_booking(
        run.ctx, a.id, expected_version=a.expect_version, title=a.title,
        start=parse_datetime(a.start) if a.start is not None else None,
        end=parse_datetime(a.end) if a.end is not None else None,
        participants=a.participants, platform=a.platform)
    run.emit(booking_to_json(row), lambda: f"{describe(row)}; versjon {row.version}")
    return 0


def show(run: Run) -> int:
    row = bookings.show_booking(run.ctx, run.args.id)
    history = bookings.booking_history(run.ctx, run.args.id)
    data = booking_to_json(row)
    data["history"] = [{"at": iso_local(h.at), "by": h.actor, "action": h.action,
                        "reason": h.reason} for h in history]
    run.emit(data, lambda: "\n".join([describe(row)] + [
        f"  {format_datetime_nb(h.at)} {h.actor}: {h.action}" + (f" ({h.reason})" if h.reason else "")
        for h in history]))
    return 0


def list_cmd(run: Run) -> int:
    state = run.args.state.strip().lower() if run.args.state else None
    if state is not None and state not in ("forespurt", "bekreftet", "avslått", "fortrengt",
                                           "avlyst"):
        raise InvalidInput(f"Ukjent status «{run.args.state}». Velg forespurt, bekreftet, "
                           "avslått, fortrengt eller avlyst")
    rows = bookings.list_bookings(run.ctx, parse_date(run.args.first), parse_date(run.args.last),
                                  state)
    run.emit({"bookings": [booking_to_json(r) for r in rows]},
             lambda: "\n".join(describe(r) for r in rows) or "Ingen bookinger i perioden.")
    return 0


def schedule(run: Run) -> int:
    day = parse_date(run.args.date) if run.args.date else oslo_date(datetime.now(UTC))
    plan = build_day_plan(run.ctx, day)
    data = plan.to_json()
    if run.args.pdf:
        from helsestudio.services.day_plan_pdf import write_day_plan

        path = Path(run.args.pdf)
        if not path.parent.exists():
            raise InvalidInput(f"Mappen {path.parent} finnes ikke")
        write_day_plan(plan, path)
        data["pdf"] = str(path)

    def text() -> str:
        lines = [f"Dagsplan Studio 2037 {format_date_nb(day)}"]
        if plan.closed:
            lines.append(f"Stengt: {plan.closed}")
        lines += [describe(r) for r in plan.bookings] or ["Ingen bookinger."]
        lines += [f"ADVARSEL: {w}" for w in plan.warnings]
        if run.args.pdf:
            lines.append(f"PDF skrevet til {run.args.pdf}")
        return "\n".join(lines)

    run.emit(data, text)
    return 0


def series_fredagsmote(run: Run) -> int:
    result = series.create_fredagsmote_series(run.ctx, parse_date(run.args.first),
                                              parse_date(run.args.last))

    def text() -> str:
        lines = [f"Fredagsmøtet (serie {result.series_id}): {len(result.created)} møter opprettet."]
        lines += [f"Hoppet over {format_date_nb(d)}: {why}" for d, why in result.skipped]
        return "\n".join(lines)

    run.emit(result.to_json(), text)
    return 0


def crisis_on(run: Run) -> int:
    info = studio_policy.crisis_on(run.ctx, run.args.reason, run.args.order)
    run.emit(info.to_json(), f"Krisemodus er PÅ ({info.reason}); prioritet: {','.join(info.order)}")
    return 0


def crisis_off(run: Run) -> int:
    info = studio_policy.crisis_off(run.ctx, run.args.reason)
    run.emit(info.to_json(), "Krisemodus er slått av; vanlig prioritering gjelder igjen.")
    return 0


def crisis_status(run: Run) -> int:
    info = studio_policy.crisis_status(run.ctx)
    if info is None:
        run.emit({"active": False}, "Krisemodus er av.")
    else:
        run.emit(info.to_json(), f"Krisemodus er PÅ siden {format_datetime_nb(info.started_at)} "
                 f"({info.reason}); prioritet: {','.join(info.order)}")
    return 0


def config_set(run: Run) -> int:
    value = bookings_config.config_set(run.ctx, run.args.key, run.args.value, run.args.reason)
    run.emit({"key": run.args.key, "value": value}, f"{run.args.key} = {value}")
    return 0


def config_get(run: Run) -> int:
    if run.args.key is None:
        values = bookings_config.config_keys(run.ctx)
        run.emit(values, "\n".join(f"{k} = {v}" for k, v in values.items()))
        return 0
    value = bookings_config.config_get(run.ctx, run.args.key)
    run.emit({"key": run.args.key, "value": value}, f"{run.args.key} = {value}")
    return 0


def closed_add(run: Run) -> int:
    day = parse_date(run.args.date)
    studio_policy.add_closure(run.ctx, day, run.args.reason)
    run.emit({"date": day.isoformat(), "reason": run.args.reason},
             f"Studioet er stengt {format_date_nb(day)} ({run.args.reason}).")
    return 0


def closed_remove(run: Run) -> int:
    day = parse_date(run.args.date)
    studio_policy.remove_closure(run.ctx, day)
    run.emit({"date": day.isoformat()}, f"Studioet er åpent igjen {format_date_nb(day)}.")
    return 0


def closed_list(run: Run) -> int:
    days = studio_policy.list_closures(run.ctx, parse_date(run.args.first),
                                       parse_date(run.args.last))
    run.emit({"closed": [{"date": d.isoformat(), "reason": r} for d, r in days]},
             lambda: "\n".join(f"{format_date_nb(d)}: {r}" for d, r in days)
             or "Ingen stengte dager i perioden.")
    return 0
