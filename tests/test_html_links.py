"""The links render/html.py makes for its blocks: kept per page, label and glossary, so
that no kept link is handed to a page, label or glossary it was not made for."""

from __future__ import annotations

from markupsafe import Markup

from generator.render.html import environment

ONE = "sessions/2026/2026-11-16-weekly.md"


def link(page: str, label: object, glossary: dict[str, str]) -> str:
    template = environment().from_string("{{ session_link(s) }}")
    session = type("S", (), {"page": "sessions/2025/2025-01-06-x.md", "title": label})()
    return template.render(page=page, people={}, teams={}, glossary_terms=glossary, s=session)


def test_a_link_is_made_for_its_page_its_labels_type_and_its_glossary() -> None:
    assert link(ONE, "Q&A", {}) == '<a href="../../2025/2025-01-06-x/">Q&amp;A</a>'
    assert link(ONE, Markup("Q&amp;A"), {}) == '<a href="../../2025/2025-01-06-x/">Q&amp;A</a>'
    assert link(ONE, "<b>", {}) == '<a href="../../2025/2025-01-06-x/">&lt;b&gt;</a>'
    assert link(ONE, Markup("<b>"), {}) == '<a href="../../2025/2025-01-06-x/"><b></a>'
    assert link("index.md", "Q&A", {}) == '<a href="sessions/2025/2025-01-06-x/">Q&amp;A</a>'
    glossed = link(ONE, "Q&A", {"Q": "question"})
    assert glossed == '<a href="../../2025/2025-01-06-x/"><abbr title="question">Q</abbr>&amp;A</a>'
    assert link(ONE, None, {}) == '<a href="../../2025/2025-01-06-x/"></a>'
