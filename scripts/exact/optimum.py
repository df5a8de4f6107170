#!/usr/bin/python3
"""Exact optimum of the garde rota model, with CBC.

Builds the mixed-integer linear program of the rota model
(/work/shared/spec/rota-model.md) for one territory file and one period, writes
it in CPLEX LP format, solves it with CBC (the `cbc` binary of the Debian
package `coinor-cbc`), writes the optimal rota as a `garde.rota/v1` file and
checks it with `garde score --json`: no violation, and a total equal to CBC's
objective.

The model itself (shifts, eligibility, targets, wishes, travel, weekends) is
taken from the independent reference implementation
scheduler/testdata/reference/garde_ref.py, imported, not re-derived.

Usage:
    optimum.py TERRITORY.json --from YYYY-MM-DD --to YYYY-MM-DD
               [--time-limit 600] [--threads 2] [--out ROTA.json]
               [--report REPORT.json] [--lp MODEL.lp] [--garde PATH]

Prints a JSON report on standard output (and in --report). Exit status: 0 the
rota passed the check (whether or not optimality was proven: see
"proven_optimal"), 1 the check failed (model and spec disagree), 2 input or
solver error.

Python 3 standard library + the reference module (which needs dateutil).
No reference rota (C = 0) and no history are modelled.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "scheduler", "testdata", "reference"))

import garde_ref as ref  # noqa: E402

UNCOVERED_WEIGHT = ref.UNCOVERED_WEIGHT


class ModelError(Exception):
    """An input or solver error: exit status 2."""


# ---------------------------------------------------------------------------
# The data of the model, from the reference implementation
# ---------------------------------------------------------------------------


class Data:
    """Everything the MILP needs, computed by the reference module."""

    def __init__(self, territory_json, period_from, period_to):
        self.territory = territory = ref.Territory(territory_json)
        self.period_from, self.period_to = period_from, period_to
        self.shifts = ref.expand_shifts(territory, period_from, period_to)
        self.by_key = {s.key: s for s in self.shifts}
        table = ref.eligibility_table(territory, self.shifts, period_from, period_to)
        self.eligible = {s.key: ref.eligible_doctors(table, s.key) for s in self.shifts}
        self.doctor_ids = [d["id"] for d in territory.doctor_list]
        self.seats = sum(s.headcount for s in self.shifts)

        # Eligible (shift, doctor) pairs: the binaries x[s, d].
        self.pairs = [(s.key, d) for s in self.shifts for d in self.eligible[s.key]]
        self.pair_index = {p: i for i, p in enumerate(self.pairs)}
        self.shifts_of = {d: [] for d in self.doctor_ids}  # doctor -> [Shift] by start
        for key, d in self.pairs:
            self.shifts_of[d].append(self.by_key[key])
        for d in self.shifts_of:
            self.shifts_of[d].sort(key=ref.by_start)

        self.targets = self._targets(lambda s: s.points)
        self.weekend_targets = self._targets(lambda s: 1 if s.weekend else None)
        self.wish_cost, self.wish_constant = self._wishes()
        self.travel = {(key, d): ref.travel_km(territory, territory.doctors[d], self.by_key[key])
                       for key, d in self.pairs}
        self.pins = self._pins()

    def _targets(self, value_of):
        """T_d as in the spec (and ref.fairness): each seat split among the
        doctors eligible for it, in proportion to their share."""
        doctors = self.territory.doctors
        target = {d: 0.0 for d in self.doctor_ids}
        for shift in self.shifts:
            value = value_of(shift)
            if value is None or not self.eligible[shift.key]:
                continue
            total_share = sum(ref.share_of(doctors[e]) for e in self.eligible[shift.key])
            for e in self.eligible[shift.key]:
                target[e] += value * shift.headcount * ref.share_of(doctors[e]) / total_share
        return target

    def _wishes(self):
        """Per eligible pair, the wish cost of taking it (avoid weights minus
        prefer weights), and the constant: the prefer weights of every matching
        eligible shift (a prefer wish costs its weight for each matching
        eligible shift not taken = constant - weight * x)."""
        cost = {}
        constant = 0
        window_from = self.period_from - ref.RECURRING_WINDOW_MARGIN
        window_to = self.period_to + ref.RECURRING_WINDOW_MARGIN
        for doctor in self.territory.doctor_list:
            d = doctor["id"]
            for wish in ref.get(doctor, "wishes", []):
                occurrences = None
                if ref.get(wish, "rrule") is not None:
                    occurrences = ref.recurring_occurrences(
                        wish, self.territory.zone, window_from, window_to)
                for shift in self.shifts_of[d]:  # only eligible shifts can count
                    if not ref.wish_matches(wish, shift, occurrences):
                        continue
                    if wish["kind"] == "avoid":
                        cost[(shift.key, d)] = cost.get((shift.key, d), 0) + wish["weight"]
                    else:
                        cost[(shift.key, d)] = cost.get((shift.key, d), 0) - wish["weight"]
                        constant += wish["weight"]
        return cost, constant

    def _pins(self):
        """Pins of the period (others are ignored), as pair indexes."""
        result = []
        for pin in self.territory.pins:
            key, d = pin["shift"], pin["doctor"]
            if key not in self.by_key:
                kd = ref.key_date(key)
                if kd is not None and not (self.period_from <= kd < self.period_to):
                    continue  # "Pins dated outside the period are ignored."
                raise ModelError("pin on unknown shift %s" % key)
            if d not in self.territory.doctors:
                raise ModelError("pin of unknown doctor %s on %s" % (d, key))
            if (key, d) not in self.pair_index:
                raise ModelError("pin breaks eligibility: %s on %s" % (d, key))
            result.append(self.pair_index[(key, d)])
        return sorted(set(result))


# ---------------------------------------------------------------------------
# Conflicts: overlap and rest form an interval graph
# ---------------------------------------------------------------------------


def busy_interval(territory, shift):
    """[start, end + rest) for an on_site shift, [start, end) for on_call.

    Two shifts conflict (overlap, or rest after an on_site one: ref.pair_rule)
    exactly when these half-open intervals intersect, so the conflicts of one
    doctor form an interval graph whose maximal cliques are the sets of
    intervals containing some interval's start. check_conflicts() verifies
    this against ref.pair_rule on the period's shifts."""
    end = shift.end
    if shift.mode == "on_site":
        end = end + timedelta(hours=territory.min_rest_hours)
    return shift.start, end


def conflict_cliques(territory, shifts):
    """Maximal cliques (lists of keys, size >= 2) of the conflict graph of
    `shifts` (one doctor's eligible shifts)."""
    intervals = [(busy_interval(territory, s), s.key) for s in shifts]
    cliques = []
    starts = sorted({iv[0] for iv, _ in intervals})
    previous = None
    for t in starts:
        members = frozenset(k for (a, b), k in intervals if a <= t < b)
        if len(members) >= 2 and members != previous:
            cliques.append(members)
        previous = members
    # keep only the maximal ones
    cliques = sorted(set(cliques), key=len, reverse=True)
    maximal = []
    for c in cliques:
        if not any(c <= m for m in maximal):
            maximal.append(c)
    return [sorted(c) for c in maximal]


def check_conflicts(territory, shifts):
    """Assert that busy-interval intersection equals ref.pair_rule on every
    pair of the period's shifts (the conflict relation does not depend on the
    doctor)."""
    ordered = sorted(shifts, key=ref.by_start)
    busy = {s.key: busy_interval(territory, s) for s in ordered}
    horizon = timedelta(days=3)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.start - a.end > horizon + timedelta(hours=territory.min_rest_hours):
                break
            (a0, a1), (b0, b1) = busy[a.key], busy[b.key]
            mine = a0 < b1 and b0 < a1
            theirs = ref.pair_rule(territory, a, b) is not None
            if mine != theirs:
                raise ModelError("conflict model disagrees with the reference on %s, %s"
                                 % (a.key, b.key))


# ---------------------------------------------------------------------------
# Fairness: exact convex piecewise-linear epigraph on the grid of loads
# ---------------------------------------------------------------------------


def load_grid(values, cap):
    """Every sum of at most `cap` of the `values` (one per eligible shift),
    sorted: the values B_d can take."""
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    states = {(0, 0.0)}  # (number of shifts, sum)
    for v, n in counts.items():
        new = set()
        for k, total in states:
            for j in range(0, min(n, cap - k) + 1):
                new.add((k + j, round(total + j * v, 9)))
        states = new
    return sorted({total for _, total in states})


def secants(grid, target):
    """(slope, intercept) of the chords of f(B) = (B - target)^2 between
    consecutive grid points: max over them equals f on every grid point."""
    f = lambda b: (b - target) ** 2  # noqa: E731
    result = []
    for g0, g1 in zip(grid, grid[1:]):
        slope = (f(g1) - f(g0)) / (g1 - g0)
        result.append((slope, f(g0) - slope * g0))
    return result


# ---------------------------------------------------------------------------
# The LP file
# ---------------------------------------------------------------------------


def fmt(c):
    text = "%.15g" % c
    return text


class LPWriter:
    def __init__(self):
        self.objective = {}  # name -> coefficient
        self.rows = []  # (name, [(coef, var)], sense, rhs)
        self.bounds = {}  # name -> (low, high)
        self.binaries = []
        self.n_vars = 0

    def obj(self, var, coef):
        if coef:
            self.objective[var] = self.objective.get(var, 0) + coef

    def row(self, name, terms, sense, rhs):
        self.rows.append((name, terms, sense, rhs))

    @staticmethod
    def _expr(terms):
        parts = []
        for i, (coef, var) in enumerate(terms):
            sign = "-" if coef < 0 else "+"
            parts.append("%s %s %s" % (sign, fmt(abs(coef)), var))
            if i % 8 == 7:
                parts.append("\n   ")
        return " ".join(parts) if parts else "0 ONE"

    def write(self, path):
        with open(path, "w") as f:
            f.write("\\ garde rota model, written by scripts/exact/optimum.py\n")
            f.write("Minimize\n obj: ")
            f.write(self._expr([(c, v) for v, c in self.objective.items() if c]))
            f.write("\nSubject To\n")
            for name, terms, sense, rhs in self.rows:
                f.write(" %s: %s %s %s\n" % (name, self._expr(terms), sense, fmt(rhs)))
            f.write("Bounds\n")
            for var, (low, high) in self.bounds.items():
                if low == high:
                    f.write(" %s = %s\n" % (var, fmt(low)))
                else:
                    lo = "-inf" if low is None else fmt(low)
                    hi = "+inf" if high is None else fmt(high)
                    f.write(" %s <= %s <= %s\n" % (lo, var, hi))
            f.write("Binaries\n")
            for i in range(0, len(self.binaries), 10):
                f.write(" " + " ".join(self.binaries[i:i + 10]) + "\n")
            f.write("End\n")


def build_model(data, phase="full", uncovered=None, window_cuts=True, symmetry=None):
    """The MILP. Returns (LPWriter, info).

    phase "full": minimise 1,000,000 * U + soft in one model.
    phase "cover": the hard rules only, minimise U (phase 1).
    phase "soft": U fixed to `uncovered` by the row sum x = seats - U (valid
    once phase 1 has proven that U is the least possible), minimise
    1,000,000 * U + soft. The objective is the same as "full" on every
    solution with that U, but without the 1e6 coefficients on the x, which
    keeps CBC's bound numerically clean."""
    t = data.territory
    w = t.weights
    lp = LPWriter()
    x = ["x%d" % i for i in range(len(data.pairs))]
    lp.binaries.extend(x)
    info = {"x": len(x), "y": 0, "k": 0, "weekend_vars": 0, "z": 0,
            "clique_rows": 0, "secant_rows": 0, "window_rows": 0}

    # Constant of the objective: a variable fixed to 1.
    if phase == "cover":
        w = {k: 0 for k in w}  # hard rules only
        u_weight, constant = 1, data.seats  # objective = U
    elif phase == "soft":
        u_weight = 0
        constant = UNCOVERED_WEIGHT * uncovered + w["wishes"] * data.wish_constant
    else:
        u_weight = UNCOVERED_WEIGHT
        constant = UNCOVERED_WEIGHT * data.seats + w["wishes"] * data.wish_constant
    lp.bounds["ONE"] = (1, 1)
    lp.obj("ONE", constant)

    for i in data.pins:
        lp.bounds[x[i]] = (1, 1)

    # U = seats - sum x; headcount.
    for s in data.shifts:
        terms = [(1, x[data.pair_index[(s.key, d)]]) for d in data.eligible[s.key]]
        if len(terms) > s.headcount:
            lp.row("hc%d" % len(lp.rows), terms, "<=", s.headcount)
        for coef, var in terms:
            lp.obj(var, -u_weight)
    if phase == "soft":
        lp.row("cover", [(1, v) for v in x], "=", data.seats - uncovered)

    # T and P: linear in x.
    for i, pair in enumerate(data.pairs):
        lp.obj(x[i], w["travel"] * data.travel[pair] + w["wishes"] * data.wish_cost.get(pair, 0))

    gap = timedelta(hours=t.min_gap_hours)
    for n, d in enumerate(data.doctor_ids):
        mine = data.shifts_of[d]
        if not mine:
            continue
        xi = {s.key: x[data.pair_index[(s.key, d)]] for s in mine}
        doctor = t.doctors[d]

        # Overlap and rest: maximal cliques of the interval conflict graph.
        for clique in conflict_cliques(t, mine):
            lp.row("cl%d" % len(lp.rows), [(1, xi[k]) for k in clique], "<=", 1)
            info["clique_rows"] += 1

        # max_shifts
        cap = int(math.floor(ref.doctor_max_shifts(t, doctor)))
        if len(mine) > cap:
            lp.row("ms_%d" % n, [(1, xi[s.key]) for s in mine], "<=", cap)

        # max_weekends: one binary per calendar weekend the doctor could work.
        weekends = {}
        for s in mine:
            saturday = ref.weekend_of(s.date)
            if saturday is not None:
                weekends.setdefault(saturday, []).append(s)
        weekend_var = {}  # Saturday -> w variable
        if len(weekends) > t.max_weekends:
            names = []
            for saturday, shifts in sorted(weekends.items()):
                v = "w%d_%s" % (n, saturday.strftime("%Y%m%d"))
                weekend_var[saturday] = v
                names.append(v)
                lp.binaries.append(v)
                info["weekend_vars"] += 1
                for s in shifts:
                    lp.row("wl%d" % len(lp.rows), [(1, xi[s.key]), (-1, v)], "<=", 0)
            lp.row("mw_%d" % n, [(1, v) for v in names], "<=", t.max_weekends)

        n_max = min(cap, len(mine))
        # F: y_d >= chords of (B_d - T_d)^2 on the grid of reachable B_d.
        grid = load_grid([s.points for s in mine], n_max)
        if w["fairness"] and len(grid) > 1:
            y = "y%d" % n
            info["y"] += 1
            lp.obj(y, w["fairness"])
            load = [(s.points, xi[s.key]) for s in mine]
            for j, (slope, intercept) in enumerate(secants(grid, data.targets[d])):
                terms = [(1, y)] + [(-slope * c, v) for c, v in load if slope * c]
                lp.row("f%d_%d" % (n, j), terms, ">=", intercept)
                info["secant_rows"] += 1
        elif w["fairness"]:
            lp.obj("ONE", w["fairness"] * (grid[0] - data.targets[d]) ** 2)

        # K: the same with weekend shifts counted 1.
        weekend_shifts = [s for s in mine if s.weekend]
        kgrid = list(range(0, min(n_max, len(weekend_shifts)) + 1))
        if w["weekend_fairness"] and len(kgrid) > 1:
            k = "k%d" % n
            info["k"] += 1
            lp.obj(k, w["weekend_fairness"])
            load = [(1, xi[s.key]) for s in weekend_shifts]
            for j, (slope, intercept) in enumerate(secants(kgrid, data.weekend_targets[d])):
                terms = [(1, k)] + [(-slope * c, v) for c, v in load if slope * c]
                lp.row("k%d_%d" % (n, j), terms, ">=", intercept)
                info["secant_rows"] += 1
        elif w["weekend_fairness"]:
            lp.obj("ONE", w["weekend_fairness"] * data.weekend_targets[d] ** 2)

        # S: z >= x_a + x_b - 1 for each pair starting less than min_gap apart
        # that does not conflict (conflicting pairs are never both taken).
        if w["spacing"]:
            busy = {s.key: busy_interval(t, s) for s in mine}
            zname = {}  # (index a, index b) -> z
            for i, a in enumerate(mine):
                for j in range(i + 1, len(mine)):
                    b = mine[j]
                    if b.start - a.start >= gap:
                        break
                    (a0, a1), (b0, b1) = busy[a.key], busy[b.key]
                    if a0 < b1 and b0 < a1:
                        continue
                    z = "z%d" % info["z"]
                    info["z"] += 1
                    zname[(i, j)] = z
                    lp.bounds[z] = (0, 1)
                    lp.obj(z, w["spacing"])
                    lp.row("s%d" % len(lp.rows), [(1, z), (-1, xi[a.key]), (-1, xi[b.key])],
                           ">=", -1)
            # Window cuts (valid, they only tighten the LP relaxation): the k
            # shifts taken among those starting in [a.start, a.start + gap)
            # start pairwise less than min_gap apart, so they make k(k-1)/2
            # pairs, and k(k-1)/2 >= m*k - m(m+1)/2 for every integer m >= 1
            # (the chords of the convex k(k-1)/2). Conflicting pairs have no z
            # and are never both taken, so the sum of the window's z is at
            # least that.
            if window_cuts:
                # Windows: from each shift's start, and each calendar weekend
                # (its Saturday and Sunday shifts, when they start less than
                # min_gap apart), so that the weekend variable can be used.
                windows = []
                for i, a in enumerate(mine):
                    members = [i]
                    for j in range(i + 1, len(mine)):
                        if mine[j].start - a.start >= gap:
                            break
                        members.append(j)
                    windows.append(tuple(members))
                by_weekend = {}
                for j, sj in enumerate(mine):
                    saturday = ref.weekend_of(sj.date)
                    if saturday is not None:
                        by_weekend.setdefault(saturday, []).append(j)
                for members in by_weekend.values():
                    if mine[members[-1]].start - mine[members[0]].start < gap:
                        windows.append(tuple(members))
                for members in sorted(set(windows)):
                    zs = [zname[(p, q)] for p in members for q in members
                          if p < q and (p, q) in zname]
                    if not zs:
                        continue
                    # the most shifts one can take in the window: a greedy
                    # stable set of an interval graph (by earliest busy end)
                    most, free_from = 0, None
                    for j in sorted(members, key=lambda j: busy[mine[j].key][1]):
                        if free_from is None or busy[mine[j].key][0] >= free_from:
                            most += 1
                            free_from = busy[mine[j].key][1]
                    # When the whole window lies in one calendar weekend, its
                    # weekend variable w (0 when no shift of it is taken)
                    # multiplies the constant: sum z >= m*k - m(m+1)/2 * w.
                    saturdays = {ref.weekend_of(mine[j].date) for j in members}
                    u = None
                    if len(saturdays) == 1:
                        u = weekend_var.get(saturdays.pop())
                    for m in range(1, most):
                        terms = [(1, z) for z in zs] + [(-m, xi[mine[j].key]) for j in members]
                        if u is None:
                            lp.row("sw%d" % len(lp.rows), terms, ">=", -m * (m + 1) / 2)
                        else:
                            terms.append((m * (m + 1) / 2, u))
                            lp.row("sw%d" % len(lp.rows), terms, ">=", 0)
                        info["window_rows"] += 1
    if symmetry and phase != "cover":
        add_symmetry_rows(data, lp, x, info, symmetry)
    info["rows"] = len(lp.rows)
    info["constant"] = constant
    return lp, info


def interchangeable_doctors(data):
    """Classes (size >= 2) of doctors that nothing in the model tells apart:
    the same eligible shifts, wish cost and travel on each, cap, targets and
    weekend variables. Any solution stays a solution of the same cost when
    their rotas are permuted."""
    t = data.territory
    classes = {}
    for d in data.doctor_ids:
        keys = tuple(s.key for s in data.shifts_of[d])
        if not keys:
            continue
        signature = (
            keys,
            tuple(data.wish_cost.get((k, d), 0) for k in keys),
            tuple(data.travel[(k, d)] for k in keys),
            int(math.floor(ref.doctor_max_shifts(t, t.doctors[d]))),
            data.targets[d],
            data.weekend_targets[d],
        )
        classes.setdefault(signature, []).append(d)
    pinned = {data.pairs[i][1] for i in data.pins}
    result = []
    for doctors in classes.values():
        free = [d for d in doctors if d not in pinned]
        if len(free) >= 2:
            result.append(free)
    return result


def add_symmetry_rows(data, lp, x, info, how):
    """Symmetry breaking among interchangeable doctors: order them by a key of
    their rotas (valid: sorting their rotas by the key gives a solution of the
    same cost). "load": the points B_d; "index": the sum of the shift numbers
    taken, which ties less often."""
    number = {s.key: i + 1 for i, s in enumerate(data.shifts)}
    info["symmetric_classes"] = 0
    for doctors in interchangeable_doctors(data):
        info["symmetric_classes"] += 1
        for d1, d2 in zip(doctors, doctors[1:]):
            terms = []
            for s in data.shifts_of[d1]:
                c = s.points if how == "load" else number[s.key]
                terms.append((c, x[data.pair_index[(s.key, d1)]]))
                terms.append((-c, x[data.pair_index[(s.key, d2)]]))
            lp.row("sym%d" % len(lp.rows), terms, ">=", 0)


# ---------------------------------------------------------------------------
# CBC
# ---------------------------------------------------------------------------


def ensure_cbc():
    """The path of `cbc`; installs Debian's coinor-cbc when it is missing."""
    path = shutil.which("cbc")
    if path:
        return path
    apt = ["apt-get", "install", "-y", "-q", "coinor-cbc"]
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            raise ModelError("cbc not found: install it with `apt-get install coinor-cbc`")
        apt = ["sudo"] + apt
    print("optimum.py: installing coinor-cbc: %s" % " ".join(apt), file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(apt, env=env, stdout=sys.stderr).returncode != 0:
        update = apt[:-3] + ["update"] if apt[0] == "sudo" else ["apt-get", "update"]
        subprocess.run(update, env=env, stdout=sys.stderr)
        subprocess.run(apt, env=env, stdout=sys.stderr, check=False)
    path = shutil.which("cbc")
    if not path:
        raise ModelError("could not install coinor-cbc")
    return path


def run_cbc(cbc, lp_path, sol_path, log_path, time_limit, threads, gap, options=()):
    cmd = ([cbc, lp_path, "threads", str(threads), "timeMode", "elapsed", "sec", str(time_limit),
            "ratioGap", "0", "allowableGap", repr(gap)] + list(options)
           + ["solve", "solution", sol_path])
    started = time.monotonic()
    with open(log_path, "w") as log:
        proc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT)
    elapsed = time.monotonic() - started
    text = open(log_path).read()
    result = {"command": " ".join(cmd), "wall_s": round(elapsed, 2), "returncode": proc.returncode}
    m = re.search(r"^Result - (.*)$", text, re.M)
    result["status"] = m.group(1).strip() if m else "unknown"
    m = re.search(r"^Objective value:\s+(\S+)", text, re.M)
    result["objective"] = float(m.group(1)) if m else None
    m = re.search(r"^Lower bound:\s+(\S+)", text, re.M)
    result["bound"] = float(m.group(1)) if m else None
    result["proven_optimal"] = result["status"].startswith("Optimal solution found")
    if result["proven_optimal"]:
        # "Exiting as integer gap of G less than ...": the bound is objective - G.
        m = re.search(r"Exiting as integer gap of (\S+)", text)
        gap = float(m.group(1)) if m else 0.0
        result["bound"] = result["objective"] - gap if result["objective"] is not None else None
    m = re.search(r"Time \(CPU seconds\):\s+(\S+)", text)
    result["cpu_s"] = float(m.group(1)) if m else None
    if result["status"].lower().startswith("problem proven infeasible") or "infeasible" in result["status"].lower():
        result["infeasible"] = True
    return result


def read_solution(sol_path):
    values = {}
    with open(sol_path) as f:
        header = f.readline()
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and not parts[0].startswith("**"):
                values[parts[1]] = float(parts[2])
            elif len(parts) >= 4:  # "** index name value ..." (infeasible marker)
                values[parts[2]] = float(parts[3])
    return header.strip(), values


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def default_garde():
    for candidate in (os.environ.get("GARDE"), os.path.join(REPO, "bin", "garde"),
                      shutil.which("garde")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def garde_score(garde, territory_path, rota_path):
    proc = subprocess.run([garde, "score", territory_path, rota_path, "--json"],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise ModelError("garde score failed: %s" % proc.stderr.strip())
    return proc.returncode, json.loads(proc.stdout)


def soft_of(terms, weights):
    return (weights["fairness"] * terms["F"] + weights["weekend_fairness"] * terms["K"]
            + weights["wishes"] * terms["P"] + weights["spacing"] * terms["S"]
            + weights["travel"] * terms["T"] + weights["stability"] * terms["C"])


def solve(args):
    with open(args.territory, encoding="utf-8") as f:
        territory_json = json.load(f)
    period_from = date.fromisoformat(args.period_from)
    period_to = date.fromisoformat(args.period_to)

    started = time.monotonic()
    data = Data(territory_json, period_from, period_to)
    check_conflicts(data.territory, data.shifts)
    build_s = time.monotonic() - started

    cbc = ensure_cbc()
    work = args.work_dir or tempfile.mkdtemp(prefix="garde-exact-")
    os.makedirs(work, exist_ok=True)
    report = {
        "territory": args.territory,
        "territory_id": data.territory.id,
        "from": args.period_from,
        "to": args.period_to,
        "shifts": len(data.shifts),
        "seats": data.seats,
        "doctors": len(data.doctor_ids),
        "eligible_pairs": len(data.pairs),
        "work_dir": work,
    }
    deadline = time.monotonic() + args.time_limit

    def phase(name, **kwargs):
        t0 = time.monotonic()
        lp, info = build_model(data, name, symmetry=None if args.symmetry == "none" else args.symmetry,
                               **kwargs)
        lp_path = os.path.join(work, "%s.lp" % name)
        lp.write(lp_path)
        sol_path = os.path.join(work, "%s.sol" % name)
        if os.path.exists(sol_path):
            os.remove(sol_path)
        limit = max(1.0, deadline - time.monotonic())
        result = run_cbc(cbc, lp_path, sol_path, os.path.join(work, "%s.log" % name),
                         round(limit), args.threads, args.gap, args.cbc_options.split())
        result["model"] = info
        result["build_s"] = round(time.monotonic() - t0 - result["wall_s"], 2)
        values = read_solution(sol_path)[1] if os.path.exists(sol_path) else None
        return result, values

    # Phase 1: the least number of uncovered seats. Phase 2: the least soft
    # cost with that many. Lexicographic, as the spec compares rotas; if phase 1
    # cannot prove its U, one model with 1,000,000 * U + soft instead.
    report["build_s"] = round(build_s, 2)
    phases = {}
    values = None
    if args.method == "lex":
        cover, cover_values = phase("cover")
        phases["cover"] = cover
        if cover["proven_optimal"] and cover["objective"] is not None:
            u = int(round(cover["objective"]))
            report["U_min"] = u
            result, values = phase("soft", uncovered=u)
            phases["soft"] = result
        else:
            report["note"] = "phase 1 did not prove the least U: one weighted model instead"
    if values is None and "soft" not in phases:
        result, values = phase("full")
        phases["full"] = result
    report["phases"] = phases
    report["cbc"] = result
    report["cbc_wall_s"] = round(sum(p["wall_s"] for p in phases.values()), 2)
    report["proven_optimal"] = bool(result["proven_optimal"]) and all(
        p["proven_optimal"] for p in phases.values())
    if values is None or result["objective"] is None:
        report["error"] = "CBC found no solution (status: %s)" % result["status"]
        return report, 2

    chosen = [data.pairs[i] for i in range(len(data.pairs)) if values.get("x%d" % i, 0) > 0.5]
    chosen.sort()
    rota = {
        "format": "garde.rota/v1",
        "territory": data.territory.id,
        "from": args.period_from,
        "to": args.period_to,
        "assignments": [{"shift": k, "doctor": d} for k, d in chosen],
    }
    # Our own scoring with the reference module, then the product's.
    ref_score = ref.score(data.territory, ref.Rota(period_from, period_to, chosen))
    report["reference_score"] = {k: v for k, v in ref_score.items() if k != "violations"}
    report["reference_violations"] = ref_score["violations"]
    rota["score"] = {k: ref_score[k] for k in ("U", "F", "K", "P", "S", "T", "C", "total")}

    out = args.out or os.path.join(work, "rota.json")
    with open(out, "w") as f:
        json.dump(rota, f, indent=1)
        f.write("\n")
    report["rota"] = out

    weights = data.territory.weights
    objective = result["objective"]
    report["objective"] = objective
    report["U"] = ref_score["U"]
    report["soft"] = soft_of(ref_score, weights)
    if result["bound"] is not None:
        # A bound on soft for that U (the bound of phase 2, or of the weighted
        # model when its bound is still above 1,000,000 * U).
        report["soft_bound"] = result["bound"] - UNCOVERED_WEIGHT * ref_score["U"]
    garde = args.garde or default_garde()
    status = 0
    if garde:
        rc, scored = garde_score(garde, args.territory, out)
        report["garde_score"] = scored
        rota["score"] = {k: scored[k] for k in ("U", "F", "K", "P", "S", "T", "C", "total")}
        with open(out, "w") as f:
            json.dump(rota, f, indent=1)
            f.write("\n")
        rel = abs(scored["total"] - objective) / max(1.0, abs(objective))
        soft_diff = abs(soft_of(scored, weights) - (objective - UNCOVERED_WEIGHT * scored["U"]))
        report["check"] = {
            "garde_exit": rc,
            "violations": len(scored["violations"]),
            "garde_total": scored["total"],
            "cbc_objective": objective,
            "relative_difference": rel,
            "soft_difference": soft_diff,
            "ok": rc == 0 and not scored["violations"] and rel <= 1e-4,
        }
        if not report["check"]["ok"]:
            status = 1
    else:
        report["check"] = {"skipped": "no garde binary (use --garde or $GARDE)"}
    return report, status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("territory")
    parser.add_argument("--from", dest="period_from", required=True)
    parser.add_argument("--to", dest="period_to", required=True)
    parser.add_argument("--time-limit", type=float, default=600,
                        help="CBC time limit in seconds (default 600)")
    parser.add_argument("--threads", type=int, default=2, help="CBC threads (default 2)")
    parser.add_argument("--gap", type=float, default=0.01,
                        help="absolute optimality tolerance (CBC allowableGap, default 0.01): "
                        "F and K are real-valued, and closing the last 1e-4 can take CBC "
                        "longer than the rest")
    parser.add_argument("--out", help="write the rota here")
    parser.add_argument("--report", help="write the JSON report here too")
    parser.add_argument("--work-dir", help="keep the LP models, CBC logs and solutions "
                        "here (default: a new temporary directory)")
    parser.add_argument("--cbc-options", default="",
                        help="more CBC parameters, e.g. \"zeroHalfCuts forceOn\"")
    parser.add_argument("--symmetry", choices=("none", "load", "index"), default="index",
                        help="order interchangeable doctors by their load, or by the sum of "
                        "the numbers of their shifts (default), or not")
    parser.add_argument("--method", choices=("lex", "full"), default="lex",
                        help="lex (default): phase 1 least U, phase 2 least soft at that U; "
                        "full: one model with 1,000,000 * U + soft")
    parser.add_argument("--garde", help="garde binary for the check (default: $GARDE, "
                        "bin/garde, or garde on PATH)")
    args = parser.parse_args(argv)
    try:
        report, status = solve(args)
    except (ModelError, ref.InputError, OSError, ValueError) as error:
        print("optimum.py: %s" % error, file=sys.stderr)
        return 2
    text = json.dumps(report, indent=1, default=str)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text + "\n")
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
