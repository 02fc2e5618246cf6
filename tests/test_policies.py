"""The policies a team may set under extra.handover (review age, time box), checked at
their line; and the action ledger built once per run."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import generator.validate as validate_module
from generator import pipeline
from generator.derive import facts as facts_module
from generator.derive.agenda import team_times
from generator.policies import Policies
from tests.test_cli_check import check, no_crash, valid_root, write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return valid_root(tmp_path / "root")


def _out(root: Path) -> tuple[int, list[str]]:
    result = check(root)
    no_crash(result)
    return result.exit_code, result.output.splitlines()


def test_review_days_flags_a_playbook_reviewed_longer_ago(root: Path) -> None:
    code, out = _out(root)
    assert code == 0 and not any("not reviewed" in line for line in out), out
    write(root, "mkdocs.yml", "site_name: H\nextra:\n  handover:\n    review_days: 30\n")
    code, out = _out(root)
    assert code == 0, out
    assert any("playbooks/uni.md" in line and "not reviewed for" in line for line in out), out


@pytest.mark.parametrize("value", ["soon", "0", "-5", "2.5", "true"])
def test_a_policy_that_is_not_a_whole_number_is_an_error_at_its_line(
    root: Path, value: str
) -> None:
    write(root, "mkdocs.yml", f"extra:\n  handover:\n    time_box_minutes: {value}\n")
    code, out = _out(root)
    assert code == 1, out
    assert out[0].startswith(
        "mkdocs.yml:3:23: error: 'time_box_minutes' must be a whole number of minutes"
    ), out


def test_the_time_box_is_the_policys() -> None:
    assert [t.over for t in team_times([("sales", 20)])] == [True]
    assert [
        t.over for t in team_times([("sales", 20)], Policies(time_box_minutes=25).time_box_minutes)
    ] == [False]


def test_the_ledger_is_built_once_per_run(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dt.date] = []
    real = validate_module.build_ledger

    def counted(content: object, today: dt.date) -> object:
        calls.append(today)
        return real(content, today)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_module, "build_ledger", counted)
    monkeypatch.setattr(facts_module, "build_ledger", counted)
    result = pipeline.generate(root, dt.date(2026, 11, 23), history=lambda _: {})
    assert not result.failed and result.facts is not None
    assert calls == [dt.date(2026, 11, 23)]
    assert result.facts.ledger is result.ledger
