"""The four recipes of CONTRIBUTING.md, followed on a copy of the package.

Each test copies ``double_ally/`` (with ``_toc.yml`` and ``CITATION.cff``) into a temporary folder, adds a
toy chapter there as the recipe says, and asks the copy -- in a subprocess whose ``PYTHONPATH`` is the
copy, so the installed package is not the one imported -- whether it found the new piece. The raw
sources and ``data/`` are pointed at empty folders: nothing here may need them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TOY_INIT = '"""A toy chapter: one table, one verdict, one chart."""\n'

TOY_TABLES = """\
sources:
  toy_source:
    title: Toy counts
    publisher: The test suite
    path: https://example.org/toy
    version: 'made up for the test'
    bibkey: toy_counts
tables:
  toy_counts:
    title: Toy counts by year
    description: Two made-up counts, one per year.
    derive: counts
    primary_key: [year]
    sources: [toy_source]
    fields:
    - name: year
      type: integer
      description: Calendar year
      constraints: {minimum: 2000, maximum: 2030}
    - name: count
      type: integer
      description: How many
      unit: items
    - name: share
      type: number
      description: Share of all items
"""

TOY_DERIVE = """\
import pandas as pd


def counts() -> pd.DataFrame:
    return pd.DataFrame({"year": [2020, 2021], "count": [3, 5], "share": [0.375, 0.625]})
"""

TOY_BIB = "@misc{toy_counts, title = {Toy counts}, author = {Test Suite}, year = {2024}}\n"

TOY_RULES = """\
from double_ally.core.verdicts import claim

CHAPTER = "book/toy"


def first_and_last(counts):
    ordered = counts.sort_values("year")["count"]
    return int(ordered.iloc[0]), int(ordered.iloc[-1])


@claim("p03-toy", paragraph=3, kind="fact", chapter=CHAPTER, section="toy-counts-3",
       text="The toy counts grew.")
def decide_p3(t) -> tuple[str, str]:
    \"\"\"Supported if the last year's count is above the first year's, contradicted otherwise.\"\"\"
    first, last = first_and_last(t["toy_counts"])
    return ("supported" if last > first else "contradicted"), f"from {first} to {last}"
"""

TOY_CHARTS = """\
import altair as alt
import pandas as pd

from double_ally.core import charts


def counts_chart(counts: pd.DataFrame) -> alt.Chart:
    ordered = counts.sort_values("year")["count"]
    return charts.figure(
        alt.Chart(counts).mark_bar(color=charts.PALETTE[0]).encode(x="year:O", y="count:Q"),
        name="toy-counts",
        title=f"Counts grew {ordered.iloc[-1] / ordered.iloc[0]:.1f}-fold",
        source="The test suite, toy counts.",
        alt_text="Bar chart of two made-up counts, one per year.",
    )
"""


def make_copy(tmp_path: Path) -> Path:
    """The package and the files its discovery reads, copied into ``tmp_path``."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "double_ally", copy / "double_ally", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("_toc.yml", "CITATION.cff"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


def add_toy(copy: Path, **files: str) -> Path:
    """A toy chapter folder ``double_ally/chapters/toy/`` holding ``files`` (name without suffix -> text)."""
    folder = copy / "double_ally" / "chapters" / "toy"
    folder.mkdir()
    (folder / "__init__.py").write_text(TOY_INIT, encoding="utf-8")
    for name, text in files.items():
        suffix = ".yaml" if name == "tables" else ".py"
        (folder / f"{name}{suffix}").write_text(text, encoding="utf-8")
    return folder


def run(copy: Path, code: str):
    """Run ``code`` with the copy's package; it must print one JSON value last, which is returned."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOUBLE_ALLY_", "PYTHON"))}
    env.update(PYTHONPATH=str(copy), DOUBLE_ALLY_RAW=str(copy / "no-raw"), DOUBLE_ALLY_DATA=str(copy / "no-data"))
    prelude = textwrap.dedent("""\
        import json
        from pathlib import Path
        import double_ally
        assert Path(double_ally.__file__).resolve().is_relative_to(Path.cwd().resolve()), double_ally.__file__
        from double_ally import chapters
        """)
    result = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=copy, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"the copy failed:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_chapter_is_a_folder_ordered_by_the_table_of_contents(tmp_path):
    copy = make_copy(tmp_path)
    add_toy(copy, tables=TOY_TABLES)
    (copy / "double_ally" / "chapters" / "notes").mkdir()  # no __init__.py: not a chapter
    (copy / "double_ally" / "chapters" / "notes" / "tables.yaml").write_text(TOY_TABLES.replace("toy_", "x_"))
    code = """
        names = chapters.names()
        tables = {t.name: t for t in chapters.tables(with_derive=False)}
        print(json.dumps({"names": names, "toy": tables["toy_counts"].title, "x": "x_counts" in tables,
                          "derive": tables["toy_counts"].derive}))
        """
    unlisted = run(copy, code)
    assert unlisted["names"][-1] == "toy" and "notes" not in unlisted["names"]
    assert unlisted["toy"] == "Toy counts by year" and unlisted["x"] is False
    assert unlisted["derive"] is None  # metadata only: the derive module was not imported

    toc = copy / "_toc.yml"
    text = toc.read_text(encoding="utf-8")
    assert "- file: book/trade\n" in text
    toc.write_text(text.replace("- file: book/trade\n", "- file: book/trade\n      - file: book/toy\n"))
    listed = run(copy, code)["names"]
    assert listed.index("toy") == listed.index("trade") + 1
    assert sorted(listed) == sorted(unlisted["names"])


def test_a_table_is_described_in_tables_yaml_and_derived_by_its_function(tmp_path):
    copy = make_copy(tmp_path)
    add_toy(copy, tables=TOY_TABLES, derive=TOY_DERIVE)
    (copy / "book" / "bib").mkdir(parents=True)
    (copy / "book" / "bib" / "toy.bib").write_text(TOY_BIB, encoding="utf-8")
    out = run(copy, """
        from double_ally.core.derive import build, descriptors
        toy = [t for t in chapters.tables() if t.name == "toy_counts"]
        built = build(toy)
        [resource] = descriptors(toy, built)
        print(json.dumps({"csv": built["toy_counts"].decode(), "resource": resource,
                          "derive": f"{toy[0].derive.__module__}.{toy[0].derive.__name__}"}))
        """)
    expected = b"year,count,share\n2020,3,0.375\n2021,5,0.625\n"
    assert out["csv"].encode() == expected
    assert out["derive"] == "double_ally.chapters.toy.derive.counts"
    resource = out["resource"]
    assert resource["name"] == "toy_counts" and resource["path"] == "toy_counts.csv"
    assert resource["rows"] == 2 and resource["bytes"] == len(expected)
    assert resource["hash"] == f"sha256:{hashlib.sha256(expected).hexdigest()}"
    assert [(f["name"], f["type"]) for f in resource["schema"]["fields"]] == [
        ("year", "integer"), ("count", "integer"), ("share", "number")]
    assert resource["schema"]["primaryKey"] == ["year"]
    assert [s["bibkey"] for s in resource["sources"]] == ["toy_counts"]


def test_a_table_whose_source_has_no_bibliography_entry_is_refused(tmp_path):
    copy = make_copy(tmp_path)
    add_toy(copy, tables=TOY_TABLES, derive=TOY_DERIVE)
    (copy / "book" / "bib").mkdir(parents=True)
    (copy / "book" / "bib" / "toy.bib").write_text(TOY_BIB.replace("toy_counts", "other_key"), encoding="utf-8")
    out = run(copy, """
        from double_ally.core.derive import build, descriptors
        from double_ally.core.validate import DataError
        toy = [t for t in chapters.tables() if t.name == "toy_counts"]
        try:
            descriptors(toy, build(toy))
            print(json.dumps(None))
        except DataError as err:
            print(json.dumps(str(err)))
        """)
    assert out is not None and "toy_counts" in out


def test_a_verdict_is_a_marked_rule_decided_from_given_tables(tmp_path):
    copy = make_copy(tmp_path)
    add_toy(copy, rules=TOY_RULES)
    out = run(copy, """
        import pandas as pd
        from double_ally.core.validate import DataError
        found = chapters.claims()
        toy = [c.claim_id for c in found.values() if c.chapter == "book/toy"]
        growing = pd.DataFrame({"year": [2021, 2020], "count": [7, 2]})
        shrinking = pd.DataFrame({"year": [2020, 2021], "count": [9, 4]})
        up = chapters.evaluate("p03-toy", given={"toy_counts": growing})
        down = chapters.evaluate("p03-toy", given={"toy_counts": shrinking})
        try:
            chapters.evaluate("p03-toy")   # not given: loaded from data/, which is empty here
            loaded = "loaded"
        except DataError:
            loaded = "refused"
        print(json.dumps({"toy": toy, "paragraph": found["p03-toy"].paragraph, "up": up.as_dict(),
                          "down": down.as_dict(), "loaded": loaded}))
        """)
    assert out["toy"] == ["p03-toy"]  # the helper function beside the rule is not a claim
    assert out["paragraph"] == 3
    assert out["up"]["verdict"] == "supported" and "2" in out["up"]["reason"] and "7" in out["up"]["reason"]
    assert out["down"]["verdict"] == "contradicted"
    assert out["up"]["section"] == "toy-counts-3" and out["up"]["chapter"] == "book/toy"
    assert out["loaded"] == "refused"


def test_a_chart_gets_its_title_source_and_alt_text_from_figure(tmp_path):
    copy = make_copy(tmp_path)
    add_toy(copy, charts=TOY_CHARTS)
    out = run(copy, """
        import pandas as pd
        from double_ally.core.charts import figure_html
        from double_ally.chapters.toy.charts import counts_chart
        spec = counts_chart(pd.DataFrame({"year": [2020, 2021], "count": [4, 10]})).to_dict()
        print(json.dumps({"spec": spec, "html": figure_html(spec)}))
        """)
    spec = out["spec"]
    assert spec["title"]["text"] == f"Counts grew {10 / 4:.1f}-fold"
    meta = spec["usermeta"]["double_ally"]
    assert meta["source"] == "The test suite, toy counts." and meta["name"] == "toy-counts"
    assert spec["description"] == meta["alt"]
    [rows] = spec["datasets"].values()
    assert [(r["year"], r["count"]) for r in rows] == [(2020, 4), (2021, 10)]
    assert "Source: The test suite, toy counts." in out["html"] and 'id="chart-toy-counts"' in out["html"]


@pytest.mark.parametrize("recipe", ["Add a chapter", "Add a table", "Add a chart", "Add a verdict"])
def test_contributing_has_each_recipe(recipe):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"### {recipe}" in text
