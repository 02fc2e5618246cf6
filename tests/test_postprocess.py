"""The build's own touches to each page: charts set aside and put back, whitespace collapsed."""

from __future__ import annotations

from pathlib import Path

from generator.engine.postprocess import SetAside, compact_html

PAGE = """<html>
  <body>
    <nav>
      <a href="/">
        Home
      </a>
    </nav>
<pre><code>line one
    indented line

after a blank line</code></pre>
    <script>var a = 1;
      // a comment
      var b = `two
        lines`;</script>
    <textarea>
  kept  </textarea>
  </body>
</html>
"""


def test_whitespace_runs_with_a_line_break_become_one_line_break() -> None:
    out = compact_html(PAGE)
    assert '<nav>\n<a href="/">\nHome\n</a>\n</nav>' in out
    assert "\n\n" not in out.split("<pre>")[0]


def test_pre_script_and_textarea_are_kept_as_written() -> None:
    out = compact_html(PAGE)
    for kept in (
        "<pre><code>line one\n    indented line\n\nafter a blank line</code></pre>",
        "<script>var a = 1;\n      // a comment\n      var b = `two\n        lines`;</script>",
        "<textarea>\n  kept  </textarea>",
    ):
        assert kept in out


def test_spaces_within_a_line_are_left_alone() -> None:
    assert compact_html("<p>two  spaces and\ta tab</p>") == "<p>two  spaces and\ta tab</p>"


MARKDOWN = """# A session

<figure class="ho-chart" data-search-exclude>
<svg xmlns="http://www.w3.org/2000/svg"><text>Core 46</text></svg>
</figure>

Text between.

<figure class="ho-chart" data-search-exclude>
<svg><rect/></svg>
</figure>
"""


def test_charts_are_set_aside_and_put_back_in_their_places() -> None:
    aside = SetAside()
    light = aside.stash(MARKDOWN, "s.md")
    assert "<svg" not in light
    assert light.count("<!--handover-aside-") == 2
    html = light.replace("# A session", "<h1>A session</h1>")
    restored = aside.restore(html, "s.md")
    assert restored == MARKDOWN.replace("# A session", "<h1>A session</h1>")
    assert aside.restore(html, "s.md") == html  # once only: the stash is emptied


def test_a_page_without_charts_is_untouched() -> None:
    aside = SetAside()
    assert aside.stash("# Plain\n\n<svg></svg>\n", "p.md") == "# Plain\n\n<svg></svg>\n"


def test_the_debrief_tabs_are_set_aside_as_the_search_index_would_leave_them() -> None:
    aside = SetAside()
    html = (
        '<h3 id="debrief-per-team">Debrief per team</h3>\n'
        '<section class="ho-debriefs" data-search-exclude="data-search-exclude">\n<p>tab</p>\n</section>\n<p>after</p>'
    )
    light = aside.stash_html(html, "s.md")
    assert "ho-debriefs" not in light and "<p>after</p>" in light
    assert aside.restore(light, "s.md") == html.replace(
        ' data-search-exclude="data-search-exclude"', ""
    )


def test_a_built_session_page_gets_its_debrief_tabs_back(built_site: Path) -> None:
    page = (built_site / "sessions/2026/2026-11-16-weekly/index.html").read_text()
    assert page.count('<section class="ho-debriefs"') == 1
    assert "handover-aside" not in page
