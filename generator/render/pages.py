"""Facts to pages: the mapping of relative path -> content that every engine takes."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import ChainMap
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import groupby
from typing import Any

from markupsafe import Markup

from generator import addresses as at
from generator.content import PageDoc, PlaybookDoc, SessionDoc
from generator.derive.facts import Facts
from generator.policies import DEBRIEF_PAGES, HOME_OVERDUE, SESSIONS_YEARS, by_month
from generator.procs import Background, fork_map
from generator.render import page_meta, search, text
from generator.render.cache import DiskCache
from generator.render.debrief_pages import render_debrief_pages, session_context
from generator.render.env import TEMPLATES, environment, render, render_svg
from generator.render.exports import data_exports
from generator.render.ledger_pages import render_ledger_pages
from generator.render.markdown_field import glossary_variants
from generator.render.memo import RenderMemo, fingerprint
from generator.render.page_cache import PageCache
from generator.render.session_workbook import render_workbooks, workbook_path
from generator.render.workflow import channel_colours, leads_visuals, session_visuals
from generator.vocabulary import SESSION_TAG

Pages = dict[str, str | bytes]
CSS, PRINT_CSS, JS = at.CSS, at.PRINT_CSS, at.JS  # as before, for the engine's imports
# The search box in the header (loaded by the theme override, site_templates/theme)
SEARCH_ASSETS = ("assets/search.js", "assets/search.css")


@dataclass(frozen=True)
class PastVersion:
    version: Any
    until: Any


def _common(facts: Facts, site_name: str, site_url: str = "") -> dict[str, Any]:
    content = facts.content
    return {
        "site_name": site_name,
        "site_url": site_url,  # the full address shown to share a page, when known
        "people": facts.directory.people,
        "teams": facts.directory.teams,
        "names": facts.directory,
        "playbooks": {p.id: p for p in content.playbooks},
        "today": facts.today,
        "by_gid": facts.by_gid,
        "glossary_terms": _glossary(facts),
    }


def _glossary(facts: Facts) -> dict[str, str]:
    """Term -> meaning, for tooltips: each term also in lower case and capitalised."""
    return glossary_variants(
        {t.term: " ".join(t.means.split()) for t in facts.content.glossary.terms}
    )


def _abbreviations(glossary: dict[str, str]) -> list[str]:
    lines = (text.abbreviation(term, means) for term, means in glossary.items())
    return [line for line in lines if line]


def render_pages(
    facts: Facts,
    site_name: str = "Handover",
    site_url: str = "",
    changed: Mapping[str, dt.date] | None = None,
    memo: RenderMemo | None = None,
    cache: DiskCache | None = None,
    meanwhile: Callable[[MutableMapping[str, str | bytes]], None] | None = None,
) -> Pages:
    """Every page of the site, as Markdown (plus static assets and exports), keyed by docs path.

    ``site_url`` (the configuration's, may be empty) makes the calendars' links absolute.
    ``changed``: content file (relative to the root) -> when it last changed (from git).
    ``memo`` (the live preview's) renders again only the pages whose context changed.
    ``cache`` (render/cache.py) keeps the costly outputs between runs.
    ``meanwhile``: work on the rendered pages done while the workbooks are still being
    made (the link check), given every path with the workbooks' as empty files.
    """
    environment().filters["month_name"] = lambda m: calendar.month_abbr[int(m)]
    common = _common(facts, site_name, site_url)
    if memo is not None:
        memo.start(fingerprint({k: v for k, v in common.items() if k != "by_gid"}), facts.by_gid)
    glossary = render("_glossary.md.j2", "", abbreviations=_abbreviations(common["glossary_terms"]))
    pages: Pages = {}
    tags = page_meta.page_tags(facts)
    steps = page_meta.path_steps(start_path(facts))
    changed_on = page_meta.changed_on(facts.content, changed or {})
    filters = search.page_filters(facts.content)
    kept = PageCache(cache, common, "by_gid") if cache is not None and memo is None else None

    def page(path: str, template: str, **context: Any) -> str:
        step = steps.get(path)
        own = {"tags": tags.get(path, []), **context}
        ending = {
            "step": step,
            "changed": changed_on.get(path),
            "search_filters": search.filter_attributes(filters.get(path)),
        }
        if memo is None:
            if kept is not None:
                body = kept.render(f"{path}:{template}", partial(render, template, path), own)
            else:
                body = render(template, path, **common, **own)
            end = render("_page_end.md.j2", path, **ending)
        else:
            body = memo.render(
                f"{path}:{template}", partial(render, template, path), own, common, "by_gid"
            )
            end = memo.render(f"{path}:end", partial(render, "_page_end.md.j2", path), ending)
        text = pages[path] = (_hide_footer(body) if step else body) + end + glossary
        return text

    # The workbooks are made by a forked process while this one renders the pages: they
    # are a third of a cold run's work, and most of what follows runs on one core.
    books = partial(render_workbooks, facts, site_url, cache, spread=False)
    with Background(books, 0 if memo else len(facts.content.sessions)) as workbooks:
        _every_page(facts, page, pages, memo, kept)
        pages.update(data_exports(facts, site_name, site_url))
        if meanwhile is not None:
            to_come: Pages = dict.fromkeys(map(workbook_path, facts.content.sessions), b"")
            meanwhile(ChainMap(pages, to_come))
        pages.update(workbooks.result())
    return pages


def _every_page(
    facts: Facts, page: PageFn, pages: Pages, memo: RenderMemo | None, kept: PageCache | None
) -> None:
    """Every page and asset but the exports, through ``page`` or into ``pages``.

    On a big site, the action and people pages (render_ledger_pages) are rendered by a
    forked process (procs.Background) while the session pages are, and most of what
    follows runs on one core; they are put in their place all the same."""
    _home_and_start(facts, page)
    size = len(facts.content.sessions) if memo is None else 0
    ledger = _written(page, render_ledger_pages, facts) if Background.forks(size) else None
    with Background(ledger or dict, size if ledger else 0) as later:
        pages.update(_sessions(facts, page, memo, kept))
        _leads(facts, page)
        if ledger is None:
            render_ledger_pages(facts, page)
        else:
            pages.update(later.result())
    _playbooks(facts, page)
    _shared_understanding(facts, page)
    years = sorted({s.year for s in facts.content.sessions}, reverse=True)
    page(at.TAGS, "tags.md.j2", years=years, session_tag=SESSION_TAG)
    for free in facts.content.pages:
        if free.id not in at.INTRO_PAGES:
            page(at.free_page(free.id), "page.md.j2", title=free.title, body=free.src.body)
    for asset in (at.CSS, at.PRINT_CSS, at.JS, *SEARCH_ASSETS):
        pages[asset] = (TEMPLATES / asset).read_text(encoding="utf-8")


PageFn = Callable[..., Any]
HIDE_FOOTER = "hide:\n  - footer\n"


def _hide_footer(body: str) -> str:
    """Front matter that hides the theme's previous/next footer: on the new-hire path the
    page's own path links give the reading order, and two different pairs confuse."""
    if body.startswith("---\n"):
        return "---\n" + HIDE_FOOTER + body[4:]
    return "---\n" + HIDE_FOOTER + "---\n\n" + body


def _free_page(facts: Facts, name: str) -> PageDoc | None:
    return next((p for p in facts.content.pages if p.id == name), None)


def reading_order(pages: list[PageDoc]) -> list[PageDoc]:
    """The maintainers' free pages in reading order (front matter `order`, then title)."""
    free = (p for p in pages if p.id not in at.INTRO_PAGES)
    return sorted(free, key=lambda p: (p.meta.order if p.meta.order is not None else 1000, p.title))


def start_path(facts: Facts) -> list[tuple[str, str, str]]:
    """The new hire's reading order: (title, target, why)."""
    path = [(p.title, at.free_page(p.id), "") for p in reading_order(facts.content.pages)]
    path += [
        (
            "The funnel and who owns each stage",
            at.FUNNEL,
            "where a lead is, and which team governs it",
        ),
        ("The MQL definition", at.MQL, "when a lead is ready for Sales"),
        (
            "When a lead arrives",
            at.LEAD_ARRIVES,
            "what Sales does with a lead, and which rule wins",
        ),
        ("The glossary", at.GLOSSARY, "the words both teams use"),
        ("The playbooks", at.PLAYBOOKS, "how each client's leads are handled"),
        ("Who is who", at.PEOPLE, "the teams and their people"),
        ("The sessions", at.SESSIONS, "what was decided, week by week"),
    ]
    return path


def _home_and_start(facts: Facts, page: PageFn) -> None:
    sessions = facts.sessions_newest
    intro = _free_page(facts, "index")
    page(
        at.HOME,
        "home.md.j2",
        intro=intro.src.body if intro else "",
        latest=sessions[0] if sessions else None,
        open=facts.open_actions,
        overdue=facts.board(facts.overdue_actions),
        overdue_listed=HOME_OVERDUE,
        next_minute_taker=facts.next_minute_taker,
        calendar=at.ALL_CALENDAR,
        feed=at.FEED,
    )
    start = _free_page(facts, "start")
    page(
        at.START,
        "start.md.j2",
        intro=start.src.body if start else "",
        reading=start_path(facts),
    )


def _sessions(
    facts: Facts, page: PageFn, memo: RenderMemo | None = None, kept: PageCache | None = None
) -> dict[str, str]:
    """The sessions' index pages and pages, these rendered on every core for a big site
    (procs.py) unless there is a ``memo`` (the preview keeps what it rendered): returns
    each session's pages and debrief redirects (debrief_pages.py). ``kept``: the build
    cache's pages, which also keeps the charts."""
    newest = facts.sessions_newest
    years = [(year, list(group)) for year, group in groupby(newest, key=lambda s: s.year)]
    earlier = [(year, len(sessions)) for year, sessions in years[SESSIONS_YEARS:]]
    page(at.SESSIONS, "sessions_index.md.j2", years=years[:SESSIONS_YEARS], earlier=earlier)
    for year, sessions in years:
        months = sessions_by_month(sessions) if by_month(len(sessions)) else []
        page(at.year(year), "sessions_year.md.j2", year=year, sessions=sessions, months=months)
        for number, name, group in months:
            page(
                at.month(year, number),
                "sessions_month.md.j2",
                year=year,
                month=name,
                sessions=group,
            )
    colours = channel_colours(facts)

    def session_pages(chunk: Sequence[tuple[int, SessionDoc]]) -> list[dict[str, str]]:
        """The pages and redirects of each session in ``chunk`` (number, session)."""
        out = []
        for number, session in chunk:
            written = _Kept(page)
            recent = number < DEBRIEF_PAGES
            written.written.update(
                _session_page(facts, session, written, colours, recent, memo, kept)
            )
            out.append(written.written)
        return out

    rendered: dict[str, str] = {}
    numbered = list(enumerate(newest))
    for written in session_pages(numbered) if memo else fork_map(session_pages, numbered):
        rendered.update(written)
    return rendered


def sessions_by_month(sessions: list[SessionDoc]) -> list[tuple[int, str, list[SessionDoc]]]:
    """A busy year's sessions (newest first) by month, newest first: (number, name,
    sessions); its pages and its navigation (engine/config.py) are both split so."""
    return [
        (number, calendar.month_name[number], list(group))
        for number, group in groupby(sessions, key=lambda s: s.model.date.month)
    ]


def _written(
    page: PageFn, render: Callable[[Facts, PageFn], None], facts: Facts
) -> Callable[[], dict[str, str]]:
    """``render(facts, page)`` as a task that returns the pages it rendered."""

    def task() -> dict[str, str]:
        kept = _Kept(page)
        render(facts, kept)
        return kept.written

    return task


class _Kept:
    """A page function that also keeps what it rendered, to send from a worker."""

    def __init__(self, page: PageFn) -> None:
        self.page, self.written = page, dict[str, str]()

    def __call__(self, path: str, template: str, **context: Any) -> str:
        text: str = self.page(path, template, **context)
        self.written[path] = text
        return text


def _session_page(
    facts: Facts,
    session: SessionDoc,
    page: PageFn,
    colours: dict[str, int],
    recent: bool,
    memo: RenderMemo | None = None,
    kept: PageCache | None = None,
) -> dict[str, str]:
    """The session's page and its debriefs' pages; returns the debriefs' redirects.
    ``memo``: the preview's, which draws a chart again only when its layout changed;
    ``kept``: the build cache's, which keeps the charts by their layout between runs."""
    plan = facts.schedules[session.id]

    def svg(template: str, **context: Any) -> Markup:
        draw = partial(render_svg, template, **context)
        if memo is not None:
            return memo.call(f"{session.page}:{template}", draw, (template, context))
        assert kept is not None
        return Markup(kept.text("svg", draw, (template, context)))

    drawn = svg if memo is not None or kept is not None else render_svg
    visuals = session_visuals(facts, session, colours, drawn)
    page(
        session.page,
        "session.md.j2",
        s=session,
        entries=facts.actions_of(session),
        leads_total=sum(g.count for g in session.model.leads),
        plan=plan,
        plan_end=max((t.end for t in plan), default=None),
        workbook=workbook_path(session),
        **visuals,
        **session_context(facts, session, recent),
    )
    return render_debrief_pages(facts, session, page, recent)


def _leads(facts: Facts, page: PageFn) -> None:
    page(at.LEADS, "leads.md.j2", **leads_visuals(facts, channel_colours(facts)))


def _is_stale(playbook: PlaybookDoc, facts: Facts) -> bool:
    return playbook.id in facts.stale_playbooks


def _playbooks(facts: Facts, page: PageFn) -> None:
    ordered = sorted(facts.content.playbooks, key=lambda p: p.meta.name.casefold())

    @dataclass(frozen=True)
    class Row:
        id: str
        meta: Any
        stale: bool

    rows = [Row(p.id, p.meta, _is_stale(p, facts)) for p in ordered]
    page(at.PLAYBOOKS, "playbooks_index.md.j2", playbooks_sorted=rows)
    used_in: dict[str, list[SessionDoc]] = {}
    for session in facts.sessions_newest:
        for used in dict.fromkeys(g.playbook for g in session.model.leads if g.playbook):
            used_in.setdefault(used, []).append(session)
    for playbook in ordered:
        page(
            playbook.page,
            "playbook.md.j2",
            p=playbook,
            stale=_is_stale(playbook, facts),
            used_in=used_in.get(playbook.id, []),
        )


# Whose first-contact time applies to a tier (derive/first_contact.py TierRule.winner).
WINNERS = {
    "playbook": "the playbook's: tighter",
    "mql": "the MQL definition's: tighter",
    "same": "both: the same time",
    "none": "neither sets one",
}


def _upcoming_changes(facts: Facts) -> list[Any]:
    """The upcoming MQL versions that change the threshold or the first-contact time."""
    current = facts.mql.current
    if current is None:
        return list(facts.mql.upcoming)
    said = (current.threshold, current.sla_hours)
    return [v for v in facts.mql.upcoming if (v.threshold, v.sla_hours) != said]


def _shared_understanding(facts: Facts, page: PageFn) -> None:
    timeline = facts.mql
    ordered = (
        sorted(facts.content.mql.versions, key=lambda v: v.effective) if facts.content.mql else []
    )
    past = []
    for version in timeline.past:
        following = ordered[ordered.index(version) + 1]
        past.append(PastVersion(version, following.effective))
    page(
        at.MQL,
        "mql.md.j2",
        current=timeline.current,
        upcoming=timeline.upcoming,
        past=past,
        changes=facts.mql_changes,
    )
    funnel = facts.content.funnel
    page(
        at.FUNNEL,
        "funnel.md.j2",
        stages=funnel.stages,
        alignment=funnel.alignment,
        return_reasons=funnel.return_reasons,
    )
    page(
        at.LEAD_ARRIVES,
        "lead_arrives.md.j2",
        current=timeline.current,
        upcoming=_upcoming_changes(facts),
        rules=facts.current_rules,
        winners=WINNERS,
        checklists=[
            r.playbook
            for r in facts.current_rules
            if r.playbook is not None and r.playbook.meta.handover_checklist
        ],
        handoff=facts.handoff,
        return_reasons=funnel.return_reasons,
    )
    page(
        at.GLOSSARY,
        "glossary.md.j2",
        terms=sorted(facts.content.glossary.terms, key=lambda t: t.term.casefold()),
    )
