"""Benchmark: 1000 certificates from the database into one PDF, against a bare reportlab canvas.

Run: python benchmarks/bench_certificates.py [N]

Both sides draw the same A4 page with the same embedded font and a QR code from
the same encoder; the bare side has the text already in hand and no layout
logic (no fitting, wrapping, database or signing). Prints pages/s for both, the
ratio (target >= 0.75), issuing throughput and the one-file-per-person figure.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas


def _populate(ctx, count: int) -> int:  # type: ignore[no-untyped-def]
    from helsestudio.models import (
        Completion,
        CourseSession,
        CourseType,
        Enrolment,
        Person,
        SessionInstructor,
        Unit,
    )
    from helsestudio.services.timeutil import oslo_datetime

    day = date(2026, 3, 3)
    with ctx.db.write() as s:
        unit = Unit(name="Benk HF", kind="helseforetak")
        course = CourseType(code="BENK", name="Nødnett brukerkurs radioterminal", requires_attendance=True,
                            requires_elearning=True, validity_months=24, equipment=["Sepura STP9000"],
                            outcomes="Kan bruke radioterminalen i daglig drift\nKjenner talegrupper og nødknapp")
        s.add_all([unit, course])
        s.flush()
        teacher = Person(name="Ingrid Haugland", unit_id=unit.id)
        s.add(teacher)
        cs = CourseSession(course_type_id=course.id, start=oslo_datetime(day, clock(8)),
                           end=oslo_datetime(day, clock(15)), place="Simuleringssenteret, Haukeland")
        s.add(cs)
        s.flush()
        s.add(SessionInstructor(session_id=cs.id, person_id=teacher.id))
        for i in range(count):
            person = Person(name=f"Deltaker Ŋuvtto-Čoarvi nummer {i:04d}", unit_id=unit.id)
            s.add(person)
            s.flush()
            enrolment = Enrolment(session_id=cs.id, person_id=person.id, equipment="Sepura STP9000")
            s.add(enrolment)
            s.flush()
            s.add_all([
                Completion(enrolment_id=enrolment.id, component="elearning", completed_on=date(2026, 2, 20),
                           evidence=f"LMS-{i}", passed=True),
                Completion(enrolment_id=enrolment.id, component="attendance", completed_on=day, day=day,
                           evidence="", passed=True),
            ])
        return cs.id


def _bare_page(canvas: Canvas, cert, qr) -> None:  # type: ignore[no-untyped-def]
    """The same page, element for element, drawn with plain canvas calls at fixed positions."""
    from reportlab.lib.colors import HexColor

    from helsestudio.services import certificate_pdf as cp
    from helsestudio.services.timeutil import format_date_nb

    w, h = A4
    canvas.setStrokeColor(cp.NAVY)
    canvas.setLineWidth(2.2)
    canvas.rect(12 * mm, 12 * mm, w - 24 * mm, h - 24 * mm)
    canvas.setStrokeColor(cp.ACCENT)
    canvas.setLineWidth(0.6)
    canvas.rect(14.5 * mm, 14.5 * mm, w - 29 * mm, h - 29 * mm)
    canvas.setFillColor(cp.NAVY)
    canvas.setFont(cp.FONT_BOLD, 13)
    canvas.drawString(cp.MARGIN, h - 26 * mm, cert.organisation_name)
    canvas.setFont(cp.FONT, 8.5)
    canvas.drawRightString(w - cp.MARGIN, h - 26 * mm, f"Nr. {cert.number}")
    canvas.setFont(cp.FONT_BOLD, 34)
    canvas.drawCentredString(w / 2, h - 50 * mm, "KURSBEVIS")
    canvas.line(w / 2 - 40 * mm, h - 56 * mm, w / 2 + 40 * mm, h - 56 * mm)
    canvas.setFont(cp.FONT_ITALIC, 12)
    canvas.drawCentredString(w / 2, h - 68 * mm, "Dette bekrefter at")
    canvas.setFont(cp.FONT_BOLD, 24)
    canvas.drawCentredString(w / 2, h - 81 * mm, cert.person_name)
    canvas.setFont(cp.FONT, 10)
    canvas.drawCentredString(w / 2, h - 88 * mm, cert.unit_name)
    canvas.setFont(cp.FONT_ITALIC, 12)
    canvas.drawCentredString(w / 2, h - 100 * mm, "har gjennomført")
    canvas.setFont(cp.FONT_BOLD, 20)
    canvas.drawCentredString(w / 2, h - 110 * mm, cert.course_name)
    canvas.setFont(cp.FONT, 11)
    canvas.drawCentredString(w / 2, h - 118 * mm, f"{cert.course_dates_nb()}, {cert.place}")
    y = h - 135 * mm
    sections = (("Læringsutbytte", cert.outcomes),
                ("Gjennomførte deler", [f"{c.label}: {format_date_nb(c.completed_on)}" for c in cert.components]),
                ("Utstyr", [cert.equipment or ""]))
    for heading, lines in sections:
        canvas.setFont(cp.FONT_BOLD, 11)
        canvas.drawString(cp.MARGIN, y, heading)
        y -= 14
        canvas.setFont(cp.FONT, 10.5)
        for line in lines:
            canvas.drawString(cp.MARGIN + 1.5 * mm, y, "•")
            canvas.drawString(cp.MARGIN + 5 * mm, y, line)
            y -= 14
    qx, qy = w - cp.MARGIN - 34 * mm, 30 * mm
    canvas.setFillColor(cp.LIGHT)
    canvas.roundRect(qx - 3 * mm, qy - 10 * mm, 40 * mm, 47 * mm, 2 * mm, stroke=0, fill=1)
    canvas.setFillColor(HexColor("#ffffff"))
    canvas.rect(qx, qy, 34 * mm, 34 * mm, stroke=0, fill=1)
    cp.draw_qr(canvas, qr, qx + 1.5 * mm, qy + 1.5 * mm, 31 * mm)
    canvas.setFillColor(cp.NAVY)
    canvas.setFont(cp.FONT, 7)
    canvas.drawCentredString(qx + 17 * mm, qy - 3.5 * mm, "Kontrollkode")
    canvas.setFont(cp.FONT_BOLD, 9.5)
    canvas.drawCentredString(qx + 17 * mm, qy - 7.5 * mm, cert.code)
    canvas.line(cp.MARGIN, 58 * mm, cp.MARGIN + 70 * mm, 58 * mm)
    canvas.setFont(cp.FONT, 10)
    canvas.drawString(cp.MARGIN, 54 * mm, cert.instructor_name)
    canvas.setFont(cp.FONT_ITALIC, 8)
    canvas.drawString(cp.MARGIN, 50 * mm, "Instruktør")
    facts = (("Kursbevis nr.", cert.number), ("Utstedt", format_date_nb(cert.issued_on)),
             ("Gyldig til og med", format_date_nb(cert.valid_until)))
    for i, (label, value) in enumerate(facts):
        canvas.setFont(cp.FONT, 7.5)
        canvas.drawString(cp.MARGIN + 80 * mm, (60 - 9.5 * i) * mm, label)
        canvas.setFont(cp.FONT_BOLD, 9.5)
        canvas.drawString(cp.MARGIN + 80 * mm, (56 - 9.5 * i) * mm, value)
    canvas.setFont(cp.FONT, 7)
    canvas.drawString(cp.MARGIN, 22 * mm, "Ekthet kan kontrolleres uten nett: skann QR-koden eller skriv kontrollkoden i")
    canvas.drawString(cp.MARGIN, 19 * mm, f"Helsestudio (Kursbevis → Kontroller). Mal {cert.template_version}.")


def bare_render(certs, target, same_settings: bool = True) -> None:  # type: ignore[no-untyped-def]
    from contextlib import nullcontext

    from helsestudio.services import certificate_pdf as cp

    cp.register_fonts()
    with cp.binary_streams() if same_settings else nullcontext():
        _bare_document(certs, target)


def _bare_document(certs, target) -> None:  # type: ignore[no-untyped-def]
    from helsestudio.services import certificate_pdf as cp

    canvas = Canvas(target, pagesize=A4, invariant=1, pageCompression=1, initialFontName=cp.FONT)
    for cert in certs:
        _bare_page(canvas, cert, cp.qr_matrix(cert.payload))
        canvas.showPage()
    canvas.save()


def main(count: int = 1000) -> None:
    work = Path(tempfile.mkdtemp(prefix="hs-bench-"))
    os.environ["HELSESTUDIO_DATA_DIR"] = str(work / "data")
    os.environ.setdefault("HELSESTUDIO_USER", "admin")
    from helsestudio.services import certificate_checks, certificate_print, certificates
    from helsestudio.services.app import AppContext

    ctx = AppContext.open(f"sqlite:///{work / 'bench.db'}")
    session_id = _populate(ctx, count)
    t0 = time.perf_counter()
    result = certificates.issue(ctx, session_id, issued_on=date(2026, 3, 3))
    issue_s = time.perf_counter() - t0
    assert len(result.issued) == count

    # Warm both paths once (font registration, imports) so neither pays it in the timing.
    warm = certificate_checks.session_certificates(ctx, session_id)[:5]
    bare_render(warm, io.BytesIO())
    certificate_print.write_pdf(ctx, warm, work / "warm.pdf")

    # Interleave the sides and keep each one's best run. Throughput is measured in this
    # process's CPU time (SQLite runs in-process, so the database read is included): the
    # machine is shared, and wall time mostly measured who else was busy. Wall time is
    # printed too.
    best = {"ours": (float("inf"), float("inf")), "bare": (float("inf"), float("inf")),
            "default": (float("inf"), float("inf"))}

    def timed(name: str, fn) -> None:  # type: ignore[no-untyped-def]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        fn()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        best[name] = (min(best[name][0], cpu), min(best[name][1], wall))

    in_hand = certificate_checks.session_certificates(ctx, session_id)  # the bare side gets its text free

    def ours() -> None:
        certificate_print.write_pdf(ctx, certificate_checks.session_certificates(ctx, session_id),
                                    work / "all.pdf")

    for _ in range(3):
        timed("bare", lambda: bare_render(in_hand, str(work / "bare.pdf")))
        timed("default", lambda: bare_render(in_hand, str(work / "bare-default.pdf"), same_settings=False))
        timed("ours", ours)
    certs = in_hand

    per_n = min(count, 200)
    t0 = time.perf_counter()
    certificate_print.write_per_person(ctx, certs[:per_n], work / "per")
    per_s = time.perf_counter() - t0
    ctx.close()

    print(f"issue {count} certificates (one transaction): {issue_s:.2f} s = {count / issue_s:.0f}/s")
    (ours_cpu, ours_wall), (bare_cpu, bare_wall) = best["ours"], best["bare"]
    print(f"database -> one PDF:  {count} pages, CPU {ours_cpu:.2f} s = {count / ours_cpu:.0f} pages/s "
          f"(wall {ours_wall:.2f} s; {(work / 'all.pdf').stat().st_size / 1e6:.1f} MB)")
    print(f"bare reportlab page:  {count} pages, CPU {bare_cpu:.2f} s = {count / bare_cpu:.0f} pages/s "
          f"(wall {bare_wall:.2f} s)")
    print(f"bare, reportlab defaults (ASCII85 streams): CPU {count / best['default'][0]:.0f} pages/s")
    print(f"ratio (ours / bare throughput, CPU, same stream settings): {bare_cpu / ours_cpu:.2f}x "
          "(target >= 0.75x)")
    print(f"ratio (ours / bare, wall clock): {bare_wall / ours_wall:.2f}x")
    print(f"ratio (ours / bare with reportlab defaults, CPU): {best['default'][0] / ours_cpu:.2f}x")
    print(f"one file per person:  {per_n} files in {per_s:.2f} s = {per_n / per_s:.0f} files/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
