"""The book's citation metadata agrees with itself wherever a version or licence appears."""

import tomllib

import yaml

from double_ally import __version__
from double_ally.core.datapackage import read_package
from conftest import ROOT

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_file_has_the_fields_a_citation_needs():
    for key in ("cff-version", "message", "title", "authors", "version", "date-released", "license"):
        assert CFF.get(key), key
    assert set(CFF["license"]) == {"MIT", "CC-BY-4.0"}


def test_one_version_everywhere():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert CFF["version"] == __version__ == pyproject["project"]["version"] == read_package()["version"]


def test_readme_states_the_two_commands_that_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 tasks.py book" in readme and "python3 tasks.py test" in readme
    assert "python3 tasks.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
