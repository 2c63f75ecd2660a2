#!/usr/bin/env bash
# The consumer test: install BUILD_DIR to a temporary prefix, build tests/consumer against
# it with find_package(vty), link the same program with pkg-config's flags, build it again
# with each extra compiler given (clang++), and run them all against the installed vty-sim.
# The program uses Asio its own default way in one file and vty in another. A file that
# includes Asio before any standard header and then vty must not compile (asio issue 1082).
#   tests/consumer/run.sh BUILD_DIR [--cxxflags FLAGS] [EXTRA_COMPILER...]
# FLAGS (e.g. -fsanitize=address,undefined) go to every compile and link of the consumer with
# the default compiler (ASan's allocator then checks every allocation of the process, vty's
# included); the extra compilers build without them.
set -euo pipefail

build_dir=$(cd "${1:?usage: run.sh BUILD_DIR [--cxxflags FLAGS] [EXTRA_COMPILER...]}" && pwd)
shift
cxxflags=
if [ "${1:-}" = "--cxxflags" ]; then cxxflags=$2; shift 2; fi
extra_compilers=("$@")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/vty-consumer.XXXXXX")
sim_pid=
cleanup() {
  if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

prefix=$work/prefix
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
consumer_build() {  # DIR [cmake arguments]
  local dir=$1
  shift
  if ! { cmake -S "$here" -B "$dir" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
           -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_FLAGS="$cxxflags" "$@" &&
         cmake --build "$dir"; } >"$dir.log" 2>&1; then
    echo "run.sh: building the consumer in $(basename "$dir") failed:" >&2
    grep -m 20 -E "error|undefined reference|FAILED" "$dir.log" >&2 || tail -n 20 "$dir.log" >&2
    exit 1
  fi
}
consumer_build "$work/build"
programs=("$work/build/vty_consumer")

# No whole-archive linking anywhere: the transports are ordinary archives.
if grep -rq "whole-archive\|WHOLE_ARCHIVE" "$prefix/lib/pkgconfig/vty.pc" "$prefix/lib/cmake/vty"; then
  echo "run.sh: the installed package links an archive whole:" >&2
  grep -r "whole-archive\|WHOLE_ARCHIVE" "$prefix/lib/pkgconfig/vty.pc" "$prefix/lib/cmake/vty" >&2
  exit 1
fi

# The same objects linked by pkg-config's flags: vty.pc must name every library.
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
mapfile -t objects < <(find "$work/build" -name '*.cpp.o' | sort)
# shellcheck disable=SC2046,SC2086
c++ $cxxflags -o "$work/vty_consumer_pc" "${objects[@]}" $(pkg-config --static --libs vty-recording vty)
programs+=("$work/vty_consumer_pc")
# vty-textfsm.pc stands on vty.pc.
pkg-config --static --libs vty-textfsm | grep -q -- "-lvty_textfsm .*-lvty_core" || {
  echo "run.sh: pkg-config vty-textfsm does not link vty_textfsm before vty_core" >&2; exit 1; }
# So does vty-recording.pc; and vty.pc names vty_recording, which its replay transport reads with.
pkg-config --static --libs vty-recording | grep -q -- "-lvty_recording .*-lvty_core" || {
  echo "run.sh: pkg-config vty-recording does not link vty_recording before vty_core" >&2; exit 1; }
pkg-config --static --libs vty | grep -q -- "-lvty_transport_replay .*-lvty_recording .*-lvty_core" || {
  echo "run.sh: pkg-config vty does not link vty_recording between the replay transport and vty_core" >&2
  exit 1; }

# Compiled with no flag but pkg-config's (no Asio macro among them), Asio first, then vty:
# refused with vty's message, instead of a program that frees memory with the wrong function.
# shellcheck disable=SC2046
if printf '#include <asio.hpp>\n#include <vty/vty.hpp>\nint main() {}\n' |
     c++ -std=c++20 -fsyntax-only $(pkg-config --cflags vty) -x c++ - 2>"$work/asio_first.err"; then
  echo "run.sh: a file including <asio.hpp> before <vty/vty.hpp> compiled" >&2
  exit 1
fi
if ! grep -q "vty: Asio was configured before any standard header" "$work/asio_first.err"; then
  echo "run.sh: Asio-first was refused, but not with vty's message:" >&2
  head -n 20 "$work/asio_first.err" >&2
  exit 1
fi

# Other compilers (clang++) against the library GCC built.
for compiler in "${extra_compilers[@]}"; do
  name=$(basename "$compiler")
  cxxflags= consumer_build "$work/build-$name" -DCMAKE_CXX_COMPILER="$compiler"
  cp "$work/build-$name/vty_consumer" "$work/vty_consumer_$name"
  programs+=("$work/vty_consumer_$name")
done

# An installed program reads its own installed definitions, never the source tree it was
# built from (which it may not be able to read, or which may have changed since).
listing=$("$prefix/bin/vty" platforms list)
source_dir=$(cd "$here/../.." && pwd)
if grep -qF "$source_dir/platforms/" <<<"$listing" ||
   ! grep -qF "$prefix/share/vty/platforms/cisco_iosxe.toml" <<<"$listing"; then
  echo "run.sh: the installed vty does not list its own installed definitions:" >&2
  echo "$listing" >&2
  exit 1
fi

# The installed simulator, with its installed device models.
coproc SIM { exec "$prefix/bin/vty-sim" --port 0 --devices 1; }
sim_pid=$SIM_PID
read -r -t 20 line <&"${SIM[0]}"
case "$line" in
  "listening ssh 127.0.0.1:"*) port=${line##*:} ;;
  *) echo "run.sh: vty-sim said: $line" >&2; exit 1 ;;
esac

for program in "${programs[@]}"; do
  # The library was configured for /usr/local and installed elsewhere: a program of the
  # user's names the folder, as docs/platforms.md says.
  output=$(VTY_PASSWORD=admin123 VTY_SECONDARY=enable123 \
           VTY_RECORDING="$work/$(basename "$program").vtyrec" \
           VTY_PLATFORM_PATH="$prefix/share/vty/platforms" \
           "$program" 127.0.0.1 "$port" "show ip interface brief") || {
    status=$?
    echo "run.sh: $(basename "$program") exited with status $status:" >&2
    echo "$output" >&2
    exit 1
  }
  for expected in "registered 4" "transport libssh" "vty 0.1.0" "GigabitEthernet1" "vty async: " \
                  "recorded " \
                  "own asio: 200 echoes, each ended by asio::error::eof"; do
    if ! grep -qF "$expected" <<<"$output"; then
      echo "run.sh: $(basename "$program") printed no \"$expected\":" >&2
      echo "$output" >&2
      exit 1
    fi
  done
done
echo "consumer: built with find_package(vty) and pkg-config${cxxflags:+ ($cxxflags)}," \
  "and with ${extra_compilers[*]:-no other compiler}; ran against vty-sim"
