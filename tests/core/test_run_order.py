"""The order the test files run in (tests/conftest.py ``run_order``): those that do not read the built book
first, while it builds; then those that do, a file with a long test first; every file whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conftest import run_order


@dataclass
class Item:
    """What run_order reads of a collected test: its file, its fixtures, its marks."""
    path: Path
    name: str
    fixturenames: tuple[str, ...] = ()
    marks: frozenset[str] = field(default_factory=frozenset)

    def get_closest_marker(self, name):
        return name if name in self.marks else None


def test_files_that_read_the_book_run_last_the_long_ones_first_each_file_whole():
    a, b, c, d = (Path(f"tests/test_{name}.py") for name in "abcd")
    items = [
        Item(a, "a1"), Item(a, "a2", ("built_book", "book_build")),  # a file that reads the book in one test
        Item(b, "b1"), Item(b, "b2"),                                # reads nothing
        Item(c, "c1", ("book_build",)), Item(c, "c2", ("book_build",), frozenset({"long"})),
        Item(d, "d1"),                                               # reads nothing
    ]
    assert [item.name for item in run_order(items)] == ["b1", "b2", "d1", "c1", "c2", "a1", "a2"]
