"""send_command(..., sink=callable): the output handed to Python as it arrives (C++'s
OutputSink), for outputs too large to hold, with the blocking and the asyncio driver."""

import asyncio
import itertools
import threading

import pytest

import vty


class Collect:
    """A sink: the chunks it was given, and the threads it was called on."""

    def __init__(self):
        self.chunks, self.threads = [], set()

    def __call__(self, chunk):
        self.chunks.append(chunk)
        self.threads.add(threading.get_ident())


def test_a_sink_receives_exactly_the_output_a_response_would_hold(sim):
    sink = Collect()
    with vty.Driver(**sim.options()) as conn:
        whole = conn.send_command("show running-config")
        streamed = conn.send_command("show running-config", sink=sink)
    assert all(isinstance(chunk, str) for chunk in sink.chunks)
    assert "".join(sink.chunks) == whole.result
    assert streamed.result == "" and not streamed.failed


def test_a_big_output_arrives_in_many_chunks_of_whole_lines(sim):
    sink = Collect()
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_command("show big 2", sink=sink, timeout=60)
    text = "".join(sink.chunks)
    lines = text.splitlines()
    assert len(sink.chunks) > 1 and len(lines) == 25_000 and lines[-1].startswith("00024999 ")
    # Each chunk ends where a line does (its line end may open the next chunk).
    ends = list(itertools.accumulate(len(chunk) for chunk in sink.chunks))[:-1]
    assert all("\n" in text[end - 1:end + 1] for end in ends)
    assert r.result == "" and not r.failed


def test_a_streamed_command_is_still_marked_failed(sim):
    sink = Collect()
    with vty.Driver(**sim.options()) as conn:
        r = conn.send_command("show nonsense", sink=sink)
    assert r.failed and r.failed_when_contains == "% Invalid input"
    assert "% Invalid input" in "".join(sink.chunks)


def test_send_commands_streams_every_command_in_turn(sim):
    sink = Collect()
    with vty.Driver(**sim.options()) as conn:
        whole = conn.send_commands(["show clock", "show ip interface brief"])
        streamed = conn.send_commands(["show clock", "show ip interface brief"], sink=sink)
    text = "".join(sink.chunks)
    assert "UTC" in text and "GigabitEthernet1" in text
    assert text.index("UTC") < text.index("GigabitEthernet1")
    assert whole.result and all(r.result == "" for r in streamed)


def test_an_exception_in_the_sink_ends_the_command_with_it(sim):
    def refuse(chunk):
        raise ValueError("no room for " + str(len(chunk)))

    with vty.Driver(**sim.options()) as conn:
        with pytest.raises(ValueError, match="no room for"):
            conn.send_command("show running-config", sink=refuse)


def test_a_sink_that_is_not_callable_is_refused(sim):
    with vty.Driver(**sim.options()) as conn:
        with pytest.raises(TypeError, match="sink"):
            conn.send_command("show clock", sink="out.txt")


def test_the_async_driver_streams_on_vtys_loop_thread(sim):
    sink = Collect()

    async def session():
        async with vty.AsyncDriver(**sim.options()) as conn:
            whole = await conn.send_command("show running-config")
            streamed = await conn.send_command("show running-config", sink=sink)
            return whole, streamed

    whole, streamed = asyncio.run(session())
    assert "".join(sink.chunks) == whole.result and streamed.result == ""
    assert threading.get_ident() not in sink.threads
