#!/usr/bin/env bash
# vty-bench big holds itself to what the device sent, not to vty-sim's own line format:
# against a device of 78-character lines ended by "\r\n" (other_line_format.toml) every
# client passes with that device's byte count, and a truncated output fails the run.
# usage: big_counts.sh BUILD_DIR
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
sim=$build/tools/vty-sim/vty-sim
bench=$build/tools/bench/vty-bench
floor=$build/tools/bench/vty-bench-floor
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# start_sim NAME ARGS...: a vty-sim of this test's own; sets ssh_port and telnet_port.
start_sim() {
  local name=$1
  shift
  "$sim" --port 0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '^listening' "$work/$name.out" && [[ " $* " != *" --telnet "* ||
      $(grep -c '^listening' "$work/$name.out") -ge 2 ]] && break
    sleep 0.1
  done
  ssh_port=$(sed -n 's/^listening ssh 127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.out")
  telnet_port=$(sed -n 's/^listening telnet 127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.out")
  [[ -n $ssh_port ]] || fail "vty-sim $* did not start: $(cat "$work/$name.err")"
}

# expect OK|FAIL BYTES LABEL COMMAND...: runs a client, checks its JSON line.
expect() {
  local want=$1 bytes=$2 label=$3
  shift 3
  local line
  line=$("$@" 2>"$work/stderr" | tail -1) || true
  echo "$label: $line" >&2
  [[ $line == \{* ]] || fail "$label printed no result: $(cat "$work/stderr")"
  if [[ $want == OK ]]; then
    [[ $line == *'"ok":true'* ]] || fail "$label failed: $(cat "$work/stderr")"
    [[ $line == *"\"bytes\":$bytes"* ]] || fail "$label did not count $bytes bytes"
  else
    [[ $line == *'"ok":false'* ]] || fail "$label passed though the output was cut"
    grep -q "$bytes" "$work/stderr" || fail "$label did not say '$bytes': $(cat "$work/stderr")"
  fi
}

# 12,500 lines of 78 characters: 987,499 bytes (vty-sim's own `show big 1` has 999,999).
start_sim other --device-file "$here/other_line_format.toml" --telnet
args=(--host 127.0.0.1 --password-env BENCH_PASSWORD --secondary-env BENCH_SECONDARY)
export BENCH_PASSWORD=admin123 BENCH_SECONDARY=enable123
expect OK 987499 "vty-libssh, other line format" "$bench" "${args[@]}" --port "$ssh_port" big 1
expect OK 1974999 "vty-system, other line format" "$bench" "${args[@]}" --port "$ssh_port" \
  --transport system big 2
expect OK 987499 "vty-telnet, other line format" "$bench" "${args[@]}" --port "$telnet_port" \
  --transport telnet --reference-port "$ssh_port" big 1
expect OK 987499 "stream, other line format" "$bench" "${args[@]}" --port "$ssh_port" stream 1
expect OK 987499 "floor, other line format" "$floor" "${args[@]}" --port "$ssh_port" big 1
# A count the device did not send is a failure, said with both numbers.
expect FAIL "gave 987499 bytes, the device sent 999999" "vty-libssh, wrong count" \
  "$bench" "${args[@]}" --port "$ssh_port" --expect-bytes 999999 big 1
expect FAIL "got 987499 bytes, expected 999999" "floor, wrong count" \
  "$floor" "${args[@]}" --port "$ssh_port" --expect-bytes 999999 big 1

# A device that hangs up 300,000 bytes into the output: the run fails, for vty and floor.
start_sim drop --fault drop:300000 --fault-on "show big"
expect FAIL "closed" "vty-libssh, output cut" "$bench" "${args[@]}" --port "$ssh_port" big 1
expect FAIL "failed" "floor, output cut" "$floor" "${args[@]}" --port "$ssh_port" big 1
echo "big_counts: all checks passed" >&2
