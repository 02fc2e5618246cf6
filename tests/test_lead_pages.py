"""Each reader's own part (issue 19, the pages): a rep's leads on their page, the "When a
lead arrives" page and the first-contact rule it explains, return reasons, the MQL page's
order, the debriefs' and person pages' RACI, and references that are links."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from generator import addresses as at
from generator.derive.first_contact import first_contact, in_force, tier_rule
from generator.diagnostics import Collector
from generator.engine.config import navigation
from generator.models import MqlFile, Tier
from generator.pipeline import Result, generate
from generator.validate import validate_root
from tests.conftest import edit

WEEK47 = "sessions/2026/2026-11-16-weekly"


def page(result: Result, path: str) -> str:
    text = result.pages[path]
    assert isinstance(text, str)
    return text


def section(text: str, heading: str) -> str:
    """The text under the h2 ``heading``, up to the next h2."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def rows(html_table: str) -> list[list[str]]:
    """The cells of each body row of an HTML block, as text without tags."""
    body = html_table.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def errors_after(root: Path, rel: str, old: str, new: str) -> Collector:
    """What validation says of ``root`` once ``old`` is ``new`` in its file ``rel``."""
    edit(root, rel, old, new)
    diags = Collector()
    validate_root(root, diags, dt.date(2026, 11, 23))
    return diags


# --- the first-contact rule ----------------------------------------------------------


def tier(hours: int | None) -> Tier:
    return Tier(name="T", first_touch_hours=hours)


@pytest.mark.parametrize(
    ("own", "mql", "hours", "winner"),
    [
        (4, 12, 4, "playbook"),  # the tier is tighter
        (72, 12, 12, "mql"),  # the MQL definition is tighter
        (12, 12, 12, "same"),
        (None, 12, 12, "mql"),  # the tier sets no time
        (48, None, 48, "playbook"),  # the definition sets none
        (None, None, None, "none"),
    ],
)
def test_the_tighter_first_contact_time_wins(
    own: int | None, mql: int | None, hours: int | None, winner: str
) -> None:
    rule = tier_rule(tier(own), mql)
    assert (rule.hours, rule.winner) == (hours, winner)


def test_the_version_in_force_on_a_day(example_result: Result) -> None:
    mql = example_result.content.mql
    assert mql is not None
    assert in_force(mql, dt.date(2026, 11, 16)).effective == dt.date(2026, 10, 5)  # type: ignore[union-attr]
    assert in_force(mql, dt.date(2026, 10, 4)).effective == dt.date(2026, 6, 1)  # type: ignore[union-attr]
    assert in_force(mql, dt.date(2026, 5, 31)) is None
    assert in_force(MqlFile.model_construct(versions=[]), dt.date(2026, 1, 1)) is None


def test_a_lead_group_without_a_playbook_follows_the_mql_definition() -> None:
    rule = first_contact(None, None)
    assert (rule.mql_hours, rule.playbook, rule.tiers) == (None, None, ())


# --- your leads ------------------------------------------------------------------------


def test_gus_page_lists_his_january_intake_leads_with_their_playbook_first(
    example_result: Result,
) -> None:
    text = page(example_result, "people/gus.md")
    assert text.index("## Your leads") < text.index("## Open actions")
    leads = rows(section(text, "Your leads"))
    # source, count, ring, playbook, ready by, first contact, session: newest first
    assert [row[0] for row in leads[:3]] == ["January-intake enquiries"] * 3
    assert [row[-1] for row in leads[:3]] == [
        "Week 47 handover",
        "Week 46 handover and Expo debrief",
        "Week 45 handover",
    ]
    assert [row[1] for row in leads[:3]] == ["33", "25", "21"]
    assert leads[0][2:6] == ["core", "University admissions", "17 Nov 2026", "12 h (Tier 1: 4 h)"]
    assert 'href="../../playbooks/university/">University admissions</a>' in text
    # every cell says its column, for the cards on a phone
    assert all(
        label in text
        for label in ('data-label="Source"', 'data-label="Playbook"', 'data-label="First contact"')
    )


def test_only_the_latest_sessions_leads_are_listed(example_result: Result) -> None:
    facts = example_result.facts
    assert facts is not None
    latest = {s.id for s in facts.sessions_newest[:4]}
    assigned = facts.leads_of("gus")
    assert assigned and {a.session.id for a in assigned} <= latest
    dates = [a.session.model.date for a in assigned]
    assert dates == sorted(dates, reverse=True)
    assert "No leads assigned to Elif" in page(example_result, "people/elif.md")


# --- when a lead arrives ---------------------------------------------------------------


def test_the_new_page_shows_the_threshold_the_first_contact_time_and_the_tiers(
    example_result: Result,
) -> None:
    text = page(example_result, at.LEAD_ARRIVES)
    assert "**60 points**" in text and "within **12 hours**" in text
    assert "the tighter one wins" in text
    university = [
        r for r in rows(text.split("### Which rule wins")[1]) if r[0] == "University admissions"
    ]
    # tier, the time that applies, whose it is, the tier's own time
    assert [tuple(r[1:5]) for r in university] == [
        ("Tier 1", "4 h", "the playbook's: tighter", "4 h"),
        ("Tier 2", "12 h", "both: the same time", "12 h"),
        ("Tier 3", "12 h", "the MQL definition's: tighter", "72 h"),
    ]
    # what travels with a lead, how to accept it, how to return it and why
    assert "Score breakdown at the moment of handover" in section(text, "What travels with a lead")
    assert "**Sales Accepted Lead** (Sales)" in section(text, "Accept it")
    returned = rows(section(text, "Return it"))
    assert [r[0] for r in returned][:2] == ["no-contact", "not-ready"]


def test_the_new_page_is_linked_from_home_start_navigation_and_sales_people(
    example_result: Result,
) -> None:
    target = "when-a-lead-arrives.md"
    assert f"]({target})" in page(example_result, at.HOME)
    assert f"](../{target})" in page(example_result, at.START)
    for person in example_result.content.team.people:
        linked = f"](../{target}) says what to do first" in page(
            example_result, at.person(person.id)
        )
        assert linked == (person.team == "sales"), person.id
    assert at.LEAD_ARRIVES in str(navigation(example_result.content))


def test_without_return_reasons_the_pages_say_where_to_add_them(example_copy: Path) -> None:
    funnel = example_copy / "content" / "funnel.yaml"
    text = funnel.read_text(encoding="utf-8")
    funnel.write_text(text.split("# The reasons Sales gives")[0], encoding="utf-8")
    result = generate(example_copy, dt.date(2026, 11, 23))
    assert not result.failed
    assert "No return reasons recorded yet" in page(result, at.FUNNEL)
    assert "No reason codes are recorded yet" in page(result, at.LEAD_ARRIVES)


# --- return reasons --------------------------------------------------------------------


def test_the_funnel_page_lists_the_return_reasons(example_result: Result) -> None:
    listed = rows(section(page(example_result, at.FUNNEL), "Return reasons"))
    reasons = example_result.content.funnel.return_reasons
    assert [r[0] for r in listed] == [r.id for r in reasons] and len(reasons) == 5
    assert listed[0][2] == reasons[0].next_step


def test_a_duplicate_return_reason_id_is_an_error_at_its_line(example_copy: Path) -> None:
    edit(example_copy, "content/funnel.yaml", "  - id: not-ready", "  - id: no-contact")
    lines = (example_copy / "content/funnel.yaml").read_text(encoding="utf-8").splitlines()
    second = [i for i, text in enumerate(lines, 1) if text == "  - id: no-contact"][1]
    diags = Collector()
    validate_root(example_copy, diags, dt.date(2026, 11, 23))
    found = [d for d in diags.errors if "duplicate return reason id 'no-contact'" in d.message]
    assert [(d.path, d.line) for d in found] == [("content/funnel.yaml", second)], diags.errors


def test_a_return_reason_needs_a_label(example_copy: Path) -> None:
    label = "    label: Could not reach the lead after every touch the playbook's tier allows\n"
    diags = errors_after(example_copy, "content/funnel.yaml", label, "")
    assert any(d.path == "content/funnel.yaml" and "label" in d.message for d in diags.errors), [
        d.text() for d in diags.items
    ]


# --- the MQL page, debriefs and RACI ---------------------------------------------------


def test_the_mql_page_shows_the_criteria_before_what_changed(example_result: Result) -> None:
    current = section(page(example_result, at.MQL), "Current definition")
    assert current.index("| Criterion | Kind | Points |") < current.index("**What changed")


def test_the_sales_debrief_lists_the_activities_where_sales_is_responsible_or_accountable(
    example_result: Result,
) -> None:
    text = page(example_result, f"{WEEK47}/debrief/sales.md")
    row = re.search(r"<tr>\n<td>January-intake holiday cover</td>\n<td>(.*?)</td>", text)
    assert row, text
    person = '<a href="../../../../../people/{}/">{}</a>'
    assert f"Responsible: {person.format('gus', 'Gus Lindqvist')}" in row.group(1)
    assert f"Accountable: {person.format('ben', 'Ben Okafor')}" in row.group(1)
    assert "is not consulted or informed" not in text
    leads = section(text, "Leads handed to Sales")
    university = '<a href="../../../../../playbooks/university/">University admissions</a>'
    assert f"<td>{university}</td>" in leads
    cells = [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", leads)]
    assert "12 h (Tier 1: 4 h)" in cells  # "Tier" carries the glossary's tooltip


def test_a_persons_raci_activity_is_one_row_with_all_their_roles(example_result: Result) -> None:
    table = rows(section(page(example_result, "people/hana.md"), "RACI roles"))
    week47 = [r for r in table if r[2] == "Week 47 handover"]
    assert ["Sign-off of the January MQL version", "Consulted, Informed (as Sales)"] in [
        r[:2] for r in week47
    ]
    assert len(week47) == len({r[0] for r in week47})


# --- links -----------------------------------------------------------------------------


def test_the_example_content_links_the_pages_it_names(example_result: Result) -> None:
    session = page(example_result, "handover-session.md")
    assert "under\n  [People](people/index.md)" in session
    assert "[Actions board](actions/index.md)" in session
    assert "[Funnel page](funnel.md)" in page(example_result, "why-handover.md")


def test_glossary_terms_have_anchors_and_tooltips_link_to_them(built_site: Path) -> None:
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<dt id="([^"]+)"', glossary))
    assert {"mql", "lead-scoring", "minute-taker"} <= ids
    person = (built_site / "people" / "gus" / "index.html").read_text(encoding="utf-8")
    assert '<a class="ho-term" href="../../glossary/#mql"><abbr title="Marketing' in person
    linked = 0
    for html_page in built_site.rglob("*.html"):
        text = html_page.read_text(encoding="utf-8")
        for anchor in re.findall(r'class="ho-term" href="[^"]*glossary/#([^"]+)"', text):
            assert anchor in ids, (html_page, anchor)
            linked += 1
        # no tooltip is left without its link, and no link holds another
        assert not re.search(r"<a [^>]*>[^<]*<a class=\"ho-term\"", text), html_page
    assert linked > 100


def test_two_glossary_terms_with_one_anchor_are_an_error(example_copy: Path) -> None:
    twin = "  - term: Lead-scoring\n    means: the same address as Lead scoring\n"
    diags = errors_after(
        example_copy, "content/glossary.yaml", "  - term: SAL\n", twin + "  - term: SAL\n"
    )
    found = [d for d in diags.errors if "same address (glossary/#lead-scoring)" in d.message]
    assert [d.path for d in found] == ["content/glossary.yaml"], [d.text() for d in diags.items]
