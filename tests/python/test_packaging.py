"""The pip path (python/pyproject.toml, python/setup.py): builds from the source tree with no
network, and the package it installs imports and finds its platform definitions."""

import os
import pathlib
import shutil
import subprocess
import sys

SOURCE = pathlib.Path(os.environ.get("VTY_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


def test_pip_installs_a_working_package_offline(tmp_path):
    # A copy of python/, so that pip's in-tree build writes nothing into the source tree; the
    # configured build folder is reused (a fresh one would compile all of vty).
    project = tmp_path / "python"
    shutil.copytree(SOURCE / "python", project)
    target = tmp_path / "site"
    env = dict(os.environ, VTY_SOURCE_DIR=str(SOURCE), VTY_CMAKE_BUILD_DIR=os.environ["VTY_BUILD_DIR"],
               PIP_NO_CACHE_DIR="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                    "--target", str(target), str(project)], check=True, capture_output=True,
                   env=env, cwd=tmp_path)
    assert (target / "vty/platforms/cisco_iosxe.toml").is_file()
    shown = subprocess.run(
        [sys.executable, "-c", "import vty; print(vty.__file__); "
         "print(vty.Driver(host='127.0.0.1', platform='juniper_junos').platform)"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
        env=dict(env, PYTHONPATH=str(target))).stdout.split()
    assert pathlib.Path(shown[0]).is_relative_to(target)
    assert shown[1] == "juniper_junos"
