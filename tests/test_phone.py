"""The example site on a phone (issue 19): a 390 x 844 screen in Chromium, with the fixtures
and rules of tests/test_browser.py (Debian's Chromium, the site under a sub-path, skip
locally and fail in CI when the browser is missing).

Below about 600 px the tables built from records read as cards (handover.css: one card a
row, each cell under its column's name, the status first); whatever is still wider than
the screen says so (handover.js). A session page opens at the reader's team: #<team id>,
or the team chosen last time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import test_browser as chromium

pytestmark = pytest.mark.browser

browser = chromium.browser
server = chromium.server
Server = chromium.Server
SESSION = chromium.SESSION
PHONE = {"width": 390, "height": 844}
PAGES = ["", "actions/", SESSION]


@pytest.fixture
def phone(browser: Any, server: Server) -> Iterator[chromium.Visit]:
    """A tab the size of a phone's screen, recording requests and errors as ``visit``."""
    yield from chromium.recorded(browser, server, viewport=PHONE, is_mobile=True, has_touch=True)


def settle(page: Any) -> None:
    """handover.js checks the widths once the theme has wrapped the tables."""
    page.wait_for_timeout(300)


def opened(phone: chromium.Visit, address: str) -> Any:
    page = phone.open(address)
    settle(page)
    return page


# Each badge of the first three rows that hold one (in the document's order): where it is,
# and whether it is what the screen shows at its centre (not cut off by a scrolling box).
BADGES = """() => {
  const rows = [...document.querySelectorAll('.md-content tr')]
    .filter(row => row.querySelector('.ho-status') && row.offsetParent !== null).slice(0, 3);
  return rows.map(row => [...row.querySelectorAll('.ho-status')].map(badge => {
    badge.scrollIntoView({block: 'center'});
    const r = badge.getBoundingClientRect();
    const shown = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return {text: badge.textContent, left: r.left, right: r.right, top: r.top,
            bottom: r.bottom, shown: !!shown && badge.contains(shown),
            clipped: badge.scrollWidth > badge.clientWidth + 1};
  }));
}"""


@pytest.mark.parametrize("address", PAGES)
def test_the_status_badges_of_the_first_three_actions_are_on_the_screen(
    phone: chromium.Visit, address: str
) -> None:
    page = opened(phone, address)
    rows = page.evaluate(BADGES)
    assert len(rows) == 3, f"{address}: fewer than three actions with a status"
    overdue = 0
    for badges in rows:
        assert badges
        for badge in badges:
            assert badge["left"] >= 0 and badge["right"] <= PHONE["width"], badge
            assert badge["top"] >= 0 and badge["bottom"] <= PHONE["height"], badge
            assert badge["shown"] and not badge["clipped"], badge
            overdue += badge["text"].startswith("overdue")
    if address == "":
        assert overdue == 3, "the home page lists the overdue actions first"
    chromium.screenshot(page, f"phone-{address.strip('/').replace('/', '_') or 'home'}")
    phone.assert_clean()


# Every table and chart on the page that is shown: whether it is wider than its box, and
# whether a hint says so just above it.
OVERFLOW = """() => [...document.querySelectorAll('.md-content table, .md-content figure.ho-chart')]
  .filter(node => node.offsetParent !== null)
  .map(node => {
    const box = node.closest('.md-typeset__scrollwrap') || node;
    const wide = [box, node].some(n => n.scrollWidth > n.clientWidth + 1);
    const hint = box.previousElementSibling;
    const hinted = !!hint && hint.classList.contains('ho-scroll-hint')
      && hint.offsetParent !== null && hint.getBoundingClientRect().height > 0;
    return {what: node.tagName + ' ' + node.textContent.trim().slice(0, 40), wide, hinted};
  })"""


@pytest.mark.parametrize("address", [*PAGES, chromium.DEBRIEF])
def test_no_table_is_wider_than_the_screen_without_a_visible_hint(
    phone: chromium.Visit, address: str
) -> None:
    page = opened(phone, address)
    found = page.evaluate(OVERFLOW)
    assert found
    assert [f for f in found if f["wide"] and not f["hinted"]] == []
    tables = [f for f in found if f["what"].startswith("TABLE")]
    assert tables and not [f for f in tables if f["wide"]], "the tables read as cards"
    phone.assert_clean()


def test_the_gantt_chart_starts_at_today_with_a_hint_and_the_desktop_has_no_hints(
    phone: chromium.Visit, browser: Any, server: Server
) -> None:
    page = opened(phone, SESSION)
    figure = page.locator("figure.ho-chart:has(svg.ho-gantt)")
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")  # it does not fit a phone
    assert figure.evaluate("f => f.scrollLeft") > 0
    inside = figure.evaluate(
        """f => { const t = f.querySelector('.ho-today line').getBoundingClientRect();
                  const b = f.getBoundingClientRect();
                  return t.left >= b.left && t.right <= b.right; }"""
    )
    assert inside, "today's line is on the screen"
    hint = figure.locator("xpath=preceding-sibling::*[1]")
    assert "scroll sideways" in hint.inner_text() and hint.is_visible()
    chromium.screenshot(page, "phone-gantt", full_page=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        desk = context.new_page()
        desk.goto(server.base + SESSION, wait_until="networkidle")
        settle(desk)
        assert [f for f in desk.evaluate(OVERFLOW) if f["wide"] != f["hinted"]] == []
        assert desk.locator(".ho-scroll-hint").count() == 0, "the example's tables fit"
        header = desk.locator(".md-content table thead").first
        assert header.is_visible(), "a wide screen keeps the tables"
    finally:
        context.close()


CARD = """row => {
  const cells = [...row.cells].filter(c => getComputedStyle(c).display !== 'none');
  const top = Math.min(...cells.map(c => c.getBoundingClientRect().top));
  return cells.map(c => ({label: c.dataset.label,
    before: getComputedStyle(c, '::before').content.replace(/^"|"$/g, ''),
    first: c.getBoundingClientRect().top === top, status: !!c.querySelector('.ho-status'),
    width: c.getBoundingClientRect().width,
    size: parseFloat(getComputedStyle(c).fontSize)}));
}"""


@pytest.mark.parametrize("address", [*PAGES, chromium.DEBRIEF])
def test_rows_read_as_cards_with_every_field_named_and_the_status_first(
    phone: chromium.Visit, address: str
) -> None:
    page = opened(phone, address)
    rows = page.locator(".md-content table tbody tr:visible")
    assert rows.count() > 0
    for i in range(min(rows.count(), 12)):
        cells = rows.nth(i).evaluate(CARD)
        for cell in cells:
            assert cell["label"] and cell["before"] == cell["label"], cell  # every field named
            assert cell["width"] > 0.8 * (PHONE["width"] - 40), cell  # one field a line
            assert cell["size"] >= 14, cell
        firsts = [c for c in cells if c["first"]]
        if any(c["status"] and c["label"].startswith("Status") for c in cells):
            assert firsts[0]["label"].startswith("Status"), cells
    sizes = page.locator(".md-content td .ho-status:visible").evaluate_all(
        "badges => badges.map(b => parseFloat(getComputedStyle(b).fontSize))"
    )
    assert min(sizes, default=14) >= 14
    phone.assert_clean()


# What a thumb taps: links, buttons and tab labels that are shown (not the table headers a
# phone hides for the cards, nor the theme's tab-scrolling arrows while they are faded out).
TARGETS = """targets => targets
  .filter(t => !t.closest('thead') && getComputedStyle(t).opacity !== '0'
               && getComputedStyle(t.closest('.tabbed-control') || t).opacity !== '0')
  .map(t => ({text: t.textContent.trim(), height: t.getBoundingClientRect().height}))"""


@pytest.mark.parametrize("address", ["actions/", SESSION])
def test_tap_targets_are_at_least_24px_tall(phone: chromium.Visit, address: str) -> None:
    page = opened(phone, address)
    targets = page.locator(
        ".md-content a:visible, .md-content button:visible, .md-content label:visible"
    ).evaluate_all(TARGETS)
    assert len(targets) > 20
    small = [t for t in targets if t["height"] < 24]
    assert small == [], small
    phone.assert_clean()


def tab_shown(page: Any) -> str:
    """The label of the debrief tab that is selected."""
    return str(
        page.evaluate(
            """() => { const set = document.querySelector('.ho-debriefs .tabbed-set');
                       const inputs = [...set.querySelectorAll(':scope > input')];
                       const i = inputs.findIndex(x => x.checked);
                       return set.querySelectorAll('.tabbed-labels > label')[i].textContent; }"""
        )
    ).strip()


def test_a_teams_address_opens_its_tab_and_the_last_choice_is_remembered(
    phone: chromium.Visit, browser: Any, server: Server
) -> None:
    page = phone.open(SESSION)
    assert tab_shown(page) == "Marketing"  # the first, while nothing was chosen
    page = phone.open(SESSION + "#sales")
    assert tab_shown(page) == "Sales"
    block = page.locator("#team-sales")
    assert "ho-team-part--chosen" in (block.get_attribute("class") or "")
    top = block.evaluate("b => b.getBoundingClientRect().top")
    header = page.locator(".md-header").evaluate("h => h.getBoundingClientRect().bottom")
    assert header <= top < PHONE["height"] / 2  # in sight, not under the sticky header
    assert page.locator(".ho-debriefs .tabbed-block").nth(1).is_visible()
    chromium.screenshot(page, "phone-session-sales", full_page=False)
    page = phone.open(SESSION)  # no team in the address: the one chosen last
    assert tab_shown(page) == "Sales"
    page.locator(".ho-debriefs .tabbed-labels > label", has_text="Marketing").click()
    page = phone.open(SESSION)
    assert tab_shown(page) == "Marketing"
    page.locator("#team-sales a[data-ho-tab]").click()  # the block's "Debrief" link
    assert tab_shown(page) == "Sales"
    assert page.evaluate("localStorage.getItem('handover.team')") == "sales"
    page = phone.open(SESSION + "#__tabbed_1_1")  # a debrief's old address names its tab
    assert tab_shown(page) == "Marketing"
    phone.assert_clean()
    other = browser.new_context(viewport=PHONE)  # another reader: nothing remembered
    try:
        fresh = other.new_page()
        fresh.goto(server.base + SESSION, wait_until="networkidle")
        assert tab_shown(fresh) == "Marketing"
    finally:
        other.close()


def test_printed_from_a_phone_the_tables_stay_tables(phone: chromium.Visit) -> None:
    page = opened(phone, SESSION)
    head = page.locator(".md-content table thead").first
    assert head.evaluate("h => getComputedStyle(h).position") == "absolute"  # cards on screen
    page.emulate_media(media="print")
    shown = page.locator(".md-content table:visible").evaluate_all(
        """tables => tables.map(t => [getComputedStyle(t).display,
                                      getComputedStyle(t.tHead).position,
                                      getComputedStyle(t.rows[1]).display])"""
    )
    assert shown and all(s == ["table", "static", "table-row"] for s in shown), shown
    assert page.locator(".ho-scroll-hint:visible, .ho-team-parts:visible").count() == 0
    phone.assert_clean()
