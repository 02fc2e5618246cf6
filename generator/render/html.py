"""Structures built from records (tables of actions and sessions), written as HTML.

Python-Markdown then converts only what people wrote (notes, playbook bodies, free
pages). The blocks come from the templates in ``site_templates/html/``, rendered with
HTML autoescaping (record text stays text), and link with final relative URLs from the
address scheme (``addresses.url``), as MkDocs would have written them. The markup is
the one Python-Markdown's tables extension writes, so the theme styles the tables and
its script wraps them (``.md-typeset__scrollwrap``) just the same.

A Markdown template embeds a block with ``{{ html("name.html.j2", ...) }}`` on a line of
its own, between blank lines: Markdown passes a raw HTML block through as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2.runtime import Context
from markupsafe import Markup, escape

import site_templates
from generator import addresses, vocabulary
from generator.render.search import action_anchor as search_anchor
from generator.render.text import classname, contact_rule, day, hours

FOLDER = Path(site_templates.__file__).parent / "html"


@lru_cache(maxsize=1 << 16)
def relative_url(target: str, page: str) -> str:
    """The URL of ``target`` (a docs path: a page's ``.md`` or a file) as the page at docs
    path ``page`` links to it: relative to the page's directory URL. A folder's
    ``index.html`` (a redirect page) is linked as the folder, as MkDocs links pages."""
    there = addresses.url(target) if target.endswith(".md") else target
    if there.endswith("/index.html") or there == "index.html":  # as MkDocs links a folder
        there = there[: -len("index.html")]
    here = addresses.url(page)
    parent, _, name = here[:-1].rpartition("/")
    plain = (
        "//" not in f"/{there} /{here}" and "/." not in f"/{there}/{here}"
    )  # as relpath takes it
    if name and plain and not f"{there}/".startswith(here):
        # Not under the page: the way from the page's folder, one level further up. Every
        # session page of a year shares that folder, so its links are worked out once.
        up = _relative(there, f"{parent}/" if parent else "")
        return ".." if up == "." else "../" if up == "./" else "../" + up
    return _relative(there, here)


@lru_cache(maxsize=1 << 16)
def _relative(there: str, here: str) -> str:
    """The URL ``there`` from the directory URL ``here`` (both from the site's root)."""
    rel = addresses.relpath(there, here)
    if there == "" or there.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/.-_~")


@lru_cache(maxsize=8)
def _glossary(terms: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """A pattern of the glossary's terms (longest first, whole words, as Python-Markdown's
    abbreviations match them), and each escaped term's title."""
    titles = {str(escape(t.strip())): str(escape(m)) for t, m in terms if t.strip()}
    titles = {t: m for t, m in titles.items() if "]" not in t and "\n" not in t}
    if not titles:
        return None, titles
    ordered = sorted(titles, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, ordered)) + r")\b"), titles


@jinja2.pass_context
def gloss(ctx: Context, value: object) -> Markup:
    """Record text as HTML text, each glossary term with its tooltip (``<abbr>``), as the
    page's abbreviations give it in Markdown."""
    return glosser(ctx.get("glossary_terms"))(value)


class _Glosser:
    """Text as HTML with one glossary's tooltips. A session page asks for some thousand,
    mostly the same headers and names again: each text is glossed once (keyed by the
    text itself, not by a tuple of the whole glossary, whose hash is not kept)."""

    KEPT = 1 << 16

    def __init__(self, terms: tuple[tuple[str, str], ...]) -> None:
        self.pattern, self.titles = _glossary(terms) if terms else (None, {})
        self.done: dict[tuple[str, bool], Markup] = {}

    def __call__(self, value: object) -> Markup:
        if not isinstance(value, str):
            return self.now(escape("" if value is None else value))
        markup = isinstance(value, Markup)
        found = self.done.get((value, markup))
        if found is None:
            if len(self.done) >= self.KEPT:
                self.done.clear()
            found = self.done[value, markup] = self.now(Markup(value) if markup else escape(value))
        return found

    def now(self, text: Markup) -> Markup:
        if self.pattern is None:
            return text
        titles, abbr = self.titles, '<abbr title="{}">{}</abbr>'
        return Markup(self.pattern.sub(lambda m: abbr.format(titles[m.group(1)], m.group(1)), text))


_PLAIN = _Glosser(())
_GLOSSERS: dict[int, tuple[Any, _Glosser]] = {}


def glosser(terms: Any) -> _Glosser:
    """The glosser of a glossary (term -> meaning), made once per glossary object."""
    if not terms:
        return _PLAIN
    found = _GLOSSERS.get(id(terms))
    if found is None or found[0] is not terms:
        if len(_GLOSSERS) > 16:
            _GLOSSERS.clear()
        found = _GLOSSERS[id(terms)] = (terms, _Glosser(tuple(terms.items())))
    return found[1]


def _url(ctx: Context, target: str) -> str:
    return relative_url(target, str(ctx["page"]))


url = jinja2.pass_context(_url)  # the URL of a docs path, from the page that links it


def _a(ctx: Context, target: str, label: object) -> Markup:
    """A link; the same person's or session's, on the same page, is made once."""
    gloss, page = glosser(ctx.get("glossary_terms")), str(ctx["page"])
    if isinstance(label, str):  # a Markup label (a date) is kept apart from the same text
        return _link(target, page, label, isinstance(label, Markup), gloss)
    return _link.__wrapped__(target, page, label, False, gloss)


@lru_cache(maxsize=1 << 16)
def _link(target: str, page: str, label: object, markup: bool, gloss: _Glosser) -> Markup:
    # relative_url's quoting leaves no character that needs escaping in an attribute
    return Markup(f'<a href="{relative_url(target, page)}">{gloss(label)}</a>')


@jinja2.pass_context
def person(ctx: Context, id: str) -> Markup:
    """A person's name linked to their page; a team's name; else the id, as text."""
    found = ctx["people"].get(id)
    if found:
        return _a(ctx, addresses.person(str(id)), found.name)
    team_found = ctx["teams"].get(id)
    return gloss(ctx, team_found.name if team_found else id)


@jinja2.pass_context
def party(ctx: Context, id: str) -> Markup:
    """A RACI party: a person as with ``person``, a team's name in bold."""
    if ctx["people"].get(id):
        return person(ctx, id)
    found = ctx["teams"].get(id)
    return Markup("<strong>{}</strong>").format(gloss(ctx, found.name)) if found else gloss(ctx, id)


@jinja2.pass_context
def party_name(ctx: Context, id: str) -> str:
    """A person's or team's name as plain text (a card's label on a phone); else the id."""
    found = ctx["people"].get(id) or ctx["teams"].get(id)
    return str(found.name) if found else str(id)


@jinja2.pass_context
def parties(ctx: Context, ids: Iterable[str]) -> Markup:
    return Markup(", ").join(party(ctx, id) for id in ids)


@jinja2.pass_context
def team(ctx: Context, id: str) -> Markup:
    found = ctx["teams"].get(id)
    return gloss(ctx, found.name if found else id)


@jinja2.pass_context
def session_link(ctx: Context, session: Any) -> Markup:
    return _a(ctx, session.page, session.title)


@lru_cache(maxsize=64)
def raci_badge(letter: str) -> Markup:
    """A RACI role's letter as a badge, its name as the tooltip."""
    badge = Markup('<span class="ho-raci ho-raci-{}" title="{}">{}</span>')
    return badge.format(letter.lower(), vocabulary.RACI_NAMES[letter], letter)


@lru_cache(maxsize=64)
def status_badge(value: str) -> Markup:
    return Markup('<span class="ho-status ho-{}">{}</span>').format(classname(value), value)


def status(entry: Any) -> Markup:
    """An entry's effective status, and how many days it is overdue."""
    if entry.overdue:
        return _late(entry.status, entry.days_overdue)
    return status_badge(entry.status)


@lru_cache(maxsize=1 << 12)
def _late(value: str, days: int) -> Markup:
    late = Markup('<span class="ho-status ho-overdue">overdue {}d</span>')
    return status_badge(value) + Markup(" ") + late.format(days)


@jinja2.pass_context
def follow_ups(ctx: Context, entry: Any) -> Markup:
    """The follow-ups of an entry, oldest first, in one table cell."""
    parts = []
    for update in entry.updates:
        when = _a(ctx, update.session.page, day(update.session.model.date))
        part = Markup('<span class="ho-when">{} {}</span>').format(
            status_badge(update.status), when
        )
        if update.note:
            part += Markup(": ") + gloss(ctx, " ".join(update.note.split()))
        parts.append(part)
    return Markup("<br>").join(parts)


def action_anchor(local_id: str) -> Markup:
    """The id of an action's row, which the search links to (render/search.py)."""
    return classname(search_anchor(local_id))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(FOLDER)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates ship with the package: no stat per block
    )
    env.filters.update(day=day, gloss=gloss, action_anchor=action_anchor)
    env.filters.update(contact=contact_rule, hours=hours)
    from generator.render import debrief_html  # it writes with this module's helpers

    env.globals.update(debrief_part=debrief_html.part, debrief_heading=debrief_html.heading)
    env.globals.update(team_parts=debrief_html.team_parts)
    from generator.render import session_html

    env.globals.update(session_actions=session_html.session_actions, plan_table=session_html.plan)
    env.globals.update(lead_groups=session_html.lead_groups, raci_matrix=session_html.raci_matrix)
    env.globals.update(
        addr=addresses,
        person=person,
        party=party,
        party_name=party_name,
        parties=parties,
        team=team,
        session_link=session_link,
        status=status,
        raci_badge=raci_badge,
        follow_ups=follow_ups,
        url=url,
        role_names=vocabulary.RACI_NAMES,
    )
    return env


@jinja2.pass_context
def block(ctx: Context, template: str, **context: Any) -> Markup:
    """The HTML block ``template`` renders, for the page the calling template writes."""
    common = {k: ctx.get(k) for k in ("page", "people", "teams", "glossary_terms")}
    out = environment().get_template(template).render(**common, **context)
    return Markup("\n".join(line for line in out.splitlines() if line.strip()))


def columns(*names: str, right: Iterable[str] = ()) -> list[tuple[str, str]]:
    """Table columns as (name, style attribute), as Python-Markdown aligns them."""
    aligned = set(right)
    return [(n, "text-align: right;" if n in aligned else "") for n in names]
