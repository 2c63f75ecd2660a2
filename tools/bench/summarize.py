#!/usr/bin/python3
"""Writes docs/BENCHMARKS.md whole from one tools/bench/run: the template's method text
with every result, version, target verdict and ratio computed from the run's JSON lines.

usage: summarize.py --template T --targets J --results R [--first-byte F] [--versions V]
                    [--meta KEY=VALUE ...]
"""

import argparse
import json
import re
import statistics
import sys

FIELDS = ["wall_s", "cpu_s", "rss_mb", "per_cmd_ms", "mb_per_s"]
VTY = "vty-libssh"


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--template", required=True)
    p.add_argument("--targets", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--first-byte")
    p.add_argument("--versions")
    p.add_argument("--meta", action="append", default=[])
    return p.parse_args()


def fmt(v, digits=3):
    if v is None:
        return "–"
    if isinstance(v, int):
        return str(v)
    return f"{v:.{digits}g}" if abs(v) < 1000 else f"{v:.0f}"


class Runs:
    """The results of one target (vty-sim or sshd), the paired runs left out."""

    def __init__(self, rows):
        self.rows = rows
        self.clients = list(dict.fromkeys(r["client"] for r in rows))
        self.modes = list(dict.fromkeys((r["mode"], r["n"]) for r in rows))

    def runs(self, client, mode, n):
        return [r for r in self.rows if r["client"] == client and r["mode"] == mode and r["n"] == n]

    def median(self, client, mode, n, field):
        values = [r[field] for r in self.runs(client, mode, n)
                  if r["ok"] and r.get(field) is not None]
        return statistics.median(values) if values else None

    def sizes(self, client, mode):
        return sorted({n for (m, n) in self.modes if m == mode and self.runs(client, mode, n)})

    def metric(self, client, metric, mode, n):
        """A target's figure for one client at mode size n; None when not measured."""
        if metric == "cpu_ms_per_session":
            cpu = self.median(client, mode, n, "cpu_s")
            return cpu * 1000 / n if cpu is not None else None
        if metric == "rss_kb_growth":
            rss, rss1 = self.median(client, mode, n, "rss_mb"), self.median(client, mode, 1, "rss_mb")
            return (rss - rss1) * 1024 / (n - 1) if n > 1 and rss and rss1 else None
        if metric == "ok_fraction":
            runs = self.runs(client, mode, n)
            return sum(r["ok"] for r in runs) / len(runs) if runs else None
        if metric == "big_linearity":
            small = [s for s in self.sizes(client, mode) if s < n]
            m_big = self.median(client, mode, n, "mb_per_s")
            if not small or not m_big:
                return None
            # time(n) / time(small), brought to a tenfold step: time(100 MB) / time(10 MB)
            # itself when the run has those two sizes, 10 when the time is linear.
            m_small = self.median(client, mode, small[0], "mb_per_s")
            if not m_small:
                return None
            return (n / m_big) / (small[0] / m_small) * 10 / (n / small[0])
        return self.median(client, mode, n, metric)


def size_for(runs, target, clients):
    """The size a target is judged at: its own, else the largest every client ran."""
    common = None
    for c in clients:
        s = set(runs.sizes(c, target["mode"]))
        common = s if common is None else common & s
    if not common:
        return None
    return target["at"] if target["at"] in common else max(common)


def holds(value, op, limit):
    return value <= limit if op == "<=" else value >= limit


def verdict_cells(target, runs, pairs, first_byte):
    """(measured, verdict) cells of the targets table."""
    op, limit, unit = target["op"], target["limit"], target.get("unit", "")
    if target["kind"] == "paired":
        ratios = [p["ratio"] for p in pairs if p["ratio"] is not None]
        if not ratios:
            return "not measured", "not measured: no paired run"
        r = statistics.median(ratios)
        return (f"{r:.2f}× (median of {len(ratios)} pairs, {min(ratios):.2f}–{max(ratios):.2f}×)",
                verdict(holds(r, op, limit), f"{r:.2f}×"))
    if target["kind"] == "first_byte":
        row = next((f for f in first_byte if f["client"] == target["client"]), None)
        if row is None:
            return "not measured", "not measured: first_byte not run"
        v = row["median_ms"]
        return f"{v:.1f}{unit} ({row['runs']} runs)", verdict(holds(v, op, limit), f"{v:.1f}{unit}")
    clients = [target["client"]] + ([target["other"]] if target["kind"] == "ratio" else [])
    missing = [c for c in clients if c not in runs.clients]
    if missing:
        return "not measured", f"not measured: {', '.join(missing)} not run"
    n = size_for(runs, target, clients)
    if n is None:
        return "not measured", f"not measured: no {target['mode']} run"
    at = "" if n == target["at"] else f"; at {target['mode']} {n}, not {target['at']}"
    a = runs.metric(target["client"], target["metric"], target["mode"], n)
    if target["kind"] == "value":
        if a is None:
            return "not measured", f"not measured: {why(runs, target, n)}{at}"
        return f"{fmt(a)}{unit}", verdict(holds(a, op, limit), f"{fmt(a)}{unit}") + at
    b = runs.metric(target["other"], target["metric"], target["mode"], n)
    if a is None or not b:
        return "not measured", f"not measured: {why(runs, target, n)}{at}"
    r = a / b
    return (f"{fmt(a)} / {fmt(b)} = {r:.2f}×",
            verdict(holds(r, op, limit), f"{r:.2f}×") + at)


def why(runs, target, n):
    """Why a target's figure is missing at size n."""
    if target["metric"] == "rss_kb_growth" and not runs.sizes(target["client"], "conc").count(1):
        return "no conc 1 run to grow from"
    if target["metric"] == "big_linearity":
        return "needs two big sizes"
    return f"no successful {target['mode']} {n} run"


def verdict(ok, figure):
    return f"**met** ({figure})" if ok else f"**not met** ({figure})"


def medians_table(runs):
    out = ["| client | mode | n | ok runs | wall s | cpu s | peak RSS MB | ms/cmd | MB/s |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for mode, n in runs.modes:
        for client in runs.clients:
            rs = runs.runs(client, mode, n)
            if not rs:
                continue
            ok = sum(r["ok"] for r in rs)
            vals = " | ".join(fmt(runs.median(client, mode, n, f)) for f in FIELDS)
            out.append(f"| {client} | {mode} | {n} | {ok}/{len(rs)} | {vals} |")
    return out


def ratios_table(runs):
    """vty's figures over the floor's and the peers', mode by mode."""
    others = [c for c in ("floor", "asyncssh", "netmiko") if c in runs.clients]
    mine = [c for c in runs.clients if c in (VTY, "vty-system")]  # telnet: no SSH peer
    if not others or not mine:
        return []
    rows = [("single", "wall_s", "single: open+enable+show+close, wall"),
            ("percmd", "per_cmd_ms", "percmd: ms per command"),
            ("big", "mb_per_s", "big: MB/s (higher is better)"),
            ("conc", "cpu_ms_per_session", "conc: CPU ms per session")]
    out = ["| figure | n | " + " | ".join(f"{m}/{o}" for m in mine for o in others) + " |",
           "|---|---:|" + "---:|" * (len(mine) * len(others))]
    for mode, metric, label in rows:
        for n in sorted({n for (m, n) in runs.modes if m == mode}):
            cells = []
            for m in mine:
                for o in others:
                    a, b = runs.metric(m, metric, mode, n), runs.metric(o, metric, mode, n)
                    cells.append(f"{a / b:.2f}×" if a is not None and b else "–")
            if any(c != "–" for c in cells):
                out.append(f"| {label} | {n} | " + " | ".join(cells) + " |")
    return out


def conc_table(runs):
    ns = sorted({n for (m, n) in runs.modes if m == "conc"})
    if not ns:
        return []
    out = ["RSS growth is (peak RSS at conc N − peak RSS at conc 1) / (N − 1).", "",
           "| client | " + " | ".join(f"conc {n}: ok, CPU ms/session, KB/session" for n in ns) + " |",
           "|---|" + "---|" * len(ns)]
    for client in runs.clients:
        cells = []
        for n in ns:
            rs = runs.runs(client, "conc", n)
            if not rs:
                cells.append("–")
                continue
            ok = sum(r["ok"] for r in rs)
            cpu = runs.metric(client, "cpu_ms_per_session", "conc", n)
            grow = runs.metric(client, "rss_kb_growth", "conc", n)
            cells.append(f"{ok}/{len(rs)}, {fmt(cpu)}, {fmt(grow)}")
        out.append(f"| {client} | " + " | ".join(cells) + " |")
    return out


def pair_rows(rows):
    pairs = {}
    for r in rows:
        pairs.setdefault(r["pair"], {})[r["client"]] = r
    out = []
    for i in sorted(pairs):
        v, f = pairs[i].get(VTY), pairs[i].get("floor")
        a = v["per_cmd_ms"] if v and v["ok"] else None
        b = f["per_cmd_ms"] if f and f["ok"] else None
        out.append({"pair": i, "vty": a, "floor": b,
                    "ratio": a / b if a is not None and b else None})
    return out


def main():
    args = parse()
    meta = dict(m.split("=", 1) for m in args.meta)
    rows = [json.loads(line) for line in open(args.results) if line.strip()]
    first_byte = ([json.loads(line) for line in open(args.first_byte) if line.strip()]
                  if args.first_byte else [])
    targets = json.load(open(args.targets))["targets"]
    by_target = {}
    for r in rows:
        if r.get("phase") != "pair":
            by_target.setdefault(r.get("target", "sim"), []).append(r)
    sim = Runs(by_target.get("sim", []))
    pairs = pair_rows([r for r in rows if r.get("phase") == "pair"])
    parts = {}

    parts["RUN"] = "\n".join([
        f"Run {meta.get('started', '?')} to {meta.get('finished', '?')} on {meta.get('nproc', '?')} "
        f"cores ({meta.get('cpu', '?')}), load average {meta.get('load_start', '?')} at the start "
        f"and {meta.get('load_end', '?')} at the end; medians of {meta.get('repeats', '?')} "
        f"repeats; vty at commit {meta.get('commit', '?')}.",
        "",
        f"Command: `{meta.get('command', '?')}`",
    ])

    lines = ["| component | version, as it prints it at run time | asked with |", "|---|---|---|"]
    if args.versions:
        for line in open(args.versions):
            if not line.strip():
                continue
            name, version, how = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            if name == "netmiko" and version.startswith("2."):
                version += (" (Debian 12's python3-netmiko, the version measured here; "
                            "upstream's current netmiko is 4.x)")
            lines.append(f"| {name} | {version or 'not found'} | {how} |")
    parts["VERSIONS"] = "\n".join(lines)

    lines = ["| issue | target | measured | verdict |", "|---|---|---|---|"]
    for t in targets:
        measured, v = verdict_cells(t, sim, pairs, first_byte)
        lines.append(f"| {t['issue']} | {t['text']} | {measured} | {v} |")
    parts["TARGETS"] = "\n".join(lines)

    if pairs:
        lines = [f"`percmd {meta.get('pair_n', '?')}`, {len(pairs)} pairs:", "",
                 "| pair | vty-libssh ms/cmd | floor ms/cmd | ratio |", "|---:|---:|---:|---:|"]
        for p in pairs:
            lines.append(f"| {p['pair']} | {fmt(p['vty'])} | {fmt(p['floor'])} | "
                         f"{fmt(p['ratio'], 3) if p['ratio'] is not None else '–'} |")
        ratios = [p["ratio"] for p in pairs if p["ratio"] is not None]
        if ratios:
            lines += ["", f"Median ratio {statistics.median(ratios):.2f}× "
                          f"({min(ratios):.2f}–{max(ratios):.2f}×, {len(ratios)} pairs)."]
        parts["PAIRS"] = "\n".join(lines)
    else:
        parts["PAIRS"] = "No paired runs in this run (`--pairs 0`)."

    def target_section(name, runs):
        if not runs.rows:
            return f"Not run in this run (`--targets` did not name {name})."
        out = ["Medians:", ""] + medians_table(runs)
        ratios = ratios_table(runs)
        if ratios:
            out += ["", "Ratios of the medians (vty over the others; below 1 is vty ahead, "
                        "except MB/s):", ""] + ratios
        conc = conc_table(runs)
        if conc:
            out += ["", "Concurrency (client CPU and RSS growth per session):", ""] + conc
        return "\n".join(out)

    parts["SIM"] = target_section("sim", sim)
    parts["SSHD"] = target_section("sshd", Runs(by_target.get("sshd", [])))

    if first_byte:
        lines = ["| client | runs | median ms | min ms | max ms |", "|---|---:|---:|---:|---:|"]
        for f in first_byte:
            lines.append(f"| {f['client']} | {f['runs']} | {f['median_ms']} | {f['min_ms']} | "
                         f"{f['max_ms']} |")
        parts["FIRST_BYTE"] = "\n".join(lines)
    else:
        parts["FIRST_BYTE"] = "Not run in this run (`--first-byte-repeats 0`)."

    page = open(args.template).read()
    for key, text in parts.items():
        page = page.replace(f"@{key}@", text)
    left = re.findall(r"@[A-Z_]+@", page)
    if left:
        print(f"summarize: placeholders left unfilled: {left}", file=sys.stderr)
        return 1
    sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
