"""Tests of the reference implementation garde_ref.py, with hand-computed
expectations.  Run from this folder:  /usr/bin/python3 -m unittest -v
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest
from datetime import date

import garde_ref as g

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "garde_ref.py")

# 1 degree of latitude on the same meridian: 6371.0 * pi / 180 km.
ONE_DEGREE_KM = 111.19492664455873


def territory(lines, doctors, **extra):
    data = {
        "format": "garde.territory/v1",
        "territory": {"id": "t"},
        "establishments": [
            {"id": "e1", "kind": "public_hospital", "lat": 45.0, "lon": 0.0},
            {"id": "e2", "kind": "private_clinic", "lat": 46.0, "lon": 0.0},
            {"id": "e3", "kind": "liberal_practice"},
        ],
        "lines": lines,
        "doctors": doctors,
    }
    for name, value in extra.items():
        if name in ("timezone", "holidays"):
            data["territory"][name] = value
        else:
            data[name] = value
    return data


def line(line_id, templates, mode="on_site", establishment="e1", **extra):
    result = {"id": line_id, "establishment": establishment, "specialty": "anesthesia",
              "mode": mode, "templates": templates}
    result.update(extra)
    return result


def template(name, start, end, rrule="FREQ=DAILY", **extra):
    result = {"name": name, "rrule": rrule, "start": start, "end": end}
    result.update(extra)
    return result


def doctor(doctor_id, **extra):
    result = {"id": doctor_id, "sector": "public", "specialties": ["anesthesia"],
              "sites": [], "establishment": "e1"}
    result.update(extra)
    return result


def rota(period_from, period_to, pairs):
    return {"format": "garde.rota/v1", "territory": "t", "from": period_from,
            "to": period_to,
            "assignments": [{"shift": s, "doctor": d} for s, d in pairs]}


def shifts_of(data, period_from, period_to):
    report = g.shifts_report(g.Territory(data), date.fromisoformat(period_from),
                             date.fromisoformat(period_to))
    return {s["key"]: s for s in report}


def score_of(data, rota_data, reference=None, history=None):
    parse = lambda r: g.parse_rota(r, "test") if r is not None else None
    return g.score(g.Territory(data), parse(rota_data), parse(reference), parse(history))


def rules_of(result):
    return [(v["rule"], v["shift"], v["doctor"]) for v in result["violations"]]


DAY = template("jour", "08:30", "18:30")
NIGHT = template("nuit", "18:30", "08:30")


# ---------------------------------------------------------------------------
# Calendar
# ---------------------------------------------------------------------------


class CalendarTest(unittest.TestCase):
    def test_easter(self):
        self.assertEqual(g.easter_sunday(2024), date(2024, 3, 31))
        self.assertEqual(g.easter_sunday(2025), date(2025, 4, 20))
        self.assertEqual(g.easter_sunday(2027), date(2027, 3, 28))
        self.assertEqual(g.easter_sunday(2028), date(2028, 4, 16))

    def day_types(self, holidays, period_from, period_to):
        kwargs = {} if holidays is None else {"holidays": holidays}
        data = territory([line("L", [DAY])], [doctor("a")], **kwargs)
        return {s["key"][len("L/jour/"):][:10]: s["day_type"]
                for s in shifts_of(data, period_from, period_to).values()}

    def test_fr_holidays_2027(self):
        types = self.day_types(None, "2027-01-01", "2028-01-01")
        self.assertEqual(types["2027-01-01"], "sunday_holiday")
        self.assertEqual(types["2027-03-26"], "weekday")          # Good Friday: not FR
        self.assertEqual(types["2027-03-29"], "sunday_holiday")   # Easter Monday
        self.assertEqual(types["2027-05-01"], "sunday_holiday")   # a Saturday holiday
        self.assertEqual(types["2027-05-06"], "sunday_holiday")   # Ascension
        self.assertEqual(types["2027-05-08"], "sunday_holiday")   # a Saturday holiday
        self.assertEqual(types["2027-05-17"], "sunday_holiday")   # Whit Monday
        self.assertEqual(types["2027-05-18"], "weekday")
        self.assertEqual(types["2027-05-15"], "saturday")
        self.assertEqual(types["2027-05-16"], "sunday_holiday")   # plain Sunday
        self.assertEqual(types["2027-07-14"], "sunday_holiday")
        self.assertEqual(types["2027-08-15"], "sunday_holiday")
        self.assertEqual(types["2027-11-01"], "sunday_holiday")
        self.assertEqual(types["2027-11-11"], "sunday_holiday")
        self.assertEqual(types["2027-12-24"], "weekday")
        self.assertEqual(types["2027-12-25"], "sunday_holiday")
        holidays = sorted(d for d, t in types.items()
                          if t == "sunday_holiday" and date.fromisoformat(d).weekday() != 6)
        self.assertEqual(holidays, ["2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06",
                                    "2027-05-08", "2027-05-17", "2027-07-14", "2027-11-01",
                                    "2027-11-11", "2027-12-25"])  # 15 Aug 2027 is a Sunday

    def test_fr_holidays_2028(self):
        types = self.day_types("FR", "2028-04-01", "2028-06-10")
        self.assertEqual(types["2028-04-14"], "weekday")          # Good Friday: not FR
        self.assertEqual(types["2028-04-17"], "sunday_holiday")   # Easter Monday
        self.assertEqual(types["2028-05-25"], "sunday_holiday")   # Ascension
        self.assertEqual(types["2028-06-05"], "sunday_holiday")   # Whit Monday
        self.assertEqual(types["2028-05-24"], "weekday")
        self.assertEqual(types["2028-06-06"], "weekday")

    def test_alsace_moselle(self):
        for name in ("FR-Alsace-Moselle", "FR-57", "FR-67", "FR-68"):
            types = self.day_types(name, "2027-03-25", "2027-03-31")
            self.assertEqual(types["2027-03-26"], "sunday_holiday", name)   # Good Friday
            self.assertEqual(types["2027-03-29"], "sunday_holiday", name)
            types = self.day_types(name, "2028-04-13", "2028-04-15")
            self.assertEqual(types["2028-04-14"], "sunday_holiday", name)   # Good Friday
            types = self.day_types(name, "2028-12-25", "2028-12-28")
            self.assertEqual(types["2028-12-26"], "sunday_holiday", name)   # Tuesday 26 Dec
            self.assertEqual(types["2028-12-27"], "weekday", name)
        types = self.day_types("FR", "2028-12-25", "2028-12-28")
        self.assertEqual(types["2028-12-26"], "weekday")

    def test_no_holidays(self):
        types = self.day_types("none", "2027-01-01", "2027-01-04")
        self.assertEqual(types, {"2027-01-01": "weekday", "2027-01-02": "saturday",
                                 "2027-01-03": "sunday_holiday"})

    def test_day_types_filter(self):
        data = territory([line("L", [template("we", "08:30", "18:30",
                                              day_types=["sunday_holiday"])])], [doctor("a")])
        keys = sorted(shifts_of(data, "2027-05-01", "2027-05-11"))
        self.assertEqual(keys, ["L/we/2027-05-01T08:30", "L/we/2027-05-02T08:30",
                                "L/we/2027-05-06T08:30", "L/we/2027-05-08T08:30",
                                "L/we/2027-05-09T08:30"])


# ---------------------------------------------------------------------------
# Shifts: times, DST, night flag, RRULE, overrides
# ---------------------------------------------------------------------------


class ShiftTest(unittest.TestCase):
    def test_fields_and_order(self):
        data = territory([line("L", [NIGHT, DAY], pool=["e2"])], [doctor("b"), doctor("a")])
        report = g.shifts_report(g.Territory(data), date(2027, 1, 4), date(2027, 1, 5))
        self.assertEqual([s["key"] for s in report], ["L/jour/2027-01-04T08:30",
                                                      "L/nuit/2027-01-04T18:30"])
        self.assertEqual(report[1], {
            "key": "L/nuit/2027-01-04T18:30", "line": "L", "template": "nuit",
            "start": "2027-01-04T17:30:00Z", "end": "2027-01-05T07:30:00Z",
            "local_start": "2027-01-04T18:30:00+01:00",
            "local_end": "2027-01-05T08:30:00+01:00",
            "day_type": "weekday", "night": True, "weekend": False, "points": 1,
            "headcount": 1, "eligible": ["a", "b"]})

    def test_spring_night_lasts_13_hours(self):
        shifts = shifts_of(territory([line("L", [NIGHT])], [doctor("a")]),
                           "2027-03-27", "2027-03-28")
        night = shifts["L/nuit/2027-03-27T18:30"]
        self.assertEqual(night["start"], "2027-03-27T17:30:00Z")
        self.assertEqual(night["end"], "2027-03-28T06:30:00Z")       # 13 h later
        self.assertEqual(night["local_end"], "2027-03-28T08:30:00+02:00")
        self.assertEqual(night["day_type"], "saturday")
        self.assertTrue(night["night"])
        self.assertTrue(night["weekend"])

    def test_autumn_night_lasts_15_hours(self):
        shifts = shifts_of(territory([line("L", [NIGHT])], [doctor("a")]),
                           "2027-10-30", "2027-10-31")
        night = shifts["L/nuit/2027-10-30T18:30"]
        self.assertEqual(night["start"], "2027-10-30T16:30:00Z")
        self.assertEqual(night["local_start"], "2027-10-30T18:30:00+02:00")
        self.assertEqual(night["end"], "2027-10-31T07:30:00Z")       # 15 h later
        self.assertEqual(night["local_end"], "2027-10-31T08:30:00+01:00")

    def test_no_night_lost_or_duplicated_around_dst(self):
        data = territory([line("L", [NIGHT])], [doctor("a")])
        for period_from, period_to in (("2027-03-01", "2027-04-01"), ("2027-10-01", "2027-11-01")):
            keys = sorted(shifts_of(data, period_from, period_to))
            self.assertEqual(len(keys), 31)

    def test_start_in_spring_gap_moves_after_the_gap(self):
        data = territory([line("L", [template("t", "02:30", "08:00")])], [doctor("a")])
        shift = shifts_of(data, "2027-03-28", "2027-03-29")["L/t/2027-03-28T02:30"]
        self.assertEqual(shift["start"], "2027-03-28T01:30:00Z")
        self.assertEqual(shift["local_start"], "2027-03-28T03:30:00+02:00")
        self.assertEqual(shift["end"], "2027-03-28T06:00:00Z")
        self.assertTrue(shift["night"])   # 03:30-06:00 CEST = 2.5 h of the 00:00-06:00 window

    def test_ambiguous_autumn_time_is_the_first(self):
        data = territory([line("L", [template("t", "02:30", "04:00")])], [doctor("a")])
        shift = shifts_of(data, "2027-10-31", "2027-11-01")["L/t/2027-10-31T02:30"]
        self.assertEqual(shift["start"], "2027-10-31T00:30:00Z")
        self.assertEqual(shift["local_start"], "2027-10-31T02:30:00+02:00")
        self.assertEqual(shift["end"], "2027-10-31T03:00:00Z")       # 04:00 CET: 2.5 h real

    def test_equal_start_and_end_is_24_hours(self):
        data = territory([line("L", [template("g24", "08:00", "08:00")])], [doctor("a")])
        shift = shifts_of(data, "2027-01-04", "2027-01-05")["L/g24/2027-01-04T08:00"]
        self.assertEqual((shift["start"], shift["end"]),
                         ("2027-01-04T07:00:00Z", "2027-01-05T07:00:00Z"))

    def test_night_flag(self):
        cases = [("05:00", "08:00", True),    # exactly 1 h in 00:00-06:00
                 ("05:01", "08:00", False),   # 59 min
                 ("23:00", "01:00", True),    # 1 h on the next day
                 ("23:30", "00:30", False),   # 30 min
                 ("05:30", "00:30", False),   # 30 min + 30 min on two days: not summed
                 ("08:30", "18:30", False),
                 ("18:30", "08:30", True)]
        for start, end, expected in cases:
            data = territory([line("L", [template("t", start, end)])], [doctor("a")])
            shift = list(shifts_of(data, "2027-01-04", "2027-01-05").values())[0]
            self.assertEqual(shift["night"], expected, (start, end))

    def test_night_flag_on_dst_nights(self):
        # 01:00 CET -> 03:30 CEST on 28 March 2027 is 1.5 h real.
        data = territory([line("L", [template("t", "01:00", "03:30")])], [doctor("a")])
        shift = shifts_of(data, "2027-03-28", "2027-03-29")["L/t/2027-03-28T01:00"]
        self.assertEqual((shift["start"], shift["end"]),
                         ("2027-03-28T00:00:00Z", "2027-03-28T01:30:00Z"))
        self.assertTrue(shift["night"])
        # 01:30 -> 03:00 on 28 March 2027: 03:00 CEST = 01:00Z, 30 min real.
        data = territory([line("L", [template("t", "01:30", "03:00")])], [doctor("a")])
        shift = shifts_of(data, "2027-03-28", "2027-03-29")["L/t/2027-03-28T01:30"]
        self.assertFalse(shift["night"])

    def test_until_forms(self):
        def keys(rrule):
            data = territory([line("L", [template("n", "18:30", "08:30", rrule=rrule)])],
                             [doctor("a")])
            return sorted(k[-16:-6] for k in shifts_of(data, "2027-01-01", "2027-01-10"))
        first5 = ["2027-01-0%d" % i for i in range(1, 6)]
        self.assertEqual(keys("FREQ=DAILY;UNTIL=20270105"), first5)             # whole day
        self.assertEqual(keys("FREQ=DAILY;UNTIL=20270105T183000"), first5)      # local, inclusive
        self.assertEqual(keys("FREQ=DAILY;UNTIL=20270105T120000"), first5[:4])  # before 18:30
        self.assertEqual(keys("FREQ=DAILY;UNTIL=20270105T173000Z"), first5)     # = 18:30 CET
        self.assertEqual(keys("FREQ=DAILY;UNTIL=20270105T172959Z"), first5[:4])

    def test_dtstart(self):
        def dates(rrule, dtstart):
            data = territory([line("L", [template("t", "08:30", "18:30", rrule=rrule,
                                                  dtstart=dtstart)])], [doctor("a")])
            return sorted(k[-16:-6] for k in shifts_of(data, "2027-01-01", "2027-02-01"))
        self.assertEqual(dates("FREQ=WEEKLY;INTERVAL=2", "2027-01-04"),
                         ["2027-01-04", "2027-01-18"])
        self.assertEqual(dates("FREQ=DAILY;COUNT=3", "2026-12-31"),
                         ["2027-01-01", "2027-01-02"])
        # dates before dtstart never match
        self.assertEqual(dates("FREQ=WEEKLY;BYDAY=MO", "2027-01-12"),
                         ["2027-01-18", "2027-01-25"])

    def test_weekly_byday_without_dtstart(self):
        data = territory([line("L", [template("we", "08:30", "18:30",
                                              rrule="FREQ=WEEKLY;BYDAY=SA,SU")])], [doctor("a")])
        self.assertEqual(sorted(shifts_of(data, "2027-01-01", "2027-01-11")),
                         ["L/we/2027-01-02T08:30", "L/we/2027-01-03T08:30",
                          "L/we/2027-01-09T08:30", "L/we/2027-01-10T08:30"])

    def test_overrides(self):
        data = territory([line("L", [DAY, NIGHT], headcount=2, overrides=[
            {"date": "2027-01-05", "closed": True},
            {"date": "2027-01-06", "headcount": 0},
            {"date": "2027-01-07", "headcount": 3}])], [doctor("a")])
        shifts = shifts_of(data, "2027-01-04", "2027-01-08")
        self.assertEqual(sorted(shifts), ["L/jour/2027-01-04T08:30", "L/jour/2027-01-07T08:30",
                                          "L/nuit/2027-01-04T18:30", "L/nuit/2027-01-07T18:30"])
        self.assertEqual(shifts["L/jour/2027-01-04T08:30"]["headcount"], 2)
        self.assertEqual(shifts["L/nuit/2027-01-07T18:30"]["headcount"], 3)

    def test_points_and_timezone(self):
        data = territory([line("L", [template("t", "08:30", "18:30", points=2.5)])],
                         [doctor("a")], timezone="America/New_York")
        shift = shifts_of(data, "2027-01-04", "2027-01-05")["L/t/2027-01-04T08:30"]
        self.assertEqual(shift["points"], 2.5)
        self.assertEqual(shift["start"], "2027-01-04T13:30:00Z")
        self.assertEqual(shift["local_start"], "2027-01-04T08:30:00-05:00")


# ---------------------------------------------------------------------------
# Eligibility
# ---------------------------------------------------------------------------


class EligibilityTest(unittest.TestCase):
    def setUp(self):
        doctors = [
            doctor("a"),                                        # host establishment
            doctor("b", establishment="e2"),                    # pooled establishment
            doctor("c", establishment="e3"),                    # not a site of the line
            doctor("d", establishment=None, sites=["e2"]),      # site by `sites`
            doctor("e", specialties=["cardiology"]),
            doctor("f", share=0),
            doctor("g", unavailable=[{"from": "2027-01-05", "to": "2027-01-05"}]),
            doctor("h", unavailable=[{"rrule": "FREQ=WEEKLY;BYDAY=SU",
                                      "start": "20:00", "end": "09:00"}]),
            doctor("i", unavailable=[{"from": "2027-01-01", "to": "2027-01-05",
                                      "rrule": "FREQ=DAILY", "start": "12:00", "end": "13:00"}]),
        ]
        del doctors[3]["establishment"]
        self.data = territory([line("L", [DAY, NIGHT, template("soir", "16:00", "00:00")],
                                    pool=["e2"])], doctors)

    def test_eligible_lists(self):
        shifts = shifts_of(self.data, "2027-01-04", "2027-01-07")
        eligible = {k: s["eligible"] for k, s in shifts.items()}
        self.assertEqual(eligible, {
            # h: the Sunday 3 Jan 20:00 - Monday 09:00 window began before the period
            "L/jour/2027-01-04T08:30": ["a", "b", "d", "g"],
            "L/jour/2027-01-05T08:30": ["a", "b", "d", "h"],
            "L/jour/2027-01-06T08:30": ["a", "b", "d", "g", "h", "i"],
            # g: the night of the 4th runs into the 5th
            "L/nuit/2027-01-04T18:30": ["a", "b", "d", "h", "i"],
            "L/nuit/2027-01-05T18:30": ["a", "b", "d", "h", "i"],
            "L/nuit/2027-01-06T18:30": ["a", "b", "d", "g", "h", "i"],
            # g: 16:00 - 00:00 ends exactly where the unavailability starts
            "L/soir/2027-01-04T16:00": ["a", "b", "d", "g", "h", "i"],
            "L/soir/2027-01-05T16:00": ["a", "b", "d", "h", "i"],
            "L/soir/2027-01-06T16:00": ["a", "b", "d", "g", "h", "i"],
        })

    def test_reasons(self):
        result = score_of(self.data, rota("2027-01-04", "2027-01-05", [
            ("L/jour/2027-01-04T08:30", "c"), ("L/jour/2027-01-04T08:30", "e"),
            ("L/jour/2027-01-04T08:30", "f"), ("L/jour/2027-01-04T08:30", "h")]))
        details = {(v["rule"], v["doctor"]): v["detail"] for v in result["violations"]}
        self.assertEqual(details[("eligibility", "c")], "site")
        self.assertEqual(details[("eligibility", "e")], "specialty")
        self.assertEqual(details[("eligibility", "f")], "exempt (share 0)")
        self.assertEqual(details[("eligibility", "h")], "unavailable")
        self.assertEqual(rules_of(result), [
            ("headcount", "L/jour/2027-01-04T08:30", ""),     # doctor "" sorts first
            ("eligibility", "L/jour/2027-01-04T08:30", "c"),
            ("eligibility", "L/jour/2027-01-04T08:30", "e"),
            ("eligibility", "L/jour/2027-01-04T08:30", "f"),
            ("eligibility", "L/jour/2027-01-04T08:30", "h")])


# ---------------------------------------------------------------------------
# Objective terms
# ---------------------------------------------------------------------------


def three_doctors():
    """a at the host e1; b at e2 (1 degree north) with site e1; c without
    establishment, share 0.5, site e1."""
    return [doctor("a"), doctor("b", establishment="e2", sites=["e1"]),
            doctor("c", sites=["e1"], share=0.5)]


class ObjectiveTest(unittest.TestCase):
    def test_load_fairness_spacing_travel_total(self):
        data = territory([line("L", [DAY])], three_doctors())
        result = score_of(data, rota("2027-01-04", "2027-01-07", [
            ("L/jour/2027-01-04T08:30", "a"), ("L/jour/2027-01-05T08:30", "a"),
            ("L/jour/2027-01-06T08:30", "b")]))
        self.assertEqual(result["violations"], [])
        # targets: 3 seats split 1 : 1 : 0.5 -> 1.2, 1.2, 0.6; loads 2, 1, 0
        self.assertAlmostEqual(result["F"], 0.64 + 0.04 + 0.36)
        self.assertEqual(result["K"], 0)
        self.assertEqual(result["U"], 0)
        self.assertEqual(result["S"], 1)            # a: starts 24 h apart
        self.assertAlmostEqual(result["T"], ONE_DEGREE_KM)
        self.assertEqual((result["P"], result["C"]), (0, 0))
        self.assertAlmostEqual(result["total"], 100 * 1.04 + 20 * 1 + 0.1 * ONE_DEGREE_KM)

    def test_load_fairness_with_points_and_headcount(self):
        data = territory([line("L", [template("jour", "08:30", "18:30", points=2)],
                               overrides=[{"date": "2027-01-05", "headcount": 2}])],
                         three_doctors())
        result = score_of(data, rota("2027-01-04", "2027-01-06", [
            ("L/jour/2027-01-04T08:30", "a"), ("L/jour/2027-01-05T08:30", "a"),
            ("L/jour/2027-01-05T08:30", "c")]))
        # seats: 1 of 2 points + 2 of 2 points = 6 points split 1 : 1 : 0.5
        # targets 2.4, 2.4, 1.2; loads 4, 0, 2
        self.assertAlmostEqual(result["F"], 1.6 ** 2 + 2.4 ** 2 + 0.8 ** 2)
        self.assertEqual(result["U"], 0)

    def test_weekend_fairness(self):
        data = territory([line("L", [DAY])], three_doctors())
        result = score_of(data, rota("2027-01-08", "2027-01-11", [
            ("L/jour/2027-01-08T08:30", "a"), ("L/jour/2027-01-09T08:30", "a"),
            ("L/jour/2027-01-10T08:30", "b")]))
        # weekend shifts 9 (Sat) and 10 (Sun): targets 0.8, 0.8, 0.4; counts 1, 1, 0
        self.assertAlmostEqual(result["K"], 0.04 + 0.04 + 0.16)
        # all three shifts, 1 point: targets 1.2, 1.2, 0.6; loads 2, 1, 0
        self.assertAlmostEqual(result["F"], 1.04)

    def test_weekend_fairness_counts_holidays(self):
        data = territory([line("L", [DAY])], [doctor("a"), doctor("b")])
        result = score_of(data, rota("2027-03-29", "2027-03-30", [
            ("L/jour/2027-03-29T08:30", "a")]))   # Easter Monday
        self.assertAlmostEqual(result["K"], 0.25 + 0.25)

    def test_uncovered(self):
        data = territory([line("L", [DAY], overrides=[
            {"date": "2027-01-05", "headcount": 2}, {"date": "2027-01-06", "closed": True}])],
            three_doctors())
        result = score_of(data, rota("2027-01-04", "2027-01-07", [
            ("L/jour/2027-01-05T08:30", "a")]))
        self.assertEqual(result["U"], 2)
        self.assertEqual(result["violations"], [])
        self.assertGreater(result["total"], 2000000)
        self.assertLess(result["total"], 2001000)

    def test_wishes(self):
        doctors = three_doctors()
        doctors[0]["wishes"] = [
            {"kind": "avoid", "day_types": ["saturday"], "weight": 5},             # broken: 5
            {"kind": "avoid", "rrule": "FREQ=WEEKLY;BYDAY=FR", "start": "12:00",
             "end": "13:00", "weight": 4},                                         # broken: 4
            {"kind": "avoid", "rrule": "FREQ=WEEKLY;BYDAY=FR", "start": "19:00",
             "end": "20:00", "weight": 9},                                         # no overlap
            {"kind": "avoid", "night": True, "weight": 9},                         # no night
            {"kind": "avoid", "to": "2027-01-07", "weight": 9},                    # out of range
            {"kind": "prefer", "from": "2027-01-09", "to": "2027-01-09", "weight": 9},  # taken
        ]
        doctors[1]["wishes"] = [
            {"kind": "prefer", "dates": ["2027-01-10"], "weight": 3},              # broken: 3
            {"kind": "prefer", "night": False, "day_types": ["sunday_holiday"],
             "weight": 1, "from": "2027-01-10"},                                    # broken: 1
        ]
        doctors[2]["wishes"] = [{"kind": "avoid", "from": "2027-01-08", "weight": 9}]
        doctors.append(doctor("x", specialties=["cardiology"],
                              wishes=[{"kind": "prefer", "weight": 7}]))      # never eligible
        data = territory([line("L", [DAY])], doctors)
        result = score_of(data, rota("2027-01-08", "2027-01-11", [
            ("L/jour/2027-01-08T08:30", "a"), ("L/jour/2027-01-09T08:30", "a")]))
        self.assertEqual(result["P"], 5 + 4 + 3 + 1)
        self.assertEqual(result["U"], 1)

    def test_prefer_counts_every_matching_shift(self):
        data = territory([line("L", [DAY])], [
            doctor("a", wishes=[{"kind": "prefer", "weight": 2}]),
            doctor("b", unavailable=[{"from": "2027-01-05", "to": "2027-01-05"}],
                   wishes=[{"kind": "prefer", "weight": 3}])])
        result = score_of(data, rota("2027-01-04", "2027-01-07", [
            ("L/jour/2027-01-04T08:30", "a")]))
        # a misses 5 and 6: 2 * 2; b is eligible for 4 and 6 and takes neither: 2 * 3
        self.assertEqual(result["P"], 4 + 6)

    def test_spacing(self):
        data = territory([line("L", [DAY, NIGHT], mode="on_call")], [doctor("a")],
                         rules={"min_gap_hours": 48})
        result = score_of(data, rota("2027-01-04", "2027-01-11", [
            ("L/jour/2027-01-04T08:30", "a"),     # 4 08:30
            ("L/nuit/2027-01-05T18:30", "a"),     # +34 h
            ("L/jour/2027-01-06T08:30", "a"),     # +48 h from the first: not less than 48
            ("L/jour/2027-01-10T08:30", "a")]))
        # pairs < 48 h: (4 08:30, 5 18:30), (5 18:30, 6 08:30)
        self.assertEqual(result["S"], 2)

    def test_travel(self):
        data = territory([line("L", [DAY]), line("M", [DAY], establishment="e3")], [
            doctor("a"), doctor("b", establishment="e2", sites=["e1", "e3"]),
            doctor("c", sites=["e1"]), doctor("n", sites=["e1"])])
        del data["doctors"][3]["establishment"]
        result = score_of(data, rota("2027-01-04", "2027-01-05", [
            ("L/jour/2027-01-04T08:30", "a"),   # own establishment: 0
            ("L/jour/2027-01-04T08:30", "b"),   # e2 -> e1: 1 degree
            ("M/jour/2027-01-04T08:30", "b"),   # e3 has no coordinates: 10
            ("M/jour/2027-01-04T08:30", "n"),   # no establishment: 10
        ]))
        self.assertAlmostEqual(result["T"], ONE_DEGREE_KM + 20)
        self.assertAlmostEqual(g.haversine_km(44.8, -0.6, 44.8, -0.6), 0)

    def test_stability(self):
        data = territory([line("L", [DAY])], three_doctors())
        scored = rota("2027-01-04", "2027-01-07", [
            ("L/jour/2027-01-04T08:30", "a"), ("L/jour/2027-01-06T08:30", "b"),
            ("L/x/2027-01-05T08:30", "a")])
        reference = rota("2026-12-01", "2027-02-01", [
            ("L/jour/2027-01-04T08:30", "a"),     # held
            ("L/jour/2027-01-05T08:30", "a"),     # not held
            ("L/jour/2027-01-05T08:30", "a"),     # same pair: counted once
            ("L/jour/2027-01-06T08:30", "c"),     # not held
            ("L/x/2027-01-05T08:30", "a"),        # unknown shift: not held
            ("L/jour/2027-01-04T08:30", "ghost"),  # unknown doctor: not held
            ("L/jour/2027-01-07T08:30", "a"),     # outside [from, to)
            ("L/jour/2027-01-03T08:30", "a"),     # outside
        ])
        result = score_of(data, scored, reference=reference)
        self.assertEqual(result["C"], 4)
        self.assertEqual(rules_of(result), [("unknown_shift", "L/x/2027-01-05T08:30", "a")])
        without = score_of(data, scored)
        self.assertEqual(without["C"], 0)
        self.assertAlmostEqual(result["total"] - without["total"], 4000)

    def test_weights(self):
        data = territory([line("L", [DAY])], three_doctors(), rules={"weights": {
            "fairness": 1, "weekend_fairness": 2, "wishes": 3, "spacing": 4, "travel": 0,
            "stability": 5}})
        data["doctors"][0]["wishes"] = [{"kind": "avoid", "weight": 2}]
        result = score_of(data, rota("2027-01-08", "2027-01-11", [
            ("L/jour/2027-01-08T08:30", "a"), ("L/jour/2027-01-09T08:30", "a"),
            ("L/jour/2027-01-10T08:30", "b")]),
            reference=rota("2027-01-08", "2027-01-11", [("L/jour/2027-01-10T08:30", "a")]))
        self.assertEqual((result["P"], result["S"], result["C"]), (4, 1, 1))
        self.assertAlmostEqual(result["total"],
                               1 * 1.04 + 2 * 0.24 + 3 * 4 + 4 * 1 + 0 + 5 * 1)


# ---------------------------------------------------------------------------
# Violations
# ---------------------------------------------------------------------------


class ViolationTest(unittest.TestCase):
    def setUp(self):
        self.data = territory([
            line("N", [NIGHT]),
            line("J", [DAY]),
            line("A", [template("astreinte", "18:30", "08:30")], mode="on_call"),
        ], [doctor("a"), doctor("b"), doctor("c"), doctor("d", max_shifts=2)])

    def score(self, pairs, period=("2027-01-04", "2027-01-11")):
        return score_of(self.data, rota(period[0], period[1], pairs))

    def test_overlap_same_start_reported_on_larger_key(self):
        result = self.score([("N/nuit/2027-01-04T18:30", "a"),
                             ("A/astreinte/2027-01-04T18:30", "a")])
        self.assertEqual(rules_of(result), [("overlap", "N/nuit/2027-01-04T18:30", "a")])
        self.assertIn("A/astreinte/2027-01-04T18:30", result["violations"][0]["detail"])

    def test_overlap_reported_on_later_start(self):
        result = self.score([("J/jour/2027-01-05T08:30", "a"),
                             ("N/nuit/2027-01-04T18:30", "a")])   # ends 5th 08:30: no overlap
        self.assertEqual(rules_of(result), [("rest", "J/jour/2027-01-05T08:30", "a")])
        result = self.score([("A/astreinte/2027-01-05T18:30", "a"),
                             ("J/jour/2027-01-05T08:30", "a")])   # J ends 18:30 = A start
        self.assertEqual(rules_of(result), [("rest", "A/astreinte/2027-01-05T18:30", "a")])

    def test_rest_only_after_on_site(self):
        result = self.score([("A/astreinte/2027-01-04T18:30", "a"),
                             ("J/jour/2027-01-05T08:30", "a")])
        self.assertEqual(rules_of(result), [])

    def test_rest_boundary(self):
        data = territory([line("J", [DAY]), line("E", [template("tot", "05:30", "07:00"),
                                                       template("avant", "05:29", "07:00")])],
                         [doctor("a"), doctor("b")])
        result = score_of(data, rota("2027-01-04", "2027-01-06", [
            ("J/jour/2027-01-04T08:30", "a"), ("E/tot/2027-01-05T05:30", "a"),      # 11 h: ok
            ("J/jour/2027-01-04T08:30", "b"), ("E/avant/2027-01-05T05:29", "b")]))  # 10h59
        self.assertEqual([v for v in rules_of(result) if v[0] != "headcount"],
                         [("rest", "E/avant/2027-01-05T05:29", "b")])

    def test_rest_uses_real_time_across_dst(self):
        # J ends 18:30 CET on Sat 27 March; 05:30 CEST on Sunday is only 10 h later.
        data = territory([line("J", [DAY]), line("E", [template("tot", "05:30", "07:00")])],
                         [doctor("a")])
        result = score_of(data, rota("2027-03-27", "2027-03-29", [
            ("J/jour/2027-03-27T08:30", "a"), ("E/tot/2027-03-28T05:30", "a")]))
        self.assertEqual(rules_of(result), [("rest", "E/tot/2027-03-28T05:30", "a")])

    def test_headcount(self):
        result = self.score([("J/jour/2027-01-05T08:30", "a"), ("J/jour/2027-01-05T08:30", "b")])
        self.assertEqual(rules_of(result), [("headcount", "J/jour/2027-01-05T08:30", "")])
        self.assertEqual(result["U"], 7 + 6 + 7)

    def test_max_shifts(self):
        result = self.score([("J/jour/2027-01-07T08:30", "d"), ("J/jour/2027-01-04T08:30", "d"),
                             ("J/jour/2027-01-05T08:30", "d"), ("A/astreinte/2027-01-06T18:30", "d")])
        self.assertEqual(rules_of(result), [("max_shifts", "A/astreinte/2027-01-06T18:30", "d")])

    def test_max_shifts_from_rules(self):
        self.data["rules"] = {"max_shifts": 1}
        result = self.score([("J/jour/2027-01-05T08:30", "a"), ("J/jour/2027-01-04T08:30", "a")])
        self.assertEqual(rules_of(result), [("max_shifts", "J/jour/2027-01-05T08:30", "a")])

    def test_max_shifts_default_8(self):
        result = self.score([("J/jour/2027-01-%02dT08:30" % day, "a") for day in range(1, 10)],
                            period=("2027-01-01", "2027-02-01"))
        self.assertEqual(rules_of(result), [("max_shifts", "J/jour/2027-01-09T08:30", "a")])

    def test_max_weekends(self):
        result = self.score([
            ("J/jour/2027-01-09T08:30", "a"),       # weekend of 9 Jan
            ("J/jour/2027-01-17T08:30", "a"),       # weekend of 16 Jan (Sunday)
            ("N/nuit/2027-01-29T18:30", "a"),       # a Friday night: no weekend
            ("N/nuit/2027-01-24T18:30", "a"),       # weekend of 23 Jan (Sunday night)
            ("J/jour/2027-01-23T08:30", "a"),       # weekend of 23 Jan, earliest
        ], period=("2027-01-01", "2027-02-01"))
        self.assertEqual(rules_of(result), [("max_weekends", "J/jour/2027-01-23T08:30", "a")])

    def test_pins(self):
        self.data["pins"] = [
            {"shift": "J/jour/2027-01-05T08:30", "doctor": "a"},   # held
            {"shift": "J/jour/2027-01-06T08:30", "doctor": "a"},   # held by someone else
            {"shift": "J/jour/2027-02-06T08:30", "doctor": "a"},   # outside the period
        ]
        result = self.score([("J/jour/2027-01-05T08:30", "a"), ("J/jour/2027-01-06T08:30", "b")])
        self.assertEqual(rules_of(result), [("pin", "J/jour/2027-01-06T08:30", "a")])

    def test_unknown_and_repeated(self):
        result = self.score([
            ("J/jour/2027-01-20T08:30", "a"),      # not in the period
            ("nope/x/2027-01-05T08:30", "ghost"),  # both unknown: unknown_shift only
            ("J/jour/2027-01-10T08:30", "ghost"),
            ("J/jour/2027-01-09T08:30", "a"),
            ("J/jour/2027-01-09T08:30", "a"),
            ("J/jour/2027-01-09T08:30", "a"),
        ])
        self.assertEqual(rules_of(result), [
            ("repeated_assignment", "J/jour/2027-01-09T08:30", "a"),
            ("repeated_assignment", "J/jour/2027-01-09T08:30", "a"),
            ("unknown_doctor", "J/jour/2027-01-10T08:30", "ghost"),
            ("unknown_shift", "J/jour/2027-01-20T08:30", "a"),
            ("unknown_shift", "nope/x/2027-01-05T08:30", "ghost"),
        ])
        self.assertEqual(result["U"], 7 + 7 + 7 - 1)    # the repeated pair counts once

    def test_invalid_assignments_still_count(self):
        self.data["doctors"][1]["specialties"] = ["cardiology"]
        result = self.score([("J/jour/2027-01-05T08:30", "b"), ("J/jour/2027-01-06T08:30", "b")])
        self.assertEqual(rules_of(result), [("eligibility", "J/jour/2027-01-05T08:30", "b"),
                                            ("eligibility", "J/jour/2027-01-06T08:30", "b")])
        self.assertEqual(result["U"], 21 - 2)
        self.assertEqual(result["S"], 1)

    def test_sorted_by_shift_doctor_rule(self):
        self.data["pins"] = [{"shift": "J/jour/2027-01-05T08:30", "doctor": "c"}]
        result = self.score([("J/jour/2027-01-05T08:30", "b"), ("J/jour/2027-01-05T08:30", "a"),
                             ("N/nuit/2027-01-04T18:30", "b")])
        self.assertEqual(rules_of(result), [("headcount", "J/jour/2027-01-05T08:30", ""),
                                            ("rest", "J/jour/2027-01-05T08:30", "b"),
                                            ("pin", "J/jour/2027-01-05T08:30", "c")])


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------


class HistoryTest(unittest.TestCase):
    def setUp(self):
        self.data = territory([
            line("N", [NIGHT]), line("J", [DAY]),
            line("M", [template("matin", "07:00", "13:00")], mode="on_call"),
        ], [doctor("a"), doctor("b"), doctor("c"), doctor("d")])
        self.history = rota("2026-12-01", "2027-01-01", [
            ("N/nuit/2026-12-31T18:30", "a"),
            ("N/nuit/2026-12-30T18:30", "b"), ("J/jour/2026-12-31T08:30", "b"),  # not checked
            ("J/jour/2026-12-31T08:30", "c"),                                   # not checked
            ("N/nuit/2026-12-31T18:30", "d"),
        ])
        self.rota = rota("2027-01-01", "2027-01-03", [
            ("J/jour/2027-01-01T08:30", "a"),      # starts when the history night ends
            ("J/jour/2027-01-02T08:30", "b"),      # 38 h after the history day ends
            ("M/matin/2027-01-01T07:00", "d"),     # inside the history night
        ])

    def test_history_counts_for_overlap_and_rest(self):
        result = score_of(self.data, self.rota, history=self.history)
        self.assertEqual(rules_of(result), [("rest", "J/jour/2027-01-01T08:30", "a"),
                                            ("overlap", "M/matin/2027-01-01T07:00", "d")])
        self.assertIn("N/nuit/2026-12-31T18:30", result["violations"][0]["detail"])

    def test_history_counts_for_nothing_else(self):
        with_history = score_of(self.data, self.rota, history=self.history)
        without = score_of(self.data, self.rota)
        self.assertEqual(rules_of(without), [])
        for term in "UFKPSTC":
            self.assertAlmostEqual(with_history[term], without[term], msg=term)

    def test_unknown_history_shift_or_doctor_is_an_input_error(self):
        for pair in (("N/nuit/2027-01-01T18:30", "a"), ("N/nuit/2026-12-31T18:30", "ghost")):
            history = rota("2026-12-01", "2027-01-01", [pair])
            with self.assertRaises(g.InputError):
                score_of(self.data, self.rota, history=history)


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


class CommandLineTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.data = territory([line("N", [NIGHT]), line("J", [DAY])],
                              [doctor("a"), doctor("b")])

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, content):
        path = os.path.join(self.dir.name, name)
        with open(path, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path

    def run_script(self, *args):
        return subprocess.run([sys.executable, SCRIPT] + list(args), capture_output=True,
                              text=True)

    def test_shifts(self):
        out = self.run_script("shifts", self.write("t.json", self.data), "2027-01-04", "2027-01-06")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual([s["key"] for s in json.loads(out.stdout)],
                         ["J/jour/2027-01-04T08:30", "J/jour/2027-01-05T08:30",
                          "N/nuit/2027-01-04T18:30", "N/nuit/2027-01-05T18:30"])

    def test_score_exit_codes(self):
        t = self.write("t.json", self.data)
        good = self.write("good.json", rota("2027-01-04", "2027-01-05", [
            ("J/jour/2027-01-04T08:30", "a"), ("N/nuit/2027-01-04T18:30", "b")]))
        out = self.run_script("score", t, good)
        self.assertEqual(out.returncode, 0, out.stderr)
        result = json.loads(out.stdout)
        self.assertEqual(list(result), ["violations", "U", "F", "K", "P", "S", "T", "C", "total"])
        self.assertEqual(result["U"], 0)

        bad = self.write("bad.json", rota("2027-01-04", "2027-01-05", [
            ("J/jour/2027-01-04T08:30", "a"), ("N/nuit/2027-01-04T18:30", "a")]))
        out = self.run_script("score", t, bad)
        self.assertEqual(out.returncode, 1)
        self.assertEqual([v["rule"] for v in json.loads(out.stdout)["violations"]], ["rest"])

        reference = self.write("ref.json", rota("2027-01-04", "2027-01-05", [
            ("J/jour/2027-01-04T08:30", "b")]))
        history = self.write("hist.json", rota("2027-01-03", "2027-01-04", [
            ("N/nuit/2027-01-03T18:30", "a")]))
        out = self.run_script("score", t, good, "--reference", reference, "--history", history)
        self.assertEqual(out.returncode, 1)
        result = json.loads(out.stdout)
        self.assertEqual(result["C"], 1)
        self.assertEqual([(v["rule"], v["shift"]) for v in result["violations"]],
                         [("rest", "J/jour/2027-01-04T08:30")])

    def test_input_errors(self):
        t = self.write("t.json", self.data)
        good = self.write("good.json", rota("2027-01-04", "2027-01-05", []))
        self.assertEqual(self.run_script("score", t, os.path.join(self.dir.name, "missing.json"))
                         .returncode, 2)
        self.assertEqual(self.run_script("score", t, self.write("junk.json", "{not json"))
                         .returncode, 2)
        history = self.write("hist.json", rota("2027-01-03", "2027-01-04", [
            ("N/nuit/2027-01-04T18:30", "a")]))   # outside the history's own period
        self.assertEqual(self.run_script("score", t, good, "--history", history).returncode, 2)
        self.assertEqual(self.run_script("shifts", t, "2027-01-04", "tomorrow").returncode, 2)


# ---------------------------------------------------------------------------
# Size
# ---------------------------------------------------------------------------


class SizeTest(unittest.TestCase):
    def test_250_doctors_25_lines_one_month(self):
        establishments = ["e1", "e2", "e3"]
        lines = [line("L%02d" % i, [NIGHT, template("we", "08:30", "18:30",
                                                    day_types=["saturday", "sunday_holiday"])],
                      establishment=establishments[i % 3], pool=[establishments[(i + 1) % 3]])
                 for i in range(25)]
        doctors = []
        for i in range(250):
            doctors.append(doctor(
                "d%03d" % i, establishment=establishments[i % 3],
                unavailable=[{"from": "2027-01-%02d" % (1 + i % 28), "to": "2027-01-%02d" % (1 + i % 28)},
                             {"rrule": "FREQ=WEEKLY;BYDAY=WE", "start": "08:00", "end": "20:00"}],
                wishes=[{"kind": "avoid", "day_types": ["saturday"], "weight": 5},
                        {"kind": "prefer", "rrule": "FREQ=WEEKLY;BYDAY=MO", "start": "18:00",
                         "end": "23:00", "weight": 2}]))
        data = territory(lines, doctors)
        shifts = sorted(shifts_of(data, "2027-01-01", "2027-02-01"))
        pairs = [(key, "d%03d" % (i % 250)) for i, key in enumerate(shifts)]
        began = time.monotonic()
        result = score_of(data, rota("2027-01-01", "2027-02-01", pairs))
        self.assertLess(time.monotonic() - began, 10)
        self.assertEqual(len(shifts), 25 * (31 + 11))   # 1 Jan + 5 Saturdays + 5 Sundays
        self.assertEqual(result["U"], 0)


if __name__ == "__main__":
    unittest.main()
