"""Shared fixtures: where the repository, ../shared and the CLI are.

The package under test is the one `import annals` finds: on PYTHONPATH
(scripts/test points it at build-test/python), or pip-installed in the venv
that runs pytest (tests/pip_install_test.sh). ANNALS_BIN names the CLI for
cross-checks (default build-test/annals). Tests needing ../shared skip when it is absent.
"""
import os
import pathlib
import re

import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# python/ holds dask_timelines.py; Dask worker processes import it by name,
# so it must be on their PYTHONPATH too.
PYDIR = str(REPO / "python")
if PYDIR not in sys.path:
    sys.path.insert(0, PYDIR)
if PYDIR not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), PYDIR) if p)
SHARED = pathlib.Path(os.environ.get("ANNALS_SHARED", REPO.parent / "shared"))
T17 = SHARED / "data" / "t17"
SEED = REPO / "examples" / "reuters-2013-01-30-syria-opposition-talks.txt"


@pytest.fixture(scope="session")
def cli():
    path = pathlib.Path(os.environ.get("ANNALS_BIN", REPO / "build-test" / "annals"))
    if not path.is_file():
        pytest.skip(f"annals CLI not built ({path})")
    return str(path)


@pytest.fixture(scope="session")
def t17():
    if not T17.is_dir():
        pytest.skip(f"{T17} absent (needs ../shared)")
    return T17


def read_dated(path):
    """(dct, text, offset) of a ' date YYYY-MM-DD <article>' file."""
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", raw)
    assert m, f"{path}: no date header"
    return m.group(1), raw[m.end():], m.end()


@pytest.fixture(scope="session")
def seed():
    return read_dated(SEED)
