"""Every ```python block of docs/python.md and README.md runs against vty-sim: the hosts it names are
redirected to the simulator (vty.Driver and vty.AsyncDriver are wrapped), and a block
passes when it runs to its end."""

import os
import pathlib
import re
import subprocess
import sys

import pytest

SOURCE = pathlib.Path(os.environ.get("VTY_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
PAGES = [SOURCE / "docs/python.md", SOURCE / "README.md"]
BLOCKS = [(page.name, block) for page in PAGES
          for block in re.findall(r"^```python\n(.*?)^```", page.read_text(), re.S | re.M)]

PRELUDE = """
import vty

def _to_sim(cls):
    class ToSim(cls):
        def __init__(self, **options):
            if options.get("transport") != "replay":
                options.update(host="127.0.0.1", port={port}, host_key_policy="off")
            super().__init__(**options)
    ToSim.__name__ = ToSim.__qualname__ = cls.__name__
    return ToSim

vty.Driver = _to_sim(vty.Driver)
vty.AsyncDriver = _to_sim(vty.AsyncDriver)
"""


def test_the_page_has_blocks():
    assert len(BLOCKS) >= 6 and {page for page, _ in BLOCKS} == {"python.md", "README.md"}


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_block_runs(sim, tmp_path, index):
    script = tmp_path / "block.py"
    page, block = BLOCKS[index]
    script.write_text(PRELUDE.format(port=sim.port) + block)
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, f"{page}, block {index}:\n{block}\n{done.stderr}"
