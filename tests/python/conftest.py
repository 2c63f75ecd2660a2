"""vty-sim on free loopback ports for the Python tests, started and stopped by them."""

import os
import signal
import subprocess

import pytest

SIM = os.environ.get("VTY_SIM_PATH", "vty-sim")
USER, PASSWORD, ENABLE = "admin", "admin123", "enable123"


class Sim:
    """A vty-sim child: `--devices N --telnet` plus `args`; ports as it reports them."""

    def __init__(self, *args, devices=1):
        self.proc = subprocess.Popen([SIM, "--port", "0", "--devices", str(devices), "--telnet",
                                      *args], stdout=subprocess.PIPE, text=True)
        self.ssh_ports, self.telnet_ports = [], []
        while len(self.telnet_ports) < devices:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{SIM} exited before listening")
            kind, address = line.split()[1:3] if line.startswith("listening ") else ("", "")
            if kind == "ssh":
                self.ssh_ports.append(int(address.rsplit(":", 1)[1]))
            elif kind == "telnet":
                self.telnet_ports.append(int(address.rsplit(":", 1)[1]))

    @property
    def port(self):
        return self.ssh_ports[0]

    def options(self, device=0, transport="libssh", **more):
        """Keywords for vty.Driver / vty.AsyncDriver that reach device `device`."""
        import vty
        options = dict(host="127.0.0.1", platform="cisco_iosxe", transport=transport,
                       auth=vty.Auth(username=USER, password=PASSWORD, secondary=ENABLE),
                       timeout_ops=5.0)
        if transport == "telnet":
            options["port"] = self.telnet_ports[device]
        else:
            options.update(port=self.ssh_ports[device], host_key_policy="off")
        if transport == "system":
            options.update(ssh_config_file="none")
            options["auth"].use_agent = False
        options.update(more)
        return options

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def sim():
    s = Sim()
    yield s
    s.stop()


@pytest.fixture
def start_sim():
    """Starts vty-sims with extra arguments (faults, other devices) for one test."""
    started = []

    def start(*args, devices=1):
        started.append(Sim(*args, devices=devices))
        return started[-1]

    yield start
    for s in started:
        s.stop()
