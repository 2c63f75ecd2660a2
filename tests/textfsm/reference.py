#!/usr/bin/python3
"""python3-textfsm's answer for a template and an input, printed as `vty parse` prints it.

usage: reference.py TEMPLATE INPUT        print the answer
       reference.py --write-expected DIR  write DIR/NAME.expected for every DIR/NAME.textfsm
                                          (input DIR/NAME.raw)
       reference.py --index DIR PLATFORM COMMAND...
                                          for each COMMAND, the Template column of the row
                                          clitable picks in DIR/index (an empty line: none)

Rows: one JSON array, one object per line (the format of `vty parse --textfsm`).
Errors: one line, "TemplateError: MESSAGE" or "StateError: MESSAGE" (python3-textfsm's).
Where vty documents a difference (an unmatched optional group inside a List value is None
in Python, "" in vty), the rows are normalised to vty's form.
"""
import glob
import warnings
import json
import os
import sys

import textfsm


def normalise(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    return value


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def answer(template_path, input_path):
    with open(input_path, encoding="utf-8", newline="") as f:
        text = f.read()
    try:
        with open(template_path, encoding="utf-8") as t:
            fsm = textfsm.TextFSM(t)
        rows = [normalise(r) for r in fsm.ParseTextToDicts(text)]
    except textfsm.TextFSMTemplateError as e:
        return "TemplateError: %s" % e
    except textfsm.TextFSMError as e:
        return "StateError: %s" % e
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(dumps(r) for r in rows) + "\n]"


def main():
    warnings.simplefilter("ignore")  # FutureWarning on "[[" in a class: not an answer
    if sys.argv[1] == "--index":
        from textfsm import clitable

        table = clitable.CliTable("index", sys.argv[2])
        for command in sys.argv[4:]:
            row = table.index.GetRowMatch({"Platform": sys.argv[3], "Command": command})
            print(table.index.index[row]["Template"] if row else "")
        return
    if sys.argv[1] == "--write-expected":
        for template in sorted(glob.glob(os.path.join(sys.argv[2], "*.textfsm"))):
            base = template[: -len(".textfsm")]
            with open(base + ".expected", "w", encoding="utf-8") as out:
                out.write(answer(template, base + ".raw") + "\n")
        return
    print(answer(sys.argv[1], sys.argv[2]))


if __name__ == "__main__":
    main()
