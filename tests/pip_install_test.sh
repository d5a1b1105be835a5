#!/usr/bin/env bash
# `pip install .` offline (--no-index) into fresh virtual environments, for
# the python3 on PATH and for Debian's /usr/bin/python3, with build isolation
# and with --no-build-isolation: the package imports from the venv, tags the
# seed article, has its stubs (py.typed), `python -m annals tag` works, and
# pip uninstalls it. In the Debian venv (with system site packages: Debian's
# dask, pandas and pytest) the Dask example and the pandas tests run on the
# installed module. Prints the install and import times.
#
# Usage: tests/pip_install_test.sh [PYTHON...]   (default: python3 /usr/bin/python3)
# The CMake build folder is kept (build-pip/ in the checkout), so a second
# run rebuilds nothing; ANNALS_BUILD_DIR moves it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seed="$repo/examples/reuters-2013-01-30-syria-opposition-talks.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- python3 /usr/bin/python3
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
fail() { echo "pip_install_test: $*" >&2; exit 1; }
now() { date +%s.%N; }

n=0
for py in "$@"; do
  n=$((n + 1))
  exe=$(command -v "$py") || fail "$py: not found"
  venv="$work/venv$n"
  # Debian's interpreter: its dask/pandas/pytest are system packages.
  system=""; [ "$("$exe" -c 'import sys; print(sys.base_prefix)')" = /usr ] && system=--system-site-packages
  "$exe" -m venv $system "$venv" || fail "$py -m venv failed (Debian: apt install python3-venv)"
  vpy="$venv/bin/python"
  for isolation in "" --no-build-isolation; do
    t0=$(now)
    "$vpy" -m pip install -q $isolation "$repo" >"$work/pip.log" 2>&1 ||
      { cat "$work/pip.log"; fail "$py: pip install $isolation . failed"; }
    awk -v py="$py" -v iso="$isolation" -v t0="$t0" -v t1="$(now)" \
      'BEGIN { printf "pip_install_test: %s: pip install %s. in %.1f s\n", py, iso, t1 - t0 }'
    # Outside the checkout, so that nothing but the venv can provide annals.
    (cd "$work" && env -u PYTHONPATH "$vpy" - "$seed" "$venv" <<'PY'
import json, os, pathlib, re, subprocess, sys, time
seed, venv = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
import annals
took = time.perf_counter() - t0
pkg = pathlib.Path(annals.__file__).parent
assert str(pkg).startswith(venv), pkg
assert (pkg / "py.typed").is_file() and (pkg / "__init__.pyi").is_file()
import importlib.metadata
assert importlib.metadata.version("annals") == annals.__version__
raw = open(seed, encoding="utf-8").read()
m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s+", raw)
found = annals.tag(raw[m.end():], m.group(1))
assert len(found) > 3 and any(t.value == "2013-01-30" for t in found), found
out = subprocess.run([sys.executable, "-m", "annals", "tag", seed], check=True,
                     capture_output=True, text=True).stdout
assert len(json.loads(out)["timexes"]) == len(found)
print(f"pip_install_test: import annals {took * 1000:.1f} ms, {len(found)} expressions in the seed")
PY
    ) || fail "$py: the installed package does not work"
    if [ -n "$isolation" ] && [ -n "$system" ]; then
      # Dask (LocalCluster), pandas and `python -m annals` (against the CLI
      # of build-test/, or ANNALS_BIN; skipped when absent) on the
      # pip-installed module: the tests import python/dask_timelines.py from
      # the checkout, annals from the venv.
      (cd "$repo" && env -u PYTHONPATH "$vpy" -m pytest -q -p no:cacheprovider \
        python/tests/test_dask.py python/tests/test_frames.py python/tests/test_stubs.py \
        python/tests/test_main.py) ||
        fail "$py: the Python tests fail on the installed module"
    fi
    "$vpy" -m pip uninstall -q -y annals || fail "$py: pip uninstall failed"
    (cd "$work" && ! env -u PYTHONPATH "$vpy" -c 'import annals' 2>/dev/null) ||
      fail "$py: annals still importable after pip uninstall"
  done
done
echo "pip_install_test: ok"
