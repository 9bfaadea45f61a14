"""Facts on the "Reproduce this book" page are read from the project's files."""

from double_ally.book import reproduce


def test_pinned_versions_are_read_as_pip_compares_names(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# comment\nJupyter_Book==1.0.4\npandas==2.3.3 ; python_version>='3.11'\nloose>=1\n-e .\n")
    found = reproduce.pinned(("jupyter-book", "pandas", "loose", "absent"), req)
    assert found == {"jupyter-book": "1.0.4", "pandas": "2.3.3", "loose": "not pinned", "absent": "not pinned"}
    assert reproduce.requirement_count(req) == 2


def test_every_key_package_of_the_book_is_pinned():
    assert "not pinned" not in reproduce.pinned().values()


def test_raw_file_list_names_every_registered_file_and_where_to_get_it():
    from double_ally.core.sources import registry

    listing = reproduce.raw_files_list()
    for raw in registry().values():
        assert listing.count(f"`{raw.relpath}`") == 1
        assert f"`{raw.sha256}`" in listing and f"{raw.bytes:,} bytes" in listing


def test_the_launch_sentence_promises_binder_and_colab_only_when_the_build_has_them(monkeypatch):
    from double_ally.book import publish

    monkeypatch.setattr(publish, "launch_links", lambda docname: {})
    assert "no Binder or Colab links" in reproduce.launch_sentence()
    monkeypatch.setattr(publish, "launch_links", lambda docname: {"Binder": "https://mybinder.org/x",
                                                                   "Colab": "https://colab.research.google.com/x"})
    assert "no Binder" not in reproduce.launch_sentence() and "Binder and Colab links" in reproduce.launch_sentence()
