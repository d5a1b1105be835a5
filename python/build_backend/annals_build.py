"""PEP 517 build backend of the `annals` Python package, standard library only.

`pip install .` calls build_wheel(): it configures the project's CMake build
for the running interpreter (-DPython_EXECUTABLE), builds the extension
target annals_python (the C++ library and the bindings, nothing else), and
writes a wheel of python/src/annals/ plus the extension with zipfile, its RECORD
hashed with hashlib. No requirements (pyproject.toml: requires = []), so
build isolation has nothing to download and the install works offline.

The CMake build folder is kept, so a second install rebuilds only what
changed: build-pip/<interpreter>/ in the checkout (in the temp folder when
the checkout is read-only), or ANNALS_BUILD_DIR (or
--config-settings build-dir=...). The compiler launcher ccache is used when
it is installed. Parallel jobs: CMAKE_BUILD_PARALLEL_LEVEL, default all cores.
"""
import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

NAME = "annals"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGE_SRC = os.path.join(ROOT, "python", "src", "annals")
SUMMARY = "Find and resolve time expressions in dated news; build timelines"


def _version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(annals\s+VERSION\s+([0-9.]+)", f.read())
    if not m:
        raise RuntimeError("annals_build: no `project(annals VERSION x.y.z)` in CMakeLists.txt")
    return m.group(1)


def _tag():
    if sys.implementation.name != "cpython":
        raise RuntimeError(f"annals_build: the extension is built for CPython, not "
                           f"{sys.implementation.name}")
    py = f"cp{sys.version_info.major}{sys.version_info.minor}"
    plat = re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())
    return f"{py}-{py}{sys.abiflags}-{plat}"


def _metadata():
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {NAME}\n"
        f"Version: {_version()}\n"
        f"Summary: {SUMMARY}\n"
        "Requires-Python: >=3.9\n"
        "Provides-Extra: pandas\n"
        "Requires-Dist: pandas; extra == \"pandas\"\n"
        "Description-Content-Type: text/markdown\n"
        "\n"
        "See docs/python.md in the annals repository.\n"
    )


def _dist_info():
    return f"{NAME}-{_version()}.dist-info"


def _interpreter():
    """The base interpreter (not a venv's or a build-isolation env's link to
    it): CMake looks up its headers and library, and a kept build folder
    stays valid when the venv it was first built from is deleted."""
    ver = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base = os.path.join(sys.base_prefix, "bin", ver)
    return base if os.path.exists(base) else sys.executable


def _build_dir(config_settings):
    d = (config_settings or {}).get("build-dir") or os.environ.get("ANNALS_BUILD_DIR")
    if d:
        return os.path.abspath(d)
    key = hashlib.sha256(_interpreter().encode()).hexdigest()[:8]
    name = f"{sys.implementation.cache_tag}-{key}"
    if not os.access(ROOT, os.W_OK):  # a read-only checkout: build in the temp folder
        return os.path.join(tempfile.gettempdir(), f"annals-build-pip-{name}")
    return os.path.join(ROOT, "build-pip", name)


def _run(cmd):
    print("annals_build: " + " ".join(cmd), file=sys.stderr, flush=True)
    try:
        subprocess.run(cmd, check=True, cwd=ROOT)
    except FileNotFoundError:
        raise RuntimeError(
            f"annals_build: `{cmd[0]}` not found. Building annals needs CMake >= 3.25, a C++20 "
            "compiler, pybind11 and the libraries scripts/deps installs (Debian: run scripts/deps)")
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"annals_build: `{' '.join(cmd)}` failed (exit {e.returncode}); "
                           "its output is above (pip shows it with -v). Missing packages: "
                           "run scripts/deps") from None


def _build_extension(config_settings):
    """Path of the built extension module for this interpreter."""
    build = _build_dir(config_settings)
    configure = [
        "cmake", "-S", ROOT, "-B", build,
        "-DCMAKE_BUILD_TYPE=Release", "-DANNALS_TESTS=OFF", "-DANNALS_BENCH=OFF",
        "-DANNALS_PYTHON=ON", f"-DPython_EXECUTABLE={_interpreter()}",
    ]
    if shutil.which("ccache") and not os.environ.get("ANNALS_NO_CCACHE"):
        configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    _run(configure)
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
    _run(["cmake", "--build", build, "--target", "annals_python", "-j", jobs])
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    ext = os.path.join(build, "python", NAME, "_annals" + suffix)
    if not os.path.isfile(ext):
        raise RuntimeError(f"annals_build: the build made no {ext} (a module for another "
                           "interpreter?); remove the build folder and retry")
    return ext


def _package_files():
    """(archive name, source path) of the package's Python files and stubs."""
    out = []
    for name in sorted(os.listdir(PACKAGE_SRC)):
        if name.endswith((".py", ".pyi")) or name == "py.typed":
            out.append((f"{NAME}/{name}", os.path.join(PACKAGE_SRC, name)))
    return out


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _write_dist_info(directory):
    info = os.path.join(directory, _dist_info())
    os.makedirs(info, exist_ok=True)
    for name, text in _dist_info_files().items():
        with open(os.path.join(info, name), "w", encoding="utf-8") as f:
            f.write(text)
    return _dist_info()


def _dist_info_files():
    wheel = ("Wheel-Version: 1.0\n"
             "Generator: annals_build\n"
             "Root-Is-Purelib: false\n"
             f"Tag: {_tag()}\n")
    return {"METADATA": _metadata(), "WHEEL": wheel}


# --- PEP 517 hooks ---

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _write_dist_info(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    ext = _build_extension(config_settings)
    files = _package_files() + [(f"{NAME}/{os.path.basename(ext)}", ext)]
    wheel_name = f"{NAME}-{_version()}-{_tag()}.whl"
    path = os.path.join(wheel_directory, wheel_name)
    record = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as whl:
        def add(arcname, data, mode=0o644):
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(info, data)
            record.append(_record_line(arcname, data))

        for arcname, src in files:
            with open(src, "rb") as f:
                add(arcname, f.read(), 0o755 if src == ext else 0o644)
        for name, text in _dist_info_files().items():
            add(f"{_dist_info()}/{name}", text.encode())
        record_name = f"{_dist_info()}/RECORD"
        record.append(f"{record_name},,")
        whl.writestr(zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0)),
                     "\n".join(record) + "\n")
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    """The files git tracks (the checkout's sources), as NAME-VERSION.tar.gz."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True,
                                capture_output=True).stdout.decode().split("\0")
    except (OSError, subprocess.CalledProcessError):
        raise RuntimeError("annals_build: an sdist is made from a git checkout") from None
    base = f"{NAME}-{_version()}"
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tar:
        for rel in filter(None, listed):
            if os.path.isfile(os.path.join(ROOT, rel)):
                tar.add(os.path.join(ROOT, rel), arcname=f"{base}/{rel}", recursive=False)
        pkg_info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        pkg_info.size = len(data)
        tar.addfile(pkg_info, io.BytesIO(data))
    return name
