"""The package as an editor sees it: the stub declares what the module exports, and help() says
how amounts are given."""

import ast
import pathlib

import c3p_budget as c3p

STUB = pathlib.Path(c3p.__file__).with_name("__init__.pyi")


def test_the_stub_declares_every_exported_name_and_nothing_else():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    declared = {node.name for node in tree.body if isinstance(node, (ast.ClassDef, ast.FunctionDef))}
    assert declared == set(c3p.__all__)


def test_the_stub_declares_each_function_s_keywords():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("read_"):
            stub = [a.arg for a in node.args.args + node.args.kwonlyargs]
            code = getattr(c3p, node.name).__code__
            assert stub == list(code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]), node.name


def test_help_texts_say_how_amounts_are_given():
    assert "never float" in c3p.Budget.__doc__
    assert "Decimal" in c3p.Budget.add.__doc__ and "備品費" in c3p.Budget.add.__doc__
    assert "contract amount" in c3p.settle.__doc__
    assert "openpyxl" in c3p.read_xlsx.__doc__
    pyproject = (pathlib.Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{c3p.__version__}"' in pyproject  # the package's version is the library's
