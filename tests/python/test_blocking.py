"""vty.Driver, the blocking API, against vty-sim: what a scrapli user relies on."""

import datetime
import threading
import time

import pytest

import vty


def test_send_command_returns_the_devices_output(sim):
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_command("show version")
    assert "Cisco IOS XE Software, Version 17.09.04a" in r.result
    assert "router1#" not in r.result  # the prompt is stripped ...
    assert b"router1#" in r.raw  # ... and kept in what was received
    assert r.command == "show version" and r.channel_input == "show version"
    assert r.host == "127.0.0.1"
    assert not r.failed
    r.raise_for_status()
    assert isinstance(r.start_time, datetime.datetime)
    assert r.start_time <= r.finish_time
    assert 0 < r.elapsed < 5


@pytest.mark.parametrize("transport", ["libssh", "system", "telnet"])
def test_each_transport_reaches_the_device(sim, transport):
    with vty.Driver(**sim.options(transport=transport)) as conn:
        assert conn.current_privilege == "privilege_exec"
        r = conn.send_command("show clock")
    assert "UTC" in r.result


def test_send_commands_answers_each_in_order(sim):
    with vty.Driver(**sim.options()) as conn:
        responses = conn.send_commands(["show clock", "show ip interface brief"])
    assert len(responses) == 2
    assert [r.command for r in responses] == ["show clock", "show ip interface brief"]
    assert "GigabitEthernet1" in responses[1].result and "GigabitEthernet1" in responses[-1].result
    assert not responses.failed
    assert "UTC" in responses.result and "GigabitEthernet1" in responses.result


def test_send_configs_changes_the_running_config(sim):
    with vty.Driver(**sim.options()) as conn:
        responses = conn.send_configs(["interface Loopback7", "description set-from-python"])
        assert not responses.failed
        assert conn.current_privilege == "privilege_exec"
        running = conn.send_command("show running-config").result
    assert "description set-from-python" in running


def test_a_failed_command_is_marked_and_raises_on_request(sim):
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_command("show bogus")
    assert r.failed
    assert "Invalid input" in r.result
    assert r.failed_when_contains
    with pytest.raises(vty.CommandFailed) as caught:
        r.raise_for_status()
    assert caught.value.command == "show bogus"


def test_acquire_priv_and_get_prompt(sim):
    with vty.Driver(**sim.options()) as conn:
        assert conn.get_prompt() == "router1#"
        conn.acquire_priv("configuration")
        assert conn.current_privilege == "configuration"
        assert conn.get_prompt() == "router1(config)#"
        conn.acquire_priv("exec")
        assert conn.get_prompt() == "router1>"


def test_send_interactive_answers_a_dialogue_hiding_the_password(sim):
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_interactive([("disable", ">"), ("enable", "Password:"),
                                   ("enable123", "", True)])
        assert conn.current_privilege == "privilege_exec"
    assert r.command == "disable, enable, <hidden>"
    assert "Password:" in r.result and "enable123" not in r.result


def test_send_and_read_until_a_pattern(sim):
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_and_read("show clock", until=r"#\s*$")
    assert "UTC" in r.result


def test_a_waiting_driver_releases_the_gil(start_sim):
    slow = start_sim("--fault", "slow:2", "--fault-on", "show ip interface brief")
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    with vty.Driver(**slow.options()) as conn:
        counter = threading.Thread(target=count)
        counter.start()
        started = time.monotonic()
        r = conn.send_command("show ip interface brief")
        waited = time.monotonic() - started
        stop.set()
        counter.join()
    assert "GigabitEthernet1" in r.result
    assert waited > 0.5  # 2 ms a byte: the answer took a while ...
    assert ticks > waited * 100  # ... and the other thread ran meanwhile


def test_leaving_the_block_closes_the_session(sim):
    conn = vty.Driver(**sim.options())
    with conn:
        assert conn.is_open
    assert not conn.is_open


def test_unknown_keywords_are_refused(sim):
    with pytest.raises(TypeError, match="timeout_opps"):
        vty.Driver(**sim.options(timeout_opps=3))
