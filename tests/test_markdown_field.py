"""Record text never runs as HTML: Markdown fields, titles and names, end to end.

The attacks are the ones an audit got through the earlier regex-based escaping:
code spans across blank lines, escaped and mismatched backticks, unclosed fences,
reference links in block quotes, attribute lists, and HTML in page titles.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.engine.build import build_site
from generator.pipeline import generate
from generator.render.markdown_field import glossary_variants, render_field, to_html
from tests.conftest import TODAY

ATTACKS = [
    "`start\n\n<script>alert(1)</script>\n\nend`",
    "\\`<script>alert(1)</script>\\`",
    "``<script>alert(1)</script>```",
    "```\nunclosed fence\n\n<img src=x onerror=alert(1)>",
    "> [r]: javascript:alert(1)\n>\n> [click][r]",
    "- item\n\n    [r]: javascript:alert(1)\n\n  [click][r]",
    'A paragraph\n{: onclick="alert(1)" }',
    '## Heading {: onmouseover="alert(1)" }',
    "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi)",
    "<div onclick=alert(1)>raw block</div>",
    "<a href='https://example.org' onclick=alert(1)>inline</a>",
    "![i](x){: onerror=alert(1) }",
]


class Dangers(HTMLParser):
    """What in a piece of HTML could run: script elements, on* handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in {"href", "src"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def dangers(html: str) -> list[str]:
    parser = Dangers()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_danger_finder_finds_danger() -> None:
    assert dangers("<p onclick=x>a</p><a href=' JavaScript:x'>b</a><script>alert(1)</script>")
    assert not dangers("<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1)</p>")


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_attack_survives_as_markup(attack: str) -> None:
    out = str(render_field(attack))
    assert dangers(out) == [], out


def test_raw_html_is_shown_as_text() -> None:
    out = to_html("Keep <b>this</b> & that")
    assert "&lt;b&gt;this&lt;/b&gt;" in out
    assert "&amp; that" in out


def test_formatting_works() -> None:
    out = to_html(
        "**bold**, `a < b`, [site](https://example.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert "<strong>bold</strong>" in out
    assert "<code>a &lt; b</code>" in out
    assert '<a href="https://example.org" rel="noopener noreferrer">site</a>' in out
    assert "<table>" in out and "<td>1</td>" in out


def test_headings_stay_markdown_for_the_table_of_contents() -> None:
    out = str(render_field("Intro\n\n## Situation\n\nText *here*\n\n```\n## not a heading\n```"))
    assert "\n## Situation\n" in f"\n{out}\n"
    assert "## not a heading" in out and "\n## not a heading\n" not in f"\n{out}\n".replace(
        "<pre><code>## not a heading", ""
    )
    assert "<em>here</em>" in out


def test_heading_text_is_literal() -> None:
    out = str(render_field("## Plan *B* <script>x</script> ##"))
    assert out.startswith("## Plan \\*B\\* &lt;script&gt;x&lt;/script&gt;")


def test_glossary_terms_get_tooltips_in_any_capitalisation() -> None:
    terms = glossary_variants({"Critical path": "The zero-slack tasks.", "MQL": "A lead."})
    out = to_html("The critical path of each MQL; mql stays as it is.", terms)
    assert '<abbr title="The zero-slack tasks.">critical path</abbr>' in out
    assert '<abbr title="A lead.">MQL</abbr>' in out
    assert "mql stays" in out


@pytest.mark.slow
def test_titles_names_and_fields_never_run_in_the_built_site(
    tmp_path: Path, example_root: Path
) -> None:
    root = tmp_path / "root"
    for folder in ("content", "playbooks", "sessions"):
        shutil.copytree(example_root / folder, root / folder)
    evil = "<img src=x onerror=alert(1)> & </title><script>alert(2)</script>"
    session = root / "sessions/2026/2026-11-16-weekly.yaml"
    text = session.read_text(encoding="utf-8")
    text = text.replace("title: Week 47 handover", f"title: '{evil}'", 1)
    notes = "\n".join(f"  {line}" for line in "\n\n".join(ATTACKS).splitlines())
    session.write_text(text.split("\nnotes:")[0] + "\nnotes: |\n" + notes + "\n", encoding="utf-8")
    playbook = root / "playbooks/university.md"
    playbook.write_text(
        playbook.read_text(encoding="utf-8").replace(
            "name: University admissions", f"name: '{evil}'", 1
        ),
        encoding="utf-8",
    )
    team = root / "content/team.yaml"
    team.write_text(
        team.read_text(encoding="utf-8").replace("name: Ana Ruiz", f"name: '{evil}'", 1),
        encoding="utf-8",
    )
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    site = tmp_path / "site"
    build_site(result, site)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert dangers(page.read_text(encoding="utf-8")) == [], page
