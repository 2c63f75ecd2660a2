"""vty.AsyncDriver: the verbs from asyncio, many sessions from one loop, cancellation."""

import asyncio
import time

import pytest

import vty


def run(coroutine):
    return asyncio.run(coroutine)


def test_async_with_sends_commands(sim):
    async def session():
        async with vty.AsyncDriver(**sim.options()) as conn:
            version = await conn.send_command("show version")
            both = await conn.send_commands(["show clock", "show ip interface brief"])
            prompt = await conn.get_prompt()
            await conn.acquire_priv("configuration")
            config_prompt = await conn.get_prompt()
            return version, both, prompt, config_prompt, conn

    version, both, prompt, config_prompt, conn = run(session())
    assert "Cisco IOS XE Software" in version.result and not version.failed
    assert [r.command for r in both] == ["show clock", "show ip interface brief"]
    assert (prompt, config_prompt) == ("router1#", "router1(config)#")
    assert not conn.is_open


def test_two_hundred_sessions_from_one_loop(start_sim):
    fleet = start_sim(devices=4)

    async def one(i):
        async with vty.AsyncDriver(**fleet.options(device=i % 4, timeout_ops=60.0,
                                                   timeout_transport=60.0)) as conn:
            return (await conn.send_command("show version")).result

    async def all_of_them():
        return await asyncio.gather(*(one(i) for i in range(200)))

    started = time.monotonic()
    results = run(all_of_them())
    assert len(results) == 200
    assert all("Cisco IOS XE Software, Version 17.09.04a" in r for r in results)
    print(f"200 sessions in {time.monotonic() - started:.2f} s")


def test_cancelling_the_task_cancels_the_operation(sim):
    async def scenario():
        async with vty.AsyncDriver(**sim.options()) as conn:
            # Waits for a pattern that never comes: 30 s unless cancelled.
            task = asyncio.create_task(conn.send_and_read("show clock", until="never-shown",
                                                          timeout=30))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            # The session's next verb runs at once: the cancelled one no longer holds it.
            started = time.monotonic()
            r = await asyncio.wait_for(conn.send_command("show version"), 10)
            return r, time.monotonic() - started

    r, waited = run(scenario())
    assert "Cisco IOS XE Software" in r.result
    assert waited < 5


def test_wait_for_cancels_a_slow_verb(sim):
    async def scenario():
        async with vty.AsyncDriver(**sim.options()) as conn:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(conn.send_and_read("show clock", until="never-shown",
                                                          timeout=30), 0.3)
            return (await conn.send_command("show clock")).result

    assert "UTC" in run(scenario())


ABORT_TRANSPORTS = ["telnet", "libssh", "system"]

@pytest.mark.parametrize("transport", ABORT_TRANSPORTS)
def test_abort_ends_a_waiting_verb_with_operation_cancelled(sim, transport):
    async def scenario():
        conn = vty.AsyncDriver(**sim.options(transport=transport))
        await conn.open()
        task = asyncio.create_task(conn.send_and_read("show clock", until="never-shown",
                                                      timeout=30))
        await asyncio.sleep(0.3)
        started = time.monotonic()
        conn.abort()
        with pytest.raises(vty.OperationCancelled) as caught:
            await task
        return caught.value, time.monotonic() - started, conn.is_open

    error, waited, still_open = run(scenario())
    assert waited < 2
    assert error.host == "127.0.0.1"
    assert not still_open


def test_errors_reach_the_awaiting_coroutine(sim):
    async def scenario():
        options = sim.options()
        options["auth"].password = "wrong"
        async with vty.AsyncDriver(**options):
            pass

    with pytest.raises(vty.AuthenticationError) as caught:
        run(scenario())
    assert caught.value.operation == "open"


def test_the_asyncio_thread_stays_free_while_verbs_wait(start_sim):
    slow = start_sim("--fault", "slow:2", "--fault-on", "show ip interface brief")

    async def scenario():
        ticks = 0
        async with vty.AsyncDriver(**slow.options()) as conn:
            verb = asyncio.ensure_future(conn.send_command("show ip interface brief"))
            while not verb.done():
                ticks += 1
                await asyncio.sleep(0.001)
            return verb.result(), ticks

    r, ticks = run(scenario())
    assert "GigabitEthernet1" in r.result
    assert ticks > 100


@pytest.mark.parametrize("transport", ["telnet", "system"])
def test_other_transports_from_asyncio(sim, transport):
    async def scenario():
        async with vty.AsyncDriver(**sim.options(transport=transport)) as conn:
            return await asyncio.gather(*(conn.send_command(c) for c in
                                          ("show clock", "show version", "show clock")))

    clock, version, clock_again = run(scenario())
    assert "UTC" in clock.result and "UTC" in clock_again.result
    assert "Cisco IOS XE Software" in version.result and "UTC" not in version.result


def test_concurrent_verbs_on_one_session_queue_in_order(sim):
    async def scenario():
        async with vty.AsyncDriver(**sim.options()) as conn:
            commands = ["show clock", "show ip interface brief", "show version"] * 5
            return commands, await asyncio.gather(*(conn.send_command(c) for c in commands))

    commands, responses = run(scenario())
    assert [r.command for r in responses] == commands
    markers = {"show clock": "UTC", "show ip interface brief": "GigabitEthernet1",
               "show version": "Cisco IOS XE Software"}
    for r in responses:  # each holds its own answer, and no other
        assert [m for m in markers.values() if m in r.result] == [markers[r.command]]


def test_sessions_outlive_one_asyncio_loop(sim):
    conn = vty.AsyncDriver(**sim.options())
    run(conn.open())
    first = run(conn.send_command("show clock"))  # another loop, the same session
    run(conn.close())
    assert "UTC" in first.result and not conn.is_open
