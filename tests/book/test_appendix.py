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
