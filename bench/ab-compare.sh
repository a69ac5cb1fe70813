#!/usr/bin/env bash
# Times two homeostat binaries side by side on the same benchmarks, alternating A and B in
# each repetition (so a noisy machine slows both alike), and prints each one's median wall
# time (the bench's own `wall_s`) and CPU time (user + system, from /usr/bin/time), and the
# ratios of medians B/A. CPU time is the steadier figure on a shared machine. Used to show
# that a refactoring keeps the speed (issue #9: within 3%).
#
#   bench/ab-compare.sh OLD_BINARY NEW_BINARY [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1; b=$2; reps=${3:-5}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wall() { grep -o 'wall_s=[0-9.e+-]*' | cut -d= -f2 | awk '{s+=$1} END {print s}'; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

declare -A samples cpu
bench() { # label binary args...
  local label=$1; shift
  samples[$label]+="$(/usr/bin/time -f '%U %S' -o "$tmp" "$@" 2>/dev/null | wall) "
  cpu[$label]+="$(awk '{print $1 + $2}' "$tmp") "
}
cases=(
  "bm1-M-1thread|bench bm1 --size M --threads 1"
  "bm1-L-2threads|bench bm1 --size L --threads 2"
  "curve-wars-20k-1095d-16runs|bench scenario --scenario examples/curve-wars.yaml --agents 20000 --days 1095 --runs 16 --threads 2"
)
for ((i = 1; i <= reps; i++)); do
  for c in "${cases[@]}"; do
    name=${c%%|*}; args=${c#*|}
    # shellcheck disable=SC2086
    if (( i % 2 )); then bench "$name A" "$a" $args; bench "$name B" "$b" $args
    else bench "$name B" "$b" $args; bench "$name A" "$a" $args; fi
  done
done
printf '%-30s %10s %10s %8s %10s %10s %8s\n' "case" "A wall s" "B wall s" "B/A" "A cpu s" "B cpu s" "B/A"
for c in "${cases[@]}"; do
  name=${c%%|*}
  ma=$(echo "${samples[$name A]}" | tr ' ' '\n' | grep . | median)
  mb=$(echo "${samples[$name B]}" | tr ' ' '\n' | grep . | median)
  ca=$(echo "${cpu[$name A]}" | tr ' ' '\n' | grep . | median)
  cb=$(echo "${cpu[$name B]}" | tr ' ' '\n' | grep . | median)
  printf '%-30s %10.4f %10.4f %8.4f %10.3f %10.3f %8.4f\n' "$name" "$ma" "$mb" "$(echo "$mb / $ma" | bc -l)" \
    "$ca" "$cb" "$(echo "$cb / $ca" | bc -l)"
done
