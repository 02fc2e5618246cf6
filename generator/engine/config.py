"""The site configuration handed to an engine: the root's mkdocs.yml or the default,
with what the generated pages need added, and navigation by folder."""

from __future__ import annotations

import copy
import io
from html import escape
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator import addresses as at
from generator.content import Content, SessionDoc
from generator.engine.theme import use_theme
from generator.policies import by_month
from generator.render.pages import reading_order, sessions_by_month
from generator.validate.user_config import (  # noqa: F401 - their old home, for importers
    DEFAULT,
    _yaml,
    default_config,
    load_user_config,
    user_config_name,
    with_site_url,
)
from generator.vocabulary import SESSION_TAG

REQUIRED_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
)
# Extensions the pages need with options: the debriefs' content tabs, in the markup
# that Material styles.
REQUIRED_WITH_OPTIONS = {"pymdownx.tabbed": {"alternate_style": True}}
# The teams' debrief pages are reached from their session page, not the navigation.
NOT_IN_NAV = at.DEBRIEFS_NOT_IN_NAV
# Plugins that handover does the work of: its own (added with options for a preview) and
# the search plugins, whose index Pagefind's replaces.
REPLACED = ("handover", "search", "material/search")


def _items(value: Any) -> list[Any]:
    """A list option as it is (comments kept), a mapping of name: options as the list
    of names and {name: options} that it means, nothing as an empty list."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return CommentedSeq(k if v is None else {k: v} for k, v in value.items())
    return CommentedSeq()


def _names(items: Any) -> list[str]:
    names = []
    for item in items or []:
        names.append(next(iter(item)) if isinstance(item, dict) else str(item))
    return names


def _year_items(year: str, sessions: list[SessionDoc]) -> list[Any]:
    """One year's sessions, newest first; split by month when the year holds more than
    fit in one readable list, so that every page's navigation stays short.

    A month is a section whose first page is the month's index (shown as the section's
    own link, navigation.indexes): a pruned month then links to that page, which stays
    where it is when a session is added or deleted, so the other months' pages keep
    their navigation (had a month linked to its newest session, every page of the year
    would change with each new session).
    """
    items: list[Any] = [at.year(year)]
    if not by_month(len(sessions)):
        return items + [{escape(s.title): s.page} for s in sessions]
    return items + [
        {name: [at.month(year, number), *({escape(s.title): s.page} for s in group)]}
        for number, name, group in sessions_by_month(sessions)
    ]


def navigation(content: Content) -> list[Any]:
    """Navigation by folder: sections for each area, sessions grouped by year (and by
    month in a busy year), newest first.

    Titles from records are HTML-escaped: the theme prints navigation titles as HTML.
    """
    sessions = sorted(content.sessions, key=lambda s: (s.model.date, s.id), reverse=True)
    by_year: dict[str, list[SessionDoc]] = {}
    for s in sessions:
        by_year.setdefault(s.year, []).append(s)
    years = {year: _year_items(year, group) for year, group in by_year.items()}
    reading = [at.free_page(p.id) for p in reading_order(content.pages)]
    return [
        {"Home": at.HOME},
        {"Start here": [at.START, *reading]},
        {"Sessions": [at.SESSIONS, *({y: items} for y, items in years.items())]},
        {"Actions": at.ACTIONS},
        {"Leads": at.LEADS},
        {
            "Playbooks": [
                at.PLAYBOOKS,
                *(
                    {escape(p.meta.name): p.page}
                    for p in sorted(content.playbooks, key=lambda p: p.meta.name.casefold())
                ),
            ]
        },
        {
            "Shared understanding": [
                {"When a lead arrives": at.LEAD_ARRIVES},
                {"MQL definition": at.MQL},
                {"Funnel": at.FUNNEL},
                {"Glossary": at.GLOSSARY},
            ]
        },
        {
            "People": [
                at.PEOPLE,
                *({escape(p.name): at.person(p.id)} for p in content.team.people),
            ]
        },
        {"Tags": at.TAGS},
    ]


def site_config(
    user: CommentedMap | None,
    content: Content,
    *,
    plugin: dict[str, Any] | None = None,
    nav: bool = True,
) -> CommentedMap:
    """The configuration an engine builds with (docs_dir 'docs', site_dir 'site').

    ``plugin`` adds the handover plugin with those options (for live preview), in which
    case ``nav`` is usually False because the plugin recomputes it on every rebuild.
    """
    source = user if user is not None else default_config()
    config: CommentedMap = copy.deepcopy(source)
    config.setdefault("site_name", "Handover")
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    # The contract's addresses are directory URLs, and the exports link to them.
    config["use_directory_urls"] = True
    theme = config.setdefault("theme", CommentedMap(name="material"))
    if isinstance(theme, dict):
        theme.setdefault("font", False)
    use_theme(theme)
    # The site search is Pagefind's, indexed after the build (engine/search_index.py).
    plugins = [p for p in _items(config.get("plugins")) if _names([p])[0] not in REPLACED]
    is_material = isinstance(theme, dict) and theme.get("name") == "material"
    if is_material and not {"tags", "material/tags"} & set(_names(plugins)):
        plugins.append("tags")  # the tag index page (tags/index.md) is listed by it
    _shadow_session_tag(plugins)
    if plugin is not None:
        plugins.append({"handover": plugin})
    config["plugins"] = CommentedSeq(plugins)
    extensions = config["markdown_extensions"] = _items(config.get("markdown_extensions"))
    present = _names(extensions)
    for name in REQUIRED_EXTENSIONS:
        if name not in present:
            extensions.append(name)
    for name, options in REQUIRED_WITH_OPTIONS.items():
        if name not in present:
            extensions.append(CommentedMap({name: CommentedMap(options)}))
    extra_css = config["extra_css"] = _items(config.get("extra_css"))
    for stylesheet in (at.CSS, at.PRINT_CSS):
        if stylesheet not in extra_css:
            extra_css.append(stylesheet)
    extra_js = config["extra_javascript"] = _items(config.get("extra_javascript"))
    if at.JS not in extra_js:
        extra_js.append(at.JS)
    _not_in_nav(config)
    if nav and "nav" not in config:
        config["nav"] = navigation(content)
    return config


def _shadow_session_tag(plugins: list[Any]) -> None:
    """Make the tag every session page carries a shadow tag of the tags plugin: hidden on
    the pages (also in the preview), used by /tags/ to leave the sessions out."""
    for i, item in enumerate(plugins):
        name = next(iter(item)) if isinstance(item, dict) else str(item)
        if name not in ("tags", "material/tags"):
            continue
        options = item[name] if isinstance(item, dict) and item[name] else CommentedMap()
        shadow = list(options.get("shadow_tags") or [])
        if SESSION_TAG not in shadow:
            options["shadow_tags"] = [*shadow, SESSION_TAG]
        options.setdefault("shadow_on_serve", False)
        plugins[i] = CommentedMap({name: options})


def _not_in_nav(config: CommentedMap) -> None:
    """Add NOT_IN_NAV to the configuration's `not_in_nav` patterns (gitignore style), so
    that MkDocs does not list thousands of debrief pages (nor the closed actions' years)
    as missing from the nav."""
    given = config.get("not_in_nav")
    if given is not None and not isinstance(given, str):
        return  # not a pattern text: MkDocs reports it
    patterns = given.splitlines() if given else []
    added = [p for p in (NOT_IN_NAV, at.ACTIONS_YEARS_NOT_IN_NAV) if p not in patterns]
    if added:
        config["not_in_nav"] = "\n".join([*patterns, *added])


def dump(config: CommentedMap) -> str:
    stream = io.StringIO()
    yaml = _yaml()
    # A long title is a navigation key: folded across lines it would no longer be a key
    # (MkDocs refuses the file), so lines are never folded.
    yaml.width = 1 << 30
    yaml.dump(config, stream)
    return stream.getvalue()
