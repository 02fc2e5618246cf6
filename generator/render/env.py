"""The Jinja2 environments: one for Markdown pages, one for SVG charts.

Every ``{{ value }}`` is escaped as literal Markdown text by default (``finalize``):
a template has to ask for anything else through a filter that returns Markup.
Autoescaping is on so that macro output is Markup and is not escaped twice; the
filters that would otherwise apply HTML escaping to plain text (``join``) are
replaced by Markdown-aware ones.

The SVG environment (``svg_environment``, ``render_svg``) escapes as HTML, and puts
every value on one line: a chart is embedded as a raw HTML block in a Markdown page,
where a blank line would end the block.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import site_templates
from generator import addresses, vocabulary
from generator.render import html, text
from generator.render.markdown_field import render_field
from generator.render.search import action_anchor
from generator.render.snippets import SNIPPETS

TEMPLATES = Path(site_templates.__file__).parent


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return text.inline(value)


def join(values: Any, separator: str = "", attribute: str | None = None) -> Markup:
    """Jinja's join, escaping each plain item as Markdown text instead of HTML."""
    items = [getattr(v, attribute) if attribute else v for v in values]
    return Markup(_finalize(separator)).join(_finalize(v) for v in items)


def iso(value: dt.date | None) -> Markup:
    return Markup(value.isoformat()) if value else Markup("")


def href(target: str, page: str) -> Markup:
    """Relative link from the page at ``page`` to the Markdown file ``target``."""
    return _relative(target, posixpath.dirname(page))


@lru_cache(maxsize=1 << 16)
def _relative(target: str, folder: str) -> Markup:
    """``posixpath.relpath(target, folder)``, link-escaped; cached, as every page links to
    the same people and sessions. Both are paths under the docs root."""
    rel = addresses.relpath(target, folder)
    return Markup(rel.replace(" ", "%20").replace("(", "%28").replace(")", "%29"))


@jinja2.pass_context
def markdown_field(context: jinja2.runtime.Context, value: Any) -> Markup:
    """A record's Markdown field (notes, playbook body), with the page's glossary."""
    return render_field(value, context.get("glossary_terms"))


def template_environment(
    folder: Path, finalize: Callable[[Any], Any], *, keep_trailing_newline: bool = True
) -> jinja2.Environment:
    """The settings every template environment shares: autoescaping, a ``finalize`` that
    escapes for the output format, undefined names as errors, tidy block whitespace."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=keep_trailing_newline,
        # the templates ship with the package: no stat of their file on every render
        auto_reload=False,
    )


@cache
def environment() -> jinja2.Environment:
    env = template_environment(TEMPLATES, _finalize)
    env.filters.update(
        cell=text.cell,
        classname=text.classname,
        join=join,
        md=text.inline,
        markdown=markdown_field,
        yaml=text.yaml_string,
        day=text.day,
        iso=iso,
        contact=text.contact_rule,
        hours=text.hours,
        action_anchor=lambda local_id: text.classname(action_anchor(local_id)),
    )
    env.globals["snippets"] = SNIPPETS
    env.globals["html"] = html.block  # a structure built from records, as HTML
    env.globals["addr"] = addresses  # every link to a page of the site: link(addr.X)
    env.globals["raci_roles"] = vocabulary.RACI_ROLES
    env.globals["raci_names"] = vocabulary.RACI_NAMES
    return env


def render(template: str, page: str, **context: Any) -> str:
    """Render one template as the page at path ``page`` (relative to the docs root)."""
    env = environment()

    def link(target: str) -> Markup:
        return href(target, page)

    return env.get_template(template).render(page=page, link=link, **context)


def number(value: float) -> str:
    """A coordinate as short as it can be: 12.0 -> '12', 3.25 -> '3.2' (0.1 is enough)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _svg_finalize(value: Any) -> Any:
    if type(value) is int:  # most of a chart's values: coordinates
        return str(value)
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, float):
        return number(value)
    return " ".join(str(value).split())


def points(pairs: Any) -> Markup:
    """Coordinate pairs as the value of a `points` attribute."""
    return Markup(" ".join(f"{number(x)},{number(y)}" for x, y in pairs))


def short_day(value: dt.date) -> Markup:
    """A date as '18 Nov'."""
    return Markup(f"{value.day} {value:%b}")


@cache
def svg_environment() -> jinja2.Environment:
    env = template_environment(TEMPLATES / "svg", _svg_finalize, keep_trailing_newline=False)
    env.filters.update(day=text.day, short_day=short_day, points=points, num=number)
    return env


def render_svg(template: str, **context: Any) -> Markup:
    """An SVG chart from site_templates/svg/, as markup to embed in a page.

    Lines are stripped and blank lines dropped, so that the chart stays one raw HTML
    block in Markdown wherever it is embedded.
    """
    out = svg_environment().get_template(template).render(**context)
    return Markup("\n".join(line.strip() for line in out.splitlines() if line.strip()))
