"""The README's install lines name the system packages .ci/run installs (a fresh machine needs them all)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ci_packages() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    found = set()
    for group in re.findall(r"need\+=\(([^)]*)\)", text):
        found |= set(group.split())
    return found


def readme_packages() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = set()
    for command in re.findall(r"`apt-get install ([^`]+)`", text):
        found |= set(command.split())
    return found


def test_ci_installs_the_browser_tex_fonts_and_poppler():
    assert {"chromium", "texlive-xetex", "latexmk", "fonts-freefont-otf", "poppler-utils"} <= ci_packages()


def test_the_readme_names_every_package_ci_installs():
    assert ci_packages() - readme_packages() == set()
