"""``python3 tasks.py lab``: the command it runs and the environment it needs (no server is started)."""

from __future__ import annotations

import json
import subprocess
import tomllib

from conftest import ROOT, tasks


def test_lab_serves_the_repository_from_the_projects_environment():
    command = tasks.lab_command(["--no-browser", "--port", "8899"])
    assert command[:3] == [str(tasks.PY), "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tasks.ROOT}" in command
    assert "--LabApp.default_url=/lab/tree/book/intro.md" in command and (ROOT / "book" / "intro.md").is_file()
    assert command[-3:] == ["--no-browser", "--port", "8899"], "the caller's options go to JupyterLab as given"
    assert "--no-browser" not in tasks.lab_command([]), "a reader's `tasks.py lab` opens the browser"


def test_jupyterlab_knows_the_options_the_command_gives():
    options = subprocess.run([str(tasks.PY), "-m", "jupyterlab", "--help-all"], capture_output=True, text=True,
                             check=True, timeout=120).stdout
    assert "--ServerApp.root_dir" in options and "--LabApp.default_url" in options


def test_the_myst_extension_is_installed_and_compatible_with_this_jupyterlab():
    """jupyterlab-myst is listed "OK" (not "X": an incompatible extension is installed but never loaded)."""
    listed = subprocess.run([str(tasks.PY), "-m", "jupyter", "labextension", "list"], capture_output=True,
                            text=True, timeout=120)
    text = listed.stdout + listed.stderr
    myst = [line for line in text.splitlines() if "jupyterlab-myst" in line and "enabled" in line]
    assert myst and "OK" in myst[0] and "not compatible" not in text, text


def test_a_markdown_chapter_opens_as_a_notebook_and_other_overrides_are_kept(tmp_path):
    path = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                "@jupyterlab/docmanager-extension:plugin": {"autosave": False}}))
    assert tasks.lab_overrides(tmp_path) == path
    written = json.loads(path.read_text())
    assert written["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    docmanager = written["@jupyterlab/docmanager-extension:plugin"]
    assert docmanager["autosave"] is False and docmanager["defaultViewers"]["myst"] == "Jupytext Notebook"
    first = path.read_text()
    tasks.lab_overrides(tmp_path)
    assert path.read_text() == first, "running it again changes nothing"


def test_jupyterlab_is_pinned_with_hashes_but_not_a_dependency_of_the_package():
    """The lab tools are in requirements.txt (so setup installs them, hash-checked) and in the package's
    optional "lab" group, not in its dependencies (which a reader's Colab cell installs)."""
    with open(ROOT / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    names = {tasks._normalize(n.split(">")[0].split("<")[0].split("=")[0]) for n in project["optional-dependencies"]["lab"]}
    assert names == {"jupyterlab", "jupyterlab-myst"}
    assert not names & {tasks._normalize(n) for n in project["dependencies"]}
    pins = tasks.pinned(ROOT / "requirements.txt", sorted(names))
    assert pins.count("--hash=sha256:") >= 2 and "jupyterlab==4.4." in pins
