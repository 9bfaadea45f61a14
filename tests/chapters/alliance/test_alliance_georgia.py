"""One Georgia count everywhere: the chapter's glued number, the chart title and the ¶4 verdict all give the
number of General Assembly votes after the 2008 war, counted here by hand from the published data file."""

import ast
import csv
import re

import jupytext
import pandas as pd

from double_ally import chapters
from double_ally.chapters.alliance import analysis, grids
from double_ally.core.paths import DATA_DIR, ROOT

CHAPTER = ROOT / "book" / "alliance.md"


def hand_count() -> tuple[int, int, int]:
    """(votes in the file, votes after the war, Seoul's abstentions after the war), with the csv module only.
    Seoul never voted no on them (checked here too).
    The war was fought in August 2008: a vote dated September 2008 or later came after it."""
    with open(DATA_DIR / "unga_georgia_votes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    after = [r for r in rows if (int(r["date"][:4]), int(r["date"][5:7])) > (2008, 8)]
    assert not any(r["KOR"] == "no" for r in after)
    return len(rows), len(after), sum(r["KOR"] == "abstain" for r in after)


def numbers_in(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\d+", text)}


def run_cells(cells: list[str], namespace: dict):
    """Run notebook cells in ``namespace``; the value of the last cell's last expression."""
    value = None
    for source in cells:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(CHAPTER), "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), str(CHAPTER), "eval"), namespace) if last else None
    return value


def chapter_cells() -> list[str]:
    return [c.source for c in jupytext.read(CHAPTER).cells if c.cell_type == "code"]


def test_glue_chart_and_verdict_give_the_hand_counted_votes_after_the_war():
    n_all, n_after, n_abstain = hand_count()
    assert n_all > n_after > 0          # the file holds a vote from before the war, which must not be counted
    assert n_abstain == n_after         # Seoul abstained every time after the war

    cells = chapter_cells()
    georgia_cell = next(c for c in cells if '"georgia_abstain_share"' in c)
    chart_cell = next(c for c in cells if "georgia_chart(" in c)
    glued = {}
    namespace = {}
    imports = next(c for c in cells if 'load("unga_agreement")' in c)
    run_cells([imports], namespace)     # the chapter's imports and tables
    namespace["glue"] = lambda name, value: glued.__setitem__(name, value)
    run_cells([georgia_cell], namespace)
    chart = run_cells([chart_cell], namespace)

    # the chapter glues the finding it computed once ...
    assert glued["georgia_abstain_share"] == f"all {n_after}"
    assert glued["georgia_with_russia"] == "never voted no with Russia"
    # ... and hands that same finding to the chart, whose title gives the same count
    title = chart.to_dict()["title"]["text"]
    assert n_after in numbers_in(title) and n_all not in numbers_in(title)
    # the verdict's reason gives it too
    reason = chapters.evaluate("p04-georgia").reason
    assert n_after in numbers_in(reason) and n_all not in numbers_in(reason)


def test_the_chart_shows_the_finding_it_is_given():
    votes = pd.DataFrame({
        "date": ["2008-04-15", "2009-09-09", "2010-09-07"], "symbol": ["A", "B", "C"],
        "KOR": ["abstain", "abstain", "yes"], "USA": "yes", "RUS": "no", "CHN": "abstain", "JPN": "yes",
        "total_yes": 50, "total_abstain": 80, "total_no": 15,
    })
    finding = analysis.georgia_finding(votes)
    spec = grids.georgia_chart(finding).to_dict()
    # 2 votes after the war, Seoul abstained on 1 of them; the grid still shows all 3 votes, the first marked
    assert numbers_in(spec["title"]["text"]) >= {1, 2} and 3 not in numbers_in(spec["title"]["text"])
    assert len(spec["title"]["subtitle"]) == 2
    shown = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert shown["vote_label"].nunique() == 3 and len(shown) == 3 * 5
