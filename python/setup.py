# The extension module over the header-only library in ../include; everything else is in
# pyproject.toml. The C++ standard and warnings are the library's own.
import sys
from pathlib import Path

from pybind11.setup_helpers import Pybind11Extension, build_ext
from setuptools import setup

here = Path(__file__).resolve().parent
headers = here.parent / "include"
if not (headers / "c3p" / "c3p.hpp").is_file():
    raise SystemExit(f"c3p-budget: the library's headers are not at {headers}; build from the repository's python/ folder")

warnings = ["-Wall", "-Wextra", "-Wpedantic", "-Wconversion", "-Wsign-conversion", "-Wshadow"]

setup(
    ext_modules=[
        Pybind11Extension(
            "c3p_budget._core",
            [str(Path("src") / "core.cpp")],
            include_dirs=[str(headers)],
            depends=[str(h) for h in sorted(headers.glob("c3p/**/*.hpp"))],  # rebuilt when a header changes
            cxx_std=20,
            extra_compile_args=[] if sys.platform == "win32" else warnings,
        )
    ],
    cmdclass={"build_ext": build_ext},
)
