"""People: any Unicode name, HPR rules, no identity numbers, duplicates, search."""

from __future__ import annotations

import pytest

from helsestudio.services import people, units
from helsestudio.services.app import AppContext
from helsestudio.services.errors import InvalidInput, RuleViolation
from helsestudio.services.people import DuplicatePerson

NAMES = ("Áile Ŋuvvon-Somby", "Đuro Čuoŋas", "Zofia Wójcik-Łęcka", "Ŧoavvu Žiidá",
         "Nguyễn Thị Hà", "Øystein Ærø-Åsen")


def test_names_in_many_scripts_round_trip_and_are_found_without_accents(ctx: AppContext) -> None:
    for i, name in enumerate(NAMES):
        people.add_person(ctx, name, f"p{i}@example.no")
    assert {p.name for p in people.search_people(ctx, "")} == set(NAMES)
    assert [p.name for p in people.search_people(ctx, "aile somby")] == ["Áile Ŋuvvon-Somby"]
    assert [p.name for p in people.search_people(ctx, "WÓJCIK")] == ["Zofia Wójcik-Łęcka"]
    assert [p.name for p in people.search_people(ctx, "cuonas")] == ["Đuro Čuoŋas"]
    assert people.search_people(ctx, "100%_") == []


def test_duplicates_on_hpr_and_on_name_plus_email_are_refused(ctx: AppContext) -> None:
    first = people.add_person(ctx, "Áile Somby", "aile@example.no", hpr="1234567")
    with pytest.raises(DuplicatePerson, match="HPR-nummer 1234567") as err:
        people.add_person(ctx, "Annen Person", "annen@example.no", hpr="1234567")
    assert err.value.existing.id == first.id
    with pytest.raises(DuplicatePerson, match="samme navn og e-post"):
        people.add_person(ctx, "ÁILE  SOMBY", "AILE@example.no")
    # Same name, other e-mail: a different person (common names are common).
    assert people.add_person(ctx, "Áile Somby", "aile.somby@example.no").id != first.id


def test_identity_number_is_never_stored(ctx: AppContext) -> None:
    for kwargs in ({"hpr": "01017012345"}, {"email": "01017012345@example.no"},
                   {"unit": "Avdeling 010170 12345"}):
        with pytest.raises(InvalidInput, match="fødselsnummer"):
            people.add_person(ctx, "Kari Nordmann", **kwargs)
    with pytest.raises(InvalidInput, match="fødselsnummer"):
        people.add_person(ctx, "Kari 01017012345")
    assert people.search_people(ctx, "") == []


def test_invisible_direction_and_line_controls_are_refused_but_joiners_are_kept(ctx: AppContext) -> None:
    """A bidi override would print «Kari» + reversed text as a different name on the certificate."""
    for name in ("Kari \u202ennamdroN", "Kari\u2066 Nordmann\u2069", "Kari\x85Nordmann",
                 "Kari\u2028Nordmann", "Kari\x9bNordmann"):
        with pytest.raises(InvalidInput, match="kontrolltegn"):
            people.add_person(ctx, name)
        with pytest.raises(InvalidInput, match="kontrolltegn"):
            people.add_person(ctx, "Kari Nordmann", unit=name)
    assert people.search_people(ctx, "") == []
    persian = "مهرناز\u200cپور"  # the zero-width non-joiner belongs to the spelling
    assert people.add_person(ctx, persian).name == persian


def test_units_form_a_hierarchy_with_guessed_kinds(ctx: AppContext) -> None:
    people.add_person(ctx, "Per Ås", unit="Helse Bergen > Akuttmottaket")
    people.add_person(ctx, "Liv Ås", unit="Askøy kommune > Askøy legevakt")
    people.add_person(ctx, "Ola Ås", unit="Akuttmottaket")  # a bare name finds the existing unit
    rows = {u.path: u.kind for u in units.list_units(ctx)}
    assert rows == {"Helse Bergen": "helseforetak", "Helse Bergen > Akuttmottaket": "avdeling",
                    "Askøy kommune": "kommune", "Askøy kommune > Askøy legevakt": "legevakt"}


def test_person_edit_uses_optimistic_locking(ctx: AppContext) -> None:
    p = people.add_person(ctx, "Siri Kvamme", "siri@example.no")
    updated = people.update_person(ctx, p.id, p.version, "Siri Kvamme-Lie", "siri@example.no")
    assert (updated.name, updated.version) == ("Siri Kvamme-Lie", 2)
    with pytest.raises(RuleViolation, match=r"er endret av \S+ kl\. \d\d:\d\d"):
        people.update_person(ctx, p.id, p.version, "Siri K", "siri@example.no")


def test_people_are_listed_alphabetically_ignoring_accents(ctx: AppContext) -> None:
    for i, name in enumerate(("Zofia Wójcik", "Áile Somby", "Ánde Guttorm", "Biret Hætta")):
        people.add_person(ctx, name, f"p{i}@example.no")
    assert [p.name for p in people.search_people(ctx, "")] == [
        "Áile Somby", "Ánde Guttorm", "Biret Hætta", "Zofia Wójcik"]


def test_search_lists_people_in_norwegian_order(ctx: AppContext) -> None:
    """Æ Ø Å after Z, Sámi letters with their base letter: as in the reports (C7)."""
    for name in ("Åse Berg", "Zakarias Lie", "Øystein Moe", "Áilu Somby", "Ole Dahl", "Æsa Li"):
        people.add_person(ctx, name)
    assert [p.name for p in people.search_people(ctx, "")] == [
        "Áilu Somby", "Ole Dahl", "Zakarias Lie", "Æsa Li", "Øystein Moe", "Åse Berg"]
