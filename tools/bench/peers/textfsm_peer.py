#!/usr/bin/python3
"""python3-textfsm's parse time for vty-bench-textfsm: TEMPLATE FILE [REPEATS] -> one JSON line.

Reads FILE first, compiles TEMPLATE, then takes the best CPU time of ParseTextToDicts alone
over REPEATS runs (as vty's figure).
"""
import json
import sys
import time

import textfsm


def main():
    template_path, input_path = sys.argv[1], sys.argv[2]
    with open(input_path, encoding="utf-8") as f:
        text = f.read()
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    best, rows = None, []
    for _ in range(repeats):
        with open(template_path, encoding="utf-8") as t:
            fsm = textfsm.TextFSM(t)
        started = time.process_time()
        rows = fsm.ParseTextToDicts(text)
        seconds = time.process_time() - started
        best = seconds if best is None else min(best, seconds)
    print(json.dumps({"seconds": best, "rows": len(rows)}))


if __name__ == "__main__":
    main()
