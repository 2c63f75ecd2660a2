"""The type stubs (vty/__init__.pyi) describe the module as it is: every name, every verb."""

import ast
import inspect
import pathlib

import vty

STUBS = ast.parse((pathlib.Path(vty.__file__).parent / "__init__.pyi").read_text())


def stubbed():
    for node in STUBS.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            yield node


def test_every_stubbed_name_exists_and_every_public_name_is_stubbed():
    names = {node.name for node in stubbed()}
    assert all(hasattr(vty, name) for name in names), names - set(dir(vty))
    public = {n for n in dir(vty) if not n.startswith("_") and inspect.isclass(getattr(vty, n))}
    assert public <= names, public - names


def test_every_stubbed_method_exists_with_its_keywords():
    for node in stubbed():
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(vty, node.name)
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert hasattr(cls, item.name), f"{node.name}.{item.name}"
                method = getattr(cls, item.name)
                if node.name in ("Driver", "AsyncDriver") and not item.name.startswith("__"):
                    stub_keywords = [a.arg for a in item.args.kwonlyargs]
                    real = inspect.signature(method).parameters
                    assert all(k in real for k in stub_keywords), f"{node.name}.{item.name}"
                    assert inspect.iscoroutinefunction(method) == isinstance(
                        item, ast.AsyncFunctionDef), f"{node.name}.{item.name}"
