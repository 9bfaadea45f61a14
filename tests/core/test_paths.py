"""Where the package finds the project's files: the checkout it sits in, else the copy a wheel carries."""

from __future__ import annotations

import pytest

from double_ally.core import paths


def test_a_checkout_is_read_in_place_and_a_wheel_reads_its_copy(tmp_path):
    checkout, packaged = tmp_path / "checkout", tmp_path / "site-packages" / "double_ally" / "_project"
    checkout.mkdir()
    packaged.mkdir(parents=True)
    (packaged / "CITATION.cff").write_text("cff-version: 1.2.0\n")
    assert paths.project_root(checkout, packaged) == packaged  # no CITATION.cff and _toc.yml beside the package
    (checkout / "CITATION.cff").write_text("cff-version: 1.2.0\n")
    assert paths.project_root(checkout, packaged) == packaged  # one of the two is not enough
    (checkout / "_toc.yml").write_text("root: book/intro\n")
    assert paths.project_root(checkout, packaged) == checkout


def test_a_package_with_neither_says_how_to_install_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither in a checkout.*install it with pip"):
        paths.project_root(tmp_path / "a", tmp_path / "b")


def test_this_checkout_reads_its_own_files():
    assert paths.ROOT == paths.CHECKOUT and (paths.ROOT / "CITATION.cff").is_file()
