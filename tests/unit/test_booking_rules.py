"""Pure booking rules at their boundaries: R2 lead time, R3 who wins, R4 buffer, R7 fit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helsestudio.services.bookings_rules import (
    Contender,
    blocks,
    is_on_time,
    platform_that_fits,
    wins_over,
)
from helsestudio.services.studio_policy import CrisisInfo, Policy
from helsestudio.services.timeutil import parse_datetime

BUFFER = timedelta(minutes=15)
ORDER = ["fredagsmote", "regut", "ledermote", "produksjon", "annet"]


def _policy(crisis_order: list[str] | None = None) -> Policy:
    crisis = None
    if crisis_order:
        crisis = CrisisInfo(1, "øvelse", crisis_order, datetime.now(UTC), "leder", None, None)
    return Policy(BUFFER, datetime(2000, 1, 1, 7, 30).time(), datetime(2000, 1, 1, 16).time(),
                  ORDER, crisis, {"teams": 1000, "2meet": 50, "nhn": None, "ingen": None},
                  {c: c for c in ("teams", "2meet", "nhn", "ingen")}, {c: c for c in ORDER})


def test_r2_on_time_is_measured_in_oslo_calendar_days() -> None:
    start = parse_datetime("2027-03-12T09:00")  # Friday 12 March
    assert is_on_time(parse_datetime("2027-02-12T23:59"), start)
    assert not is_on_time(parse_datetime("2027-02-13T00:00"), start)
    # 23:30 UTC on 12 February is already 13 February in Oslo: late.
    assert not is_on_time(datetime(2027, 2, 12, 23, 30, tzinfo=UTC), start)


def test_r2_boundary_across_the_dst_change() -> None:
    start = parse_datetime("2027-04-05T08:00")  # Monday after summer time starts (28 March)
    assert is_on_time(parse_datetime("2027-03-08T23:59"), start)
    assert not is_on_time(parse_datetime("2027-03-09T00:00"), start)


def test_r4_buffer_edge_10_to_11_then_11_15_fits_and_11_10_does_not() -> None:
    held_start, held_end = parse_datetime("2027-03-12T10:00"), parse_datetime("2027-03-12T11:00")
    blocked = held_end + BUFFER
    fits = blocks(parse_datetime("2027-03-12T11:15"), parse_datetime("2027-03-12T12:00"),
                  held_start, blocked, BUFFER)
    clash = blocks(parse_datetime("2027-03-12T11:10"), parse_datetime("2027-03-12T12:00"),
                   held_start, blocked, BUFFER)
    before = blocks(parse_datetime("2027-03-12T09:00"), parse_datetime("2027-03-12T09:50"),
                    held_start, blocked, BUFFER)
    assert (fits, clash, before) == (False, True, True)


def test_r3_on_time_request_wins_over_lower_priority_later_received_and_late() -> None:
    policy = _policy()
    t0 = parse_datetime("2027-01-01T09:00")
    new = Contender(1, "regut", t0, True)
    assert wins_over(new, Contender(2, "annet", t0 - timedelta(days=9), True), policy)
    assert wins_over(new, Contender(3, "regut", t0 + timedelta(hours=1), True), policy)
    assert wins_over(new, Contender(4, "fredagsmote", t0, False), policy)
    assert not wins_over(new, Contender(5, "fredagsmote", t0, True), policy)
    assert not wins_over(new, Contender(6, "regut", t0, True), policy)  # exact tie keeps the holder
    assert not wins_over(Contender(7, "fredagsmote", t0, False),
                         Contender(8, "annet", t0, True), policy)  # R2: late never displaces


def test_r6_crisis_order_replaces_the_normal_order() -> None:
    policy = _policy(["produksjon", "regut"])
    assert policy.order[:3] == ["produksjon", "regut", "fredagsmote"]
    t0 = parse_datetime("2027-01-01T09:00")
    assert wins_over(Contender(1, "produksjon", t0, True), Contender(2, "fredagsmote", t0, True),
                     policy)


def test_r7_platform_that_fits_names_the_first_with_room() -> None:
    policy = _policy()
    assert platform_that_fits(policy, 51) == "teams"
    assert platform_that_fits(policy, 5000) == "nhn"
