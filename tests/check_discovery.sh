#!/usr/bin/env bash
# Fails when the ctest entries of a test program are not exactly its Catch test cases.
#   tests/check_discovery.sh BUILD_DIR PREFIX:PROGRAM...   (e.g. unit:build/tests/vty_unit_tests)
set -euo pipefail
build_dir=$1
listed=$(ctest --test-dir "$build_dir" -N)
status=0
shift
for pair in "$@"; do
  prefix=${pair%%:*}
  program=${pair#*:}
  # Catch exits with the number of test cases it listed.
  names=$("$program" --list-test-names-only | grep . | sort || true)
  cases=$(grep -c . <<<"$names")
  entries=$(grep -cE "Test +#[0-9]+: $prefix: ?" <<<"$listed")
  echo "$prefix: $cases Catch test cases, $entries ctest entries"
  if [ "$cases" -ne "$entries" ]; then
    status=1
    diff <(echo "$names") \
         <(grep -E "Test +#[0-9]+: $prefix: ?" <<<"$listed" | sed -E "s/^ *Test +#[0-9]+: $prefix: ?//" | sort) || true
  fi
done
exit $status
