#!/usr/bin/python3
"""vty from Python against the C++ figures and other Python clients, in one run.

    tools/bench/python_bench.py [--build DIR] [--percmd N] [--conc N] [--clients A,B]

percmd N: one session, N times `show version`, per-command milliseconds; conc N: N sessions
at once (log in, enable, show version, close) from one asyncio loop (from one io_context for
C++). Clients: vty from Python (blocking vty.Driver and asyncio vty.AsyncDriver), vty-bench
(C++), asyncssh (tools/bench/peers/asyncssh_peer.py), netmiko (percmd) and scrapli where
they are installed; an absent one is named and skipped. Each client runs as its own process
with its own vty-sim (16 devices for conc, as vty-bench); the figures are the client's.
`--client vty-python MODE N` runs one of vty's Python clients alone and prints its JSON line.
"""

import argparse
import asyncio
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "peers"))
import bench_common as bc  # noqa: E402


def options(target, n):
    import vty
    return dict(host=target[0], port=target[1], platform="cisco_iosxe", host_key_policy="off",
                auth=vty.Auth(username="admin", password="admin123", secondary="enable123",
                              use_agent=False),
                timeout_ops=30.0 + 2.0 * n, timeout_transport=60.0 + 0.1 * n)


def blocking_percmd(targets, n):
    import vty
    with vty.Driver(**options(targets[0], n)) as conn:
        started = time.perf_counter()
        failures = sum(conn.send_command("show version").failed for _ in range(n))
        return failures, (time.perf_counter() - started) * 1000 / n


async def async_percmd(targets, n):
    import vty
    async with vty.AsyncDriver(**options(targets[0], n)) as conn:
        started = time.perf_counter()
        failures = 0
        for _ in range(n):
            failures += (await conn.send_command("show version")).failed
        return failures, (time.perf_counter() - started) * 1000 / n


async def async_conc(targets, n):
    import vty

    async def single(i):
        try:
            async with vty.AsyncDriver(**options(targets[i % len(targets)], n)) as conn:
                r = await conn.send_command("show version")
                return not r.failed and "Version" in r.result
        except vty.DriverException as e:
            bc.warn("vty-python", e)
            return False

    oks = await asyncio.gather(*(single(i) for i in range(n)))
    return oks.count(False), None


def run_client(client, mode, n):
    """One of vty's Python clients, in this process: prints bench_common's JSON line."""
    args = argparse.Namespace(host=None, port=22, mode=mode, n=n, expect_bytes=None)
    with bc.Sim(args) as sim:
        started = time.perf_counter()
        if client == "vty-python" and mode == "percmd":
            failures, per_cmd = blocking_percmd(sim.targets, n)
        elif mode == "percmd":
            failures, per_cmd = asyncio.run(async_percmd(sim.targets, n))
        else:
            failures, per_cmd = asyncio.run(async_conc(sim.targets, n))
        return bc.print_result(client, args, failures, time.perf_counter() - started,
                               per_cmd_ms=per_cmd)


def installed(module):
    return importlib.util.find_spec(module) is not None


def commands(build, mode, n):
    """(client, argv or the reason it is skipped) for each client of `mode`."""
    me = [sys.executable, str(HERE / "python_bench.py"), "--build", str(build), "--client"]
    peer = [sys.executable]
    out = [("vty-cpp", [str(build / "tools/bench/vty-bench"), mode, str(n)])]
    if mode == "percmd":
        out.append(("vty-python", me + ["vty-python", mode, str(n)]))
    out.append(("vty-python-asyncio", me + ["vty-python-asyncio", mode, str(n)]))
    out.append(("asyncssh", peer + [str(HERE / "peers/asyncssh_peer.py"), mode, str(n)]
                if installed("asyncssh") else "python3-asyncssh is not installed"))
    if mode == "percmd":
        # netmiko waits for its read timer on each command (~0.6 s): 20 commands show it.
        out.append(("netmiko", peer + [str(HERE / "peers/netmiko_peer.py"), mode, str(min(n, 20))]
                    if installed("netmiko") else "python3-netmiko is not installed"))
    out.append(("scrapli", "scrapli is not installed (not in Debian 12)"
                if not installed("scrapli") else "scrapli is installed: no runner written yet"))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build", type=pathlib.Path, default=HERE.parents[1] / "build")
    p.add_argument("--percmd", type=int, default=500, help="commands in percmd (0: skip)")
    p.add_argument("--conc", type=int, default=1000, help="sessions in conc (0: skip)")
    p.add_argument("--clients", help="only these clients, comma-separated (default: all)")
    p.add_argument("--client", nargs=3, metavar=("CLIENT", "MODE", "N"), help=argparse.SUPPRESS)
    args = p.parse_args()
    sys.path.insert(0, str(args.build / "python"))
    os.environ.setdefault("VTY_SIM", str(args.build / "tools/vty-sim/vty-sim"))
    if args.client:
        return run_client(args.client[0], args.client[1], int(args.client[2]))

    env = dict(os.environ, PYTHONPATH=str(args.build / "python"))
    rows, failed = [], False
    print(f"vty {subprocess.run([str(args.build / 'tools/bench/vty-bench'), '--version'], capture_output=True, text=True).stdout.strip()}, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores", flush=True)
    for mode, n in (("percmd", args.percmd), ("conc", args.conc)):
        if n <= 0:
            continue
        for client, argv in commands(args.build, mode, n):
            if args.clients and client not in args.clients.split(","):
                continue
            if isinstance(argv, str):
                print(f"{mode} {n}: {client}: skipped: {argv}", flush=True)
                continue
            done = subprocess.run(argv, capture_output=True, text=True, env=env)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            if not lines:
                print(f"{mode} {n}: {client}: no result ({done.stderr.strip()[-300:]})")
                failed = True
                continue
            result = json.loads(lines[-1])
            failed |= not result["ok"]
            rows.append((mode, result["n"], client, result))
            print(f"{mode} {n}: {client}: done", flush=True)

    print(f"\n{'mode':7} {'n':>5}  {'client':20} {'ok':3} {'per_cmd_ms':>10} {'wall_s':>8} "
          f"{'cpu_s':>7} {'rss_mb':>7}")
    for mode, n, client, r in rows:
        per_cmd = f"{r['per_cmd_ms']:.3f}" if r.get("per_cmd_ms") is not None else "-"
        print(f"{mode:7} {n:>5}  {client:20} {'yes' if r['ok'] else 'NO':3} {per_cmd:>10} "
              f"{r['wall_s']:>8.2f} {r['cpu_s']:>7.2f} {r['rss_mb']:>7.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
