#!/usr/bin/env bash
# Every documentation block compiles with clang too (Debian's clang 14 with libstdc++), as a
# user's file would: syntax and types only, warnings as errors. The GCC build of the same
# files is the one that runs them.
#   clang_check.sh CLANG SOURCE_DIR BLOCK_FILE...
set -euo pipefail
clang=$1
source_dir=$2
shift 2
status=0
for block in "$@"; do
  if ! "$clang" -std=c++20 -fsyntax-only -Wall -Wextra -Werror \
      -I"$source_dir/core/include" -I"$source_dir/core/internal" -I"$source_dir/tests" \
      -I"$source_dir/tests/docs" \
      "$block"; then
    echo "clang_check.sh: $(basename "$block") does not compile with $clang" >&2
    status=1
  fi
done
echo "$# documentation blocks compiled with $clang"
exit $status
