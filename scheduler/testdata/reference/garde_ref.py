#!/usr/bin/python3
"""Independent reference implementation of the garde rota model.

Written from /work/shared/spec/rota-model.md (and the product team's
clarifications) only, to cross-check the Go product. It favours plain,
obviously-correct code over speed.

Usage:
    garde_ref.py shifts TERRITORY.json FROM TO
        Prints a JSON array of the shifts of the period [FROM, TO), sorted by key.
    garde_ref.py score TERRITORY.json ROTA.json [--reference REF.json] [--history PREV.json]
        Prints {"violations": [...], "U", "F", "K", "P", "S", "T", "C", "total"}.
        Exit status: 0 no violation, 1 some violation, 2 input error.

Standard library + dateutil only. The territory file is assumed valid; every
default of the spec is applied.
"""

import argparse
import json
import math
import sys
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

UTC = timezone.utc

# ---------------------------------------------------------------------------
# Defaults of the spec
# ---------------------------------------------------------------------------

# "Times are wall-clock times in the territory's time zone (default `Europe/Paris`)."
DEFAULT_TIMEZONE = "Europe/Paris"
# "Holiday calendars: `FR` (default ...)"
DEFAULT_HOLIDAYS = "FR"
# "Rest: ... `rules.min_rest_hours` (default 11)"
DEFAULT_MIN_REST_HOURS = 11
# "At most `d.max_shifts` (else `rules.max_shifts`, default 8) shifts per period."
DEFAULT_MAX_SHIFTS = 8
# "At most `rules.max_weekends` (default 2) distinct calendar weekends"
DEFAULT_MAX_WEEKENDS = 2
# "`rules.min_gap_hours` (default 72)"
DEFAULT_MIN_GAP_HOURS = 72
# "Default weights: `fairness 100`, `weekend_fairness 100`, `wishes 10`,
#  `spacing 20`, `travel 0.1`, `stability 1000`"
DEFAULT_WEIGHTS = {
    "fairness": 100,
    "weekend_fairness": 100,
    "wishes": 10,
    "spacing": 20,
    "travel": 0.1,
    "stability": 1000,
}
# "total = 1,000,000 * U + soft"
UNCOVERED_WEIGHT = 1_000_000
# "a shift ... (default 1)" for headcount, "points (> 0, default 1)", "share ... default 1"
DEFAULT_HEADCOUNT = 1
DEFAULT_POINTS = 1
DEFAULT_SHARE = 1
# "haversine, Earth radius 6371.0 km"
EARTH_RADIUS_KM = 6371.0
# "or 10 when the doctor has no establishment or either lacks coordinates"
TRAVEL_UNKNOWN_KM = 10
# How far before/after the period recurring windows (unavailability, wishes)
# are expanded, so that an occurrence that began before a shift is seen.
RECURRING_WINDOW_MARGIN = timedelta(days=2)

WEEKDAY = "weekday"
SATURDAY = "saturday"
SUNDAY_HOLIDAY = "sunday_holiday"


class InputError(Exception):
    """An input error: exit status 2."""


def get(obj, name, default=None):
    """obj[name], or default when the field is absent or null."""
    value = obj.get(name)
    return default if value is None else value


# ---------------------------------------------------------------------------
# Territory, with the defaults applied
# ---------------------------------------------------------------------------


class Territory:
    def __init__(self, data):
        info = get(data, "territory", {})
        self.id = get(info, "id", "")
        self.zone = ZoneInfo(get(info, "timezone", DEFAULT_TIMEZONE))
        self.holiday_calendar = get(info, "holidays", DEFAULT_HOLIDAYS)

        rules = get(data, "rules", {})
        self.min_rest_hours = get(rules, "min_rest_hours", DEFAULT_MIN_REST_HOURS)
        self.max_shifts = get(rules, "max_shifts", DEFAULT_MAX_SHIFTS)
        self.max_weekends = get(rules, "max_weekends", DEFAULT_MAX_WEEKENDS)
        self.min_gap_hours = get(rules, "min_gap_hours", DEFAULT_MIN_GAP_HOURS)
        self.weights = dict(DEFAULT_WEIGHTS)
        for name, value in get(rules, "weights", {}).items():
            if value is not None:
                self.weights[name] = value

        self.establishments = {e["id"]: e for e in get(data, "establishments", [])}
        self.lines = list(get(data, "lines", []))
        self.doctor_list = list(get(data, "doctors", []))
        self.doctors = {d["id"]: d for d in self.doctor_list}
        self.pins = list(get(data, "pins", []))
        self._holiday_cache = {}

    def holidays(self, year):
        if year not in self._holiday_cache:
            self._holiday_cache[year] = public_holidays(self.holiday_calendar, year)
        return self._holiday_cache[year]


# ---------------------------------------------------------------------------
# Calendar: Easter, holidays, day types
# ---------------------------------------------------------------------------


def easter_sunday(year):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    "Compute Easter; never hard-code years." (domain.md)"""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


ALSACE_MOSELLE_NAMES = ("FR-Alsace-Moselle", "FR-57", "FR-67", "FR-68")


def public_holidays(calendar, year):
    """The set of public holidays of `year`.

    "`FR` (default: 1 Jan, Easter Monday, 1 May, 8 May, Ascension, Whit Monday,
    14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec), `FR-Alsace-Moselle` (aliases `FR-57`,
    `FR-67`, `FR-68`: adds Good Friday and 26 Dec), `none`."
    Ascension = Easter + 39, Whit Monday = Easter + 50 (domain.md)."""
    if calendar == "none":
        return frozenset()
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1),
        easter + timedelta(days=1),  # Easter Monday
        date(year, 5, 1),
        date(year, 5, 8),
        easter + timedelta(days=39),  # Ascension Thursday
        easter + timedelta(days=50),  # Whit Monday
        date(year, 7, 14),
        date(year, 8, 15),
        date(year, 11, 1),
        date(year, 11, 11),
        date(year, 12, 25),
    }
    if calendar in ALSACE_MOSELLE_NAMES:
        days.add(easter - timedelta(days=2))  # Good Friday
        days.add(date(year, 12, 26))
    return frozenset(days)


def day_type(territory, d):
    """Spec: "Day type of a shift = that of its local start date: `sunday_holiday` (a
    Sunday or a public holiday), else `saturday`, else `weekday`. A Saturday that
    is a holiday is `sunday_holiday`."
    """
    if d.weekday() == 6 or d in territory.holidays(d.year):
        return SUNDAY_HOLIDAY
    if d.weekday() == 5:
        return SATURDAY
    return WEEKDAY


# ---------------------------------------------------------------------------
# Wall clock and instants
# ---------------------------------------------------------------------------


def parse_hhmm(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def wall_to_instant(naive, zone):
    """The UTC instant of a local wall-clock time.

    "A start inside the spring-forward gap (02:30 on the last Sunday of March)
    moves to after the gap (03:30 summer time); an ambiguous autumn time is the
    first one (summer time)."
    With PEP 495 semantics, fold=0 is exactly that: for an ambiguous time it is
    the first occurrence; for a time in a gap it applies the offset in force
    before the gap, i.e. 02:30 CET = 01:30Z = 03:30 CEST (moved forward by the
    gap)."""
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


def occurrence_interval(d, start_time, end_time, zone):
    """[start, end) instants of a template's shift or a recurring window's
    occurrence on local date d.

    "a local `start` and `end` time (`HH:MM`; an end not after the start is on
    the next day, equal means 24 h)". "A night that crosses a daylight-saving
    change still ends at the local end time: it lasts 13 h or 15 h."
    """
    start_local = datetime.combine(d, start_time)
    end_date = d if end_time > start_time else d + timedelta(days=1)
    end_local = datetime.combine(end_date, end_time)
    return wall_to_instant(start_local, zone), wall_to_instant(end_local, zone)


def overlap_seconds(a_start, a_end, b_start, b_end):
    """Length in seconds of the intersection of [a_start, a_end) and [b_start, b_end)."""
    return max(0.0, (min(a_end, b_end) - max(a_start, b_start)).total_seconds())


def intervals_overlap(a_start, a_end, b_start, b_end):
    """Clarification: "[a,b) and [c,d) overlap iff a < d and c < b"
    (a positive-length intersection)."""
    return a_start < b_end and b_start < a_end


def utc_text(instant):
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_text(instant, zone):
    return instant.astimezone(zone).isoformat()


# ---------------------------------------------------------------------------
# RRULE expansion
# ---------------------------------------------------------------------------


def local_until(value, zone):
    """Rewrite an RRULE UNTIL value into local floating wall-clock time.

    Clarification: `YYYYMMDD` is inclusive of that whole local date
    (YYYYMMDDT235959); `YYYYMMDDTHHMMSS` is local wall clock; `...Z` is a UTC
    instant converted to local wall clock first."""
    value = value.strip().upper()
    if len(value) == 8:
        return value + "T235959"
    if value.endswith("Z"):
        instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        return instant.astimezone(zone).strftime("%Y%m%dT%H%M%S")
    return value


def local_rrule_text(rrule_text, zone):
    """The bare RRULE with its UNTIL made local and floating."""
    text = rrule_text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:"):]
    parts = []
    for part in text.split(";"):
        if not part.strip():
            continue
        name, _, value = part.partition("=")
        if name.strip().upper() == "UNTIL":
            value = local_until(value, zone)
        parts.append(name.strip() + "=" + value.strip())
    return ";".join(parts)


def rule_dates(rrule_text, dtstart, start_time, window_from, window_to, zone):
    """Dates d with window_from <= d < window_to selected by the rule.

    "The `rrule` is a bare RFC 5545 RRULE ... that selects **dates**; the time of
    day comes from `start`."  Clarification: expand in floating local wall-clock
    time with DTSTART = (dtstart, or else the first date of the window) at the
    start time; dates before dtstart never match."""
    first = dtstart if dtstart is not None else window_from
    rule = rrulestr(local_rrule_text(rrule_text, zone),
                    dtstart=datetime.combine(first, start_time))
    low = datetime.combine(window_from, time(0))
    high = datetime.combine(window_to, time(0))
    dates = []
    for occurrence in rule.between(low, high, inc=True):
        d = occurrence.date()
        if window_from <= d < window_to and (not dates or dates[-1] != d):
            dates.append(d)
    return dates


def optional_date(obj, name):
    value = get(obj, name)
    return date.fromisoformat(value) if value is not None else None


def recurring_occurrences(window, zone, window_from, window_to):
    """Occurrences (local date, start instant, end instant) of a recurring window
    (`rrule`, `start`, `end`, `dtstart`?) whose local date is in [window_from, window_to)."""
    start_time = parse_hhmm(window["start"])
    end_time = parse_hhmm(window["end"])
    dates = rule_dates(window["rrule"], optional_date(window, "dtstart"), start_time,
                       window_from, window_to, zone)
    return [(d,) + occurrence_interval(d, start_time, end_time, zone) for d in dates]


# ---------------------------------------------------------------------------
# Shifts
# ---------------------------------------------------------------------------


@dataclass
class Shift:
    key: str
    line: str
    template: str
    date: date  # local nominal start date
    start: datetime  # UTC instant
    end: datetime  # UTC instant
    day_type: str
    night: bool
    weekend: bool
    points: float
    headcount: int
    mode: str
    establishment: str  # the line's host establishment
    pool: tuple
    specialty: str


def shift_key(line_id, template_name, d, start_time):
    """Spec: "Every shift has a stable **key** `LINE_ID/TEMPLATE_NAME/YYYY-MM-DDTHH:MM`
    (local nominal start)." "Keys keep the nominal time."
    """
    return "%s/%s/%sT%02d:%02d" % (line_id, template_name, d.isoformat(),
                                   start_time.hour, start_time.minute)


def key_date(key):
    """The YYYY-MM-DD date part of a key, or None if it has none."""
    try:
        return date.fromisoformat(key.rsplit("/", 1)[-1][:10])
    except ValueError:
        return None


def is_night(start, end, zone):
    """Spec: "A shift is a **night** when at least 1 real hour of it lies between local
    00:00 and 06:00 of some day." Per single day's window, not summed."""
    d = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    while d <= last:
        night_start = wall_to_instant(datetime.combine(d, time(0, 0)), zone)
        night_end = wall_to_instant(datetime.combine(d, time(6, 0)), zone)
        if overlap_seconds(start, end, night_start, night_end) >= 3600:
            return True
        d += timedelta(days=1)
    return False


def line_overrides(line):
    """date -> headcount (0 = closed) for a line's `overrides`.

    "`{"date": D, "closed": true}` or `{"date": D, "headcount": N}` (0 also closes)"."""
    result = {}
    for override in get(line, "overrides", []):
        d = date.fromisoformat(override["date"])
        if get(override, "closed", False):
            result[d] = 0
        elif get(override, "headcount") is not None:
            result[d] = override["headcount"]
    return result


def expand_shifts(territory, period_from, period_to):
    """Spec: "Expanding every template over the period gives the shifts. A shift belongs
    to the period in which its **local start date** falls."  Sorted by key."""
    zone = territory.zone
    shifts = []
    for line in territory.lines:
        overrides = line_overrides(line)
        line_headcount = get(line, "headcount", DEFAULT_HEADCOUNT)
        for template in line["templates"]:
            start_time = parse_hhmm(template["start"])
            end_time = parse_hhmm(template["end"])
            day_types = get(template, "day_types")
            dates = rule_dates(template["rrule"], optional_date(template, "dtstart"),
                               start_time, period_from, period_to, zone)
            for d in dates:
                kind = day_type(territory, d)
                # "A template's `day_types` keeps only shifts of those types"
                if day_types is not None and kind not in day_types:
                    continue
                # "It applies to every template's shift that starts on that local
                # date. A closed shift does not exist: no key, no seat."
                headcount = overrides.get(d, line_headcount)
                if headcount == 0:
                    continue
                start, end = occurrence_interval(d, start_time, end_time, zone)
                shifts.append(Shift(
                    key=shift_key(line["id"], template["name"], d, start_time),
                    line=line["id"],
                    template=template["name"],
                    date=d,
                    start=start,
                    end=end,
                    day_type=kind,
                    night=is_night(start, end, zone),
                    # "A **weekend shift** has day type `saturday` or `sunday_holiday`."
                    weekend=kind in (SATURDAY, SUNDAY_HOLIDAY),
                    points=get(template, "points", DEFAULT_POINTS),
                    headcount=headcount,
                    mode=line["mode"],
                    establishment=line["establishment"],
                    pool=tuple(get(line, "pool", [])),
                    specialty=line["specialty"],
                ))
    shifts.sort(key=lambda s: s.key)
    return shifts


# ---------------------------------------------------------------------------
# Eligibility
# ---------------------------------------------------------------------------


FAR_PAST = datetime(1, 1, 2, tzinfo=UTC)
FAR_FUTURE = datetime(9999, 12, 30, tzinfo=UTC)


def unavailable_intervals(doctor, zone, period_from, period_to):
    """The [start, end) instants during which the doctor is unavailable, for
    shifts of the period [period_from, period_to).

    "An unavailability is a date range (`from`, `to`: whole local days, both
    included, i.e. `[from 00:00, to+1 00:00)`), or a recurring window (`rrule`,
    `start`, `end`, same conventions as templates), or both (then only
    occurrences starting within the range count)."
    """
    window_from = period_from - RECURRING_WINDOW_MARGIN
    window_to = period_to + RECURRING_WINDOW_MARGIN
    intervals = []
    for entry in get(doctor, "unavailable", []):
        range_from = optional_date(entry, "from")
        range_to = optional_date(entry, "to")
        if get(entry, "rrule") is None:
            start = (wall_to_instant(datetime.combine(range_from, time(0)), zone)
                     if range_from is not None else FAR_PAST)
            end = (wall_to_instant(datetime.combine(range_to + timedelta(days=1), time(0)), zone)
                   if range_to is not None else FAR_FUTURE)
            intervals.append((start, end))
            continue
        for d, start, end in recurring_occurrences(entry, zone, window_from, window_to):
            if range_from is not None and d < range_from:
                continue
            if range_to is not None and d > range_to:
                continue
            intervals.append((start, end))
    return intervals


def doctor_sites(doctor):
    """Spec: "`d`'s sites (`d.sites` plus `d.establishment`)"
    """
    sites = set(get(doctor, "sites", []))
    if get(doctor, "establishment") is not None:
        sites.add(doctor["establishment"])
    return sites


def ineligibility_reasons(doctor, shift, unavailable):
    """Why the doctor may not take the shift; empty when eligible.

    "Doctor `d` is **eligible** for shift `s` of line `l` if and only if all hold:
    1. `l.specialty` is among `d.specialties`;
    2. `d`'s sites (`d.sites` plus `d.establishment`) include `l.establishment` or
       one of `l.pool`;
    3. `d.share > 0` (share 0 = exempt from duty);
    4. no unavailability of `d` overlaps `[start, end)` of `s`."
    """
    reasons = []
    if shift.specialty not in get(doctor, "specialties", []):
        reasons.append("specialty")
    line_sites = {shift.establishment} | set(shift.pool)
    if not (doctor_sites(doctor) & line_sites):
        reasons.append("site")
    if get(doctor, "share", DEFAULT_SHARE) <= 0:
        reasons.append("exempt (share 0)")
    if any(intervals_overlap(shift.start, shift.end, u_start, u_end)
           for u_start, u_end in unavailable):
        reasons.append("unavailable")
    return reasons


def eligibility_table(territory, shifts, period_from, period_to):
    """{shift key: {doctor id: [reasons]}} for every shift and doctor."""
    unavailable = {d["id"]: unavailable_intervals(d, territory.zone, period_from, period_to)
                   for d in territory.doctor_list}
    table = {}
    for shift in shifts:
        table[shift.key] = {
            d["id"]: ineligibility_reasons(d, shift, unavailable[d["id"]])
            for d in territory.doctor_list
        }
    return table


def eligible_doctors(table, shift_key_):
    return sorted(doctor for doctor, reasons in table[shift_key_].items() if not reasons)


# ---------------------------------------------------------------------------
# `shifts` command
# ---------------------------------------------------------------------------


def shift_json(shift, zone, eligible):
    return {
        "key": shift.key,
        "line": shift.line,
        "template": shift.template,
        "start": utc_text(shift.start),
        "end": utc_text(shift.end),
        "local_start": local_text(shift.start, zone),
        "local_end": local_text(shift.end, zone),
        "day_type": shift.day_type,
        "night": shift.night,
        "weekend": shift.weekend,
        "points": shift.points,
        "headcount": shift.headcount,
        "eligible": eligible,
    }


def shifts_report(territory, period_from, period_to):
    shifts = expand_shifts(territory, period_from, period_to)
    table = eligibility_table(territory, shifts, period_from, period_to)
    return [shift_json(s, territory.zone, eligible_doctors(table, s.key)) for s in shifts]


# ---------------------------------------------------------------------------
# Rotas
# ---------------------------------------------------------------------------


@dataclass
class Rota:
    period_from: date
    period_to: date
    assignments: list  # [(shift key, doctor id)] in file order


def parse_rota(data, what):
    try:
        period_from = date.fromisoformat(data["from"])
        period_to = date.fromisoformat(data["to"])
        assignments = [(a["shift"], a["doctor"]) for a in get(data, "assignments", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError("%s: not a valid rota file (%s)" % (what, error))
    return Rota(period_from, period_to, assignments)


def violation(rule, shift, doctor, detail):
    return {"rule": rule, "shift": shift, "doctor": doctor, "detail": detail}


def counted_assignments(rota, shifts_by_key, territory):
    """Split the rota's assignments into the counted (shift, doctor) pairs and
    the violations for unknown shifts, unknown doctors and repeats.

    Clarification: an assignment to a key not produced by the period's expansion
    -> `unknown_shift`; an unknown doctor -> `unknown_doctor` (if both,
    `unknown_shift` only); such assignments are otherwise ignored. A repeated
    (shift, doctor) pair -> one `repeated_assignment` per extra copy, the pair
    counts once."""
    pairs = []
    seen = set()
    violations = []
    for key, doctor in rota.assignments:
        if key not in shifts_by_key:
            violations.append(violation("unknown_shift", key, doctor,
                                        "no such shift in the period"))
        elif doctor not in territory.doctors:
            violations.append(violation("unknown_doctor", key, doctor, "no such doctor"))
        elif (key, doctor) in seen:
            violations.append(violation("repeated_assignment", key, doctor,
                                        "doctor assigned twice to this shift"))
        else:
            seen.add((key, doctor))
            pairs.append((key, doctor))
    return pairs, violations


def history_assignments(territory, history):
    """The history rota's distinct (Shift, doctor) pairs, keys resolved over the
    history file's own [from, to).  "a history assignment whose shift or doctor no
    longer exists is an input error."
    """
    shifts_by_key = {s.key: s for s in expand_shifts(territory, history.period_from,
                                                     history.period_to)}
    result = []
    seen = set()
    for key, doctor in history.assignments:
        if key not in shifts_by_key:
            raise InputError("history: shift %s does not exist" % key)
        if doctor not in territory.doctors:
            raise InputError("history: doctor %s does not exist" % doctor)
        if (key, doctor) not in seen:
            seen.add((key, doctor))
            result.append((shifts_by_key[key], doctor))
    return result


def by_start(shift):
    """Order by start instant, then key."""
    return (shift.start, shift.key)


# ---------------------------------------------------------------------------
# Hard rules
# ---------------------------------------------------------------------------


def headcount_violations(shifts, holders):
    """Spec: "A shift gets at most `headcount` doctors": one per shift over it."""
    result = []
    for shift in shifts:
        taken = len(holders[shift.key])
        if taken > shift.headcount:
            result.append(violation("headcount", shift.key, "",
                                    "%d doctors for headcount %d" % (taken, shift.headcount)))
    return result


def eligibility_violations(pairs, table):
    """Spec: "Only eligible doctors": one per assignment of an ineligible doctor."""
    result = []
    for key, doctor in pairs:
        reasons = table[key][doctor]
        if reasons:
            result.append(violation("eligibility", key, doctor, ", ".join(reasons)))
    return result


def pair_rule(territory, first, second):
    """The rule (`overlap` or `rest`) broken by two shifts of one doctor, or None.

    "A doctor never holds two shifts that overlap in time."
    "Rest: after an `on_site` shift ending at `t`, the same doctor starts nothing
    before `t + rules.min_rest_hours` (default 11), in real elapsed time. After
    `on_call`, no rest."  Clarification: B breaks rest after on_site A when
    A.end <= B.start < A.end + min_rest_hours; overlapping pairs are `overlap` only."""
    if intervals_overlap(first.start, first.end, second.start, second.end):
        return "overlap"
    rest = timedelta(hours=territory.min_rest_hours)
    for before, after in ((first, second), (second, first)):
        if before.mode == "on_site" and before.end <= after.start < before.end + rest:
            return "rest"
    return None


def overlap_and_rest_violations(territory, shifts_by_key, pairs, history):
    """One violation per offending pair of a doctor's shifts, reported on the
    later-starting shift of the pair (ties: the larger key); with a history shift,
    on the in-period shift. History-vs-history pairs are not checked."""
    in_period = {}
    for key, doctor in pairs:
        in_period.setdefault(doctor, []).append(shifts_by_key[key])
    past = {}
    for shift, doctor in history:
        past.setdefault(doctor, []).append(shift)

    result = []

    def check(doctor, reported, other):
        rule = pair_rule(territory, reported, other)
        if rule is None:
            return
        if rule == "overlap":
            detail = "overlaps %s" % other.key
        else:
            detail = "rest: less than %s h between %s and %s" % (
                territory.min_rest_hours, other.key, reported.key)
        result.append(violation(rule, reported.key, doctor, detail))

    for doctor, shifts in in_period.items():
        ordered = sorted(shifts, key=by_start)
        for i in range(len(ordered)):
            for j in range(i + 1, len(ordered)):
                # ordered[j] starts later (or at the same time with a larger key)
                check(doctor, ordered[j], ordered[i])
        for old in past.get(doctor, []):
            for shift in shifts:
                if shift.key != old.key:  # the same shift held in both files is one holding
                    check(doctor, shift, old)
    return result


def doctor_max_shifts(territory, doctor):
    """Spec: "At most `d.max_shifts` (else `rules.max_shifts`, default 8) shifts per period."
    """
    return get(doctor, "max_shifts", territory.max_shifts)


def max_shifts_violations(territory, shifts_by_key, pairs):
    """One per doctor over the cap, on the first shift (by start, then key) beyond it."""
    per_doctor = {}
    for key, doctor in pairs:
        per_doctor.setdefault(doctor, []).append(shifts_by_key[key])
    result = []
    for doctor, shifts in per_doctor.items():
        cap = doctor_max_shifts(territory, territory.doctors[doctor])
        if len(shifts) > cap:
            ordered = sorted(shifts, key=by_start)
            first_beyond = ordered[int(math.floor(cap))] if cap >= 0 else ordered[0]
            result.append(violation("max_shifts", first_beyond.key, doctor,
                                    "%d shifts for a maximum of %s" % (len(shifts), cap)))
    return result


def weekend_of(d):
    """The Saturday identifying the calendar weekend of local date d, or None.

    "distinct calendar weekends (a Saturday and the Sunday after it, by local start
    date; holiday or not)"
    """
    if d.weekday() == 5:
        return d
    if d.weekday() == 6:
        return d - timedelta(days=1)
    return None


def max_weekends_violations(territory, shifts_by_key, pairs):
    """One per doctor over `rules.max_weekends`, on the earliest shift of the
    first weekend (in date order) beyond the cap."""
    per_doctor = {}
    for key, doctor in pairs:
        shift = shifts_by_key[key]
        saturday = weekend_of(shift.date)
        if saturday is not None:
            per_doctor.setdefault(doctor, {}).setdefault(saturday, []).append(shift)
    result = []
    cap = territory.max_weekends
    for doctor, weekends in per_doctor.items():
        if len(weekends) > cap:
            saturdays = sorted(weekends)
            beyond = saturdays[int(math.floor(cap))] if cap >= 0 else saturdays[0]
            earliest = min(weekends[beyond], key=by_start)
            result.append(violation("max_weekends", earliest.key, doctor,
                                    "%d weekends for a maximum of %s" % (len(weekends), cap)))
    return result


def pin_violations(territory, shifts_by_key, pairs):
    """Spec: "Pins stay. Pins dated outside the period are ignored.": one per pin whose
    shift exists in the period's expansion and is not held by the pinned doctor."""
    held = set(pairs)
    result = []
    for pin in territory.pins:
        key, doctor = pin["shift"], pin["doctor"]
        if key in shifts_by_key and (key, doctor) not in held:
            result.append(violation("pin", key, doctor, "pinned assignment missing"))
    return result


# ---------------------------------------------------------------------------
# Objective terms
# ---------------------------------------------------------------------------


def uncovered(shifts, holders):
    """Spec: "`U`, uncovered: the number of empty seats."
    """
    return sum(max(0, shift.headcount - len(holders[shift.key])) for shift in shifts)


def share_of(doctor):
    return get(doctor, "share", DEFAULT_SHARE)


def fairness(territory, shifts, pairs, eligible, value_of):
    """`sum over doctors of (B_d - T_d)^2`, with B_d the sum of value_of(s) over
    the doctor's shifts and
    `T_d = sum over shifts s with d eligible of value(s) * headcount(s) * share(d)
    / (sum of share(e) over doctors e eligible for s)`.
    value_of returns None for a shift that is not counted."""
    shifts_by_key = {s.key: s for s in shifts}
    load = {d["id"]: 0.0 for d in territory.doctor_list}
    for key, doctor in pairs:
        value = value_of(shifts_by_key[key])
        if value is not None:
            load[doctor] += value
    target = {d["id"]: 0.0 for d in territory.doctor_list}
    for shift in shifts:
        value = value_of(shift)
        if value is None or not eligible[shift.key]:
            continue
        total_share = sum(share_of(territory.doctors[e]) for e in eligible[shift.key])
        for e in eligible[shift.key]:
            target[e] += value * shift.headcount * share_of(territory.doctors[e]) / total_share
    return sum((load[d] - target[d]) ** 2 for d in load)


def load_fairness(territory, shifts, pairs, eligible):
    """Spec: "`F`, fairness of load" with points."""
    return fairness(territory, shifts, pairs, eligible, lambda s: s.points)


def weekend_fairness(territory, shifts, pairs, eligible):
    """Spec: "`K`, fairness of weekends: the same with 1 in place of `points` and only
    weekend shifts (day type `saturday` or `sunday_holiday`) counted."
    """
    return fairness(territory, shifts, pairs, eligible,
                    lambda s: 1 if s.weekend else None)


def wish_matches(wish, shift, occurrences):
    """Spec: "A wish matches the shifts that meet all of its given filters: `dates`
    (local start dates), `from`/`to` (local start date in the inclusive range), a
    recurring window (`rrule`, `start`, `end`: the shift overlaps an occurrence),
    `day_types`, `night` (the shift's night flag equals it)."
    """
    if get(wish, "dates") is not None:
        if shift.date not in {date.fromisoformat(d) for d in wish["dates"]}:
            return False
    if get(wish, "from") is not None and shift.date < date.fromisoformat(wish["from"]):
        return False
    if get(wish, "to") is not None and shift.date > date.fromisoformat(wish["to"]):
        return False
    if occurrences is not None:
        if not any(intervals_overlap(shift.start, shift.end, o_start, o_end)
                   for _, o_start, o_end in occurrences):
            return False
    if get(wish, "day_types") is not None and shift.day_type not in wish["day_types"]:
        return False
    if get(wish, "night") is not None and shift.night != wish["night"]:
        return False
    return True


def wishes_broken(territory, shifts, pairs, eligible, period_from, period_to):
    """Spec: "`P`, wishes: the sum of the weights ... of the wishes the rota breaks.
    An `avoid` wish is broken once for each matching shift the doctor takes; a
    `prefer` wish once for each matching shift the doctor is eligible for and does
    not take."
    """
    held = set(pairs)
    window_from = period_from - RECURRING_WINDOW_MARGIN
    window_to = period_to + RECURRING_WINDOW_MARGIN
    total = 0
    for doctor in territory.doctor_list:
        for wish in get(doctor, "wishes", []):
            occurrences = None
            if get(wish, "rrule") is not None:
                occurrences = recurring_occurrences(wish, territory.zone, window_from, window_to)
            for shift in shifts:
                taken = (shift.key, doctor["id"]) in held
                if wish["kind"] == "avoid":
                    counts = taken
                else:
                    counts = not taken and doctor["id"] in eligible[shift.key]
                if counts and wish_matches(wish, shift, occurrences):
                    total += wish["weight"]
    return total


def spacing(territory, shifts_by_key, pairs):
    """Spec: "`S`, spacing: the number of pairs of shifts of one doctor whose starts are
    less than `rules.min_gap_hours` (default 72) apart in real elapsed time."
    """
    per_doctor = {}
    for key, doctor in pairs:
        per_doctor.setdefault(doctor, []).append(shifts_by_key[key].start)
    limit = territory.min_gap_hours * 3600
    count = 0
    for starts in per_doctor.values():
        for i in range(len(starts)):
            for j in range(i + 1, len(starts)):
                if abs((starts[i] - starts[j]).total_seconds()) < limit:
                    count += 1
    return count


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance, haversine formula, Earth radius 6371.0 km."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def travel_km(territory, doctor, shift):
    """Spec: "for each assignment, 0 when the line's host `establishment` is the
    doctor's own `establishment`; otherwise the great-circle ... distance in km
    between the two, or 10 when the doctor has no establishment or either lacks
    coordinates."
    """
    own = get(doctor, "establishment")
    if own is not None and own == shift.establishment:
        return 0
    if own is None:
        return TRAVEL_UNKNOWN_KM
    a = territory.establishments.get(own, {})
    b = territory.establishments.get(shift.establishment, {})
    if None in (get(a, "lat"), get(a, "lon"), get(b, "lat"), get(b, "lon")):
        return TRAVEL_UNKNOWN_KM
    return haversine_km(a["lat"], a["lon"], b["lat"], b["lon"])


def travel(territory, shifts_by_key, pairs):
    """Spec: "`T`, travel": the sum over assignments."""
    return sum(travel_km(territory, territory.doctors[doctor], shifts_by_key[key])
               for key, doctor in pairs)


def stability(reference, pairs, period_from, period_to):
    """Spec: "`C`, stability: when re-planning against a reference rota, the number of
    reference assignments (within the period) that no longer hold."
    Distinct reference pairs whose key date is in [from, to) and that are not
    among the scored rota's counted assignments."""
    if reference is None:
        return 0
    held = set(pairs)
    missing = set()
    for key, doctor in reference.assignments:
        d = key_date(key)
        if d is not None and period_from <= d < period_to and (key, doctor) not in held:
            missing.add((key, doctor))
    return len(missing)


# ---------------------------------------------------------------------------
# `score` command
# ---------------------------------------------------------------------------


def score(territory, rota, reference=None, history=None):
    """The violations and objective terms of a rota."""
    shifts = expand_shifts(territory, rota.period_from, rota.period_to)
    shifts_by_key = {s.key: s for s in shifts}
    table = eligibility_table(territory, shifts, rota.period_from, rota.period_to)
    eligible = {s.key: eligible_doctors(table, s.key) for s in shifts}
    past = history_assignments(territory, history) if history is not None else []

    pairs, violations = counted_assignments(rota, shifts_by_key, territory)
    holders = {s.key: set() for s in shifts}
    for key, doctor in pairs:
        holders[key].add(doctor)

    violations += headcount_violations(shifts, holders)
    violations += eligibility_violations(pairs, table)
    violations += overlap_and_rest_violations(territory, shifts_by_key, pairs, past)
    violations += max_shifts_violations(territory, shifts_by_key, pairs)
    violations += max_weekends_violations(territory, shifts_by_key, pairs)
    violations += pin_violations(territory, shifts_by_key, pairs)
    violations.sort(key=lambda v: (v["shift"], v["doctor"], v["rule"], v["detail"]))

    terms = {
        "U": uncovered(shifts, holders),
        "F": load_fairness(territory, shifts, pairs, eligible),
        "K": weekend_fairness(territory, shifts, pairs, eligible),
        "P": wishes_broken(territory, shifts, pairs, eligible, rota.period_from, rota.period_to),
        "S": spacing(territory, shifts_by_key, pairs),
        "T": travel(territory, shifts_by_key, pairs),
        "C": stability(reference, pairs, rota.period_from, rota.period_to),
    }
    w = territory.weights
    # "soft = w.fairness * F + w.weekend_fairness * K + w.wishes * P + w.spacing * S
    #  + w.travel * T + w.stability * C"; "total = 1,000,000 * U + soft"
    soft = (w["fairness"] * terms["F"] + w["weekend_fairness"] * terms["K"]
            + w["wishes"] * terms["P"] + w["spacing"] * terms["S"]
            + w["travel"] * terms["T"] + w["stability"] * terms["C"])
    result = {"violations": violations}
    result.update(terms)
    result["total"] = UNCOVERED_WEIGHT * terms["U"] + soft
    return result


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as error:
        raise InputError("%s: %s" % (path, error))


def parse_date_argument(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("not a date (YYYY-MM-DD): %s" % text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p_shifts = commands.add_parser("shifts")
    p_shifts.add_argument("territory")
    p_shifts.add_argument("period_from")
    p_shifts.add_argument("period_to")
    p_score = commands.add_parser("score")
    p_score.add_argument("territory")
    p_score.add_argument("rota")
    p_score.add_argument("--reference")
    p_score.add_argument("--history")
    args = parser.parse_args(argv)

    try:
        territory = Territory(load_json(args.territory))
        if args.command == "shifts":
            report = shifts_report(territory, parse_date_argument(args.period_from),
                                   parse_date_argument(args.period_to))
            print(json.dumps(report, indent=2))
            return 0
        rota = parse_rota(load_json(args.rota), args.rota)
        reference = (parse_rota(load_json(args.reference), args.reference)
                     if args.reference else None)
        history = parse_rota(load_json(args.history), args.history) if args.history else None
        result = score(territory, rota, reference, history)
    except InputError as error:
        print("input error: %s" % error, file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2))
    return 1 if result["violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
