from double_ally.book.appendix import data_appendix
from double_ally.core.datapackage import read_package


def test_appendix_lists_every_table_with_source_licence_and_caveats():
    package = read_package()
    text = data_appendix(package)
    for resource in package["resources"]:
        assert f"**`{resource['name']}`**" in text
        for source in resource["sources"]:
            assert f"{{cite}}`{source['bibkey']}`" in text
        for caveat in resource["caveats"]:
            assert caveat in text
    assert text.count("Creative Commons Attribution 4.0") == len(package["resources"])
