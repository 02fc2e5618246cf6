"""The team's policies and the site's list caps, in one place.

Two of them are the team's to choose, under ``extra.handover`` in mkdocs.yml
(validate/settings.py reads them): ``review_days`` (how old a playbook's review may be
before it is flagged) and ``time_box_minutes`` (each team's time in a session). The
others are caps that keep every page short on a big site; they are constants.
"""

from __future__ import annotations

from dataclasses import dataclass

# Settable (extra.handover in mkdocs.yml); these are the defaults.
REVIEW_DAYS = 180  # a playbook not reviewed for longer is flagged "needs review"
TIME_BOX_MINUTES = 15  # each team's time in a session's agenda

# List caps: no page grows with the number of sessions.
SESSIONS_YEARS = 2  # /sessions/ lists the newest years' sessions, then links every other year
BOARD_LISTED = 10  # /actions/ lists each owner's most urgent open actions; their page has all
HOME_OVERDUE = 20  # the home page lists the most overdue; the actions board has them all
LISTED = 50  # a person page lists this many of the latest sessions and roles
YOUR_LEADS_SESSIONS = 4  # a person page lists the leads of the latest sessions (a month)
TEAM_ROLE_SESSIONS = 10  # a person's roles held through their team: the latest sessions only
CARRIED_SHOWN = 5  # a debrief lists the earliest due of the open actions carried over
# Sessions (newest first) whose debriefs get a page of their own; older debriefs are
# answered at the same address by a redirect to the session page's tab.
DEBRIEF_PAGES = 26
# The search answers first from every page but the older sessions, then from the sessions
# older than the newest this many (a second index, searched beside the first): the time to
# the first results stays that of a site of this size, however many sessions there are
# (Pagefind's time to answer grows with the pages that hold the words: it scores each).
SEARCH_FIRST_SESSIONS = 500
# Material renders the open section of the navigation into every page: a year with more
# sessions than this is split by month (a weekly team stays one list per year), each
# month a section whose first page is the month's own index (so that a new session
# changes the navigation of its month's pages only, not of the whole year's).
MONTHS_AFTER = 60


def by_month(sessions_in_year: int) -> bool:
    """Whether a year with this many sessions is split by month (navigation and pages)."""
    return sessions_in_year > MONTHS_AFTER


@dataclass(frozen=True)
class Policies:
    """The policies a team may set (extra.handover), with their defaults."""

    review_days: int = REVIEW_DAYS
    time_box_minutes: int = TIME_BOX_MINUTES

    def is_stale(self, age_days: int) -> bool:
        """Whether a review ``age_days`` old is too old."""
        return age_days > self.review_days


DEFAULT_POLICIES = Policies()
