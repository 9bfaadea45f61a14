"""core.memo.same_frames: a result is given again only for the very same frames and equal plain values."""

from __future__ import annotations

import pandas as pd

from double_ally.core.memo import same_frames


def counted():
    calls = []

    @same_frames(keep=2)
    def total(frame: pd.DataFrame, column: str, scale: float = 1.0) -> float:
        calls.append(column)
        return float(frame[column].sum()) * scale

    return total, calls


def test_the_same_frame_and_values_are_answered_once():
    total, calls = counted()
    frame = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
    assert total(frame, "a") == total(frame, "a") == 3.0
    assert total(frame, "a", scale=2.0) == 6.0 and total(frame, "b") == 7.0
    assert calls == ["a", "a", "b"]


def test_an_equal_copy_or_a_changed_option_is_computed_afresh():
    total, calls = counted()
    frame = pd.DataFrame({"a": [1, 2]})
    total(frame, "a")
    assert total(frame.copy(), "a") == 3.0
    assert total(frame, "a", scale=3.0) == 9.0
    assert len(calls) == 3


def test_only_the_last_few_results_are_kept():
    total, calls = counted()
    frames = [pd.DataFrame({"a": [n]}) for n in range(3)]
    for frame in frames:
        total(frame, "a")
    assert len(total.kept) == 2
    total(frames[0], "a")  # pushed out by the two after it
    total(frames[2], "a")  # still kept
    assert len(calls) == 4


def test_frames_inside_tuples_are_compared_by_identity_and_none_by_value():
    calls = []

    @same_frames()
    def rows(frames: tuple) -> int:
        calls.append(1)
        return sum(len(f) for f in frames if f is not None)

    one = pd.DataFrame({"a": [1, 2]})
    assert rows((one, None)) == rows((one, None)) == 2
    assert rows((one.copy(), None)) == 2
    assert len(calls) == 2
