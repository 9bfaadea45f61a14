"""The quality class of a cited page (core.page_classes), by rules on its host and its publisher text."""

import pandas as pd
import pytest

from double_ally.core.page_classes import CLASSES, Rules, classify, index, page_rows, rules

GIVEN = Rules(hosts={"gov": "primary", "un.org": "primary", "wikipedia.org": "reference",
                     "copysite.example": "mirror", "archive-blog.gov": "reference"},
              mirror_words=("mirror", "repost"), default="agency or newspaper")


@pytest.mark.parametrize("url, publisher, expected", [
    ("https://www.state.gov/x", None, "primary"),                        # a parent domain listed
    ("https://press.un.org/en/2023/sc1.htm", "", "primary"),
    ("https://en.wikipedia.org/wiki/X", "Wikipedia", "reference"),
    ("https://copysite.example/a", "Reuters text", "mirror"),            # the host decides
    ("https://archive-blog.gov/p", "reposted", "reference"),             # the most specific listed domain
    ("https://blog.example/p", "RIA Novosti, reposted on blog.example", "mirror"),  # a word of the publisher
    ("https://blog.example/p", "A MIRROR of the agency", "mirror"),      # in any case
    ("https://www.un.org/x", "a mirror, it says", "primary"),            # a listed host wins over words
    ("https://news.example/p", "KTO (via Kyunghyang)", "agency or newspaper"),  # 'via' is not a copy
    ("https://news.example./p", None, "agency or newspaper"),            # the default; trailing dot
    ("https://web.archive.org/web/20201022094821/http://www.state.gov/r", "Internet Archive copy", "primary"),
    ("https://web.archive.org/web/2020/https://copysite.example/a", None, "mirror"),
])
def test_class_rules(url, publisher, expected):
    assert classify(url, publisher, GIVEN) == expected


def test_the_book_s_rules_name_only_the_four_classes():
    book = rules()
    assert set(book.hosts.values()) <= set(CLASSES) and book.default in CLASSES
    assert classify("https://en.wikipedia.org/wiki/Six-party_talks") == "reference"
    assert classify("https://liquisearch.com/x") == "mirror"
    assert classify("https://digitallibrary.un.org/record/1") == "primary"


def test_rules_with_another_class_are_refused(tmp_path):
    path = tmp_path / "classes.yaml"
    path.write_text("classes: {primary: a, agency or newspaper: b, reference: c, mirror: d}\n"
                    "default: agency or newspaper\nmirror_words: []\nhosts: {x.example: blog}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="blog"):
        rules(path)


def test_page_rows_read_every_address_column_and_only_web_addresses():
    frame = pd.DataFrame({"publisher": ["Agency", None],
                          "source_url": ["https://a.example/1", "not an address"],
                          "page_urls": ["https://b.example/2 github:owner/repo@abc", None]})
    rows = page_rows("t", frame)
    assert list(rows["url"]) == ["https://a.example/1", "https://b.example/2"]
    assert list(rows["publisher"]) == ["Agency", "Agency"]


def test_index_lists_each_address_once_with_the_tables_citing_it():
    one = pd.DataFrame({"source_publisher": ["Copy site, reposted"], "source_url": ["https://c.example/x"]})
    two = pd.DataFrame({"source_url": ["https://c.example/x", "https://www.un.org/y"]})
    out = index({"one": one, "two": two}, GIVEN).set_index("url")
    assert list(out.index) == ["https://c.example/x", "https://www.un.org/y"]
    assert out.loc["https://c.example/x", "tables"] == "one two"
    assert out.loc["https://c.example/x", "source_class"] == "mirror"
    assert out.loc["https://www.un.org/y", "source_class"] == "primary"
