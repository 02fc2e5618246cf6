"""The site's addresses: every page's source path in the docs tree, and its URL.

This is the one place where an address is spelled. The renderer writes each page at
its ``*_page`` path; templates link with ``link(addr.X)`` (``addr`` is this module, a
Jinja global); the navigation, the exports, the feed and the calendars take their
paths and URLs from here. A page's URL is its directory URL (``use_directory_urls``),
given by ``url(path)``; records carry both (``SessionDoc.page`` and ``.url``), so
nothing turns a URL back into a path.

To add an address: a constant for a single page, or a function of the ids it depends
on, named ``<what>`` for the docs path; use ``url()`` of it where a URL is needed.
Plain strings, no imports from the rest of the generator: every layer may use it.
"""

from __future__ import annotations

import posixpath

# Pages of one address each (docs paths).
HOME = "index.md"
START = "start/index.md"
SESSIONS = "sessions/index.md"
ACTIONS = "actions/index.md"
LEADS = "leads/index.md"
PLAYBOOKS = "playbooks/index.md"
PEOPLE = "people/index.md"
TAGS = "tags/index.md"
MQL = "mql.md"
FUNNEL = "funnel.md"
GLOSSARY = "glossary.md"
LEAD_ARRIVES = "when-a-lead-arrives.md"  # what a rep does with a lead handed to them

# Exports and assets (files, not pages).
ACTIONS_JSON = "api/actions.json"
ACTIONS_CSV = "api/actions.csv"
SESSIONS_JSON = "api/sessions.json"
ALL_CALENDAR = "calendar/actions.ics"
FEED = "feed.xml"
CSS = "assets/handover.css"
PRINT_CSS = "assets/print.css"  # only @media print: the minutes on paper
JS = "assets/handover.js"  # accessibility fixes to the theme's markup

# Written by the engine (Material's search plugin), read by the build's post-processing.
SEARCH_INDEX = "search/search_index.json"

# Free pages that the home and start pages show as their introduction, not as pages.
INTRO_PAGES = frozenset({"index", "start"})
# The teams' debrief pages are reached from their session page, not the navigation
# (a `not_in_nav` pattern, gitignore style, of URLs).
DEBRIEFS_NOT_IN_NAV = "/sessions/*/*/debrief/"
# The closed actions' years are reached from /actions/, not the navigation.
ACTIONS_YEARS_NOT_IN_NAV = "/actions/*/"


def year(year: str) -> str:
    """The index of one year's sessions."""
    return f"sessions/{year}/index.md"


def month(year: str, month: int) -> str:
    """The index of one month's sessions, in a year split by month (policies.by_month)."""
    return f"sessions/{year}/{month:02d}/index.md"


def actions_year(year: str) -> str:
    """The actions closed (done or dropped) in one year; /actions/ lists the open ones."""
    return f"actions/{year}/index.md"


def session(year: str, id: str) -> str:
    return f"sessions/{year}/{id}.md"


def workbook(year: str, id: str) -> str:
    """A session's spreadsheet, in the folder of its page's URL."""
    return f"{url(session(year, id))}{id}.xlsx"


def debrief(year: str, id: str, team: str) -> str:
    """A team's debrief of a session, under the session's URL."""
    return f"{url(session(year, id))}debrief/{team}.md"


def redirect(path: str) -> str:
    """The static file that answers the URL of the page at docs ``path`` when the page
    itself is not built (an older session's debrief redirects to its session's tab)."""
    return f"{url(path)}index.html"


def playbook(id: str) -> str:
    return f"playbooks/{id}.md"


def person(id: str) -> str:
    return f"people/{id}.md"


def calendar(person_id: str) -> str:
    """The calendar of one person's open actions."""
    return f"calendar/{person_id}.ics"


def free_page(id: str) -> str:
    """A maintainer's free page (pages/<id>.md), at the top of the site."""
    return f"{id}.md"


def term(name: str) -> str:
    """The anchor of a glossary term on the glossary page (``glossary/#<term id>``): the
    term in lower case, runs of other characters than letters and digits as one '-'
    ('MQL' -> 'mql', 'Lead scoring' -> 'lead-scoring'). Stable while the term is."""
    slug = "".join(c if c.isalnum() else " " for c in name.casefold())
    return "-".join(slug.split()) or "term"


def url(path: str) -> str:
    """The directory URL (relative to the site root) of the page at docs ``path``:
    'index.md' -> '', 'people/index.md' -> 'people/', 'people/ana.md' -> 'people/ana/'."""
    if path == HOME:
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def relpath(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two paths under the site's root (docs paths
    or URLs), worked out without normalising them when they need none: every link of
    every page asks."""
    to, at = path.split("/"), start.split("/")
    if path.startswith("/") or start.startswith("/") or {".", ".."} & {*to, *at}:
        return posixpath.relpath(path or ".", start or ".")
    to, at = [p for p in to if p], [p for p in at if p]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


# The top-level names the site's own pages and files take: a free page or a playbook
# of one of these names would collide with them.
RESERVED = frozenset(
    {
        *(path.split("/")[0].removesuffix(".md") for path in (HOME, START, SESSIONS, ACTIONS)),
        *(path.split("/")[0].removesuffix(".md") for path in (LEADS, PLAYBOOKS, PEOPLE, TAGS)),
        *(path.split("/")[0].removesuffix(".md") for path in (MQL, FUNNEL, GLOSSARY)),
        LEAD_ARRIVES.removesuffix(".md"),
        *(path.split("/")[0] for path in (ACTIONS_JSON, ALL_CALENDAR, CSS, SEARCH_INDEX)),
        FEED.removesuffix(".xml"),
    }
)
