"""Paths: every id that becomes an address is a slug, nothing is written outside the
site directory, and a symbolic link that leads out of the content root is not followed.

Links that loop, content folders linked from outside, FIFOs: test_loader.py. Where
build and export may write (not the root, not a content folder, not a link): the
build tests in test_cli_check.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.engine.tree import write_tree
from tests.test_cli_check import SESSION_1, check, invoke, no_crash, snapshot, valid_root, write

SESSION = "sessions/2026/2026-11-02-weekly.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


def output(root: Path) -> tuple[int, list[str]]:
    result = check(root)
    no_crash(result)
    return result.exit_code, result.output.splitlines()


# --- ids are slugs --------------------------------------------------------------------------

BAD_IDS = ["../x", "a/b", "..", "Ana", "x y", "-x", "x.md", "%2e%2e", "x\\n"]


@pytest.mark.parametrize("bad", BAD_IDS)
@pytest.mark.parametrize(
    ("rel", "written"),
    [
        pytest.param("content/team.yaml", "  - id: ana\n", id="person"),
        pytest.param("content/team.yaml", "  - id: marketing\n", id="team"),
        pytest.param(SESSION, "  - id: a1\n", id="action"),
        pytest.param(SESSION, "  - id: sheet\n", id="plan-task"),
        pytest.param("content/funnel.yaml", "  - id: mql\n", id="stage"),
    ],
)
def test_an_id_that_is_not_a_slug_is_an_error_at_its_line(
    root: Path, rel: str, written: str, bad: str
) -> None:
    text = (root / rel).read_text(encoding="utf-8")
    line = text[: text.index(written)].count("\n") + 1
    write(root, rel, text.replace(written, f'  - id: "{bad}"\n', 1))
    code, lines = output(root)
    assert code == 1, lines
    shown = bad.replace("\\n", " ")  # a diagnostic is one line
    assert any(
        x.startswith(f"{rel}:{line}:9: error: ") and f"'{shown}' is not a valid id" in x
        for x in lines
    ), lines


@pytest.mark.parametrize(
    "name", ["University.md", "uni admissions.md", "uni_2.md", "-uni.md", "uni\n.md"]
)
def test_a_playbook_file_name_that_is_not_a_slug_is_an_error(root: Path, name: str) -> None:
    (root / "playbooks/uni.md").rename(root / "playbooks" / name)
    write(root, SESSION, SESSION_1.replace("    playbook: uni\n", ""))
    code, lines = output(root)
    assert code == 1, lines
    shown = name.replace("\n", "\\n")  # one diagnostic, one line
    assert any(
        x.startswith(f"playbooks/{shown}:1:1: error: playbook file name must be a valid id")
        for x in lines
    ), lines


@pytest.mark.parametrize(
    "name", ["Onboarding.md", "our team.md", "a<b>.md", "why_handover.md", "why\n.md"]
)
def test_a_page_file_name_that_is_not_a_slug_is_an_error(root: Path, name: str) -> None:
    write(root, f"content/{name}", "# A page\n\nText.\n")
    code, lines = output(root)
    assert code == 1, lines
    shown = name.replace("\n", "\\n")  # one diagnostic, one line
    assert f"content/{shown}:1:1: error: page file name must be a valid id: <id>.md, lowercase" in (
        lines
    ), lines


def test_a_page_named_as_a_slug_is_fine(root: Path) -> None:
    write(root, "content/why-handover-2.md", "# A page\n\nText.\n")
    assert output(root)[0] == 0


@pytest.mark.parametrize(
    "rel",
    [
        "sessions/2026/2026-11-16-Weekly.yaml",
        "sessions/2026/2026-11-16-a b.yaml",
        "sessions/x.yaml",
        "sessions/2026/2026-11-16.yaml\n",
    ],
)
def test_a_session_file_name_that_is_not_a_slug_is_an_error(root: Path, rel: str) -> None:
    write(root, rel, "date: 2026-11-16\n")
    code, lines = output(root)
    assert code == 1, lines
    shown = rel.replace("\n", "\\n")  # one diagnostic, one line
    assert any(x.startswith(f"{shown}:1:1: error: unexpected file in sessions/") for x in lines)


@pytest.mark.parametrize("bad", ["../x", "x\n", "x/y"])
def test_new_playbook_refuses_an_id_that_is_not_a_slug(root: Path, bad: str) -> None:
    before = snapshot(root)
    result = invoke("new", "playbook", bad, "--root", str(root))
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert snapshot(root) == before


# --- nothing is written outside the site directory ---------------------------------------------


@pytest.mark.parametrize("rel", ["../x.md", "a/../../x.md", "/tmp/x.md", "..", "a/..", "a/."])
def test_the_writer_refuses_a_page_path_that_leaves_the_output(tmp_path: Path, rel: str) -> None:
    base = tmp_path / "out" / "docs"
    with pytest.raises(ValueError, match="outside the output directory"):
        write_tree(base, {rel: "# x\n"})
    assert not (tmp_path / "out" / "x.md").exists() and not (tmp_path / "x.md").exists()


def test_the_writer_does_not_follow_a_link_in_the_place_of_a_page(tmp_path: Path) -> None:
    base, outside = tmp_path / "out" / "docs", tmp_path / "outside.md"
    (base / "a").mkdir(parents=True)
    (base / "a" / "x.md").symlink_to(outside)
    with pytest.raises(ValueError, match="outside the output directory"):
        write_tree(base, {"a/y.md": "# y\n", "a/x.md": "# x\n"})
    assert not outside.exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (base / "b").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="through a link"):
        write_tree(base, {"b/c/z.md": "# z\n"})
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_build_writes_only_into_the_site_directory(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """... and, unless --no-cache, into the build cache's folder (render/cache.py)."""
    monkeypatch.delenv("HANDOVER_CACHE", raising=False)
    before = snapshot(tmp_path)
    site = tmp_path / "public"
    switch = [] if cache else ["--no-cache"]
    args = ["--root", str(root), "--site-dir", str(site), "--today", "2026-11-23", *switch]
    result = invoke("build", *args)
    no_crash(result)
    assert result.exit_code == 0, result.output
    after = snapshot(tmp_path)
    mine = ("public/", "root/.handover-cache/")
    assert {k: v for k, v in after.items() if not k.startswith(mine)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public", "root"]
    assert any(k.startswith("root/.handover-cache/") for k in after) == cache


# --- symbolic links that lead out of the root ----------------------------------------------------


def secret(tmp_path: Path) -> Path:
    """A folder outside the root holding a broken session: read, it would be an error."""
    outside = tmp_path / "elsewhere"
    write(outside, "2026-12-07-secret.yaml", "date: [broken\n")
    return outside


def test_a_session_file_linked_from_outside_is_warned_about_and_not_read(
    root: Path, tmp_path: Path
) -> None:
    target = secret(tmp_path) / "2026-12-07-secret.yaml"
    link = root / "sessions/2026/2026-12-07-secret.yaml"
    link.symlink_to(target)
    code, lines = output(root)
    assert code == 0, lines
    assert (
        "sessions/2026/2026-12-07-secret.yaml:1:1: warning: symbolic link leads outside the "
        "content root: ignored" in lines
    ), lines


def test_a_sub_folder_linked_from_outside_is_warned_about_and_not_read(
    root: Path, tmp_path: Path
) -> None:
    (root / "sessions/2027").symlink_to(secret(tmp_path), target_is_directory=True)
    code, lines = output(root)
    assert code == 0, lines
    assert (
        "sessions/2027:1:1: warning: symbolic link leads outside the content root: ignored" in lines
    ), lines
    assert not any("secret.yaml" in x for x in lines), lines


def test_a_sub_folder_linked_inside_the_root_is_read(root: Path) -> None:
    write(root, "archive/2025/2025-12-01-old.yaml", "date: [broken\n")
    (root / "sessions/2025").symlink_to(root / "archive/2025", target_is_directory=True)
    code, lines = output(root)
    assert code == 1, lines
    assert any(x.startswith("sessions/2025/2025-12-01-old.yaml:2:1: error: ") for x in lines), lines


def test_a_sub_folder_linked_to_a_folder_above_it_is_warned_about_once_and_not_walked(
    root: Path,
) -> None:
    (root / "sessions/2026/again").symlink_to(root / "sessions", target_is_directory=True)
    code, lines = output(root)
    assert code == 0, lines
    assert [x for x in lines if "again" in x] == [
        "sessions/2026/again:1:1: warning: symbolic link leads back to a folder that is read "
        "already: ignored"
    ], lines


def test_two_sub_folders_linked_to_each_other_are_walked_once(root: Path) -> None:
    (root / "sessions/a").mkdir()
    (root / "sessions/b").mkdir()
    (root / "sessions/a/to-b").symlink_to(root / "sessions/b", target_is_directory=True)
    (root / "sessions/b/to-a").symlink_to(root / "sessions/a", target_is_directory=True)
    code, lines = output(root)
    assert code == 0, lines
    assert [x for x in lines if " warning: " in x] == [
        "sessions/a/to-b/to-a:1:1: warning: symbolic link leads back to a folder that is read "
        "already: ignored",
        "sessions/b/to-a:1:1: warning: symbolic link leads back to a folder that is read "
        "already: ignored",
    ], lines


def test_a_site_configuration_linked_from_outside_is_warned_about_and_not_read(
    root: Path, tmp_path: Path
) -> None:
    outside = write(tmp_path, "elsewhere/mkdocs.yml", "site_name: [broken\n")
    (root / "mkdocs.yml").symlink_to(outside)
    code, lines = output(root)
    assert code == 0, lines
    assert "mkdocs.yml:1:1: warning: symbolic link leads outside the content root: ignored" in (
        lines
    ), lines
