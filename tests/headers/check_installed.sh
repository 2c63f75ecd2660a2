#!/usr/bin/env bash
# The installed headers are exactly the public ones, and each compiles alone: install
# BUILD_DIR to a temporary prefix, compare include/ with the list below, and compile a file
# that includes only that header, with each compiler given, against the prefix alone.
#   tests/headers/check_installed.sh BUILD_DIR COMPILER...
set -euo pipefail

build_dir=$(cd "${1:?usage: check_installed.sh BUILD_DIR COMPILER...}" && pwd)
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/vty-headers.XXXXXX")
trap 'rm -rf "$work"' EXIT

# What a user includes. Channel, PromptReader, PrivilegeGraph and Regex are vty's inner layer
# (core/internal/vty): an installed header that needs one fails this test when compiled.
allowed="vty/async_driver.hpp
vty/config_diff.hpp
vty/config_session.hpp
vty/detail/asio.hpp
vty/driver.hpp
vty/errors.hpp
vty/options.hpp
vty/output_sink.hpp
vty/platform.hpp
vty/platform_detect.hpp
vty/platform_plugin.hpp
vty/recording.hpp
vty/response.hpp
vty/session_observer.hpp
vty/textfsm.hpp
vty/transport.hpp
vty/transport_choice.hpp
vty/transports.hpp
vty/transports/libssh.hpp
vty/transports/replay.hpp
vty/transports/system.hpp
vty/transports/telnet.hpp
vty/vty.hpp"

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
installed=$(cd "$work/prefix/include" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
if [ "$installed" != "$allowed" ]; then
  echo "check_installed.sh: the installed headers are not the public ones:" >&2
  diff <(echo "$allowed") <(echo "$installed") >&2 || true
  exit 1
fi

status=0
for compiler in "$@"; do
  for header in $installed; do
    # Only the prefix and the system: no source-tree folder, no macro from vty's build.
    if ! echo "#include <$header>" |
         "$compiler" -std=c++20 -Wall -Wextra -Werror -fsyntax-only -I "$work/prefix/include" \
           -x c++ - 2>"$work/errors"; then
      echo "check_installed.sh: <$header> does not compile alone with $compiler:" >&2
      head -n 20 "$work/errors" >&2
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "headers: $(wc -l <<<"$installed") installed, the public ones, each compiles alone with: $*"
exit "$status"
