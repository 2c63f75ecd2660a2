"""`cmake --install` puts the package where `python3 -c "import vty"` finds it: installed
into a temporary prefix, never into the system."""

import os
import pathlib
import subprocess
import sys


def test_the_installed_package_imports(tmp_path):
    build = os.environ["VTY_BUILD_DIR"]
    cmake = os.environ.get("CMAKE_COMMAND", "cmake")
    subprocess.run([cmake, "--install", build, "--prefix", str(tmp_path)], check=True,
                   capture_output=True)
    [package] = tmp_path.glob("lib/python3*/dist-packages/vty")
    site = package.parent
    assert (site / "vty/__init__.pyi").is_file() and (site / "vty/py.typed").is_file()
    env = dict(os.environ, PYTHONPATH=str(site))
    shown = subprocess.run(
        [sys.executable, "-c", "import vty; print(vty.__file__); print(vty.__version__); "
         "print(vty.Driver(host='127.0.0.1').platform)"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path).stdout.split()
    # The platform definitions came from the prefix the package was installed into.
    assert pathlib.Path(shown[0]).is_relative_to(site)
    assert shown[1].count(".") == 2
    assert shown[2] == "cisco_iosxe"
