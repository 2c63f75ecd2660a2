"""Builds the module vty._vty with CMake from the source tree this folder belongs to (pip
runs it: `pip install --no-build-isolation --no-index ./python`). VTY_SOURCE_DIR names
another source tree; VTY_CMAKE_BUILD_DIR reuses a configured build folder instead of a
fresh one."""

import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = pathlib.Path(os.environ.get("VTY_SOURCE_DIR", HERE.parent)).resolve()


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = os.environ.get("VTY_CMAKE_BUILD_DIR")
        if build:
            build = pathlib.Path(build).resolve()
        else:
            build = pathlib.Path(self.build_temp).resolve() / "cmake"
            subprocess.run(["cmake", "-S", str(SOURCE), "-B", str(build),
                            "-DCMAKE_BUILD_TYPE=Release", "-DVTY_PYTHON=ON",
                            "-DVTY_BUILD_TESTS=OFF", "-DVTY_BUILD_EXAMPLES=OFF",
                            "-DVTY_BUILD_BENCH=OFF", f"-DPython3_EXECUTABLE={sys.executable}"],
                           check=True)
        subprocess.run(["cmake", "--build", str(build), "--target", "vty_python"], check=True)
        [built] = (build / "python/vty").glob("_vty*.so")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)
        # The platform definitions travel in the package: vty's shipped-data search looks
        # beside the module that holds its code.
        shipped = target.parent / "platforms"
        shutil.rmtree(shipped, ignore_errors=True)
        shutil.copytree(SOURCE / "platforms", shipped)


setup(
    packages=["vty"],
    package_dir={"vty": "vty"},  # pip runs this file in its folder
    package_data={"vty": ["__init__.pyi", "py.typed"]},
    ext_modules=[Extension("vty._vty", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
