#!/usr/bin/python3
"""vty-bench's four modes on netmiko, used as its documentation shows (threads for many)."""

import concurrent.futures
import sys
import time

from netmiko import ConnectHandler

import bench_common as bc

CLIENT = "netmiko"


def connect(args, target):
    conn = ConnectHandler(device_type="cisco_ios", host=target[0], port=target[1],
                          username=args.user, password=args.password, secret=args.secondary,
                          ssh_strict=False, system_host_keys=False, allow_agent=False,
                          use_keys=bool(args.key), key_file=args.key)
    conn.enable()  # session_preparation already sent terminal length 0 / width
    return conn


def single(args, target):
    try:
        conn = connect(args, target)
        ok = "Version" in conn.send_command("show version")
        conn.disconnect()
        return ok
    except Exception as e:  # one failed session, counted
        bc.warn(CLIENT, e)
        return False


def run(args, targets):
    out = {}
    failures = 0
    if args.mode == "single":
        failures += not single(args, targets[0])
    elif args.mode == "conc":
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.n) as pool:
            oks = list(pool.map(lambda i: single(args, targets[i % len(targets)]),
                                range(args.n)))
        failures += oks.count(False)
    elif args.mode == "percmd":
        conn = connect(args, targets[0])
        start = time.perf_counter()
        for _ in range(args.n):
            failures += "Version" not in conn.send_command("show version")
        out["per_cmd_ms"] = (time.perf_counter() - start) * 1000 / args.n
        conn.disconnect()
    else:
        conn = connect(args, targets[0])
        start = time.perf_counter()
        text = conn.send_command(f"show big {args.n}", delay_factor=1, max_loops=10**7)
        out["mb_per_s"] = args.n / (time.perf_counter() - start)
        out["nbytes"] = len(text)
        failures += bc.check_bytes(CLIENT, args, len(text))
        conn.disconnect()
    return failures, out


def main():
    args = bc.parse_args()
    with bc.Sim(args) as sim:
        start = time.perf_counter()
        try:
            failures, out = run(args, sim.targets)
        except Exception as e:
            bc.warn(CLIENT, e)
            failures, out = 1, {}
        return bc.print_result(CLIENT, args, failures, time.perf_counter() - start, **out)


if __name__ == "__main__":
    sys.exit(main())
