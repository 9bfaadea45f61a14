"""What the alliance chapter shows, on hand-made tables: the years a mean covers, the change of source in the
agreement chart, the lanes of the sanctions timeline, vote grids as narrow as a phone, and the tables for readers."""

import pandas as pd
import pytest

from double_ally.chapters.alliance import charts, display, grids
from double_ally.chapters.alliance.analysis import source_changes, years_with


def agreement_rows(rows):
    """unga_agreement rows from (variant, year, source), for South Korea with the U.S. and Russia."""
    return pd.DataFrame([{"country": "KOR", "partner": p, "variant": v, "year": y, "source": s, "n_votes": 10,
                          "agreement": 0.5 if p == "USA" else 0.7}
                         for v, y, s in rows for p in ("USA", "RUS")])


TABLE = agreement_rows([("all", y, "Voeten") for y in (2018, 2019)] + [("all", 2020, "UN Digital Library")]
                       + [("important", 2016, "Voeten"), ("important", 2017, "Voeten")]
                       + [("no_middle_east", y, "Voeten") for y in (2018, 2019)])


def test_years_with_gives_the_years_a_variant_has_within_the_window():
    assert years_with(TABLE, "important", 2010, 2019) == (2016, 2017)
    assert years_with(TABLE, "all", 2010, 2019) == (2018, 2019)     # 2020 is outside the window
    with pytest.raises(ValueError):
        years_with(TABLE, "important", 2018, 2019)


def test_source_changes_finds_the_first_year_of_the_new_source_in_any_row_order():
    shuffled = TABLE.sample(frac=1, random_state=3)
    changes = source_changes(shuffled, "all")
    assert changes.to_dict("records") == [{"year": 2020, "source": "UN Digital Library"}]
    assert source_changes(TABLE, "important").empty


def layers_with_mark(spec, mark):
    return [layer for layer in spec["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict)
                                                  else layer["mark"]) == mark]


def test_the_agreement_chart_marks_the_change_of_source():
    spec = charts.agreement_chart(TABLE).to_dict()
    rule, = layers_with_mark(spec, "rule")
    marked = pd.DataFrame(spec["datasets"][rule["data"]["name"]])
    assert marked["at"].tolist() == [2019.5]                          # between the last Voeten and first UNDL year
    assert "UN Digital Library" in marked["label"].iloc[0]
    source = spec["usermeta"]["double_ally"]["source"]
    assert "(2018-2019)" in source and "(2020)" in source


def test_the_decade_chart_labels_each_panel_with_the_years_its_mean_covers():
    spec = charts.decade_chart(TABLE, 2010, 2019).to_dict()
    shown = pd.DataFrame(next(iter(spec["datasets"].values())))
    assert set(shown["variant"]) == {"All roll calls, 2018-2019", "'Important' votes only, 2016-2017",
                                     "Without Middle East votes, 2018-2019"}


def test_a_russian_list_that_does_not_name_seoul_is_not_in_the_lane_of_measures_against_it():
    rows = pd.DataFrame({
        "actor": ["Seoul", "Moscow", "Moscow", "Moscow", "Moscow"],
        "kind": ["export controls", "Russian countermeasure", "Russian countermeasure", "Russian countermeasure",
                 "THAAD statement"],
        "summary": ["a ban", "first list: the United States and the Czech Republic", "names South Korea",
                    "the list includes the Republic of Korea", "very alarming"],
    })
    lanes = charts.sanctions_lanes(rows).tolist()
    assert lanes == [charts.LANES["seoul"], charts.LANES["others"], charts.LANES["at_seoul"],
                     charts.LANES["at_seoul"], charts.LANES["at_seoul"]]


def test_the_sanctions_chart_names_each_lane_above_it_in_full():
    measures = pd.DataFrame({"date": ["2021-05", "2022-03-07"], "actor": "Moscow",
                             "measure_type": "Russian countermeasure",
                             "summary": ["names only the United States", "names South Korea"]})
    facts = pd.DataFrame({"date": ["2016-07"], "actor": ["Moscow"], "topic": ["thaad"], "summary": ["alarming"]})
    spec = charts.sanctions_chart(measures, facts).to_dict()
    row = spec["facet"]["row"]
    assert row["sort"] == list(charts.LANES.values())
    assert row["header"]["labelOrient"] == "top" and row["header"]["labelAngle"] == 0   # above, not beside
    assert "axis" not in spec["spec"]["encoding"]["y"] or spec["spec"]["encoding"]["y"]["axis"] is None
    shown = pd.DataFrame(next(iter(spec["datasets"].values()))).set_index("date")["lane"]
    assert shown["2021-05"] == charts.LANES["others"] and shown["2022-03-07"] == charts.LANES["at_seoul"]


def test_a_vote_grid_puts_votes_in_rows_so_its_width_does_not_grow_with_the_votes():
    many = pd.DataFrame([{"vote_label": f"vote {i}", "country": c, "vote": "yes"}
                         for i in range(30) for c in ("KOR", "USA", "RUS", "CHN", "JPN")])
    spec = grids.votes_grid(many, name="t", title="t", subtitle="s", source="s", alt_text="a").to_dict()
    encoding = spec["layer"][0]["encoding"]
    assert encoding["y"]["field"] == "vote_label" and encoding["x"]["field"] == "country"
    assert spec["width"] == {"step": grids.COLUMN} and 5 * grids.COLUMN <= 260   # room for labels on a phone
    assert pd.DataFrame(next(iter(spec["datasets"].values())))["vote_label"].nunique() == 30


LONG = "Foreign ministry: <b>nothing</b> decided on sanctions & no U.S. request to join, as far as it knows."


def test_an_evidence_table_shows_each_cell_in_full_as_escaped_text_under_headers_in_words():
    frame = pd.DataFrame({"date": ["2014-03-21"], "actor": ["Seoul"], "summary": [LONG], "extra": [1]})
    table = display.evidence(frame, ["date", "actor", "summary"])
    page = table._repr_html_()
    assert "Foreign ministry: &lt;b&gt;nothing&lt;/b&gt; decided on sanctions &amp; no U.S. request to join, as far " \
           "as it knows." in page
    assert "<b>" not in page and "..." not in page and "extra" not in page
    assert "<th scope=\"col\">What the page says (our paraphrase)</th>" in page and ">summary<" not in page


def test_the_key_votes_table_has_one_row_per_resolution_in_date_order_with_names_for_codes():
    rows = [("B", "2022-03-02", c, v) for c, v in (("KOR", "yes"), ("USA", "yes"), ("RUS", "no"))]
    rows += [("A", "2014-03-27", c, v) for c, v in (("KOR", "yes"), ("USA", "yes"), ("RUS", "no"))]
    votes = pd.DataFrame(rows, columns=["vote_id", "date", "country", "vote"])
    totals = pd.DataFrame({"vote_id": ["A", "B"], "date": ["2014-03-27", "2022-03-02"], "country": "TOTAL",
                           "vote": pd.NA, "total_yes": [100, 141], "total_no": [11, 5], "total_abstain": [58, 35],
                           "total_absent": [24, 12]})
    table = display.key_votes(pd.concat([votes, totals], ignore_index=True))
    assert table.frame["vote_id"].tolist() == ["A", "B"]
    page = table._repr_html_()
    assert ">South Korea<" in page and ">Absent<" in page and ">KOR<" not in page and "number of members" in page
    assert table.rows()[0][-4:] == ["100", "11", "58", "24"]              # counts as whole numbers
    assert table.rows()[0][list(table.frame.columns).index("JPN")] == "—"  # no Japanese vote given: a dash


def test_the_interval_table_keeps_one_numeric_column_and_the_interval_in_one_cell(monkeypatch):
    frame = pd.DataFrame({"test": ["¶1 (a), ¶3"], "comparison": ["Washington minus Moscow"], "roll calls": [1234],
                          "resolutions": [56], "estimate": [0.0944], "95 % low": [-0.045], "95 % high": [0.2344],
                          "outcome": ["not established"]})
    monkeypatch.setattr(display.ev, "interval_table", lambda t, **options: frame)
    table = display.intervals(None)
    assert table.rows() == [["¶1 (a), ¶3", "Washington minus Moscow (1,234 roll calls; 56 resolutions)", "0.094",
                             "-0.045 to +0.234", "not established"]]
    assert table._repr_html_().count('class="da-num"') == 2        # the estimate's header and its cell
