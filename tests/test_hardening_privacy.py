"""Personal data in free text: warnings at their line, errors under --strict, and an
allowlist in the site configuration (mkdocs.yml) for what is published on purpose.

Where personal data is found (notes, one-line fields, playbook bodies and front matter,
folded and quoted texts) is tested in test_validation.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli_check import check, invoke, no_crash, snapshot, valid_root, write

NEW = "sessions/2026/2026-11-16-weekly.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


SESSION = """\
date: 2026-11-16
facilitators: [ana]
minute_taker: ana
attendees: [ana]
notes: |
  Stand bookings go to Events@Example.com as usual.
  The venue's desk is on +44 20 7946-0958.
  Dana's own number is 0612 345 678, and her mail dana@example.org.
"""
ALLOW = """\
site_name: Handover
extra:
  handover:
    personal_data_allowlist:   # published on purpose
      - events@example.com
      - +44 20 7946 0958
"""


def lines(root: Path, *args: str) -> tuple[int, list[str]]:
    result = check(root, *args)
    no_crash(result)
    return result.exit_code, result.output.splitlines()


def test_personal_data_is_a_warning_at_its_line_and_an_error_under_strict(root: Path) -> None:
    write(root, NEW, SESSION)
    code, out = lines(root)
    assert code == 0, out
    warned = [line for line in out if "personal data" in line]
    assert [line.split(": warning: ")[0] for line in warned] == [
        f"{NEW}:6:24",
        f"{NEW}:7:26",
        f"{NEW}:8:24",
        f"{NEW}:8:51",
    ], out
    strict_code, strict_out = lines(root, "--strict")
    assert strict_code == 1, strict_out
    assert warned == [line for line in strict_out if "personal data" in line]


def test_the_allowlist_silences_known_addresses_and_numbers_only(root: Path) -> None:
    write(root, NEW, SESSION)
    write(root, "mkdocs.yml", ALLOW)
    code, out = lines(root)
    assert code == 0, out
    warned = [line for line in out if "personal data" in line]
    # the allowlist matches an address in any case, a number however it is spaced
    assert len(warned) == 2, out
    assert "'0612 345 678'" in warned[0] and "'dana@example.org'" in warned[1], out


def test_the_allowlist_applies_to_playbook_bodies_too(root: Path) -> None:
    write(root, "mkdocs.yml", ALLOW)
    text = (root / "playbooks/uni.md").read_text(encoding="utf-8")
    write(root, "playbooks/uni.md", text + "\nWrite to events@example.com first.\n")
    code, out = lines(root, "--strict")
    assert code == 0, out


def test_a_build_with_an_allowlist_passes_mkdocs_strict(root: Path, tmp_path: Path) -> None:
    write(
        root,
        NEW,
        SESSION.replace(
            "  Dana's own number is 0612 345 678, and her mail dana@example.org.\n", ""
        ),
    )
    write(root, "mkdocs.yml", ALLOW)
    site = tmp_path / "public"
    result = invoke(
        "build", "--root", str(root), "--site-dir", str(site), "--today", "2026-11-23", "--strict"
    )
    no_crash(result)
    assert result.exit_code == 0, result.output
    assert "Events@Example.com" in (site / "sessions/2026/2026-11-16-weekly/index.html").read_text()


def test_an_allowlist_of_the_wrong_shape_is_an_error_at_its_line(root: Path) -> None:
    write(
        root,
        "mkdocs.yml",
        "site_name: Handover\nextra:\n  handover:\n    personal_data_allowlist: events@example.com\n",
    )
    code, out = lines(root)
    assert code == 1, out
    assert out[0].startswith("mkdocs.yml:4:30: error: 'personal_data_allowlist' must be a list"), (
        out
    )


def test_an_allowlist_item_that_is_not_text_is_an_error_at_its_line(root: Path) -> None:
    write(
        root,
        "mkdocs.yml",
        "extra:\n  handover:\n    personal_data_allowlist:\n      - a@example.com\n"
        "      - {mail: b@example.com}\n",
    )
    code, out = lines(root)
    assert code == 1, out
    assert out[0].startswith("mkdocs.yml:5:9: error: item 2 of 'personal_data_allowlist'"), out


def test_a_misspelt_handover_setting_is_an_error_with_a_hint(root: Path) -> None:
    write(root, "mkdocs.yml", "extra:\n  handover:\n    personal_data_allowlst: []\n")
    code, out = lines(root)
    assert code == 1, out
    assert out[0] == (
        "mkdocs.yml:3:5: error: unknown setting 'personal_data_allowlst' in extra.handover "
        "(did you mean 'personal_data_allowlist'?)"
    ), out


def test_a_failed_strict_build_for_personal_data_leaves_the_site_as_it_was(
    root: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    write(site, ".handover-site", "Written by `handover build`\n")
    write(site, "index.html", "<h1>The site as it was</h1>\n")
    before = snapshot(site)
    write(root, NEW, SESSION)
    result = invoke(
        "build", "--root", str(root), "--site-dir", str(site), "--today", "2026-11-23", "--strict"
    )
    no_crash(result)
    assert result.exit_code == 1, result.output
    assert "personal data" in result.output
    assert snapshot(site) == before
