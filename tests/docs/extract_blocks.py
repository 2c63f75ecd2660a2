#!/usr/bin/env python3
"""Turns every ```cpp block of the documentation into a test source of its own.

usage: extract_blocks.py SOURCE_DIR OUT_DIR FILE.md...

Each block needs a directive on the line before its fence (blank lines allowed between),
an HTML comment that the rendered page does not show:

  <!-- doc-test: KIND [key=value ...] -->

KIND says how the block runs against vty-sim (tests/docs/doc_support.hpp):
  program    a whole program: its main() runs, its output is captured
  coroutine  statements in a coroutine that has `io`, `executor` and `options` (a device
             of vty-sim); key conn=1 connects `conn` first. The block and the epilogue
             share a scope of their own (a block may declare its own `options`)
  blocking   statements in a function that has `options`
  compile    compiled only, as statements in a coroutine; key reason= says why it cannot
             run on loopback
  declarations  compiled only, at namespace scope (types, functions); reason= as above
Other keys: sim="ARGS" (vty-sim arguments, e.g. other credentials), transport=telnet
(the port `10.0.0.1` stands for), platform=NAME (vty-sim plays it, `options` names it), prelude="CODE", epilogue="CODE", expect="TEXT" (the
captured output contains it; may repeat).

The documented address "10.0.0.1" becomes vty-sim's: 127.0.0.1 and its port. Nothing else
in a block is changed; #line directives point compiler errors at the markdown.
"""
import pathlib
import re
import shlex
import sys

DIRECTIVE = re.compile(r"^\s*<!--\s*doc-test:\s*(.*?)\s*-->\s*$")
KINDS = {"program", "coroutine", "blocking", "compile", "declarations"}


def fail(where, message):
    sys.exit(f"{where}: {message}")


def blocks(path, rel):
    lines = path.read_text(encoding="utf-8").splitlines()
    directive, directive_line = None, 0
    i = 0
    while i < len(lines):
        line = lines[i]
        m = DIRECTIVE.match(line)
        if m:
            directive, directive_line = m.group(1), i + 1
        elif line.strip() == "```cpp":
            start = i + 1
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            if directive is None:
                fail(f"{rel}:{start}", "a ```cpp block without a <!-- doc-test: ... --> line "
                     "before it (tests/docs/extract_blocks.py says how to write one)")
            yield start, directive, directive_line, body
            directive = None
        elif line.strip() and directive is not None and not line.startswith("<!--"):
            fail(f"{rel}:{directive_line}", "a doc-test directive not followed by a ```cpp block")
        i += 1


def parse(directive, where):
    words = shlex.split(directive)
    if not words or words[0] not in KINDS:
        fail(where, f"doc-test kind must be one of {sorted(KINDS)}")
    keys = {"expect": []}
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep:
            fail(where, f"'{word}' is not key=value")
        if key == "expect":
            keys["expect"].append(value)
        elif key in ("sim", "transport", "platform", "prelude", "epilogue", "reason", "conn"):
            keys[key] = value
        else:
            fail(where, f"unknown doc-test key '{key}'")
    if words[0] in ("compile", "declarations") and "reason" not in keys:
        fail(where, "a compile-only block says why it cannot run: reason=\"...\"")
    if words[0] not in ("compile", "declarations") and not keys["expect"]:
        fail(where, "a block that runs says what its output shows: expect=\"...\"")
    return words[0], keys


def cpp_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def substitute(line):
    # The documented device address is vty-sim's (port included).
    line = re.sub(r'(\w+)\.host = "10\.0\.0\.1";',
                  r'\1.host = "127.0.0.1"; \1.port = vty::doc::port();', line)
    line = re.sub(r'(?<![\w)\]])\.host = "10\.0\.0\.1"',
                  '.host = "127.0.0.1", .port = vty::doc::port()', line)
    return line.replace('"10.0.0.1"', '"127.0.0.1"')


def with_return(block):
    # main() alone may end without a return; the renamed function may not.
    if any("return" in line for line in block):
        return block
    last = max(i for i, line in enumerate(block) if line.strip() == "}")
    return block[:last] + ["  return 0;  // main's implicit return"] + block[last:]


def generate(rel, start, kind, keys, body, out_name):
    includes = [l for l in body if l.startswith("#include")]
    # Includes move to the top (the block's code lands inside a namespace); blank lines keep
    # the line numbers.
    block = [f'#line {start + 1} "{rel}"'] + ["" if l.startswith("#include") else substitute(l)
                                              for l in body]
    prelude = keys.get("prelude", "")
    if keys.get("conn"):
        prelude = "auto conn = co_await vty::connect(executor, options);\n" + prelude
    epilogue = keys.get("epilogue", "")
    back = f'#line 1 "{out_name}"'
    out = [f"// Generated by tests/docs/extract_blocks.py from {rel}:{start}: do not edit.",
           '#include "doc_support.hpp"', *includes, "", "namespace {", ""]
    if kind == "program":
        out += ["#define main doc_program", *with_return(block), back, "#undef main"]
    elif kind == "declarations":
        out += [prelude, *block, back]
    elif kind == "blocking":
        out += ["void doc_block([[maybe_unused]] const vty::Options& options) {", prelude,
                "{", *block, back, epilogue, "}", "}"]
    else:
        out += ["[[maybe_unused]] asio::awaitable<void> doc_block(",
                "                                [[maybe_unused]] asio::io_context& io,",
                "                                [[maybe_unused]] asio::any_io_executor executor,",
                "                                [[maybe_unused]] const vty::Options& options) {",
                prelude, "{", *block, back, epilogue, "}", "  co_return;", "}"]
    out += ["", "}  // namespace", ""]
    if kind in ("compile", "declarations"):
        out.append(f"// Compiled only: {keys['reason']}")
        return "\n".join(out) + "\n"
    name = f"{rel}: the block at line {start} compiles and runs against vty-sim"
    sim_args = shlex.split(keys.get("sim", ""))
    args = "{" + ", ".join(cpp_string(a) for a in sim_args) + "}"
    transport = keys.get("transport", "libssh")
    run = {"program": "device.run_program(doc_program)",
           "blocking": "device.run_blocking(doc_block)",
           "coroutine": "device.run_coroutine(doc_block)"}[kind]
    out += [f"TEST_CASE({cpp_string(name)}, \"[docs]\") {{",
            f"  vty::doc::Device device({args}, {cpp_string(transport)}, "
            f"{cpp_string(keys.get('platform', 'cisco_iosxe'))});",
            f"  const std::string output = {run};",
            "  INFO(output);"]
    out += [f"  CHECK_THAT(output, Catch::Contains({cpp_string(e)}));" for e in keys["expect"]]
    out += ["}", ""]
    return "\n".join(out)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    source, out_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for name in sys.argv[3:]:
        path = pathlib.Path(name)
        rel = path.resolve().relative_to(source.resolve()).as_posix()
        for start, directive, directive_line, body in blocks(path, rel):
            kind, keys = parse(directive, f"{rel}:{directive_line}")
            stem = re.sub(r"[^A-Za-z0-9]+", "_", rel.removesuffix(".md")) + f"_{start}"
            out_name = f"doc_{stem}.cpp"
            text = generate(rel, start, kind, keys, body, out_name)
            target = out_dir / out_name
            if not target.exists() or target.read_text() != text:
                target.write_text(text)  # unchanged blocks are not rebuilt
            wanted.add(out_name)
    for stale in out_dir.glob("doc_*.cpp"):
        if stale.name not in wanted:
            stale.unlink()
    print(";".join(sorted(str(out_dir / w) for w in wanted)), end="")


if __name__ == "__main__":
    main()
