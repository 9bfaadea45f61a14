import pytest
from markdown_it import MarkdownIt

from double_ally.book.appendix import data_appendix
from double_ally.core.datapackage import read_package


def shown_text(markdown: str) -> str:
    """What a reader sees of the Markdown: the text of every inline token, roles left as written."""
    parser = MarkdownIt("commonmark").enable("table")
    return " ".join(child.content for block in parser.parse(markdown) for child in (block.children or [])
                    if child.type in {"text", "code_inline"})


def test_appendix_lists_every_table_with_source_licence_and_caveats():
    package = read_package()
    markdown = data_appendix(package)
    text = shown_text(markdown)
    for resource in package["resources"]:
        assert f"**`{resource['name']}`**" in markdown
        assert resource["title"] in text and resource["description"] in text
        for source in resource["sources"]:
            assert f"{{cite}}`{source['bibkey']}`" in markdown
        for caveat in resource["caveats"]:
            assert caveat in text
    assert text.count("Creative Commons Attribution 4.0") == len(package["resources"])


def test_the_data_zip_holds_every_table_and_the_same_data_give_the_same_bytes(tmp_path):
    import zipfile

    from double_ally.book.appendix import write_zip

    data = tmp_path / "data"
    data.mkdir()
    (data / "b.csv").write_text("x\n1\n")
    (data / "a.csv").write_text("y\n2\n")
    (data / "datapackage.json").write_text("{}")
    (data / "notes.txt").write_text("not a table")
    first = write_zip(data, tmp_path / "one.zip").read_bytes()
    assert write_zip(data, tmp_path / "two.zip").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "one.zip") as z:
        assert z.namelist() == ["a.csv", "b.csv", "datapackage.json"]
        assert z.read("b.csv") == b"x\n1\n"


def test_downloads_link_every_table_and_refuse_a_path_that_is_not_a_file_name():
    from bs4 import BeautifulSoup

    from double_ally.book.appendix import DATA_ZIP, Downloads

    links = BeautifulSoup(Downloads({"resources": [{"path": "t_one.csv"}]})._repr_html_(), "html.parser")
    assert [a["href"] for a in links.find_all("a")] == [f"../data/{DATA_ZIP}", "../data/datapackage.json",
                                                       "../data/t_one.csv"]
    with pytest.raises(ValueError, match="not a table file name"):
        Downloads({"resources": [{"path": "../../etc/passwd"}]})
