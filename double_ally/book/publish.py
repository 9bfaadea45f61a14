"""Publishing: where the book lives online, and how a release is laid out on the site.

The site (the ``gh-pages`` branch, served by GitHub Pages) keeps every release for good:

    /                 the latest release (what the book's address shows)
    /v0.1/, /v0.2/    each release at a stable address, so a citation of a version keeps working
    /dev/             the book as it stands on ``main`` (optional preview)
    /versions.json    the releases on the site, newest first, and which one is the latest
    /.nojekyll        serve folders whose names start with "_" (_static, _notebooks) as they are

``assemble()`` puts one built ``_build/html`` into that layout without touching the other releases;
``python -m double_ally.book.publish SITE_DIR [--dev]`` does it for the current version. The addresses come
from two settings (environment variables, else CITATION.cff): ``DOUBLE_ALLY_BASE_URL`` (e.g.
``https://<owner>.github.io/<repo>``) and ``DOUBLE_ALLY_REPOSITORY`` (``https://github.com/<owner>/<repo>``).
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
import tomllib
from pathlib import Path
from urllib.parse import urlparse

from double_ally.core import citation
from double_ally.core.paths import ROOT

VERSION_DIR = re.compile(r"v(\d+)\.(\d+)")
DEV = "dev"
BINDER = "https://mybinder.org/v2/gh"
COLAB = "https://colab.research.google.com/github"


def base_url() -> str:
    return citation.metadata()["url"]


def url_prefix() -> str:
    """The path the site is served under ("/" or "/<repo>/"), for the 404 page's absolute links."""
    path = urlparse(base_url()).path.strip("/") if base_url() else ""
    return f"/{path}/" if path else "/"


def site_folder() -> str:
    """Where this build is kept on the site: ``dev`` for a preview of main, else ``vMAJOR.MINOR``."""
    import os

    return DEV if os.environ.get("DOUBLE_ALLY_SITE_FOLDER") == DEV else citation.version_folder()


def github_repo() -> tuple[str, str] | None:
    """(owner, name) of the repository on GitHub, if the repository setting names one (names as GitHub
    allows them: letters, digits, "-", "_" and ".", so that they go into addresses and commands as they are)."""
    repo = citation.metadata()["repository"]
    m = re.fullmatch(r"https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9_.-]+?)(\.git)?", repo or "")
    return (m.group(1), m.group(2)) if m else None


def release_ref() -> str:
    """The git reference of this build: ``main`` for a preview, else the release's tag (``v`` and the
    version in CITATION.cff), which the publishing workflow checks against the tag it builds."""
    return "main" if site_folder() == DEV else f"v{citation.metadata()['version']}"


def launch_links(docname: str) -> dict[str, str]:
    """Where a reader can run a chapter: Binder opens its MyST source at this release's tag (Jupytext
    makes it a notebook); Colab opens the .ipynb this release publishes on the site branch."""
    repo = github_repo()
    if not repo:
        return {}
    owner, name = repo
    return {
        "Binder": f"{BINDER}/{owner}/{name}/{release_ref()}?urlpath=lab/tree/{docname}.md",
        "Colab": f"{COLAB}/{owner}/{name}/blob/gh-pages/{site_folder()}/_notebooks/{docname}.ipynb",
    }


def package_dependencies() -> list[str]:
    """What the book's package needs (pyproject.toml), as it names them."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def colab_setup_source() -> str | None:
    """A first cell for the published notebooks: on Colab only, fetch this release (its tag), install what
    the book's package needs at the versions that release pins in requirements.txt (each file checked
    against its sha256 there), then the package itself, built from the release into a wheel, which carries
    the release's tables and metadata. pip checks hashes given in a constraints file from version 26.1,
    so the release's pinned pip goes first (hash-checked itself); Colab's other packages stay as they are.
    The notebook then imports the installed package, as anywhere else, not the clone."""
    repo = github_repo()
    if not repo:
        return None
    url = f"https://github.com/{repo[0]}/{repo[1]}"
    needs = " ".join(shlex.quote(name) for name in package_dependencies())
    return (
        f"# On Google Colab only: fetch {release_ref()} of the book (code and derived data) and install what its\n"
        "# package needs, at the versions and with the hashes pinned in that release's requirements.txt, then\n"
        "# the package itself. Anywhere else, set up as the README says; this cell then does nothing.\n"
        "import os, sys\n"
        "if 'google.colab' in sys.modules and not os.path.isdir('double-ally'):\n"
        f"    !git clone --depth 1 --branch {release_ref()} {url} double-ally\n"
        "    sys.path.insert(0, os.path.abspath('double-ally'))\n"
        "    import tasks  # the book's commands: pinned() reads a package's lines, hashes included\n"
        "    with open('pinned-pip.txt', 'w') as f:\n"
        "        f.write(tasks.pinned(tasks.ROOT / 'requirements.txt', ['pip']))\n"
        "    sys.path.remove(os.path.abspath('double-ally'))  # the package is imported as installed below\n"
        "    %pip install --quiet --require-hashes --no-deps -r pinned-pip.txt\n"
        f"    %pip install --quiet --constraint double-ally/requirements.txt {needs}\n"
        "    %pip install --quiet --no-deps ./double-ally\n"
    )


def _versions(site: Path) -> list[str]:
    found = [p.name for p in site.iterdir() if p.is_dir() and VERSION_DIR.fullmatch(p.name)]
    return sorted(found, key=lambda n: tuple(int(x) for x in VERSION_DIR.fullmatch(n).groups()), reverse=True)


def _replace_tree(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


def assemble(html: Path, site: Path, folder: str) -> dict:
    """Put the built book ``html`` into ``site`` under ``folder`` (``vX.Y`` or ``dev``). A release also
    becomes the site's root when it is the newest release on the site. Other releases stay as they are.
    Returns the versions.json written."""
    if not (html / "index.html").is_file():
        raise FileNotFoundError(f"{html} holds no built book (no index.html): build it first")
    if folder != DEV and not VERSION_DIR.fullmatch(folder):
        raise ValueError(f"site folder {folder!r} is neither 'dev' nor vMAJOR.MINOR")
    site.mkdir(parents=True, exist_ok=True)
    _replace_tree(html, site / folder)
    versions = _versions(site)
    latest = versions[0] if versions else None
    if folder == latest:
        keep = set(versions) | {DEV, ".git", "versions.json", ".nojekyll", "CNAME"}
        for entry in site.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        for entry in html.iterdir():
            target = site / entry.name
            shutil.copytree(entry, target) if entry.is_dir() else shutil.copy2(entry, target)
    (site / ".nojekyll").write_text("")
    listing = {"latest": latest, "versions": versions, "dev": (site / DEV).is_dir()}
    (site / "versions.json").write_text(json.dumps(listing, indent=2) + "\n")
    return listing


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit("usage: python -m double_ally.book.publish SITE_DIR [--dev]  (after building the book)")
    folder = DEV if "--dev" in argv else citation.version_folder()
    listing = assemble(ROOT / "_build" / "html", Path(argv[0]), folder)
    print(f"site assembled in {argv[0]}: {folder} (latest release: {listing['latest']})")


if __name__ == "__main__":
    main(sys.argv[1:])
