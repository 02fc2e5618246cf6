"""Exports: JSON with the contract's fields, RFC 5545 calendars, the Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import re
from pathlib import Path
from typing import Any

import feedparser
import icalendar
import pytest

from generator.content import Content, SessionDoc
from generator.derive.facts import Facts, derive
from generator.loader import Source
from generator.models import MqlFile, Session, TeamFile
from generator.pipeline import Result
from generator.render import ical
from generator.render.exports import calendars, render_exports
from generator.render.feed import render_feed
from generator.render.spreadsheet import spreadsheet_safe
from tests.conftest import TODAY

# The order of the contract's "Site addresses": api/actions.json lists its keys sorted.
CONTRACT_ORDER = ["id", "session", "what", "team", "owner", "due", "status", "overdue", "url"]
ACTION_KEYS = {"id", "session", "what", "team", "owner", "due", "status", "overdue", "url"}
SESSION_KEYS = {
    "id",
    "date",
    "title",
    "url",
    "facilitators",
    "minute_taker",
    "attendees",
    "leads_total",
    "plan",
}
TASK_KEYS = {"id", "task", "owner", "start", "end", "slack", "critical"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OVERDUE = {"2026-09-28-weekly/a5", "2026-11-02-weekly/a3", "2026-11-09-expo-debrief/a2"}


def calendar_paths(pages: dict[str, Any]) -> list[str]:
    return sorted(p for p in pages if p.startswith("calendar/"))


# --- JSON -------------------------------------------------------------------------------


def test_actions_json_has_exactly_the_contract_fields(example_result: Result) -> None:
    actions = json.loads(str(example_result.pages["api/actions.json"]))
    assert len(actions) == 34
    for item in actions:
        assert set(item) == ACTION_KEYS
        assert ISO.match(item["due"])
        assert item["url"] == f"sessions/{item['session'][:4]}/{item['session']}/"
        assert item["id"].startswith(item["session"] + "/")
        assert isinstance(item["overdue"], bool)
    assert {a["id"] for a in actions if a["overdue"]} == OVERDUE


def test_actions_json_carries_the_effective_status(example_result: Result) -> None:
    actions = {a["id"]: a for a in json.loads(str(example_result.pages["api/actions.json"]))}
    carried = actions["2026-09-28-weekly/a5"]  # open when agreed, followed up four times
    assert carried["status"] == "in-progress" and carried["overdue"] is True
    assert actions["2026-09-28-weekly/a2"]["status"] == "done"


def test_sessions_json_has_exactly_the_contract_fields(example_result: Result) -> None:
    sessions = json.loads(str(example_result.pages["api/sessions.json"]))
    assert [s["id"] for s in sessions] == sorted(s["id"] for s in sessions)
    assert len(sessions) == 8
    for item in sessions:
        assert set(item) == SESSION_KEYS
        assert ISO.match(item["date"]) and item["url"] == f"sessions/2026/{item['id']}/"
        assert isinstance(item["leads_total"], int)
        for task in item["plan"]:
            assert set(task) == TASK_KEYS
            assert ISO.match(task["start"]) and ISO.match(task["end"])
            assert task["critical"] == (task["slack"] == 0)
    latest = sessions[-1]
    assert latest["minute_taker"] == "ben" and latest["leads_total"] > 0
    assert any(t["critical"] for t in latest["plan"])


def test_json_is_deterministic_utf8_and_indented(example_result: Result) -> None:
    for path in ("api/actions.json", "api/sessions.json"):
        raw = str(example_result.pages[path])
        data = json.loads(raw)
        assert raw == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- CSV -------------------------------------------------------------------------------


def csv_rows(raw: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(raw, newline="")))


def as_csv_cell(value: Any) -> str:
    """What a JSON value becomes in a CSV cell: true/false, text guarded against formulas."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return spreadsheet_safe(value)


def test_actions_csv_has_the_fields_order_and_values_of_actions_json(
    example_result: Result,
) -> None:
    raw = str(example_result.pages["api/actions.csv"])
    actions = json.loads(str(example_result.pages["api/actions.json"]))
    assert raw.splitlines()[0] == ",".join(CONTRACT_ORDER)
    rows = csv_rows(raw)
    assert len(rows) == len(actions) == 34
    for row, action in zip(rows, actions, strict=True):
        assert list(row) == CONTRACT_ORDER
        assert row == {k: as_csv_cell(v) for k, v in action.items()}
    assert {r["id"] for r in rows if r["overdue"] == "true"} == OVERDUE


def test_actions_csv_lines_end_in_crlf_and_quote_as_rfc_4180() -> None:
    what = 'Say "hi", then call\nback'
    raw = render_exports(facts_of(what), "H")["api/actions.csv"]
    assert raw.endswith("\r\n") and raw.count("\n") == raw.count("\r\n") + 1  # one inside
    assert '"Say ""hi"", then call\nback"' in raw
    assert csv_rows(raw)[0]["what"] == what


@pytest.mark.parametrize("what", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_actions_csv_cells_never_start_a_formula(what: str) -> None:
    rows = csv_rows(render_exports(facts_of(what), "H")["api/actions.csv"])
    assert rows[0]["what"] == "'" + what


def test_actions_csv_urls_are_absolute_with_a_site_url() -> None:
    out = render_exports(facts_of(), "H", "https://handover.example.org/team/")
    urls = [row["url"] for row in csv_rows(out["api/actions.csv"])]
    assert urls == [a["url"] for a in json.loads(out["api/actions.json"])]
    assert urls[0] == "https://handover.example.org/team/sessions/2026/2026-11-16-weekly/"


def test_handover_actions_csv_is_the_published_csv(example_result: Result) -> None:
    from generator.render.actions_table import as_csv

    assert example_result.facts is not None
    assert as_csv(example_result.facts.ledger) == example_result.pages["api/actions.csv"]


# --- a small content root for the calendars and the feed ---------------------------------

TEAM = TeamFile.model_validate(
    {
        "teams": [{"id": "sales", "name": "Sales"}],
        "people": [
            {"id": "ana", "name": "Ana Ruiz", "team": "sales"},
            {"id": "ben", "name": "Ben Okafor", "team": "sales"},
        ],
    }
)


def session(sid: str, title: str = "Week 47", **fields: Any) -> SessionDoc:
    data = {
        "date": sid[:10],
        "title": title,
        "facilitators": ["ana"],
        "minute_taker": "ana",
        "attendees": ["ana", "ben"],
        **fields,
    }
    model = Session.model_validate(data)
    return SessionDoc(sid, model, Source(path=f"sessions/2026/{sid}.yaml", kind="session"))


def facts_of(what: str = "Call back", *, mql: MqlFile | None = None, title: str = "Wk") -> Facts:
    actions = [
        {"what": what, "team": "sales", "owner": "ben", "due": "2026-11-20"},
        {"what": "Plan the booth", "team": "sales", "owner": "ben", "due": "2026-12-04"},
        {"what": "Done already", "team": "sales", "owner": "ana", "due": "2026-12-01"},
    ]
    first = session("2026-11-16-weekly", title=title, actions=actions)
    later = session(
        "2026-11-18-extra",
        title="Extra",
        follow_up=[{"action": "2026-11-16-weekly/a3", "status": "done", "note": "Sent; thanks"}],
    )
    content = Content(team=TEAM, mql=mql, sessions=[later, first])
    return derive(content, TODAY)


def events(text: str) -> list[Any]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


# --- calendars ----------------------------------------------------------------------------


def test_every_calendar_parses_with_one_all_day_event_per_open_action(
    example_result: Result,
) -> None:
    pages = example_result.pages
    assert calendar_paths(pages) == sorted(
        ["calendar/actions.ics", *(f"calendar/{p}.ics" for p in example_result.content.people)]
    )
    facts = example_result.facts
    assert facts is not None
    everyone = events(str(pages["calendar/actions.ics"]))
    assert len(everyone) == len(facts.open_actions) == 7
    for person in example_result.content.people:
        mine = events(str(pages[f"calendar/{person}.ics"]))
        assert len(mine) == len([e for e in facts.open_actions if e.action.owner == person])
    for event in everyone:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and end - start == dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def test_calendar_lines_are_crlf_and_at_most_75_octets(example_result: Result) -> None:
    for path in calendar_paths(example_result.pages):
        raw = str(example_result.pages[path]).encode("utf-8")
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        for line in raw.split(b"\r\n")[:-1]:
            assert len(line) <= 75, (path, line)
            line.decode("utf-8")  # folding never splits a character
        text = raw.decode()
        assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
        assert text.endswith("END:VCALENDAR\r\n")


def test_an_event_keeps_its_uid_when_the_action_text_changes() -> None:
    before = {
        str(e["UID"]): str(e["SUMMARY"])
        for e in events(calendars(facts_of(), "H")["calendar/ben.ics"])
    }
    after_facts = facts_of("Call back every lead from the Expo, today")
    after = {
        str(e["UID"]): str(e["SUMMARY"])
        for e in events(calendars(after_facts, "H")["calendar/ben.ics"])
    }
    assert (
        set(before)
        == set(after)
        == {"2026-11-16-weekly.a1@handover", "2026-11-16-weekly.a2@handover"}
    )
    assert after["2026-11-16-weekly.a1@handover"] == "Call back every lead from the Expo, today"


def test_closed_actions_are_not_in_the_calendars_and_overdue_ones_are() -> None:
    out = calendars(facts_of(), "H")
    assert events(out["calendar/ana.ics"]) == []
    descriptions = [str(e["DESCRIPTION"]) for e in events(out["calendar/actions.ics"])]
    assert "Status: open, overdue" in descriptions[0] and "Owner: Ben Okafor" in descriptions[0]


def test_calendars_are_reproducible_and_dated_from_today_not_the_clock() -> None:
    first, second = calendars(facts_of(), "H"), calendars(facts_of(), "H")
    assert first == second
    assert "DTSTAMP:20261123T000000Z\r\n" in first["calendar/actions.ics"]


@pytest.mark.parametrize(
    "what",
    [
        "Back\\slash; semi, comma\nnew line",
        "Ünïcödé ✓ " * 12,
        "x" * 300,
        "Tab\there and a bell \x07 dropped",
    ],
)
def test_text_survives_escaping_and_folding(what: str) -> None:
    raw = calendars(facts_of(what), "Cal; with, specials")["calendar/actions.ics"]
    for line in raw.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75
    assert "\r\nNAME:Cal\\; with\\, specials: open actions\r\n" in raw  # RFC 7986 TEXT
    summary = str(events(raw)[0]["SUMMARY"])
    assert summary == what.replace("\x07", "")


def test_escape_text_and_fold_units() -> None:
    assert ical.escape_text("a\\b;c,d\r\ne\rf") == "a\\\\b\\;c\\,d\\ne\\nf"
    folded = ical.fold("S:" + "é" * 80)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join([lines[0], *(line[1:] for line in lines[1:])]) == "S:" + "é" * 80
    assert ical.fold("short") == "short"


def test_event_url_only_when_the_site_url_is_known() -> None:
    assert "URL" not in events(calendars(facts_of(), "H")["calendar/ben.ics"])[0]
    out = calendars(facts_of(), "H", "https://handover.example.org/team/")
    url = events(out["calendar/ben.ics"])[0]["URL"]
    assert str(url) == "https://handover.example.org/team/sessions/2026/2026-11-16-weekly/"


def test_event_uids_carry_the_sites_host_so_two_sites_never_share_one() -> None:
    plain = events(calendars(facts_of(), "H")["calendar/ben.ics"])[0]["UID"]
    assert str(plain) == "2026-11-16-weekly.a1@handover"
    out = calendars(facts_of(), "H", "https://handover.example.org/team/")
    assert str(events(out["calendar/ben.ics"])[0]["UID"]) == (
        "2026-11-16-weekly.a1@handover.example.org"
    )


def test_json_urls_are_absolute_with_a_site_url() -> None:
    out = render_exports(facts_of(), "H", "https://handover.example.org/team/")
    action = json.loads(out["api/actions.json"])[0]
    session = json.loads(out["api/sessions.json"])[0]
    expected = "https://handover.example.org/team/sessions/2026/2026-11-16-weekly/"
    assert action["url"] == session["url"] == expected


# --- feed ---------------------------------------------------------------------------------

MQL = MqlFile.model_validate(
    {
        "versions": [
            {
                "effective": effective,
                "summary": f"Version of {effective} <b>&</b>",
                "threshold": 50,
                "criteria": [{"name": "Title", "kind": "fit", "points": 20}],
            }
            for effective in ("2026-06-01", "2026-11-17", "2027-01-04")
        ]
    }
)


def test_feed_is_valid_atom_with_sessions_and_mql_changes_newest_first(
    example_result: Result,
) -> None:
    feed = feedparser.parse(str(example_result.pages["feed.xml"]).encode("utf-8"))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    kinds = [e.tags[0].term for e in feed.entries]
    assert kinds.count("session") == 8 and kinds.count("mql") == 2  # the 2027 one is upcoming
    updated = [e.updated for e in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.entries[0].title == "Week 47 handover"
    assert feed.entries[0].link.endswith("sessions/2026/2026-11-16-weekly/")
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    assert feed.feed.updated == "2026-11-16T00:00:00Z"


def test_feed_escapes_text_and_keeps_ids_when_text_changes() -> None:
    title = "Week 47 <script>alert(1)</script> & \x0bmore"
    raw = render_feed(facts_of(title=title, mql=MQL), "Team & co")
    assert "<script>" not in raw
    feed = feedparser.parse(raw.encode("utf-8"))
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.feed.title.startswith("Team & co")
    by_title = {e.title: e for e in feed.entries}
    assert "Week 47 <script>alert(1)</script> & more" in by_title
    assert "MQL definition from 17 Nov 2026: threshold 50 points" in by_title
    other = feedparser.parse(render_feed(facts_of(title="Renamed", mql=MQL), "Team & co"))
    assert [e.id for e in other.entries] == [e.id for e in feed.entries]
    assert [e.title for e in feed.entries] == [
        "Extra",
        "MQL definition from 17 Nov 2026: threshold 50 points",
        "Week 47 <script>alert(1)</script> & more",
        "MQL definition from 1 Jun 2026: threshold 50 points",
    ]


def test_feed_links_are_absolute_with_a_site_url() -> None:
    raw = render_feed(facts_of(), "H", "https://handover.example.org/team")
    feed = feedparser.parse(raw)
    assert feed.bozo == 0
    assert (
        feed.entries[0].link == "https://handover.example.org/team/sessions/2026/2026-11-18-extra/"
    )


def test_render_exports_lists_every_contract_address() -> None:
    out = render_exports(facts_of(), "H")
    assert set(out) == {
        "api/actions.csv",
        "api/actions.json",
        "api/sessions.json",
        "calendar/actions.ics",
        "calendar/ana.ics",
        "calendar/ben.ics",
        "feed.xml",
        "sessions/2026/2026-11-16-weekly/2026-11-16-weekly.xlsx",
        "sessions/2026/2026-11-18-extra/2026-11-18-extra.xlsx",
    }


# --- the built site -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "api/actions.csv",
        "api/actions.json",
        "api/sessions.json",
        "calendar/actions.ics",
        "calendar/hana.ics",
        "feed.xml",
    ],
)
def test_built_site_serves_the_exports_at_their_addresses(built_site: Path, address: str) -> None:
    assert (built_site / address).is_file()


def test_built_calendar_keeps_crlf(built_site: Path, example_result: Result) -> None:
    built = (built_site / "calendar" / "actions.ics").read_bytes()
    assert built == str(example_result.pages["calendar/actions.ics"]).encode("utf-8")


def test_built_actions_page_shows_overdue_and_carried_over_actions(built_site: Path) -> None:
    html = (built_site / "actions" / "index.html").read_text(encoding="utf-8")
    assert "7 open, 3 overdue as of 23 Nov 2026" in html
    assert html.count("ho-overdue") == 3
    words = html_lib.unescape(re.sub(r"<[^>]+>", "", html))  # glossary tooltips are tags
    for what in (
        "Map call-centre managers' shift availability",
        "Review the call-centre playbook, last reviewed in March",
        "Build a nurture track for the outer-ring Expo leads",
    ):
        assert what in words
    # The carried-over action links to the session that agreed it and to its four follow-ups.
    row = next(r for r in html.split("<tr>") if "shift availability" in r)
    for session in (
        "2026-09-28-weekly",
        "2026-10-05-mql-alignment",
        "2026-10-19-weekly",
        "2026-11-02-weekly",
        "2026-11-16-weekly",
    ):
        assert f"../sessions/2026/{session}/" in row
    assert 'href="../calendar/actions.ics"' in html and 'href="../feed.xml"' in html
    built = json.loads((built_site / "api" / "actions.json").read_text(encoding="utf-8"))
    assert {a["id"] for a in built if a["overdue"]} == OVERDUE


def test_built_person_page_links_their_calendar(built_site: Path) -> None:
    html = (built_site / "people" / "hana" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../calendar/hana.ics"' in html
    assert html.count("ho-overdue") == 2


def test_a_person_id_that_would_overwrite_everyones_calendar_is_an_error(tmp_path: Path) -> None:
    from generator.diagnostics import Collector
    from generator.validate import validate_root

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "team.yaml").write_text(
        "teams:\n  - id: sales\n    name: Sales\n"
        "people:\n  - id: actions\n    name: A. Ctions\n    team: sales\n"
    )
    diags = Collector()
    validate_root(tmp_path, diags, TODAY)
    assert [d.text() for d in diags.errors] == [
        "content/team.yaml:5:9: error: 'actions' is a generated address "
        "(/calendar/actions.ics): use another person id"
    ]


def test_feed_tells_what_changed_in_an_mql_version(example_result: Result) -> None:
    feed = feedparser.parse(str(example_result.pages["feed.xml"]).encode("utf-8"))
    mql = [e for e in feed.entries if e.tags[0].term == "mql"]
    latest, first = mql[0].content[0].value, mql[-1].content[0].value
    assert "What changed since the version of 1 Jun 2026" in latest
    assert "Threshold 50 → 60 points" in latest
    assert "Re-weighted: Decision maker or influencer job title +20 → +25" in latest
    assert "What changed" not in first  # the first version has nothing before it
