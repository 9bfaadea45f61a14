"""Row order carries no meaning: every verdict, and the forecast's observations, are the same when every
table's rows come in another order ("latest" is the latest year, never the last row)."""

from __future__ import annotations

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.forecast import evidence
from double_ally.core.data import load
from double_ally.core.datapackage import read_package


@pytest.fixture(scope="module")
def original() -> dict[str, pd.DataFrame]:
    return {r["name"]: load(r["name"]) for r in read_package()["resources"]}


@pytest.fixture(scope="module", params=[1, 2])
def shuffled(original, request) -> dict[str, pd.DataFrame]:
    return {name: frame.sample(frac=1, random_state=request.param).reset_index(drop=True)
            for name, frame in original.items()}


def test_the_shuffle_changes_the_order(original, shuffled):
    moved = [n for n, f in original.items() if len(f) > 2 and not f.equals(shuffled[n])]
    assert len(moved) >= len(original) - 2


def test_every_verdict_is_independent_of_row_order(original, shuffled):
    for claim_id in chapters.claims():
        before = chapters.evaluate(claim_id, dict(original))
        after = chapters.evaluate(claim_id, dict(shuffled))
        assert (after.verdict, after.reason) == (before.verdict, before.reason), claim_id


def test_the_forecast_observations_are_independent_of_row_order(original, shuffled):
    before = evidence.observations(evidence.gather(dict(original)))
    after = evidence.observations(evidence.gather(dict(shuffled)))
    pd.testing.assert_frame_equal(after.reset_index(drop=True), before.reset_index(drop=True))
