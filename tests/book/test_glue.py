import numpy as np
import pytest

from double_ally.book.glue import plain


def test_numpy_scalars_become_plain_python_numbers():
    assert type(plain(np.float64(2.5))) is float and plain(np.float64(2.5)) == 2.5
    assert type(plain(np.int64(7))) is int and plain(np.int64(7)) == 7


def test_missing_numbers_are_refused():
    with pytest.raises(ValueError):
        plain(float("nan"))
    with pytest.raises(ValueError):
        plain(np.float64("inf"))


def test_other_types_are_refused():
    with pytest.raises(TypeError):
        plain([1, 2])
    with pytest.raises(TypeError):
        plain(True)
