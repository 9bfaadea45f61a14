"""``ruff check .`` passes, with the rules of ruff.toml (see CONTRIBUTING.md)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def ruff_command() -> list[str] | None:
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = shutil.which("ruff")
    return [found] if found else None


def test_ruff_finds_nothing():
    command = ruff_command()
    if command is None:
        pytest.skip("ruff is not installed (it is pinned in requirements.txt: python3 tasks.py test installs it)")
    assert (ROOT / "ruff.toml").is_file()
    result = subprocess.run([*command, "check", "--no-cache", "--output-format", "concise", "."], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"ruff check . reports (fix them, or see ruff.toml):\n{result.stdout}{result.stderr}"
