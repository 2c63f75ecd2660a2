"""vty.AsyncDriver: the asyncio face of vty's event loop (one background thread runs every
session of the process; each verb's result arrives as an asyncio future)."""

import functools

from . import _Verbs, _vty

# The verbs that talk to the device: coroutines here (asyncio.create_task takes them).
_AWAITED = ("open", "close", "get_prompt", "acquire_priv", "send_command", "send_commands",
            "send_commands_from_file", "send_configs", "send_config", "send_configs_from_file",
            "send_interactive", "send_and_read")


def _coroutine(verb):
    @functools.wraps(verb)
    async def awaited(self, *args, **kwargs):
        return await verb(self, *args, **kwargs)

    return awaited


class AsyncDriver(_Verbs):
    """One session with one device, for asyncio: the verbs of vty.Driver, each awaited.

    Thousands of sessions may run from one asyncio loop; they all run on one vty event loop
    thread, so the asyncio thread only waits. Cancelling the task that awaits a verb cancels
    the verb on the device's session (the session then resynchronises at the next verb).
    Keywords: as vty.Driver.
    """

    _native = _vty._AsyncDriver

    async def __aenter__(self):
        await self.open()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if exc_type is None:
            if self.is_open:
                await self.close()
        else:
            self.abort()

    async def reopen(self):
        """Ends the session abortively (if any) and opens a new one with the same options."""
        await self._d.reopen()

    @property
    def is_alive(self):
        return self._d.is_alive

    @property
    def in_sync(self):
        return self._d.in_sync


for _name in _AWAITED:
    setattr(AsyncDriver, _name, _coroutine(getattr(_Verbs, _name)))
