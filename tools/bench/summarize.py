#!/usr/bin/python3
"""Turns tools/bench/run's JSON lines into the markdown of docs/BENCHMARKS.md: medians per
client x mode, then the issue's targets as ratios of vty to the floor and the peers."""

import json
import statistics
import sys
import time

results_file, repeats, nproc, cpu, command = sys.argv[1:6]
rows = [json.loads(line) for line in open(results_file) if line.strip()]
clients = list(dict.fromkeys(r["client"] for r in rows))
modes = list(dict.fromkeys((r["mode"], r["n"]) for r in rows))
FIELDS = ["wall_s", "cpu_s", "rss_mb", "per_cmd_ms", "mb_per_s"]


def runs(client, mode):
    return [r for r in rows if r["client"] == client and r["mode"] == mode[0] and r["n"] == mode[1]]


def median(client, mode, field):
    values = [r[field] for r in runs(client, mode) if r["ok"] and r[field] is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=3):
    if v is None:
        return "–"
    return f"{v:.{digits}g}" if abs(v) < 1000 else f"{v:.0f}"


def find(client, mode, n, field):
    for m in modes:
        if m[0] == mode and (n is None or m[1] == n) and runs(client, m):
            return median(client, m, field)
    return None


def derived(client):
    """The issue's target metrics for one client; None where a run is missing."""
    out = {}
    out["ms per command (percmd)"] = find(client, "percmd", None, "per_cmd_ms")
    out["MB/s at 100 MB"] = find(client, "big", 100, "mb_per_s")
    m10, m100 = find(client, "big", 10, "mb_per_s"), find(client, "big", 100, "mb_per_s")
    out["time(100 MB) / time(10 MB)"] = (100 / m100) / (10 / m10) if m10 and m100 else None
    out["peak RSS during big 100 (MB)"] = find(client, "big", 100, "rss_mb")
    out["single: open+enable+show+close (s)"] = find(client, "single", None, "wall_s")
    c1 = {f: find(client, "conc", 1, f) for f in FIELDS}
    c100 = {f: find(client, "conc", 100, f) for f in FIELDS}
    out["conc 100 wall (s)"] = c100["wall_s"]
    out["conc 100 CPU per session (ms)"] = (
        c100["cpu_s"] * 1000 / 100 if c100["cpu_s"] is not None else None)
    out["RSS growth per session, conc 1→100 (KB)"] = (
        (c100["rss_mb"] - c1["rss_mb"]) * 1024 / 99
        if c100["rss_mb"] is not None and c1["rss_mb"] is not None else None)
    c1000 = {f: find(client, "conc", 1000, f) for f in FIELDS}
    out["conc 1000 CPU per session (ms)"] = (
        c1000["cpu_s"] * 1000 / 1000 if c1000["cpu_s"] is not None else None)
    out["RSS growth per session, conc 1→1000 (KB)"] = (
        (c1000["rss_mb"] - c1["rss_mb"]) * 1024 / 999
        if c1000["rss_mb"] is not None and c1["rss_mb"] is not None else None)
    out["peak RSS streaming 100 MB to a sink (MB)"] = find(client, "stream", 100, "rss_mb")
    return out


TARGETS = {
    "ms per command (percmd)": "≤ 1.3× floor, ≤ 0.5× asyncssh",
    "MB/s at 100 MB": "≥ 0.8× floor",
    "time(100 MB) / time(10 MB)": "≤ 11",
    "peak RSS during big 100 (MB)": "≤ 300 (3× output)",
    "conc 100 CPU per session (ms)": "≤ 5",
    "RSS growth per session, conc 1→100 (KB)": "≤ 100",
    "conc 1000 CPU per session (ms)": "≤ 5",
    "RSS growth per session, conc 1→1000 (KB)": "≤ 100",
    "peak RSS streaming 100 MB to a sink (MB)": "≤ 16",
}

out = []
out.append(f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {nproc} cores "
           f"({cpu}); medians of {repeats} repeats; every client talked to the same vty-sim "
           f"(one process, its CPU not counted).\n")
out.append(f"Command: `{command}`\n")
out.append("### Medians\n")
out.append("| client | mode | n | ok runs | wall s | cpu s | peak RSS MB | ms/cmd | MB/s |")
out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
for mode in modes:
    for client in clients:
        rs = runs(client, mode)
        if not rs:
            continue
        ok = sum(r["ok"] for r in rs)
        vals = " | ".join(fmt(median(client, mode, f)) for f in FIELDS)
        out.append(f"| {client} | {mode[0]} | {rs[0]['n']} | {ok}/{len(rs)} | {vals} |")

d = {c: derived(c) for c in clients}
vty = "vty-libssh"
others = [c for c in ("floor", "asyncssh", "netmiko") if c in clients]
out.append("\n### Targets (vty = vty-libssh)\n")
head = "| metric | target | " + " | ".join(clients) + " | " + " | ".join(
    f"vty/{c}" for c in others) + " |"
out.append(head)
out.append("|---|---|" + "---:|" * (len(clients) + len(others)))
for metric in d[clients[0]]:
    cells = [fmt(d[c][metric]) for c in clients]
    ratios = []
    for c in others:
        a, b = d.get(vty, {}).get(metric), d[c][metric]
        ratios.append(fmt(a / b, 2) if a is not None and b else "–")
    out.append(f"| {metric} | {TARGETS.get(metric, '')} | " + " | ".join(cells) + " | " +
               " | ".join(ratios) + " |")
conc_ns = sorted({m[1] for m in modes if m[0] == "conc"})
if conc_ns:
    out.append("\n### Concurrency curve (client CPU and RSS growth per session)\n")
    out.append("RSS growth is (peak RSS at conc N − peak RSS at conc 1) / (N − 1).\n")
    out.append("| client | " + " | ".join(f"conc {n}: ok, CPU ms/session, KB/session"
                                         for n in conc_ns) + " |")
    out.append("|---|" + "---|" * len(conc_ns))
    for client in clients:
        cells = []
        for n in conc_ns:
            rs = runs(client, ("conc", n))
            if not rs:
                cells.append("–")
                continue
            ok = sum(r["ok"] for r in rs)
            cpu = median(client, ("conc", n), "cpu_s")
            rss, rss1 = median(client, ("conc", n), "rss_mb"), find(client, "conc", 1, "rss_mb")
            grow = (rss - rss1) * 1024 / (n - 1) if n > 1 and rss and rss1 else None
            cells.append(f"{ok}/{len(rs)}, {fmt(cpu * 1000 / n if cpu else None)}, {fmt(grow)}")
        out.append(f"| {client} | " + " | ".join(cells) + " |")
print("\n".join(out))
