"""The content root that is hard on accessibility (tests/hard_root.py) is valid content:
`handover check` passes it, and its long titles, apostrophes and right-to-left names reach
the built pages as written."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.conftest import TODAY
from tests.hard_root import LONG_SESSION_TITLE, make_hard_root


def test_the_hard_root_passes_handover_check(tmp_path: Path) -> None:
    root = make_hard_root(tmp_path / "hard")
    args = ["check", "--root", str(root), "--today", TODAY.isoformat()]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output  # the example's own warnings stay (overdue actions)


def test_a_long_title_with_a_colon_builds(tmp_path: Path) -> None:
    """The session's title is a navigation key in mkdocs.yml: folded over two lines it
    stopped being a key, and MkDocs refused the whole file."""
    from generator.engine.build import build_site
    from generator.pipeline import generate

    root = make_hard_root(tmp_path / "hard")
    result = generate(root, TODAY, history=lambda _root: {})
    assert not result.failed, result.diagnostics
    site = tmp_path / "site"
    build_site(result, site, strict=True)
    person = (site / "people" / "liam" / "index.html").read_text(encoding="utf-8")
    assert "Liam O&#39;Connor" in person or "Liam O'Connor" in person
    session = (site / "sessions" / "2026" / "2026-11-23-weekly" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "the Nordic universities" in session and LONG_SESSION_TITLE[:40] in session.replace(
        "&#39;", "'"
    )
    assert "נועה בן־דוד" in session and "ليلى الحداد" in session
