"""What the Python peers share with vty-bench: the command line, a vty-sim started on
demand, and the one-line JSON result."""

import argparse
import json
import os
import pathlib
import resource
import signal
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[3]


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--transport", default="libssh")
    p.add_argument("--host")
    p.add_argument("--port", type=int, default=22)
    p.add_argument("--user", default="admin")
    p.add_argument("--password-env")
    p.add_argument("--secondary-env")
    p.add_argument("--platform", default="cisco_iosxe")
    p.add_argument("--key", help="log in with this private key instead of the password")
    p.add_argument("--expect-bytes", type=int,
                   help="big: the byte count the output must have (tools/bench/run passes "
                        "the floor's); unset, the count is reported and not checked")
    p.add_argument("--reference-port", type=int, help="accepted for vty-bench's sake; unused")
    p.add_argument("mode", choices=["single", "percmd", "big", "conc"])
    p.add_argument("n", type=int, nargs="?", default=1)
    args = p.parse_args()
    args.password = os.environ[args.password_env] if args.password_env else "admin123"
    args.secondary = os.environ[args.secondary_env] if args.secondary_env else "enable123"
    return args


def _pdeathsig():
    try:
        import ctypes
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Sim:
    """A vty-sim child serving enough devices for the mode; use as a context manager."""

    def __init__(self, args):
        self.proc = None
        if args.host:
            self.targets = [(args.host, args.port)]
            return
        devices = min(args.n, 16) if args.mode == "conc" else 1
        binary = os.environ.get("VTY_SIM", str(REPO / "build/tools/vty-sim/vty-sim"))
        self.proc = subprocess.Popen([binary, "--port", "0", "--devices", str(devices)],
                                     stdout=subprocess.PIPE, text=True, preexec_fn=_pdeathsig)
        self.targets = []
        while len(self.targets) < devices:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{binary} did not start {devices} devices")
            if line.startswith("listening ssh "):
                host, port = line.split()[2].rsplit(":", 1)
                self.targets.append((host, int(port)))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc:
            self.proc.terminate()
            self.proc.wait()


def print_result(client, args, failures, wall_s, per_cmd_ms=None, mb_per_s=None, nbytes=None):
    """Call before the simulator stops: its CPU must not count as the client's."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "client": client, "mode": args.mode, "n": args.n, "ok": failures == 0,
        "failures": failures, "wall_s": wall_s,
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "rss_mb": me.ru_maxrss / 1024.0, "per_cmd_ms": per_cmd_ms, "mb_per_s": mb_per_s,
        **({"bytes": nbytes} if nbytes is not None else {}),
        **({"expected_bytes": args.expect_bytes} if args.expect_bytes is not None else {}),
    }, separators=(",", ":")), flush=True)
    return 0 if failures == 0 else 1


def check_bytes(client, args, got):
    """1 (a failure) when --expect-bytes was given and the output has another count."""
    if args.expect_bytes is not None and got != args.expect_bytes:
        print(f"{client}: got {got} bytes, expected {args.expect_bytes}", file=sys.stderr)
        return 1
    return 0


def warn(client, error):
    print(f"{client}: {type(error).__name__}: {error}", file=sys.stderr)
