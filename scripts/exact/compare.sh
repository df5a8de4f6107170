#!/bin/sh
# Quality of garde's solver against the exact optimum (CBC).
#
# For small generated territories (and the pilot, when CBC can cope), solve
# the rota model exactly with scripts/exact/optimum.py (CBC), run
# `garde solve --time-limit 10s --workers 2` with 3 seeds, and print a
# Markdown table: seats, CBC optimum (or best bound), garde's median total,
# the gap on the soft part, and CBC's time. A second table splits both rotas
# into their terms (F, K, P, S, T) to show where garde loses.
#
# Usage: scripts/exact/compare.sh            (from the repository root)
# Settings (environment):
#   SIZES="20/3 30/4 40/5 60/6 80/8"   doctors/lines of the generated territories
#   TSEEDS="1 2 3"                      seeds of `garde gen`
#   PILOT=1                             also the pilot (fixtures/pilot.json)
#   FROM=2026-12-01 TO=2027-01-01       the period (one month)
#   CBC_TIME=600  PILOT_CBC_TIME=900    CBC's time limit per territory, seconds
#   GAP=0.01                            CBC's absolute optimality tolerance
#   GARDE_TIME=10s  SEEDS="1 2 3"  WORKERS=2
#   OUT=out/exact                       where every file goes
#   RESUME=1                            keep results already in OUT
#   TABLE_ONLY=1                        only print the tables from OUT
# Needs: go, /usr/bin/python3 with python3-dateutil, and cbc (Debian package
# coinor-cbc: installed here with apt-get when missing).
set -eu

cd "$(dirname "$0")/../.."
SIZES=${SIZES:-"20/3 30/4 40/5 60/6 80/8"}
TSEEDS=${TSEEDS:-"1 2 3"}
PILOT=${PILOT:-1}
FROM=${FROM:-2026-12-01}
TO=${TO:-2027-01-01}
CBC_TIME=${CBC_TIME:-600}
PILOT_CBC_TIME=${PILOT_CBC_TIME:-900}
GAP=${GAP:-0.01}
GARDE_TIME=${GARDE_TIME:-10s}
SEEDS=${SEEDS:-"1 2 3"}
WORKERS=${WORKERS:-2}
OUT=${OUT:-out/exact}
RESUME=${RESUME:-0}
TABLE_ONLY=${TABLE_ONLY:-0}
PY=/usr/bin/python3

mkdir -p "$OUT"
GARDE="$OUT/garde"

run_one() { # NAME TERRITORY_FILE CBC_SECONDS
    name=$1 file=$2 limit=$3
    dir="$OUT/$name"
    mkdir -p "$dir"
    if [ "$RESUME" = 1 ] && [ -s "$dir/optimum.json" ]; then
        echo "== $name: CBC result kept" >&2
    else
        echo "== $name: CBC (limit ${limit}s)" >&2
        "$PY" scripts/exact/optimum.py "$file" --from "$FROM" --to "$TO" \
            --time-limit "$limit" --threads "$WORKERS" --gap "$GAP" --garde "$GARDE" \
            --work-dir "$dir/cbc" --out "$dir/optimum-rota.json" \
            --report "$dir/optimum.json" >/dev/null || echo "   optimum.py exit $?" >&2
    fi
    for seed in $SEEDS; do
        rota="$dir/garde-seed$seed.json"
        if [ "$RESUME" = 1 ] && [ -s "$dir/garde-seed$seed.score.json" ]; then
            continue
        fi
        echo "== $name: garde solve --seed $seed" >&2
        start=$(date +%s.%N)
        "$GARDE" solve "$file" --from "$FROM" --to "$TO" --time-limit "$GARDE_TIME" \
            --seed "$seed" --workers "$WORKERS" --quiet --out "$rota" >/dev/null
        end=$(date +%s.%N)
        echo "$start $end" | awk '{printf "%.2f\n", $2 - $1}' >"$dir/garde-seed$seed.wall"
        "$GARDE" score "$file" "$rota" --json >"$dir/garde-seed$seed.score.json" || true
    done
    echo "$name $file" >>"$OUT/territories.txt.new"
}

if [ "$TABLE_ONLY" != 1 ]; then
    if ! command -v cbc >/dev/null 2>&1; then
        echo "== installing coinor-cbc" >&2
        SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q coinor-cbc >&2 || {
            $SUDO apt-get update -q >&2
            $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q coinor-cbc >&2
        }
    fi
    echo "== building garde" >&2
    CGO_ENABLED=0 go build -o "$GARDE" ./cmd/garde
    {
        echo "garde built from commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
            "($(git status --short -- scheduler cmd 2>/dev/null | wc -l) files of scheduler/ and cmd/ modified)"
        echo "$(nproc) CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
        echo "$(cbc -quit 2>/dev/null | grep -m1 Version | sed 's/^/CBC /')"
        echo "$(date -u +%Y-%m-%dT%H:%MZ)"
    } >"$OUT/build-info.txt"
    : >"$OUT/territories.txt.new"
    for size in $SIZES; do
        doctors=${size%/*} lines=${size#*/}
        for tseed in $TSEEDS; do
            name="gen-$doctors-$lines-s$tseed"
            file="$OUT/$name.json"
            "$GARDE" gen --doctors "$doctors" --lines "$lines" --seed "$tseed" --out "$file" 2>/dev/null
            run_one "$name" "$file" "$CBC_TIME"
        done
    done
    if [ "$PILOT" = 1 ]; then
        run_one pilot fixtures/pilot.json "$PILOT_CBC_TIME"
    fi
    mv "$OUT/territories.txt.new" "$OUT/territories.txt"
fi

"$PY" - "$OUT" "$GARDE_TIME" <<'EOF'
import json, os, statistics, sys

out, garde_time = sys.argv[1], sys.argv[2]
info = os.path.join(out, "build-info.txt")
if os.path.exists(info):
    print("".join("<!-- %s -->\n" % line.strip() for line in open(info) if line.strip()))
W = ("F", "K", "P", "S", "T", "C")


def load(path):
    with open(path) as f:
        return json.load(f)


def weights_of(territory_file):
    weights = {"fairness": 100, "weekend_fairness": 100, "wishes": 10, "spacing": 20,
               "travel": 0.1, "stability": 1000}
    rules = load(territory_file).get("rules") or {}
    for k, v in (rules.get("weights") or {}).items():
        if v is not None:
            weights[k] = v
    return {"F": weights["fairness"], "K": weights["weekend_fairness"], "P": weights["wishes"],
            "S": weights["spacing"], "T": weights["travel"], "C": weights["stability"]}


def soft(score, w):
    return sum(w[t] * score[t] for t in W)


def num(v, digits=2):
    return "%.*f" % (digits, v)


rows, terms = [], []
with open(os.path.join(out, "territories.txt")) as f:
    entries = [line.split() for line in f if line.strip()]
for name, tfile in entries:
    d = os.path.join(out, name)
    w = weights_of(tfile)
    opt = load(os.path.join(d, "optimum.json")) if os.path.exists(os.path.join(d, "optimum.json")) else None
    runs = []
    for entry in sorted(os.listdir(d)):
        if entry.endswith(".score.json"):
            s = load(os.path.join(d, entry))
            wall = float(open(os.path.join(d, entry.replace(".score.json", ".wall"))).read())
            runs.append((s["U"], soft(s, w), s, wall, len(s["violations"])))
    runs.sort(key=lambda r: (r[0], r[1]))
    med = runs[len(runs) // 2]
    g_u, g_soft, g_score, _, g_viol = med
    g_wall = statistics.median(r[3] for r in runs)
    seats = opt["seats"] if opt else "?"
    if not opt or "objective" not in opt:
        rows.append("| %s | %s | no CBC solution | | %d / %s | %s | | |" % (
            name, seats, g_u, num(g_soft), "", ""))
        continue
    c_u, c_soft = opt["U"], opt["soft"]
    proven = opt["proven_optimal"]
    bound = opt.get("soft_bound")
    if proven:
        cbc_txt = "%s (proven)" % num(c_soft)
    else:
        cbc_txt = "%s (best found; bound %s)" % (num(c_soft), num(bound) if bound is not None else "?")
    if g_u != c_u:
        gap = "**U %+d** (garde U = %d, optimum U = %d)" % (g_u - c_u, g_u, c_u)
    else:
        gap = "%+.2f %%" % (100.0 * (g_soft - c_soft) / c_soft) if c_soft else "n/a"
        if not proven and bound:
            gap += " (≤ %+.2f %% vs bound)" % (100.0 * (g_soft - bound) / bound)
    spread = "%s–%s" % (num(runs[0][1]), num(runs[-1][1])) if len(runs) > 1 else ""
    cbc_time = opt.get("cbc_wall_s", opt["cbc"]["wall_s"])
    status = "" if proven else " (limit)"
    rows.append("| %s | %d | %d / %d | %s | %s | %s | %s | %.0f s%s | %.1f s |" % (
        name, seats, c_u, g_u, cbc_txt, num(g_soft), spread, gap, cbc_time, status, g_wall))
    cs = opt["garde_score"] if "garde_score" in opt else opt["reference_score"]
    terms.append("| %s | %s | %s |" % (name, " | ".join(
        "%s / %s" % (num(w[t] * cs[t]), num(w[t] * g_score[t])) for t in ("F", "K", "P", "S", "T")),
        "%+.1f" % (g_soft - c_soft)))
    if g_viol or med[4]:
        rows[-1] += " garde rota breaks a hard rule!"

print("| territory | seats | U (CBC / garde) | CBC soft | garde soft at %s (median of %d) | garde spread | gap on soft | CBC time | garde time |" % (garde_time, len(runs)))
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print("\n".join(rows))
print()
print("Weighted terms, CBC optimum / garde median run (weight × term):")
print()
print("| territory | F | K | P | S | T | garde − CBC |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
print("\n".join(terms))
EOF
