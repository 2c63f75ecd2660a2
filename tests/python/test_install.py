"""`cmake --install` puts the package where `python3 -c "import vty"` finds it: installed
into a temporary prefix, never into the system."""

import os
import pathlib
import subprocess
import sys

SHOW = """
import os, vty
print(vty.__file__)
print(vty.__version__)
print(vty.Driver(host='127.0.0.1').platform)
try:
    vty.Driver(host='127.0.0.1', platform='no_such_platform')
except vty.UnknownPlatform as e:
    print(str(e).split(' in ', 1)[1].split(' (extra folders')[0])
print(os.environ.get('VTY_PLATFORM_PATH', '-'))
"""


def test_the_installed_package_imports(tmp_path):
    build = os.environ["VTY_BUILD_DIR"]
    cmake = os.environ.get("CMAKE_COMMAND", "cmake")
    subprocess.run([cmake, "--install", build, "--prefix", str(tmp_path)], check=True,
                   capture_output=True)
    [package] = tmp_path.glob("lib/python3*/dist-packages/vty")
    site = package.parent
    assert (site / "vty/__init__.pyi").is_file() and (site / "vty/py.typed").is_file()
    env = dict(os.environ, PYTHONPATH=str(site))
    env.pop("VTY_PLATFORM_PATH", None)
    shown = subprocess.run([sys.executable, "-c", SHOW], check=True, capture_output=True,
                           text=True, env=env, cwd=tmp_path).stdout.splitlines()
    assert pathlib.Path(shown[0]).is_relative_to(site)
    assert shown[1].count(".") == 2
    assert shown[2] == "cisco_iosxe"
    # The platform definitions came from the prefix the package was installed into, found by
    # vty's own search from the module that holds its code, with no path handed to it.
    assert shown[3] == str((tmp_path / "share/vty/platforms").resolve())
    assert shown[4] == "-"
