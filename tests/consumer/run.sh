#!/usr/bin/env bash
# The consumer test: install BUILD_DIR to a temporary prefix, build tests/consumer against
# it with find_package(vty), link the same program with pkg-config's flags, and run both
# against the installed vty-sim.
#   tests/consumer/run.sh BUILD_DIR
set -euo pipefail

build_dir=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
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
cmake -S "$here" -B "$work/build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE= >/dev/null
cmake --build "$work/build" >/dev/null

# No whole-archive linking anywhere: the transports are ordinary archives.
if grep -rq "whole-archive\|WHOLE_ARCHIVE" "$prefix/lib/pkgconfig/vty.pc" "$prefix/lib/cmake/vty"; then
  echo "run.sh: the installed package links an archive whole:" >&2
  grep -r "whole-archive\|WHOLE_ARCHIVE" "$prefix/lib/pkgconfig/vty.pc" "$prefix/lib/cmake/vty" >&2
  exit 1
fi

# The same object linked by pkg-config's flags: vty.pc must name every library.
object=$(find "$work/build" -name 'main.cpp.o' | head -n 1)
# shellcheck disable=SC2046
c++ -o "$work/vty_consumer_pc" "$object" \
  $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --static --libs vty)

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

for program in "$work/build/vty_consumer" "$work/vty_consumer_pc"; do
  # The library was configured for /usr/local and installed elsewhere: a program of the
  # user's names the folder, as docs/platforms.md says.
  output=$(VTY_PASSWORD=admin123 VTY_SECONDARY=enable123 \
           VTY_PLATFORM_PATH="$prefix/share/vty/platforms" \
           "$program" 127.0.0.1 "$port" "show ip interface brief")
  for expected in "registered 4" "transport libssh" "vty 0.1.0" "GigabitEthernet1"; do
    if ! grep -qF "$expected" <<<"$output"; then
      echo "run.sh: $(basename "$program") printed no \"$expected\":" >&2
      echo "$output" >&2
      exit 1
    fi
  done
done
echo "consumer: built with find_package(vty) and pkg-config, ran against vty-sim"
