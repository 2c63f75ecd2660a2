#!/usr/bin/env bash
# tools/bench/run end to end with a small configuration: the page comes out whole, with
# every table row, version and target verdict filled. Asserts no timing (a busy machine
# may miss any target); only that every figure the page needs was measured.
# usage: run_quick.sh BUILD_DIR
set -euo pipefail
build=$1
repo=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

clients="vty-libssh vty-system floor"
peer_absent=
if /usr/bin/python3 -c 'import asyncssh' 2>/dev/null; then
  clients+=" asyncssh"
else
  peer_absent=1  # the one target held to asyncssh then says it was not run
fi
targets="sim"
[[ $(id -u) == 0 ]] && targets="sim sshd"
page=$work/BENCHMARKS.md
"$repo/tools/bench/run" "$build" --repeats 1 --pairs 2 --pair-n 20 --targets "$targets" \
  --clients "$clients" --modes "single:1 percmd:20 big:1 big:2 conc:1 conc:4 stream:1@vty-libssh" \
  --sshd-clients "vty-libssh floor" --sshd-modes "single:1 percmd:20 big:1 conc:2" \
  --first-byte-repeats 3 --timeout 60 --out "$page" 2>"$work/run.err" ||
  fail "run failed: $(tail -20 "$work/run.err")"
[[ -s $page ]] || fail "no page written"
cat "$page"

# Whole: every placeholder filled, every section there.
if grep -n '@[A-Z_]*@' "$page"; then fail "placeholders left"; fi
for section in "## This run" "## Versions" "## Targets" "## Per command, paired runs" \
  "## Against vty-sim" "## Against OpenSSH's sshd" "## vty run: start to first byte"; do
  grep -qxF "$section" "$page" || fail "section '$section' missing"
done

# Versions: each asked of the program itself, none missing.
for name in "vty (vty-bench)" "libssh (the floor)" "OpenSSH client (vty-system)" \
  "vty-sim (SSH banner)"; do
  grep -q "^| $name | [^|]*[0-9][^|]* |" "$page" || fail "no version for $name"
done
grep -q '| not found |' "$page" && fail "a version was not found"
if [[ $targets == *sshd* ]]; then
  grep -q '^| OpenSSH sshd (sshd target) | SSH-2.0-OpenSSH_' "$page" || fail "no sshd version"
fi

# Targets: one row per target of targets.json, each with a computed verdict.
want=$(/usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['targets']))" \
  "$repo/tools/bench/targets.json")
rows=$(sed -n '/^## Targets$/,/^## /p' "$page" | grep -c '^| [0-9]* | ' || true)
[[ $rows == "$want" ]] || fail "$rows target rows, want $want"
while IFS= read -r row; do
  verdict=${row##*| }
  case $row in
    *'| **met** ('*|*'| **not met** ('*) ;;
    *'not measured: asyncssh not run'*) [[ -n $peer_absent ]] || fail "asyncssh ran: $row" ;;
    *) fail "no verdict: $row" ;;
  esac
  : "$verdict"
done < <(sed -n '/^## Targets$/,/^## /p' "$page" | grep '^| [0-9]* | ')

# Every client x mode has its row, each run ok, each figure the mode gives filled.
check_row() {  # SECTION CLIENT MODE N
  local row
  row=$(sed -n "/^## $1/,/^## /p" "$page" | grep "^| $2 | $3 | $4 | " || true)
  [[ -n $row ]] || fail "$1: no row for $2 $3 $4"
  [[ $row == *"| 1/1 |"* ]] || fail "$1: $2 $3 $4 did not pass: $row"
  case $3 in
    percmd) [[ $(cut -d'|' -f9 <<<"$row") != *–* ]] || fail "$1: no ms/cmd: $row" ;;
    big|stream) [[ $(cut -d'|' -f10 <<<"$row") != *–* ]] || fail "$1: no MB/s: $row" ;;
  esac
  [[ $(cut -d'|' -f6-8 <<<"$row") != *–* ]] || fail "$1: wall, CPU or RSS missing: $row"
}
for client in $clients; do
  for mode in "single 1" "percmd 20" "big 1" "big 2" "conc 1" "conc 4"; do
    check_row "Against vty-sim" "$client" $mode
  done
done
check_row "Against vty-sim" vty-libssh stream 1
if [[ $targets == *sshd* ]]; then
  for client in vty-libssh floor; do
    for mode in "single 1" "percmd 20" "big 1" "conc 2"; do
      check_row "Against OpenSSH's sshd" "$client" $mode
    done
  done
fi
pairs=$(sed -n '/^## Per command, paired runs$/,/^## /p' "$page" | grep -c '^| [12] | [0-9.]* | [0-9.]* | [0-9.]* |$' || true)
[[ $pairs == 2 ]] || fail "$pairs paired rows filled, want 2"
grep -q '^| vty run | 3 | [0-9.]* |' "$page" || fail "no first-byte row for vty run"
echo "run_quick: the page is whole" >&2
