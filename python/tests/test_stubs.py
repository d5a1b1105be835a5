"""python/src/annals/__init__.pyi describes the module: the same public names, docstrings."""
import ast
import inspect

import annals
from conftest import REPO


def stub_names():
    tree = ast.parse((REPO / "python" / "src" / "annals" / "__init__.pyi").read_text(encoding="utf-8"))
    return {n.name: n for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}


def test_stub_and_module_have_the_same_public_names():
    names = stub_names()
    public = {n for n in dir(annals) if not n.startswith("_")}
    assert public - set(names) == set()
    assert {n for n in names if not n.endswith("Dict")} - public == set()


def test_stub_members_exist():
    for name, node in stub_names().items():
        if isinstance(node, ast.ClassDef) and not name.endswith("Dict"):
            cls = getattr(annals, name)
            for member in node.body:
                if isinstance(member, ast.FunctionDef):
                    assert hasattr(cls, member.name), f"{name}.{member.name}"


def test_everything_public_is_documented():
    assert "code-point" in annals.__doc__
    for name in dir(annals):
        obj = getattr(annals, name)
        if not name.startswith("_") and (inspect.isclass(obj) or callable(obj)):
            assert obj.__doc__ and len(obj.__doc__) > 40, name
