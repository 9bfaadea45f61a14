"""Facts for the "Reproduce this book" page, read from the project's own files (never typed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from double_ally.book import publish
from double_ally.core.paths import ROOT
from double_ally.core.text import Md, code, md

KEY_PACKAGES = ("jupyter-book", "myst-nb", "sphinx", "jupytext", "pandas", "altair", "vl-convert-python",
                "frictionless", "citeproc-py", "bibtexparser", "country_converter", "pytest", "playwright")
BENCHMARK = ROOT / "tests" / "benchmark_results.json"


def pinned(names: tuple[str, ...] = KEY_PACKAGES, path: Path = ROOT / "requirements.txt") -> dict[str, str]:
    """Exact versions pinned in requirements.txt for the named packages (names compared as pip does)."""
    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)==([^\s;#]+).*", line)
        if m:
            found[norm(m.group(1))] = m.group(2)
    return {name: found.get(norm(name), "not pinned") for name in names}


def requirement_count(path: Path = ROOT / "requirements.txt") -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if "==" in line)


def benchmark(path: Path = BENCHMARK) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def raw_files_list() -> Md:
    """Markdown: each raw file's place under the raw folder, its publisher, where to obtain it, and the
    sha256 and size the derivation checks it against."""
    from double_ally.core.sources import registry

    first = {}
    for raw in registry().values():  # two chapters may read one file: list it once
        first.setdefault(raw.relpath, raw)
    return Md("\n".join(f"- {code(raw.relpath)} — {md(raw.publisher)}. {md(raw.obtain)} sha256 {code(raw.sha256)}, "
                        f"{raw.bytes:,} bytes; obtained {md(raw.obtained or 'on a date the collection does not record')} "
                        f"({md(raw.collection)})."
                        for _, raw in sorted(first.items())))


def launch_sentence(docname: str = "book/trade") -> str:
    """Whether this build offers Binder and Colab links (only a build that knows its repository does)."""
    if publish.launch_links(docname):
        return "Binder and Colab links at the end of each chapter open it in a hosted Jupyter."
    return ("This build was made without the repository's address, so it offers no Binder or Colab links; "
            "the published edition has them at the end of each chapter.")
