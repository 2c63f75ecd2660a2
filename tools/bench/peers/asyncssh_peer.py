#!/usr/bin/python3
"""vty-bench's four modes on asyncssh with a raw read loop: the fastest honest Python."""

import asyncio
import sys
import time

import asyncssh

import bench_common as bc

CLIENT = "asyncssh"


def at_prompt(buf):
    if not buf or buf[-1:] not in (b"#", b">"):
        return False
    return b" " not in buf[buf.rfind(b"\n") + 1:]


class Session:
    async def open(self, args, target):
        self.conn = await asyncssh.connect(target[0], port=target[1], username=args.user,
                                           password=args.password, known_hosts=None,
                                           client_keys=[args.key] if args.key else None,
                                           agent_path=None)
        self.proc = await self.conn.create_process(term_type="xterm", term_size=(511, 24),
                                                   encoding=None)
        if (await self.read_until(at_prompt)).endswith(b">"):
            self.proc.stdin.write(b"enable\n")
            await self.read_until(lambda b: b.rstrip().endswith(b"Password:"))
            self.proc.stdin.write(args.secondary.encode() + b"\n")
            if not (await self.read_until(at_prompt)).endswith(b"#"):
                raise RuntimeError("enable failed")
        await self.send("terminal length 0")
        await self.send("terminal width 512")
        return self

    async def read_until(self, done):
        buf = bytearray()
        while not done(buf):
            chunk = await self.proc.stdout.read(65536)
            if not chunk:
                raise RuntimeError("session closed")
            buf += chunk
        return bytes(buf)

    async def send(self, command):
        self.proc.stdin.write(command.encode() + b"\n")
        return await self.read_until(at_prompt)

    async def close(self):
        self.proc.stdin.write(b"exit\n")
        self.conn.close()
        await self.conn.wait_closed()


async def single(args, target):
    try:
        s = await Session().open(args, target)
        ok = b"Version" in await s.send("show version")
        await s.close()
        return ok
    except Exception as e:  # one failed session, counted
        bc.warn(CLIENT, e)
        return False


async def run(args, targets):
    out = {}
    failures = 0
    if args.mode == "single":
        failures += not await single(args, targets[0])
    elif args.mode == "conc":
        oks = await asyncio.gather(*(single(args, targets[i % len(targets)])
                                     for i in range(args.n)))
        failures += oks.count(False)
    elif args.mode == "percmd":
        s = await Session().open(args, targets[0])
        start = time.perf_counter()
        for _ in range(args.n):
            failures += b"Version" not in await s.send("show version")
        out["per_cmd_ms"] = (time.perf_counter() - start) * 1000 / args.n
        await s.close()
    else:
        s = await Session().open(args, targets[0])
        start = time.perf_counter()
        text = await s.send(f"show big {args.n}")
        out["mb_per_s"] = args.n / (time.perf_counter() - start)
        body = text[text.find(b"\n") + 1:text.rfind(b"\n")]
        got = len(body) - body.count(b"\r")
        out["nbytes"] = got
        failures += bc.check_bytes(CLIENT, args, got)
        await s.close()
    return failures, out


def main():
    args = bc.parse_args()
    with bc.Sim(args) as sim:
        start = time.perf_counter()
        try:
            failures, out = asyncio.run(run(args, sim.targets))
        except Exception as e:
            bc.warn(CLIENT, e)
            failures, out = 1, {}
        return bc.print_result(CLIENT, args, failures, time.perf_counter() - start, **out)


if __name__ == "__main__":
    sys.exit(main())
