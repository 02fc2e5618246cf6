"""The engine seams: the MkDocs and Material versions they were tested with, checked
before any engine work, and one refusal type for the command line."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.engine import seams
from generator.engine.seams import TESTED, UntestedEngine, check_versions
from generator.refusals import Refused
from tests.test_cli_check import valid_root


def _versions(**found: str) -> object:
    def version(name: str) -> str:
        if name in found:
            return found[name]
        return metadata.version(name)

    return version


def test_the_installed_engine_is_a_tested_one() -> None:
    check_versions()
    assert metadata.version("mkdocs") in TESTED["mkdocs"]
    assert metadata.version("mkdocs-material") in TESTED["mkdocs-material"]


def test_material_9_8_1_and_9_8_2_are_both_in_the_tested_range() -> None:
    for version in ("9.8.1", "9.8.2"):
        check_versions(_versions(**{"mkdocs-material": version}))  # type: ignore[arg-type]


def test_an_untested_material_is_refused_with_what_to_install() -> None:
    with pytest.raises(UntestedEngine) as refused:
        check_versions(_versions(**{"mkdocs-material": "9.9.0"}))  # type: ignore[arg-type]
    assert "mkdocs-material 9.9.0 is installed" in str(refused.value)
    assert "mkdocs-material==9.8.2" in str(refused.value)
    assert isinstance(refused.value, Refused)


def test_a_missing_engine_is_refused() -> None:
    def version(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    with pytest.raises(UntestedEngine, match="mkdocs is not installed"):
        check_versions(version)


@pytest.mark.parametrize("command", ["build", "serve"])
def test_build_and_serve_stop_on_an_untested_engine_with_exit_2_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    root = valid_root(tmp_path / "root")
    untested = _versions(mkdocs="1.7.0")  # what the check finds installed
    monkeypatch.setattr(seams, "check_versions", lambda: check_versions(untested))  # type: ignore[arg-type]
    result = CliRunner().invoke(main, [command, "--root", str(root), "--today", "2026-11-23"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "mkdocs 1.7.0 is installed, but handover was tested with mkdocs 1.6.1" in result.output
    assert not (root / "site").exists()
