"""Shared fixtures: the raw folder, a clean strict build of the book, headless Chromium."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tasks.py, the build command the README documents

import tasks  # noqa: E402

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
REQUIRE_BROWSER = os.environ.get("DOUBLE_ALLY_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book built strictly from clean (fresh output folder, empty execution cache)."""
    out = tmp_path_factory.mktemp("book")
    code, output = tasks.build(out=out, echo=False)
    if code != 0:
        pytest.fail(f"strict build from clean failed (exit {code}):\n{output[-4000:]}")
    return out / "_build" / "html"


def chromium_path() -> str | None:
    found = os.environ.get("CHROMIUM") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "no Chromium found (install Debian's 'chromium' package or set CHROMIUM=/path/to/chrome)"
        if REQUIRE_BROWSER:
            pytest.fail(message + "; DOUBLE_ALLY_REQUIRE_BROWSER=1 makes this a failure")
        pytest.skip(message)
    return path
