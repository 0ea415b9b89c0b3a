#!/usr/bin/env bash
# Runs the peer harness (a warm Maxima, optionally SymPy) on ../shared/bench-peers/cases.json and our
# engine on the same cases, and prints one table with both and the ratio. Not part of CI.
# Needs: apt-get install -y maxima (and python3-sympy for --sympy). Usage: run-peers.sh [--sympy] [--reps N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${DC_SHARED:-$(cd "$root/../shared" && pwd)}"
reps=5; ours_reps=200; with_sympy=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sympy) with_sympy=1 ;;
    --reps) reps="$2"; shift ;;
    --ours-reps) ours_reps="$2"; shift ;;
  esac
  shift
done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# The harness writes beside itself and ../shared is read-only: run a temporary copy.
cp -r "$shared/bench-peers/." "$work/"
chmod -R u+w "$work"
command -v maxima >/dev/null || { echo "maxima is not installed (apt-get install -y maxima)" >&2; exit 1; }
echo "== Maxima ($(maxima --version)), $reps reps per case ==" >&2
/usr/bin/python3 "$work/maxima_check.py" --reps "$reps" --methods radcan --out "$work/maxima_results.json" >&2
args=(peers --reps "$ours_reps" --maxima "$work/maxima_results.json")
if [ "$with_sympy" = 1 ]; then
  echo "== SymPy ==" >&2
  /usr/bin/python3 "$work/sympy_check.py" --reps "$reps" --methods simplify --out "$work/sympy_results.json" >&2
  args+=(--sympy "$work/sympy_results.json")
fi
echo "== DerivationChecker, $ours_reps reps per case ==" >&2
DC_SHARED="$shared" dotnet run -c Release --project "$here" -- "${args[@]}"
