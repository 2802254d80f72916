"""C6: the kursbevis PDF — embedded font, extractable text in many scripts, fit, byte-identical reprints."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from helsestudio.services import certificate_pdf as cp
from helsestudio.services import signing
from helsestudio.services.certificate_records import CertificateData, ComponentLine


def make_cert(tmp_path: Path, name: str = "Áilu Ŋuvtto-Čoarvi Đuođaš", **changes: object) -> CertificateData:
    key = signing.load_or_create_signing_key(tmp_path / "keys")
    facts = signing.SignedFacts("2026-000123", name, "NN-RT", "Nødnett brukerkurs radioterminal",
                                date(2026, 3, 3), date(2028, 3, 3), key.key_id)
    payload = signing.make_payload(facts, key)
    cert = CertificateData(
        id=1, number="2026-000123", code=signing.code_from_signature(signing.payload_signature(payload)),
        person_id=1, person_name=name, person_hpr="1234567", unit_name="AMK Bergen", course_type_id=1,
        course_code="NN-RT", course_name="Nødnett brukerkurs radioterminal",
        outcomes=("Kan bruke radioterminalen i daglig drift", "Kjenner talegrupper og nødknapp"),
        components=(ComponentLine("elearning", date(2026, 2, 20), "LMS-88213"),
                    ComponentLine("attendance", date(2026, 3, 3), "")),
        equipment="Sepura STP9000", session_id=1, course_first_day=date(2026, 3, 3),
        course_last_day=date(2026, 3, 3), place="Haukeland", instructor_name="Ingrid Støren",
        organisation_name="Helse Bergen HF", issued_on=date(2026, 3, 3), valid_until=date(2028, 3, 3),
        template_version=1, payload=payload, issued_by="admin", issued_at=datetime(2026, 3, 3, tzinfo=UTC),
        revoked_at=None, revoked_by=None, revoke_reason=None, replaces_number=None,
    )
    return replace(cert, **changes)  # type: ignore[arg-type]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_c6_reprint_is_byte_identical(tmp_path: Path) -> None:
    cert = make_cert(tmp_path)
    assert cp.render_bytes([cert], cp.PageAssets()) == cp.render_bytes([cert], cp.PageAssets())


@pytest.mark.parametrize("name", [
    "Áilu Ŋuvtto-Čoarvi Đuođaš Ŧšž", "Øystein Ærlig-Åsen", "Zoë Çelik-Grünwald",
    "Łukasz Wróblewski", "Oddný Þórsdóttir", "Nguyễn Thị Hương", "Анна Кузнецова",
    "Γιώργος Παπαδόπουλος", "דוד כהן", "محمد علي", "王小明", "山田 太郎",
])
def test_c6_text_extracts_intact_in_many_scripts(tmp_path: Path, name: str) -> None:
    text = _text(cp.render_bytes([make_cert(tmp_path, name)], cp.PageAssets()))
    assert name in text
    assert "3. mars 2026" in text and "Gyldig til og med" in text and "3. mars 2028" in text


def test_c6_only_embedded_dejavu_fonts_no_standard_14(tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(cp.render_bytes([make_cert(tmp_path)], cp.PageAssets())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = [str(fonts[key].get_object()["/BaseFont"]) for key in fonts]
    assert names and all("DejaVu" in n for n in names), names


@pytest.mark.parametrize("length", [5, 40, 90, 250])
def test_c6_long_names_shrink_or_wrap_and_never_overflow(length: int, tmp_path: Path) -> None:
    name = ("Marte Kristine Ŋuvtto-Haugland " * 10)[:length].strip() or "Ola"
    cp.register_fonts()
    size, lines = cp.fit_lines(name, cp.FONT_BOLD, 28, 14, cp.TEXT_W, max_lines=3)
    assert all(pdfmetrics.stringWidth(line, cp.FONT_BOLD, size) <= cp.TEXT_W for line in lines)
    assert "".join(lines).replace(" ", "") == name.replace(" ", "")  # nothing cut
    text = _text(cp.render_bytes([make_cert(tmp_path, name)], cp.PageAssets()))
    assert name.split()[-1] in text


def test_c6_unbroken_very_long_word_is_broken_not_cut() -> None:
    cp.register_fonts()
    word = "Ŋ" * 120
    size, lines = cp.fit_lines(word, cp.FONT_BOLD, 28, 14, cp.TEXT_W, max_lines=3)
    assert "".join(lines) == word
    assert all(pdfmetrics.stringWidth(line, cp.FONT_BOLD, size) <= cp.TEXT_W for line in lines)


def _baselines(pdf: bytes) -> dict[str, tuple[float, float]]:
    """Text drawn on the first page → (baseline y, font size), as pypdf sees it."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            found.setdefault(text.strip(), (tm[5] * cm[3] + cm[5], size * tm[3] * cm[3]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return found


def test_c6_a_name_without_spaces_is_broken_at_a_readable_size_not_shrunk_to_microprint(
        tmp_path: Path) -> None:
    cp.register_fonts()
    word = "Wolfeschlegelsteinhausenbergerdorff" * 5  # 175 letters, no space to break at
    size, lines = cp.fit_lines(word, cp.FONT_BOLD, 28, 14, cp.TEXT_W, max_lines=3)
    assert size >= 12 and len(lines) == 3 and "".join(lines) == word
    drawn = _baselines(cp.render_bytes([make_cert(tmp_path, word)], cp.PageAssets()))
    last_name_y, name_size = drawn[lines[-1]]
    unit_y, unit_size = drawn["HPR-nr. 1234567  ·  AMK Bergen"]
    assert last_name_y - unit_y >= 0.3 * name_size + unit_size * 0.9  # the unit line clears the name


def test_c6_revoked_certificate_prints_with_a_stamp(tmp_path: Path) -> None:
    cert = make_cert(tmp_path, revoked_at=datetime(2026, 4, 1, 10, tzinfo=UTC), revoke_reason="feil")
    assert "TILBAKEKALT" in _text(cp.render_bytes([cert], cp.PageAssets()))
    assert "TILBAKEKALT" not in _text(cp.render_bytes([make_cert(tmp_path)], cp.PageAssets()))


def test_c6_logo_from_settings_is_drawn_and_a_missing_logo_is_ignored(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), (31, 58, 95)).save(logo)
    with_logo = cp.render_bytes([make_cert(tmp_path)], cp.PageAssets.load(str(logo)))
    reader = PdfReader(io.BytesIO(with_logo))
    assert len(reader.pages[0].images) == 1
    assert cp.PageAssets.load(str(tmp_path / "missing.png")).logo is None


def test_c6_pdf_renders_to_png_when_poppler_is_present(tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(cp.render_bytes([make_cert(tmp_path)], cp.PageAssets()))
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "c")], check=True)
    assert (tmp_path / "c-1.png").stat().st_size > 1000


def test_person_filename_is_safe_and_readable(tmp_path: Path) -> None:
    cert = make_cert(tmp_path, person_name='Kari "K/N" Nordmann:')
    assert cp.person_filename(cert) == "2026-000123 Kari KN Nordmann.pdf"


def test_c6_right_to_left_names_are_drawn_in_visual_order() -> None:
    from helsestudio.services.certificate_text import visual_order

    assert visual_order("Kari Nordmann") == "Kari Nordmann"
    assert visual_order("דוד כהן") == "ןהכ דוד"  # drawn left to right, reads right to left
    assert visual_order("Kari (קרן) Berg") == "Kari (ןרק) Berg"


def test_c6_cjk_names_use_the_shipped_fallback_font_and_unknown_scripts_are_reported(tmp_path: Path) -> None:
    from helsestudio.services.certificate_text import FALLBACK, runs, unprintable

    assert runs("Li 王小明", cp.FONT_BOLD) == [(cp.FONT_BOLD, "Li "), (FALLBACK, "王小明")]
    reader = PdfReader(io.BytesIO(cp.render_bytes([make_cert(tmp_path, "王小明")], cp.PageAssets())))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert any("DroidSansFallback" in str(fonts[k].get_object()["/BaseFont"]) for k in fonts)
    assert unprintable("Áilu Ŋuvtto 王小明 דוד") == ""
    assert unprintable("สมชาย 김민준") == "สมชาย김민준"


def test_c6_fit_lines_property_never_overflows_and_never_drops_text() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    cp.register_fonts()
    letters = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÁáČčĐđŊŋŠšŦŧŽž- ", min_size=1, max_size=160)

    @settings(max_examples=60, deadline=None)
    @given(letters)
    def check(text: str) -> None:
        size, lines = cp.fit_lines(text, cp.FONT_BOLD, 28, 14, cp.TEXT_W, max_lines=3)
        assert all(pdfmetrics.stringWidth(line, cp.FONT_BOLD, size) <= cp.TEXT_W + 0.01 for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")

    check()
