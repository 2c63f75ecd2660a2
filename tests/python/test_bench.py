"""tools/bench/python_bench.py runs its clients and prints their figures (no timing is
asserted: only that every client it ran succeeded and reported)."""

import os
import pathlib
import subprocess
import sys

SOURCE = pathlib.Path(os.environ.get("VTY_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


def test_a_small_run_reports_every_client():
    done = subprocess.run(
        [sys.executable, str(SOURCE / "tools/bench/python_bench.py"), "--build",
         os.environ["VTY_BUILD_DIR"], "--percmd", "20", "--conc", "20",
         "--clients", "vty-cpp,vty-python,vty-python-asyncio,asyncssh,scrapli"],
        capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line.split() for line in done.stdout.splitlines()
            if line.startswith(("percmd ", "conc ")) and ":" not in line]
    clients = {(row[0], row[2]) for row in rows if row[3] == "yes"}
    assert {("percmd", "vty-cpp"), ("percmd", "vty-python"), ("percmd", "vty-python-asyncio"),
            ("conc", "vty-cpp"), ("conc", "vty-python-asyncio")} <= clients
    assert "scrapli" in done.stdout  # run, or named as absent
