"""Rules that span files: references, unique ids, warnings (session rules: sessions.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from generator import addresses as at
from generator.content import Content, stem
from generator.derive.ledger import Entry, build_ledger
from generator.diagnostics import Collector, did_you_mean
from generator.loader import Loc, Source
from generator.models import SLUG
from generator.policies import DEFAULT_POLICIES, Policies
from generator.validate.agenda import check_agenda
from generator.validate.channels import check_channels
from generator.validate.privacy import check_personal_data
from generator.validate.sessions import check_sessions

RESERVED_PAGES = at.RESERVED
# Person ids that would overwrite a generated file, with its address.
RESERVED_PEOPLE = {"actions": "/" + at.ALL_CALENDAR, "index": "/" + at.url(at.PEOPLE)}


class _Refs:
    """Checks that refs point at known ids, with a did-you-mean hint."""

    def __init__(self, content: Content, diags: Collector) -> None:
        self.diags = diags
        self.people = set(content.people)
        self.teams = set(content.teams)
        self.playbooks = {
            s.path.removeprefix("playbooks/").removesuffix(".md")
            for s in content.sources.values()
            if s.kind == "playbook"
        }
        # When team.yaml is broken, person and team refs cannot be judged.
        self.enabled = content.team_ok

    def check(self, src: Source, loc: Loc, value: str, kind: str) -> None:
        if kind == "playbook":
            known, noun = self.playbooks, "playbook"
        elif not self.enabled:
            return
        elif kind == "person":
            known, noun = self.people, "person"
        elif kind == "team":
            known, noun = self.teams, "team"
        else:
            known, noun = self.people | self.teams, "person or team"
        if value not in known:
            line, col = src.pos.at(loc)
            hint = did_you_mean(value, known)
            if not known and kind != "playbook":
                hint = " (content/team.yaml defines no people or teams)"
            self.diags.error(src.path, line, col, f"unknown {noun} '{value}'{hint}")

    def check_all(self, src: Source, loc: Loc, values: Iterable[str], kind: str) -> None:
        for i, value in enumerate(values):
            self.check(src, (*loc, i), value, kind)


def check_rules(
    content: Content,
    diags: Collector,
    today: dt.date | None = None,
    allow: frozenset[str] = frozenset(),
    policies: Policies = DEFAULT_POLICIES,
    ledger: list[Entry] | None = None,
) -> None:
    """Every rule that spans files; ``allow``: personal data published on purpose;
    ``ledger``: the action ledger as of ``today``, when the caller has built it."""
    refs = _Refs(content, diags)
    _team(content, refs, diags)
    _funnel(content, refs, diags)
    _unique_mql_and_terms(content, diags)
    _pages(content, diags)
    for src in content.sources.values():
        if src.ok:
            _raw_refs(src, refs)
    check_sessions(content, diags)
    check_agenda(content, diags, policies.time_box_minutes)
    check_channels(content, diags)
    if today is not None:
        built = ledger if ledger is not None else build_ledger(content, today)
        _time_warnings(content, diags, today, policies, built)
    for src in content.sources.values():
        if src.ok:
            check_personal_data(src, diags, allow)


# Where refs sit in each kind of file, checked on the raw data so that a ref is judged
# even when another field of the same record fails validation. "*" is any list item.
REF_PATHS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "session": [
        (("facilitators", "*"), "person"),
        (("attendees", "*"), "person"),
        (("minute_taker",), "person"),
        (("agenda", "*", "team"), "team"),
        (("leads", "*", "playbook"), "playbook"),
        (("leads", "*", "assigned_to", "*"), "person"),
        (("actions", "*", "team"), "team"),
        (("actions", "*", "owner"), "person"),
        (("raci", "*", "R", "*"), "party"),
        (("raci", "*", "A"), "person"),
        (("raci", "*", "C", "*"), "party"),
        (("raci", "*", "I", "*"), "party"),
        (("plan", "*", "owner"), "person"),
    ],
    "playbook": [(("owner",), "person")],
}


def _matches(data: Any, pattern: tuple[str, ...], loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if not pattern:
        yield loc, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            yield from _matches(item, rest, (*loc, i))
    elif isinstance(data, dict) and head in data:
        yield from _matches(data[head], rest, (*loc, head))


def _raw_refs(src: Source, refs: _Refs) -> None:
    for pattern, kind in REF_PATHS.get(src.kind, []):
        for loc, value in _matches(src.data, pattern, ()):
            if isinstance(value, str) and SLUG.fullmatch(value):
                refs.check(src, loc, value, kind)


def _team(content: Content, refs: _Refs, diags: Collector) -> None:
    src = next((s for s in content.sources.values() if s.kind == "team"), None)
    if src is not None and src.ok:
        _rotation_once_each(src, diags)
    if src is None or not content.team_ok:
        return
    seen: dict[str, str] = {}
    ids = [("teams", i, t.id) for i, t in enumerate(content.team.teams)]
    ids += [("people", i, p.id) for i, p in enumerate(content.team.people)]
    for section, i, item_id in ids:
        if item_id in seen:
            line, col = src.pos.at((section, i, "id"))
            diags.error(
                src.path, line, col, f"duplicate id '{item_id}' (already a {seen[item_id]})"
            )
        seen.setdefault(item_id, "team" if section == "teams" else "person")
    for i, team in enumerate(content.team.teams):
        if team.lead:
            refs.check(src, ("teams", i, "lead"), team.lead, "person")
    for i, person in enumerate(content.team.people):
        refs.check(src, ("people", i, "team"), person.team, "team")
        if person.id in RESERVED_PEOPLE:  # everyone's calendar, the list of people
            line, col = src.pos.at(("people", i, "id"))
            diags.error(
                src.path,
                line,
                col,
                f"'{person.id}' is a generated address ({RESERVED_PEOPLE[person.id]}): "
                "use another person id",
            )
    if content.team.rotation:
        refs.check_all(src, ("rotation",), content.team.rotation, "person")
        people = content.people
        for i, pid in enumerate(content.team.rotation):
            if pid in people and not people[pid].active:
                line, col = src.pos.at(("rotation", i))
                diags.warning(src.path, line, col, f"'{pid}' is in the rotation but not active")


def _rotation_once_each(src: Source, diags: Collector) -> None:
    """Each person at most once in the rotation (on the raw data: other errors may hide it)."""
    rotation = src.data.get("rotation") if isinstance(src.data, dict) else None
    seen: set[str] = set()
    for i, pid in enumerate(rotation if isinstance(rotation, list) else []):
        if not isinstance(pid, str):
            continue
        if pid in seen:
            line, col = src.pos.at(("rotation", i))
            diags.error(src.path, line, col, f"'{pid}' is in the rotation twice: keep one")
        seen.add(pid)


def _funnel(content: Content, refs: _Refs, diags: Collector) -> None:
    src = next((s for s in content.sources.values() if s.kind == "funnel"), None)
    if src is None:
        return
    funnel = content.funnel
    _unique_ids(src, "stages", [stage.id for stage in funnel.stages], "stage", diags)
    for i, stage in enumerate(funnel.stages):
        refs.check(src, ("stages", i, "owner"), stage.owner, "team")
    for i, point in enumerate(funnel.alignment):
        refs.check_all(src, ("alignment", i, "teams"), point.teams, "team")
    reasons = [reason.id for reason in funnel.return_reasons]
    _unique_ids(src, "return_reasons", reasons, "return reason", diags)


def _unique_ids(src: Source, key: str, ids: list[str], what: str, diags: Collector) -> None:
    """An error at each id of the list ``key`` that an earlier item already has."""
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id in seen:
            line, col = src.pos.at((key, i, "id"))
            diags.error(src.path, line, col, f"duplicate {what} id '{item_id}'")
        seen.add(item_id)


def _unique_mql_and_terms(content: Content, diags: Collector) -> None:
    for src in content.sources.values():
        if src.kind == "mql" and content.mql is not None:
            dates: set[dt.date] = set()
            for i, version in enumerate(content.mql.versions):
                if version.effective in dates:
                    line, col = src.pos.at(("versions", i, "effective"))
                    diags.error(
                        src.path, line, col, f"two versions are effective on {version.effective}"
                    )
                dates.add(version.effective)
        if src.kind == "glossary":
            terms: dict[str, str] = {}  # the term's anchor (addresses.term) -> the term
            for i, term in enumerate(content.glossary.terms):
                key = at.term(term.term)
                if key in terms:
                    line, col = src.pos.at(("terms", i, "term"))
                    same = terms[key].strip().casefold() == term.term.strip().casefold()
                    message = (
                        f"duplicate glossary term '{term.term}'"
                        if same
                        else f"glossary term '{term.term}' has the same address "
                        f"(glossary/#{key}) as '{terms[key]}': tell them apart by more "
                        "than spaces and punctuation"
                    )
                    diags.error(src.path, line, col, message)
                terms.setdefault(key, term.term)


def _pages(content: Content, diags: Collector) -> None:
    for page in content.pages:
        if page.id in RESERVED_PAGES:
            address = "/" if page.id == "index" else f"/{page.id}/"
            diags.error(
                page.src.path,
                1,
                1,
                f"'{page.id}' is a generated address ({address}): rename this page",
            )
    for src in content.sources.values():
        if src.kind == "playbook" and stem(src.path) == "index":
            diags.error(
                src.path,
                1,
                1,
                "'index' is a generated address (/playbooks/): rename this playbook",
            )


def _time_warnings(
    content: Content, diags: Collector, today: dt.date, policies: Policies, ledger: list[Entry]
) -> None:
    for playbook in content.playbooks:
        age = (today - playbook.meta.reviewed).days
        if policies.is_stale(age):
            line, col = playbook.src.pos.at(("reviewed",))
            diags.warning(
                playbook.src.path,
                line,
                col,
                f"playbook not reviewed for {age} days (last {playbook.meta.reviewed}): review it",
            )
    for entry in ledger:
        if entry.overdue:
            index = [local for local, _ in entry.session.actions()].index(entry.local_id)
            line, col = entry.session.at(("actions", index, "due"))
            diags.warning(
                entry.session.src.path,
                line,
                col,
                f"action {entry.gid} is overdue: due {entry.action.due}, {entry.status}, "
                f"owner {entry.action.owner}",
            )
