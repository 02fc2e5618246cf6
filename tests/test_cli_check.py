"""The `handover check` and `handover build` command lines: output formats, exit codes,
and a broken root never touching an existing site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

TODAY = "2026-11-23"
NEW = "sessions/2026/2026-11-16-weekly.yaml"
TEXT_LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning): ")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+::")
SUMMARY = re.compile(
    r"^(No problems found\.|\d+ errors?, \d+ warnings? in \d+ files?\.)"
    r"( Checked \d+ files? in .+\.)?$"
)

# --- a minimal valid root (the same one as in test_validation.py) ------------------------

TEAM = """\
teams:
  - id: marketing
    name: Marketing
    lead: ana
  - id: sales
    name: Sales
    lead: ben
people:
  - id: ana
    name: Ana Ruiz
    team: marketing
    role: Head of Growth
  - id: ben
    name: Ben Okafor
    team: sales
  - id: carla
    name: Carla Mendes
    team: marketing
rotation: [carla, ana, ben]
"""

MQL = """\
versions:
  - effective: 2026-01-05
    summary: Agreed at the January alignment session
    threshold: 50
    criteria:
      - name: Decision maker or influencer title
        kind: fit
        points: 20
      - name: Personal email on a B2B enquiry
        kind: fit
        points: -10
    disqualifiers: [Works for a competitor]
    handover:
      - Source campaign and first touch
    sla_hours: 24
"""

FUNNEL = """\
stages:
  - id: mql
    name: Marketing Qualified Lead
    owner: marketing
    entry: Score reaches the MQL threshold
    exit: Sales accepts or returns the lead
  - id: sal
    name: Sales Accepted Lead
    owner: sales
alignment:
  - topic: One CRM lifecycle field
    teams: [marketing, sales]
    note: Both teams read and write the same stage field.
"""

GLOSSARY = """\
terms:
  - term: MQL
    means: Marketing Qualified Lead
  - term: SAL
    means: Sales Accepted Lead
"""

PLAYBOOK = """\
---
name: University admissions
client: Client A, a university
owner: ben
reviewed: 2026-10-01
tiers:
  - name: Tier 1
    when: Parents are part of the decision
    first_touch_hours: 12
    follow_up_hours: [12, 48, 72]
stakeholders:
  - role: Student
    influence: decides
seasons:
  - name: Summer matriculation
    months: [6, 7, 8]
    guidance: Contact leads the same day.
handover_checklist: [Intended programme and start term]
tags: [education, seasonal]
---
## Situation

Applicants enquire all year round.
"""

SESSION_1 = """\
date: 2026-11-02
title: Week 45 handover
facilitators: [ana, ben]
minute_taker: carla
attendees: [ana, ben, carla]
context:
  - kind: absence
    note: Two sales reps on holiday until Wednesday.
leads:
  - source: Open-day webinar
    channel: events
    count: 30
    ring: core
    momentum: rising
    playbook: uni
    ready_by: 2026-11-04
    assigned_to: [ben]
actions:
  - id: a1
    what: Convert the webinar leads to MQLs
    team: marketing
    owner: ana
    due: 2026-11-06
    status: open
  - id: a2
    what: Call the Tier 1 leads
    team: sales
    owner: ben
    due: 2026-12-04
raci:
  - activity: Qualify the webinar leads
    R: [carla]
    A: ana
    C: [ben]
    I: [sales]
plan:
  - id: sheet
    task: Lead sheet
    owner: carla
    days: 2
    start: 2026-11-03
  - id: calls
    task: Call round
    owner: ben
    days: 3
    after: [sheet]
decisions: [Webinar leads need 50 points to become MQLs]
notes: |
  Free-form minutes.
  Nothing else to note.
tags: [events]
"""

# Follows up 2026-11-02-weekly/a1 (which is due 2026-11-06: done, so not overdue).
SESSION_2 = """\
date: 2026-11-09
facilitators: [ana, ben]
minute_taker: ana
attendees: [ana, ben, carla]
actions:
  - what: Send the expo badge scans to Sales
    team: marketing
    owner: carla
    due: 2026-12-01
    status: in-progress
follow_up:
  - action: 2026-11-02-weekly/a1
    status: done
    note: All thirty converted.
"""

VALID_FILES = {
    "content/team.yaml": TEAM,
    "content/mql.yaml": MQL,
    "content/funnel.yaml": FUNNEL,
    "content/glossary.yaml": GLOSSARY,
    "playbooks/uni.md": PLAYBOOK,
    "sessions/2026/2026-11-02-weekly.yaml": SESSION_1,
    "sessions/2026/2026-11-09-weekly.yaml": SESSION_2,
}


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def valid_root(base: Path) -> Path:
    """The minimal valid root, written at ``base``."""
    for rel, text in VALID_FILES.items():
        write(base, rel, text)
    return base


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


BROKEN_SESSION = """\
date: 2026-11-16
facilitators: [ana]
minute_taker: carla
attendees: [ana, carla]
leads:
  - source: Expo badge scans
    channel: events
    count: -3
    ring: middle
actions:
  - id: a1
    what: Book the stand
    team: marketing
    owner: ana
    due: 2026-12-01
    status: opne
"""


@pytest.fixture
def broken(root: Path) -> Path:
    """Three broken files, four errors."""
    write(root, "content/glossary.yaml", GLOSSARY + "  - term: Mql\n    means: again\n")
    write(root, "playbooks/uni.md", PLAYBOOK.replace("owner: ben", "owner: benn"))
    write(root, NEW, BROKEN_SESSION)
    return root


EXPECTED_BROKEN = [
    ("content/glossary.yaml", 6, "error", "duplicate glossary term 'Mql'"),
    ("playbooks/uni.md", 4, "error", "unknown person 'benn'"),
    (NEW, 8, "error", "'count'"),
    (NEW, 16, "error", "'status' is 'opne'"),
]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def check(root: Path, *args: str, today: str = TODAY) -> Result:
    return invoke("check", "--root", str(root), "--today", today, *args)


def no_crash(result: Result) -> None:
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- check ---------------------------------------------------------------------------------


def test_valid_root_checks_clean(root: Path) -> None:
    result = check(root)
    no_crash(result)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"No problems found. Checked 7 files in {root.resolve()}."


def test_valid_root_checks_clean_under_strict(root: Path) -> None:
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_an_empty_root_is_a_warning_and_an_error_under_strict(tmp_path: Path, fmt: str) -> None:
    """No false all-clear: a --root with no content file is named as such (issue 18)."""
    result = check(tmp_path, "--format", fmt)
    no_crash(result)
    assert result.exit_code == 0, result.output
    assert "holds no content files" in result.output
    strict = check(tmp_path, "--format", fmt, "--strict")
    assert strict.exit_code == 1, strict.output
    if fmt == "json":
        [warning] = json.loads(strict.stdout)
        assert warning["severity"] == "warning"


def test_every_error_in_one_run_sorted_by_file_and_line(broken: Path) -> None:
    result = check(broken)
    no_crash(result)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[-1].startswith("4 errors, 0 warnings in 3 files. Checked ")
    problems = lines[:-1]
    for line in problems:
        assert TEXT_LINE.match(line), line
    assert len(problems) == len(EXPECTED_BROKEN), result.output
    for line, (path, number, severity, fragment) in zip(problems, EXPECTED_BROKEN, strict=True):
        assert line.startswith(f"{path}:{number}:"), line
        assert f": {severity}: " in line and fragment in line, line


def test_github_format(broken: Path) -> None:
    result = check(broken, "--format", "github")
    no_crash(result)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(EXPECTED_BROKEN), result.stdout
    for line in lines:
        assert GITHUB_LINE.match(line), line
    assert lines[1].startswith("::error file=playbooks/uni.md,line=4,col=8::unknown person 'benn'")


def test_json_format(broken: Path) -> None:
    result = check(broken, "--format", "json")
    no_crash(result)
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == len(EXPECTED_BROKEN)
    for item, (path, number, severity, fragment) in zip(data, EXPECTED_BROKEN, strict=True):
        assert set(item) == {"path", "line", "col", "severity", "message"}
        assert (item["path"], item["line"], item["severity"]) == (path, number, severity)
        assert isinstance(item["col"], int) and item["col"] >= 1
        assert fragment in item["message"]


def test_json_format_reports_warnings(root: Path) -> None:
    result = check(root, "--format", "json", today="2027-01-04")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data and {d["severity"] for d in data} == {"warning"}
    assert any("overdue" in d["message"] for d in data)


def test_warnings_alone_exit_0_and_strict_makes_them_exit_1(root: Path) -> None:
    # on 2027-01-04 the open actions of the two sessions are overdue
    relaxed = check(root, today="2027-01-04")
    no_crash(relaxed)
    assert relaxed.exit_code == 0, relaxed.output
    lines = relaxed.output.splitlines()
    assert lines[:-1] and all(TEXT_LINE.match(x) and ": warning: " in x for x in lines[:-1])
    strict = check(root, "--strict", today="2027-01-04")
    no_crash(strict)
    assert strict.exit_code == 1, strict.output
    for fmt in ("github", "json"):
        assert check(root, "--strict", "--format", fmt, today="2027-01-04").exit_code == 1


def test_a_non_utf8_file_is_named_in_the_output(root: Path) -> None:
    write(root, NEW, b"date: 2026-11-16\nnotes: caf\xe9\n")
    result = check(root)
    no_crash(result)
    assert result.exit_code == 1
    assert result.output.startswith(f"{NEW}:2:11: error: "), result.output


def test_invalid_yaml_does_not_stop_the_other_files(root: Path) -> None:
    write(root, NEW, "date: 2026-11-16\ntitle: Week 47: handover\n")
    write(root, "playbooks/uni.md", PLAYBOOK.replace("owner: ben", "owner: benn"))
    result = check(root)
    no_crash(result)
    assert result.exit_code == 1
    lines = result.output.splitlines()[:-1]
    assert lines[0].startswith("playbooks/uni.md:4:8: error: unknown person 'benn'"), lines
    [hint] = [x for x in lines if x.startswith(f"{NEW}:2:8: error: the text after 'title:'")]
    # The rest of the file was read as if the title were quoted: its problems show too.
    others = [x for x in lines[1:] if x != hint]
    assert others and all("(found assuming the fix at line 2)" in x for x in others), lines


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--today", "notadate"], id="bad-today"),
        pytest.param(["--today", "2026-02-30"], id="impossible-today"),
        pytest.param(["--format", "xml"], id="bad-format"),
        pytest.param(["--no-such-option"], id="unknown-option"),
    ],
)
def test_usage_errors_exit_2(root: Path, args: list[str]) -> None:
    result = invoke("check", "--root", str(root), *args)
    no_crash(result)
    assert result.exit_code == 2, result.output


def test_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("check", "--root", str(tmp_path / "nowhere"), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 2, result.output


def test_root_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    target = write(tmp_path, "file.txt", "hi")
    result = invoke("check", "--root", str(target), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 2, result.output


def test_build_usage_error_exits_2(root: Path) -> None:
    result = invoke("build", "--root", str(root), "--today", "notadate")
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp soon", "!!int"])
def test_explicit_tag_with_bad_value_does_not_crash_check(root: Path, value: str) -> None:
    write(root, NEW, f"date: 2026-11-16\nnotes: {value}\n")
    result = check(root)
    no_crash(result)
    assert result.exit_code == 1
    assert result.output.startswith(f"{NEW}:2:"), result.output


def test_unknown_tag_output_lines_keep_the_format(root: Path) -> None:
    write(root, NEW, "date: 2026-11-16\nfacilitators: [ana]\nminute_taker: !carla\n")
    result = check(root)
    no_crash(result)
    assert result.exit_code == 1
    for line in result.output.splitlines()[:-1]:
        assert TEXT_LINE.match(line), line


# --- build -----------------------------------------------------------------------------


def make_site(tmp_path: Path) -> Path:
    """A site as an earlier build left it, marker included."""
    site = tmp_path / "site"
    write(site, ".handover-site", "Written by `handover build`\n")
    write(site, "index.html", "<h1>The site as it was</h1>\n")
    write(site, "sessions/2026/index.html", b"\x00\x01 binary-ish \xff")
    write(site, "api/actions.json", "[]")
    return site


def test_build_of_a_broken_root_leaves_the_site_untouched(broken: Path, tmp_path: Path) -> None:
    site = make_site(tmp_path)
    before = snapshot(site)
    neighbours = sorted(p.name for p in tmp_path.iterdir())
    result = invoke("build", "--root", str(broken), "--site-dir", str(site), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == neighbours  # no staging left over
    assert "Traceback" not in result.output


def test_build_under_strict_with_warnings_leaves_the_site_untouched(
    root: Path, tmp_path: Path
) -> None:
    site = make_site(tmp_path)
    before = snapshot(site)
    result = invoke(
        "build", "--root", str(root), "--site-dir", str(site), "--today", "2027-01-04", "--strict"
    )
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert snapshot(site) == before


def test_build_of_a_broken_root_leaves_the_default_site_untouched(broken: Path) -> None:
    site = make_site(broken)  # <root>/site, the default
    before = snapshot(site)
    result = invoke("build", "--root", str(broken), "--today", TODAY)
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert snapshot(site) == before


# --- where build and export may write ------------------------------------------------------


def build_into(root: Path, site_dir: str | Path | None = None, *args: str) -> Result:
    extra = ["--site-dir", str(site_dir)] if site_dir is not None else []
    return invoke("build", "--root", str(root), "--today", TODAY, *extra, *args)


@pytest.mark.parametrize(
    "site_dir",
    ["content", "playbooks", "sessions", "sessions/2026", "content/site", ".", ".."],
    ids=["content", "playbooks", "sessions", "inside-sessions", "inside-content", "root", "parent"],
)
def test_build_refuses_the_root_or_a_content_folder_as_site_dir(root: Path, site_dir: str) -> None:
    before = snapshot(root)
    result = build_into(root, root / site_dir)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and "content" in result.output, result.output
    assert snapshot(root) == before
    assert not (root / "site").exists()


def test_build_refuses_a_folder_of_unrelated_files(root: Path, tmp_path: Path) -> None:
    mine = write(tmp_path, "mine/thesis.tex", "\\section{Years of work}\n").parent
    result = build_into(root, mine)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "not empty" in result.output and str(mine) in result.output
    assert snapshot(mine) == {"thesis.tex": b"\\section{Years of work}\n"}


def test_build_refuses_a_site_dir_that_is_a_file(root: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "keep me\n")
    result = build_into(root, path)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "not a directory" in result.output
    assert path.read_text() == "keep me\n"


def test_build_writes_a_marker_and_replaces_its_own_site(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "public"
    first = build_into(root, site)
    assert first.exit_code == 0, first.output
    assert (site / ".handover-site").is_file() and (site / "index.html").is_file()
    (site / "stale.html").write_text("from an older build")
    again = build_into(root, site)
    assert again.exit_code == 0, again.output
    assert not (site / "stale.html").exists() and (site / ".handover-site").is_file()


def test_build_replaces_a_default_site_built_before_the_marker(root: Path) -> None:
    """A site/ from before the marker existed looks like any MkDocs build."""
    site = root / "site"
    write(site, "index.html", "<h1>The site as it was</h1>")
    write(site, "sitemap.xml", "<urlset/>")
    write(site, "404.html", "<h1>404</h1>")
    result = build_into(root)
    assert result.exit_code == 0, result.output
    assert (site / ".handover-site").is_file()
    assert "The site as it was" not in (site / "index.html").read_text()


def test_build_into_an_empty_folder(root: Path, tmp_path: Path) -> None:
    site = tmp_path / "empty"
    site.mkdir()
    result = build_into(root, site)
    assert result.exit_code == 0, result.output
    assert (site / ".handover-site").is_file()


def export_to(root: Path, out: Path) -> Result:
    return invoke("export", "--root", str(root), "--today", TODAY, "--out", str(out))


def test_export_through_a_symlink_to_an_earlier_export_is_a_clear_error(
    root: Path, tmp_path: Path
) -> None:
    real = tmp_path / "export"
    assert export_to(root, real).exit_code == 0
    before = snapshot(real)
    link = tmp_path / "latest"
    link.symlink_to(real, target_is_directory=True)
    result = export_to(root, link)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "symbolic link" in result.output
    assert snapshot(real) == before and link.is_symlink()


def test_export_refuses_a_content_folder(root: Path) -> None:
    before = snapshot(root)
    result = export_to(root, root / "sessions" / "2026")
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert snapshot(root) == before


def test_export_reports_a_file_system_error_without_a_traceback(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.engine.export as export_module

    def fail(*_args: object) -> None:
        raise PermissionError(13, "Permission denied", str(tmp_path / "out"))

    monkeypatch.setattr(export_module, "export_tree", fail)
    result = export_to(root, tmp_path / "out")
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert "Export failed" in result.output and "Permission denied" in result.output


# --- SOURCE_DATE_EPOCH ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["garbage", "12.5", "-1", "99999999999"])
@pytest.mark.parametrize("command", ["check", "build", "actions", "export"])
def test_a_bad_source_date_epoch_is_a_usage_error(
    root: Path, tmp_path: Path, command: str, value: str
) -> None:
    args = [command, "--root", str(root)]
    if command == "export":
        args += ["--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": value})
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.output and value in result.output
    assert not (root / "site").exists() and not (tmp_path / "out").exists()


def test_source_date_epoch_sets_today(root: Path) -> None:
    late = CliRunner().invoke(
        main, ["check", "--root", str(root)], env={"SOURCE_DATE_EPOCH": "1830297600"}
    )  # 2028-01-01: the actions of 2026 are overdue by then
    assert late.exit_code == 0 and "overdue" in late.output, late.output
    on_time = CliRunner().invoke(
        main, ["check", "--root", str(root)], env={"SOURCE_DATE_EPOCH": "1795392000"}
    )
    assert on_time.exit_code == 0 and "overdue" not in on_time.output, on_time.output


def test_an_empty_source_date_epoch_is_unset_and_does_not_break_the_build(
    root: Path, tmp_path: Path
) -> None:
    site = tmp_path / "public"
    result = CliRunner().invoke(
        main,
        ["build", "--root", str(root), "--site-dir", str(site), "--today", TODAY],
        env={"SOURCE_DATE_EPOCH": ""},
    )
    no_crash(result)
    assert result.exit_code == 0, result.output


# --- mkdocs.yml -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "shape"),
    [
        ("plugins", "a list, or a mapping of name: options"),
        ("markdown_extensions", "a list, or a mapping of name: options"),
        ("extra_css", "a list"),
        ("extra_javascript", "a list"),
    ],
)
def test_a_site_option_that_is_not_a_list_is_an_error_at_its_line(
    root: Path, tmp_path: Path, option: str, shape: str
) -> None:
    write(root, "mkdocs.yml", f"site_name: Ours\n{option}: 5\n")
    result = build_into(root, tmp_path / "public")
    no_crash(result)
    assert result.exit_code == 1, result.output
    column = len(option) + 3
    assert f"mkdocs.yml:2:{column}: error: '{option}' must be {shape}: got 5" in result.output


@pytest.mark.parametrize(
    "text",
    [
        "markdown_extensions:\nextra_css:\nextra_javascript:\n",
        "plugins: {search: {}, tags: }\nmarkdown_extensions: {toc: {permalink: true}, abbr: }\n",
    ],
    ids=["empty", "mappings"],
)
def test_empty_or_mapping_site_options_build(root: Path, tmp_path: Path, text: str) -> None:
    write(root, "mkdocs.yml", "site_name: Ours\n" + text)
    result = build_into(root, tmp_path / "public")
    no_crash(result)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("day", ["20261123", "2026-W48-1", "2026-11-2", "2026-327"])
@pytest.mark.parametrize("command", ["check", "actions"])
def test_today_must_be_written_yyyy_mm_dd(root: Path, command: str, day: str) -> None:
    result = invoke(command, "--root", str(root), "--today", day)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert f"'{day}' is not a date: use YYYY-MM-DD" in result.output


# --- actions --owner / --team -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--owner", "sales", "unknown person 'sales': it is a team (did you mean --team sales?)"),
        ("--team", "ana", "unknown team 'ana': it is a person (did you mean --owner ana?)"),
        ("--owner", "anna", "unknown person 'anna' (did you mean 'ana'?)"),
    ],
)
def test_a_team_given_as_owner_or_a_person_as_team_suggests_the_other_option(
    root: Path, option: str, value: str, message: str
) -> None:
    result = invoke("actions", "--root", str(root), "--today", TODAY, option, value)
    no_crash(result)
    assert result.exit_code == 2, result.output
    assert message in result.output
