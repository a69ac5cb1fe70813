#!/usr/bin/env bash
# Times `homeostat bench bm1` against the BM-1 peers (../shared/bench/peers) in one session,
# interleaved, and prints the median agent-steps/s of each and the ratios.
#
#   bench/compare-peers.sh [REPS]
#
# Environment: PYTHON (default python3) runs the NumPy peer; PEERS_PYTHON (optional) is a
# Python with cadCAD and radCAD installed (the pip line is in ../shared/bench/peers/README.md);
# without it the cadCAD/radCAD rows are skipped. Build first: swift build -c release.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-5}
peers=../shared/bench/peers
bin=.build/release/homeostat
python=${PYTHON:-python3}
[ -x "$bin" ] || { echo "build first: swift build -c release" >&2; exit 2; }

rate() { grep -o 'agent_steps_per_s=[0-9.e+]*' | tail -1 | cut -d= -f2; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A samples
run() { # label command...
  local label=$1; shift
  samples[$label]+="$("$@" | rate) "
}
for ((i = 1; i <= reps; i++)); do
  run "homeostat M 1 thread" "$bin" bench bm1 --size M --threads 1
  run "numpy M" "$python" "$peers/bm1_numpy.py" --agents 10000 --days 730 --runs 4
  run "homeostat S 1 thread" "$bin" bench bm1 --size S --threads 1
  run "homeostat L 2 threads" "$bin" bench bm1 --size L --threads 2
  if [ -n "${PEERS_PYTHON:-}" ] && [ "$i" -le 3 ]; then
    run "cadCAD S" "$PEERS_PYTHON" "$peers/bm1_cadcad.py" --agents 1000 --days 365 --runs 1
    run "radCAD S" "$PEERS_PYTHON" "$peers/bm1_radcad.py" --agents 1000 --days 365 --runs 1
  fi
done
printf '%-24s %16s   %s\n' "implementation" "median steps/s" "samples"
declare -A med
for label in "homeostat M 1 thread" "numpy M" "homeostat S 1 thread" "homeostat L 2 threads" "cadCAD S" "radCAD S"; do
  [ -n "${samples[$label]:-}" ] || continue
  med[$label]=$(echo "${samples[$label]}" | tr ' ' '\n' | grep . | median)
  printf '%-24s %16.4g   %s\n' "$label" "${med[$label]}" "${samples[$label]}"
done
awk -v a="${med["homeostat M 1 thread"]}" -v b="${med["numpy M"]}" 'BEGIN {printf "ratio homeostat/numpy at M, one thread: %.2fx\n", a/b}'
for peer in "cadCAD S" "radCAD S"; do
  [ -n "${med[$peer]:-}" ] || continue
  awk -v a="${med["homeostat S 1 thread"]}" -v b="${med[$peer]}" -v p="$peer" 'BEGIN {printf "ratio homeostat/%s at S: %.0fx\n", p, a/b}'
done
