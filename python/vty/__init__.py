"""vty for Python: drive network devices' command lines over SSH and telnet.

The blocking API::

    with vty.Driver(host="10.0.0.1", platform="cisco_iosxe",
                    auth=vty.Auth(username="admin", password="...", secondary="...")) as conn:
        print(conn.send_command("show version").result)

and the asyncio one (``vty.AsyncDriver``, the same verbs, each awaited). Every error is a
``vty.DriverException``. See docs/python.md.
"""

from . import _vty
from ._vty import (  # noqa: F401  (the package's public names)
    __version__,
    Auth,
    Response,
    MultiResponse,
    TextFsmTemplate,
    TemplateIndex,
    parse_textfsm,
    DriverException,
    ConnectionError,
    ConnectionRefused,
    HostUnreachable,
    HostKeyError,
    HostKeyMismatch,
    AuthenticationError,
    TimeoutError,
    SocketTimeout,
    TransportTimeout,
    OperationTimeout,
    PrivilegeError,
    PrivilegeAuthError,
    UnknownPrompt,
    CommandFailed,
    PlatformError,
    UnknownPlatform,
    PlatformDefinitionError,
    ConnectionClosed,
    OperationCancelled,
    SessionOutOfSync,
    UsageError,
    RecordingError,
    ReplayMismatch,
    TextFsmError,
    TextFsmTemplateError,
    TextFsmStateError,
    TextFsmLookupError,
)


def _call(timeout, strip_prompt=True, stop_on_failed=False, privilege="", stage_only=False,
          sink=None):
    if sink is not None and not callable(sink):
        raise TypeError("sink: a callable taking each chunk of output (a str)")
    return _vty._CallOptions(timeout, strip_prompt, stop_on_failed, privilege or "", stage_only,
                             sink)


class _Verbs:
    """The verbs Driver and AsyncDriver share: Driver's return the result, AsyncDriver's
    return an awaitable of it (the native driver decides which)."""

    _native = None  # the native driver class

    def __init__(self, **options):
        self._d = self._native(**options)

    def open(self):
        """Connects, logs in, finds the prompt, acquires the default privilege level and
        sends the platform's on_open commands."""
        return self._d.open()

    def close(self):
        """Sends the platform's on_close commands and closes the session."""
        return self._d.close()

    def abort(self):
        """Ends the session at once, without a word to the device."""
        return self._d.abort()

    @property
    def is_open(self):
        return self._d.is_open

    @property
    def current_privilege(self):
        """The privilege level the session is at ("privilege_exec", ...)."""
        return self._d.current_privilege

    @property
    def platform(self):
        return self._d.platform

    def get_prompt(self):
        """Sends a return and gives the prompt the device answers with."""
        return self._d.get_prompt()

    def acquire_priv(self, level):
        """Moves to a privilege level of the platform (escalating with auth.secondary)."""
        return self._d.acquire_priv(level)

    def send_command(self, command, *, timeout=None, strip_prompt=True, privilege="",
                     sink=None):
        """Sends one command at the default (or the given) privilege level and reads until
        the prompt: a Response. timeout: seconds, instead of timeout_ops. sink: a callable
        given the output as it arrives, in chunks of whole lines (str), instead of the
        Response's result; an exception it raises ends the command with that exception."""
        return self._d.send_command(
            command, options=_call(timeout, strip_prompt, privilege=privilege, sink=sink))

    def send_commands(self, commands, *, timeout=None, strip_prompt=True, stop_on_failed=False,
                      privilege="", sink=None):
        """Sends each command in turn: a MultiResponse. sink: as for send_command, given
        every command's output in turn."""
        return self._d.send_commands(
            list(commands),
            options=_call(timeout, strip_prompt, stop_on_failed, privilege, sink=sink))

    def send_commands_from_file(self, file, *, timeout=None, strip_prompt=True,
                                stop_on_failed=False, privilege=""):
        return self._d.send_commands_from_file(
            file, options=_call(timeout, strip_prompt, stop_on_failed, privilege))

    def send_configs(self, configs, *, timeout=None, strip_prompt=True, stop_on_failed=False,
                     privilege="", stage_only=False):
        """Enters the configuration level, sends each line, commits where the platform has
        commits, and returns to the default level: a MultiResponse."""
        return self._d.send_configs(
            list(configs),
            options=_call(timeout, strip_prompt, stop_on_failed, privilege, stage_only))

    def send_config(self, config, *, timeout=None, strip_prompt=True, stop_on_failed=False,
                    privilege="", stage_only=False):
        """The lines of `config` (one string) as one Response."""
        return self._d.send_config(
            config, options=_call(timeout, strip_prompt, stop_on_failed, privilege, stage_only))

    def send_configs_from_file(self, file, *, timeout=None, strip_prompt=True,
                               stop_on_failed=False, privilege="", stage_only=False):
        return self._d.send_configs_from_file(
            file, options=_call(timeout, strip_prompt, stop_on_failed, privilege, stage_only))

    def send_interactive(self, events, *, timeout=None, strip_prompt=True, privilege=""):
        """A dialogue: events are (input, expect) or (input, expect, hidden) tuples; after
        each input, waits until the last line contains `expect` ("" waits for the prompt).
        hidden input (a password) is neither awaited as echo nor shown in errors."""
        return self._d.send_interactive(
            list(events), options=_call(timeout, strip_prompt, privilege=privilege))

    def send_and_read(self, input, *, until="", duration=2.0, timeout=None, privilege=""):
        """Sends input and reads until the PCRE2 pattern `until` matches the last line, or,
        without `until`, until a prompt or `duration` seconds pass."""
        return self._d.send_and_read(
            input, options=_vty._ReadOptions(until, duration, timeout, privilege or ""))

    def __repr__(self):
        return f"<{type(self).__module__}.{type(self).__name__} platform={self.platform!r}>"


class Driver(_Verbs):
    """One session with one device; each verb blocks (releasing the GIL) until it is done.

    Keywords: host (required), port, platform ("cisco_iosxe"), auth (vty.Auth),
    transport ("libssh", "system", "telnet", "replay"), timeouts in seconds (timeout_socket,
    timeout_transport, timeout_ops, timeout_unknown_prompt), host_key_policy ("strict",
    "accept_new", "off"), record_to, replay_file and more: docs/python.md.
    Not thread-safe: one Driver per thread.
    """

    _native = _vty._Driver

    def __enter__(self):
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            if self.is_open:
                self.close()
        else:
            self.abort()  # an error left the session in an unknown state: no on_close


from ._async import AsyncDriver  # noqa: E402  (it builds on _Verbs)
