"""TextFSM parsing of responses, and recording a session then replaying it offline."""

import os
import pathlib

import pytest

import vty

DATA = pathlib.Path(os.environ.get("VTY_SOURCE_DIR", pathlib.Path(__file__).parents[2])) / \
    "tests/data/textfsm"
VERSION_TEMPLATE = "Value VERSION (\\S+)\nValue HOSTNAME (\\S+)\n\nStart\n" \
    "  ^Cisco IOS XE Software, Version ${VERSION}\n  ^${HOSTNAME} uptime is -> Record\n"


@pytest.fixture(scope="module")
def version(sim):
    with vty.Driver(**sim.options()) as conn:
        return conn.send_command("show version")


def test_a_response_parsed_by_a_template_file(version, tmp_path):
    template = tmp_path / "show_version.textfsm"
    template.write_text(VERSION_TEMPLATE)
    assert version.textfsm(template) == [{"VERSION": "17.09.04a", "HOSTNAME": "router1"}]
    assert version.textfsm(str(template)) == version.textfsm_parse_output(template)


def test_a_compiled_template_and_parse_textfsm(version):
    compiled = vty.TextFsmTemplate.from_text(VERSION_TEMPLATE)
    assert compiled.header == ["VERSION", "HOSTNAME"]
    rows = vty.parse_textfsm(version, compiled)
    assert rows == [{"VERSION": "17.09.04a", "HOSTNAME": "router1"}]
    assert vty.parse_textfsm(version.result, compiled) == rows


def test_the_ntc_index_picks_the_template(version):
    index = vty.TemplateIndex(DATA / "index")
    rows = version.textfsm(index, platform="cisco_iosxe")
    assert rows[0]["VERSION"] == "17.9.4a"
    assert rows[0]["HOSTNAME"] == "router1"
    assert vty.TemplateIndex.ntc_platform("cisco_iosxe") == "cisco_ios"
    with pytest.raises(vty.TextFsmLookupError):
        index.parse("cisco_iosxe", "show nothing-like-this", version.result)


def test_a_bad_template_names_its_line():
    with pytest.raises(vty.TextFsmTemplateError) as caught:
        vty.TextFsmTemplate.from_text("Value X (\\S+)\n\nStart\n  ^${Y} -> Record\n", "bad")
    assert caught.value.line == 4 and caught.value.file == "bad"


def test_a_recorded_session_replays_offline(sim, tmp_path):
    recording = tmp_path / "session.vtyrec"
    with vty.Driver(**sim.options(record_to=recording)) as conn:
        live = [conn.send_command(c).result for c in ("show version", "show clock")]
    assert "show clock" in recording.read_text()

    # The enable password was masked in the recording: the replay types it again.
    auth = vty.Auth(secondary="enable123")
    with vty.Driver(host="router1", transport="replay", replay_file=recording, auth=auth) as conn:
        replayed = [conn.send_command(c).result for c in ("show version", "show clock")]
    assert replayed == live

    with vty.Driver(host="router1", transport="replay", replay_file=recording, auth=auth) as conn:
        with pytest.raises(vty.ReplayMismatch) as caught:
            conn.send_command("show running-config")
        conn.abort()
    assert caught.value.expected.startswith("show version")
    assert caught.value.actual.startswith("show running-config")
