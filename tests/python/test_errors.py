"""vty's errors as Python exceptions: the C++ hierarchy, mirrored, with what was seen."""

import socket
import time

import pytest

import vty

# Each class and its base, as <vty/errors.hpp> and <vty/textfsm.hpp> declare them.
HIERARCHY = {
    "ConnectionError": "DriverException", "ConnectionRefused": "ConnectionError",
    "HostUnreachable": "ConnectionError", "HostKeyError": "ConnectionError",
    "HostKeyMismatch": "HostKeyError", "AuthenticationError": "DriverException",
    "TimeoutError": "DriverException", "SocketTimeout": "TimeoutError",
    "TransportTimeout": "TimeoutError", "OperationTimeout": "TimeoutError",
    "PrivilegeError": "DriverException", "PrivilegeAuthError": "PrivilegeError",
    "UnknownPrompt": "PrivilegeError", "CommandFailed": "DriverException",
    "PlatformError": "DriverException", "UnknownPlatform": "PlatformError",
    "PlatformDefinitionError": "PlatformError", "ConnectionClosed": "DriverException",
    "OperationCancelled": "DriverException", "SessionOutOfSync": "DriverException",
    "UsageError": "DriverException", "RecordingError": "DriverException",
    "ReplayMismatch": "DriverException", "TextFsmError": "DriverException",
    "TextFsmTemplateError": "TextFsmError", "TextFsmStateError": "TextFsmError",
    "TextFsmLookupError": "TextFsmError",
}


@pytest.mark.parametrize("name,base", sorted(HIERARCHY.items()))
def test_the_hierarchy_mirrors_the_cpp_one(name, base):
    cls = getattr(vty, name)
    assert cls.__bases__ == (getattr(vty, base),)
    assert cls.__module__ == "vty"
    assert issubclass(cls, vty.DriverException) and issubclass(vty.DriverException, Exception)


def test_a_wrong_password_is_an_authentication_error(sim):
    options = sim.options()
    options["auth"].password = "wrong"
    with pytest.raises(vty.AuthenticationError) as caught:
        vty.Driver(**options).open()
    e = caught.value
    assert e.host == "127.0.0.1"
    assert e.operation == "open"
    assert e.type_name == "vty::AuthenticationError"
    assert "127.0.0.1" in str(e)


def test_a_device_that_never_shows_its_prompt_times_out_in_time(start_sim):
    mute = start_sim("--fault", "no-prompt", "--fault-on", "show version")
    with vty.Driver(**mute.options(timeout_ops=1.0)) as conn:
        started = time.monotonic()
        with pytest.raises(vty.OperationTimeout) as caught:
            conn.send_command("show version")
        waited = time.monotonic() - started
        conn.abort()
    e = caught.value
    assert 0.9 < waited < 3.0
    assert isinstance(e, vty.TimeoutError)
    assert e.operation == "send_command" and e.command == "show version"
    assert "#" in e.pattern  # the prompt pattern that was awaited
    assert "Configuration register is 0x2102" in e.tail  # the last bytes that did arrive


def test_a_batch_error_carries_the_finished_responses(start_sim):
    mute = start_sim("--fault", "no-prompt", "--fault-on", "show version")
    with vty.Driver(**mute.options(timeout_ops=1.0)) as conn:
        with pytest.raises(vty.OperationTimeout) as caught:
            conn.send_commands(["show clock", "show version"])
        conn.abort()
    assert [r.command for r in caught.value.partial] == ["show clock"]
    assert "UTC" in caught.value.partial[0].result


def test_a_closed_port_refuses_the_connection(sim):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, not listening: connecting is refused
        with pytest.raises(vty.ConnectionRefused) as caught:
            vty.Driver(**sim.options(port=port)).open()
    assert isinstance(caught.value, vty.ConnectionError)
    assert caught.value.host == "127.0.0.1"


def test_an_unknown_platform_is_refused_at_construction():
    with pytest.raises(vty.UnknownPlatform, match="cisco_iosxe"):
        vty.Driver(host="127.0.0.1", platform="cisco_iosx")


def test_a_wrong_enable_password_is_a_privilege_auth_error(sim):
    options = sim.options()
    options["auth"].secondary = "wrong"
    with pytest.raises(vty.PrivilegeAuthError) as caught:
        vty.Driver(**options).open()
    assert caught.value.host == "127.0.0.1"
