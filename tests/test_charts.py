"""Charts: layout geometry, SVG markup (golden files, escaping, accessibility), the RACI
matrix, the leads derivations, and the charts on the built example site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import Markup

from generator.derive.leads import (
    ChannelCount,
    LeadsTable,
    PeriodLeads,
    RingLeads,
    by_ring,
    by_week,
    by_year,
    channel_order,
)
from generator.derive.schedule import schedule
from generator.models import LeadGroup, PlanTask, RaciRow, TeamFile
from generator.pipeline import Result
from generator.render.charts import fit, gantt, onion, palette, text_width, weekly
from generator.render.env import render_svg
from generator.render.workflow import raci_matrix
from tests.pagefind_index import indexed

GOLDEN = Path(__file__).parent / "golden" / "svg"
D = dt.date
TODAY = D(2026, 11, 23)  # a Monday
NAMES = {"ana": "Ana Ruiz", "ben": "Ben Okafor", "carla": "Carla Mendes"}
HOSTILE = "<script>alert('x')</script> & \"Q&A\""
SVG = "{http://www.w3.org/2000/svg}"


def small_plan() -> list[PlanTask]:
    return [
        PlanTask(id="brief", task="Brief the team", owner="ana", days=2, start=D(2026, 11, 19)),
        PlanTask(id="build", task="Build the page", owner="ben", days=3, after=["brief"]),
        PlanTask(id="check", task="Check & ship", owner="carla", days=1, start=D(2026, 11, 19)),
        PlanTask(id="launch", task="Launch", owner="ana", days=1, after=["build", "check"]),
    ]


def small_leads() -> list[LeadGroup]:
    return [
        LeadGroup(source="Enquiries", channel="content", count=33, ring="core"),
        LeadGroup(source="Expo tier 1", channel="events", count=8, ring="middle"),
        LeadGroup(source="Webinar", channel="webinar", count=44, ring="middle"),
        LeadGroup(source="Nurture", channel="events", count=34, ring="outer"),
    ]


ORDER = ["webinar", "events", "content"]


def small_weeks() -> LeadsTable:
    return LeadsTable(
        ("webinar", "events"),
        (
            PeriodLeads(D(2026, 11, 2), (10, 5), ()),
            PeriodLeads(D(2026, 11, 9), (0, 0), ()),
            PeriodLeads(D(2026, 11, 16), (4, 21), ()),
        ),
    )


def gantt_svg(plan: list[PlanTask], names: dict[str, str] = NAMES) -> Markup:
    chart = gantt.layout(schedule(plan), names, TODAY)
    assert chart is not None
    return render_svg("gantt.svg.j2", g=chart, uid="g", title="Week 47")


def onion_svg(leads: list[LeadGroup], order: list[str] = ORDER) -> Markup:
    chart = onion.layout(by_ring(leads, order), palette(order))
    assert chart is not None
    return render_svg("onion.svg.j2", o=chart, uid="o", title="Week 47")


def weekly_svg(table: LeadsTable) -> Markup:
    chart = weekly.layout(table, palette(table.channels))
    assert chart is not None
    return render_svg("weekly.svg.j2", w=chart, uid="w")


# Golden SVGs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("gantt.svg", lambda: gantt_svg(small_plan())),
        ("onion.svg", lambda: onion_svg(small_leads())),
        ("weekly.svg", lambda: weekly_svg(small_weeks())),
    ],
)
def test_svg_matches_golden_file(name: str, make: object) -> None:
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change."""
    assert callable(make)
    svg = str(make()) + "\n"
    target = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == svg


# Markup: escaping, accessibility, embedding ----------------------------------------


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


def test_hostile_text_is_escaped_in_every_chart() -> None:
    plan = [
        PlanTask(id="a", task=HOSTILE, owner="x", days=1, start=TODAY),
        PlanTask(id="b", task="b", owner="ana", days=1, after=["a"]),
    ]
    leads = [LeadGroup(source="s", channel=HOSTILE, count=3, ring="core")]
    charts = [
        gantt_svg(plan, {"x": HOSTILE, "ana": "Ana"}),
        onion_svg(leads, [HOSTILE]),
        weekly_svg(LeadsTable((HOSTILE,), (PeriodLeads(TODAY, (3,), ()),))),
    ]
    for svg in charts:
        assert "<script" not in svg and "&lt;script&gt;" in svg
        assert "&amp; &#34;Q&amp;A&#34;" in svg and "&#39;x&#39;" in svg
        root = _parse(svg)
        texts = " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))
        texts += " ".join(e.text or "" for e in root.iter(f"{SVG}title"))
        assert "<script>alert('x')</script>" in texts  # shown literally, as text


def test_newlines_in_record_text_never_make_a_blank_line() -> None:
    """A blank line would end the raw HTML block that embeds the chart in Markdown."""
    plan = [PlanTask(id="a", task="two\n\nparagraphs", owner="ana", days=1, start=TODAY)]
    svg = gantt_svg(plan)
    assert "\n\n" not in svg and "two paragraphs" in svg
    assert not any(line.startswith(" ") for line in svg.splitlines())


@pytest.mark.parametrize(
    "make",
    [
        lambda: gantt_svg(small_plan()),
        lambda: onion_svg(small_leads()),
        lambda: weekly_svg(small_weeks()),
    ],
)
def test_charts_are_accessible_images_that_load_nothing(make: object) -> None:
    assert callable(make)
    svg = str(make())
    root = _parse(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "same data" in (desc.text or "")
    assert not re.search(r"\b(href|src)=", svg) and "url(" not in svg
    assert len(svg.encode()) < 15_000


# Layout -----------------------------------------------------------------------------


def test_gantt_bars_follow_the_working_day_axis() -> None:
    chart = gantt.layout(schedule(small_plan()), NAMES, TODAY)
    assert chart is not None
    bars = {b.task: b for b in chart.bars}
    # Thu 19 .. Thu 26 Nov: six working days, the weekend left out.
    assert [c.day.day for c in chart.columns] == [19, 20, 23, 24, 25, 26]
    assert chart.columns[2].monday and chart.columns[2].week
    assert bars["Brief the team"].width == 2 * chart.column - 3
    assert bars["Build the page"].x == bars["Brief the team"].x + 2 * chart.column
    assert [b.critical for b in chart.bars] == [True, True, False, True]
    # Check (Thu 19) could end as late as Wed 25, before Launch: four working days.
    assert bars["Check & ship"].slack == 4
    assert bars["Check & ship"].slack_x == chart.columns[5].x - 1.5
    assert [a.critical for a in chart.arrows] == [False, True, True]  # critical drawn on top
    assert chart.today is not None and chart.today.x == chart.columns[2].x + chart.column / 2
    assert [i.kind for i in chart.legend] == ["critical", "task", "slack", "link", "today"]
    assert all(b.owner_x + text_width(b.owner, gantt.FONT) <= chart.width for b in chart.bars)


def test_gantt_marks_today_only_when_near_the_plan() -> None:
    plan = schedule(small_plan())
    far = gantt.layout(plan, NAMES, D(2027, 3, 1))
    assert far is not None and far.today is None and far.first == D(2026, 11, 19)
    saturday = gantt.layout(plan, NAMES, D(2026, 11, 28))
    assert saturday is not None and saturday.today is not None
    assert saturday.today.x == saturday.area_end  # between Friday and the next Monday
    before = gantt.layout(plan, NAMES, D(2026, 11, 16))
    assert before is not None and before.first == D(2026, 11, 16)


def test_the_today_label_stays_inside_the_chart_on_the_last_or_first_column() -> None:
    plan = schedule(small_plan())
    for day in (D(2026, 11, 16), max(t.end for t in plan), D(2026, 11, 28)):
        chart = gantt.layout(plan, NAMES, day)
        assert chart is not None and chart.today is not None
        label = f"Today, {day.day} {day:%b}"
        half = text_width(label, gantt.FONT) / 2
        assert chart.today.label_x - half >= 0
        assert chart.today.label_x + half <= chart.width


def test_gantt_of_a_long_plan_stays_small() -> None:
    plan = [PlanTask(id="t0", task="Task 0", owner="ana", days=5, start=D(2026, 1, 5))]
    plan += [
        PlanTask(id=f"t{i}", task=f"Task {i}", owner="ben", days=5, after=[f"t{i - 1}"])
        for i in range(1, 12)
    ]
    chart = gantt.layout(schedule(plan), NAMES, TODAY)
    assert chart is not None and chart.column >= gantt.MIN_COLUMN
    assert len(gantt_svg(plan).encode()) < 15_000


def test_gantt_of_an_empty_plan_is_none() -> None:
    assert gantt.layout([], NAMES, TODAY) is None


def test_onion_arcs_share_each_ring_in_proportion() -> None:
    chart = onion.layout(by_ring(small_leads(), ORDER), palette(ORDER))
    assert chart is not None and chart.total == 119
    core, middle, outer = chart.rings
    assert [(r.name, r.total) for r in chart.rings] == [("Core", 33), ("Middle", 52), ("Outer", 34)]
    assert core.radius < middle.radius < outer.radius
    assert [a.channel for a in middle.arcs] == ["webinar", "events"]  # site channel order
    webinar, events = middle.arcs
    assert webinar.dash / events.dash == pytest.approx(44 / 8, rel=0.05)
    for ring in chart.rings:
        used = sum(a.dash + onion.SEPARATOR for a in ring.arcs)
        assert used < ring.circumference  # the top is left free for the label
        assert -ring.arcs[0].offset > 0
    assert [(k.channel, k.count) for k in chart.keys] == [
        ("webinar", 44),
        ("events", 42),
        ("content", 33),
    ]


def test_onion_without_leads_is_none_and_an_empty_ring_is_kept() -> None:
    assert onion.layout(by_ring([], ORDER), palette(ORDER)) is None
    only_core = [LeadGroup(source="s", channel="content", count=3, ring="core")]
    chart = onion.layout(by_ring(only_core, ORDER), palette(ORDER))
    assert chart is not None and [len(r.arcs) for r in chart.rings] == [1, 0, 0]


def test_weekly_stacks_channels_and_keeps_empty_weeks() -> None:
    chart = weekly.layout(small_weeks(), palette(("webinar", "events")))
    assert chart is not None and chart.total == 40
    assert [w.total for w in chart.weeks] == [15, 0, 25]
    assert [t.value for t in chart.ticks] == [0, 10, 20, 30]
    last = chart.weeks[-1]
    assert [b.channel for b in last.blocks] == ["webinar", "events"]
    assert last.blocks[0].y + last.blocks[0].height == chart.base  # bottom block on the axis
    assert last.blocks[1].y + last.blocks[1].height == pytest.approx(last.blocks[0].y, abs=0.11)
    assert [len(s.blocks) for s in chart.channels] == [2, 2]


@pytest.mark.parametrize(
    ("peak", "step"), [(0, 1), (3, 1), (40, 10), (155, 50), (190, 50), (1200, 500)]
)
def test_nice_step(peak: int, step: int) -> None:
    assert weekly.nice_step(peak) == step


def test_fit_cuts_long_text_with_an_ellipsis() -> None:
    assert fit("Short", 100) == "Short"
    cut = fit("A rather long task name that will not fit", 120)
    assert cut.endswith("\u2026") and text_width(cut) <= 120
    assert fit("two\nlines", 100) == "two lines"


# Leads derivations and the RACI matrix ------------------------------------------------


def test_leads_by_week_channel_order_and_year(example_result: Result) -> None:
    sessions = example_result.content.sessions
    assert channel_order(sessions)[:3] == ["webinar", "paid-search", "events"]
    weeks = by_week(sessions)
    assert weeks.periods[0].start == D(2026, 9, 28) and weeks.periods[-1].start == D(2026, 11, 16)
    assert len(weeks.periods) == 8 and all(p.start.weekday() == 0 for p in weeks.periods)
    latest = weeks.periods[-1]
    assert latest.total == 119 and [s.id for s in latest.sessions] == ["2026-11-16-weekly"]
    assert sum(weeks.totals) == sum(p.total for p in by_year(sessions).periods)
    assert len(by_week(sessions, weeks=3).periods) == 3


def test_by_ring_adds_up_a_channel_within_a_ring() -> None:
    leads = [*small_leads(), LeadGroup(source="More", channel="events", count=2, ring="middle")]
    core, middle, _ = by_ring(leads, ORDER)
    assert middle.channels == (ChannelCount("webinar", 44), ChannelCount("events", 10))
    assert core == RingLeads("core", (ChannelCount("content", 33),))


def test_raci_matrix_puts_people_by_team_then_teams() -> None:
    team = TeamFile.model_validate(
        {
            "teams": [{"id": "marketing", "name": "M"}, {"id": "sales", "name": "S"}],
            "people": [
                {"id": "ana", "name": "Ana", "team": "marketing"},
                {"id": "ben", "name": "Ben", "team": "sales"},
                {"id": "carla", "name": "Carla", "team": "marketing"},
            ],
        }
    )
    rows = [
        RaciRow.model_validate({"activity": "x", "R": ["ben", "ana"], "A": "ana", "I": ["sales"]}),
        RaciRow.model_validate({"activity": "y", "R": ["carla"], "A": "ben", "C": ["marketing"]}),
    ]
    matrix = raci_matrix(rows, team)
    assert matrix.parties == ("ana", "carla", "ben", "marketing", "sales")
    assert matrix.rows[0].cells == (("R", "A"), (), ("R",), (), ("I",))
    assert matrix.rows[1].cells == ((), ("R",), ("A",), ("C",), ())


# The example site ---------------------------------------------------------------------


def _figures(markdown: str) -> list[str]:
    return re.findall(
        r"^<figure class=\"ho-chart\" data-search-exclude data-pagefind-ignore>\n.*?\n</figure>$",
        markdown,
        re.M | re.S,
    )


def test_session_markdown_embeds_charts_as_one_raw_html_block(example_result: Result) -> None:
    page = str(example_result.pages["sessions/2026/2026-11-16-weekly.md"])
    figures = _figures(page)
    assert len(figures) == 2
    for figure in figures:
        assert "\n\n" not in figure and "\n    " not in figure
        assert f"\n\n{figure}\n\n" in page


def test_built_session_page_has_the_gantt_onion_and_raci_matrix(built_site: Path) -> None:
    html = (built_site / "sessions/2026/2026-11-16-weekly/index.html").read_text()
    gantt_html = html[
        html.index('<svg xmlns="http://www.w3.org/2000/svg" class="ho-svg ho-gantt"') :
    ]
    gantt_html = gantt_html[: gantt_html.index("</svg>")]
    assert 'role="img"' in gantt_html and "Critical path (no slack)" in gantt_html
    assert gantt_html.count('class="ho-task ho-crit"') == 4 + 1  # four tasks and the legend
    assert "Critical path, with no slack: Q1 events budget, Q1 events shortlist" in gantt_html
    assert "Today, 23 Nov" in gantt_html and "Gus Lindqvist" in gantt_html
    assert 'class="ho-svg ho-onion"' in html and "Core 33" in html
    matrix = html[html.index('class="ho-raci-matrix"') :]
    matrix = matrix[: matrix.index("</table>")]
    assert '<a href="../../../people/ana/">Ana Ruiz</a>' in matrix
    assert '<span class="ho-raci ho-raci-a" title="Accountable">A</span>' in matrix
    assert matrix.count('class="ho-raci ho-raci-r"') == 2 + 2 + 1
    # The charts are not wrapped in paragraphs or code blocks by Markdown.
    assert "<p><figure" not in html and "<code>&lt;svg" not in html


def test_chart_labels_stay_out_of_the_search_index(built_site: Path) -> None:
    """The tables next to the charts carry the same words; the axis labels would be noise."""
    index = json.dumps(indexed(built_site))
    assert "Q1 events budget" in index and "Waits for" not in index and "ho-gantt" not in index


def test_built_leads_page_is_linked_and_shows_the_weekly_chart(built_site: Path) -> None:
    html = (built_site / "leads/index.html").read_text()
    assert 'class="ho-svg ho-weekly"' in html and 'role="img"' in html
    assert "Week by week" in html and "By year" in html and ">869<" in html
    home = (built_site / "index.html").read_text()
    assert 'href="leads/"' in home


def test_example_charts_are_small(example_result: Result) -> None:
    sizes = [
        len(svg.encode())
        for page in example_result.pages.values()
        if isinstance(page, str)
        for svg in re.findall(r"<svg .*?</svg>", page, re.S)
    ]
    assert len(sizes) >= 3 and max(sizes) < 15_000
