"""The build's own touches to each page: charts set aside and put back, whitespace collapsed."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.engine.postprocess import RawBlocks, SetAside, _collapsed, compact_html

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


BLOCKS = """# A session

Intro with <em>inline</em> HTML.

<table class="t">
<tr><td id="action-a1">One &amp; two</td></tr>
<tr><td><a name="old-a1"></a><table><tr><td>nested</td></tr></table></td></tr>
</table>

<div class="ho-meta" markdown>
**Written** in Markdown.
</div>

```html

<table>
<tr><td>in a fence</td></tr>
</table>

```

<div class="open">
<p>a block that a paragraph continues</p>
</div>
and this line.

<ul>
<li>last</li>
</ul>"""


class FakePage:
    """What RawBlocks.restore reads and writes of MkDocs' Page."""

    def __init__(self, markdown: str) -> None:
        self.file = type("F", (), {"src_uri": "s.md"})()
        self.markdown = markdown
        self.present_anchor_ids: set[str] | None = {"a-session"}
        self.content = ""
        self.rendered_from: list[str] = []

    def render(self, config: object, files: object) -> None:
        import markdown

        self.rendered_from.append(self.markdown)
        self.content = markdown.markdown(self.markdown, extensions=["md_in_html"])


def test_html_blocks_are_handed_past_markdown_and_put_back_as_written() -> None:
    import markdown

    blocks = RawBlocks()
    light = blocks.stash(BLOCKS, "s.md")
    # the table and the last list go; Markdown inside HTML, fenced code and a block that a
    # paragraph continues stay for Markdown to read
    assert light.count("<!--handover-block-") == 2
    assert "<table class" not in light and "<ul>" not in light
    assert '<div class="ho-meta" markdown>' in light and "in a fence" in light
    assert "and this line." in light
    page = FakePage(light)
    converted = markdown.markdown(light, extensions=["md_in_html"])
    restored = blocks.restore(converted, page, None, None)
    assert restored == markdown.markdown(BLOCKS, extensions=["md_in_html"])
    assert page.content == restored and not page.rendered_from
    # the ids in the blocks are anchors that MkDocs checks links against
    assert page.present_anchor_ids == {"a-session", "action-a1", "old-a1"}


def test_a_block_that_markdown_did_not_pass_through_is_converted_the_usual_way() -> None:

    blocks = RawBlocks()
    light = blocks.stash(BLOCKS, "s.md")
    page = FakePage(light)
    mangled = "<p>the placeholders were lost</p>"
    restored = blocks.restore(mangled, page, None, None)
    assert page.rendered_from == [BLOCKS]  # again, from the Markdown as it was
    assert "One &amp; two" in restored and "in a fence" in restored


def test_a_page_without_html_blocks_is_untouched() -> None:

    blocks = RawBlocks()
    plain = "# Plain\n\nText <span>inline</span>.\n\n    <table>indented code</table>\n"
    assert blocks.stash(plain, "p.md") == plain
    page = FakePage(plain)
    assert blocks.restore("<h1>Plain</h1>", page, None, None) == "<h1>Plain</h1>"


# Blanks, line breaks, and whitespace that is not ASCII (a no-break space, an em space,
# a line separator, an information separator that Python counts as whitespace).
WHITESPACE_TEXT = st.text(
    st.sampled_from([" ", "\t", "\n", "\r", "\xa0", "\u2003", "\u2028", "\x1c", "a", "<"])
)


@given(WHITESPACE_TEXT)
def test_whitespace_is_collapsed_as_the_one_pattern_says(text: str) -> None:
    r"""Each run of whitespace that holds a line break becomes one line break: the
    faster way gives what the pattern ``[ \t]*\n\s*`` gives, for any text."""
    assert _collapsed(text) == re.sub(r"[ \t]*\n\s*", "\n", text)
