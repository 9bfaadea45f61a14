"""The North Korea chapter's computations and derivation rules on small hand-made tables whose answers
are worked out by hand."""

import pandas as pd
import pytest

from double_ally.chapters.north_korea import analysis as nk
from double_ally.chapters.north_korea import council_record, derive


def trade():
    # North Korea's trade in 2019 as partners record it: China 40 + 20, Russia 6 + 4, World 80 + 20 = 100.
    # In 2020 Russia has no record; in 2021 there is no World row.
    rows = [
        (2019, "CHN", "imports", 40.0), (2019, "CHN", "exports", 20.0),
        (2019, "RUS", "imports", 6.0), (2019, "RUS", "exports", 4.0),
        (2019, "WLD", "imports", 80.0), (2019, "WLD", "exports", 20.0),
        (2020, "CHN", "imports", 30.0), (2020, "WLD", "imports", 50.0),
        (2021, "CHN", "imports", 10.0),
    ]
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def test_totals_add_exports_and_imports():
    t = nk.totals(trade()).set_index(["partner", "year"])["total_usd_m"]
    assert t[("CHN", 2019)] == 60.0
    assert t[("WLD", 2019)] == 100.0
    assert t[("CHN", 2020)] == 30.0


def test_partner_shares_of_the_world_row_with_a_rest():
    s = nk.partner_shares(trade()).set_index(["partner", "year"])["share_pct"]
    assert s[("CHN", 2019)] == pytest.approx(60.0)
    assert s[("RUS", 2019)] == pytest.approx(10.0)
    assert s[("OTHER", 2019)] == pytest.approx(30.0)
    # no Russian record in 2020 counts as zero; China 30 of 50
    assert s[("RUS", 2020)] == 0.0
    assert s[("CHN", 2020)] == pytest.approx(60.0)
    assert s[("OTHER", 2020)] == pytest.approx(40.0)
    # 2021 has no World row: no shares
    assert 2021 not in set(s.index.get_level_values("year"))


def test_share_range_over_years():
    shares = nk.partner_shares(trade())
    assert nk.share_range(shares, "RUS", 2019, 2020) == (0.0, pytest.approx(10.0))
    with pytest.raises(ValueError):
        nk.share_range(shares, "RUS", 2030, 2031)


def test_lever_ranges_give_each_partners_low_and_high_over_the_years():
    shares = nk.partner_shares(trade())
    ranges = nk.lever_ranges(shares, 2019, 2020)
    # China 60 % in both years; Russia 10 % in 2019 and no record (0 %) in 2020
    assert ranges["CHN"] == (pytest.approx(60.0), pytest.approx(60.0))
    assert ranges["RUS"] == (0.0, pytest.approx(10.0))
    assert set(ranges) == {"CHN", "RUS"}


def record():
    rows = [
        # date, symbol, outcome, action, yes, no, abstain, russia, vetoed_by, basis, page_basis
        ("1993-05-11", "S/RES/825(1993)", "adopted", "call to the DPRK, no sanctions stated", 13, 0, 2, "yes", None,
         "UN voting record", "implied: 13 in favour"),
        ("2006-10-14", "S/RES/1718(2006)", "adopted", "sanctions imposed", 15, 0, 0, "yes", None,
         "UN voting record", "implied by 15-0-0"),
        ("2010-06-07", "S/RES/1928(2010)", "adopted", "Panel of Experts renewed", 15, 0, 0, "yes", None,
         "UN voting record", None),
        ("2016-03-02", "S/RES/2270(2016)", "adopted", "sanctions strengthened", 14, 0, 1, "abstain", None,
         "inferred from 'adopted unanimously'", "explicit: 'including Russia'"),
        ("2022-05-26", "S/2022/431", "vetoed", "vetoed draft", 13, 2, 0, "no", "CHN, RUS", "UN voting record", "explicit"),
    ]
    cols = ["date", "symbol", "outcome", "action", "votes_yes", "votes_no", "votes_abstain", "russia_vote",
            "vetoed_by", "russia_vote_basis", "page_basis"]
    return pd.DataFrame(rows, columns=cols)


def test_record_summary_counts_sanctions_votes_and_vetoes():
    s = nk.record_summary(record())
    assert s["decisions"] == 5
    assert s["adopted"] == 4
    assert s["sanctioning"] == 2              # 1718 and 2270
    assert s["sanctioning_russia_yes"] == 1   # Russia abstains on the (made-up) 2270 row
    assert s["sanctioning_unanimous"] == 1
    assert s["sanctioning_first"] == "2006-10-14"
    assert s["adopted_unanimous"] == 2        # 1718 and 1928
    assert s["vetoed"] == 1
    assert s["vetoed_by_russia"] == 1


def test_record_summary_stops_at_a_date():
    s = nk.record_summary(record(), until="2021-07-15")
    assert s["decisions"] == 4
    assert s["vetoed"] == 0


def test_basis_counts_sort_pages_into_kinds():
    b = nk.basis_counts(record()).set_index("symbol")["page_basis_kind"]
    assert b["S/RES/825(1993)"] == "inferred from unanimity"
    assert b["S/RES/1928(2010)"] == "no page"
    assert b["S/2022/431"] == "explicit"


def timeline():
    rows = [
        ("2001-08", "Rajin-Khasan rail link", "agreement or plan", None),
        ("2013-09-22", "Rajin-Khasan rail link", "work or trial", None),
        ("2016-03-08", "Rajin-Khasan rail link", "suspended", "South Korea's unilateral sanctions"),
        ("2011-08-24", "gas pipeline", "stalled", "no response from North Korea"),
        ("2016-03-09", "Rajin-Khasan rail link", "suspended", "South Korea's unilateral sanctions"),
    ]
    return pd.DataFrame(rows, columns=["date", "project", "stage", "blocked_by"])


def test_first_last_per_project():
    f = nk.first_last(timeline(), ["stalled", "suspended"]).set_index("project")
    assert f.loc["Rajin-Khasan rail link", "first"] == "2016-03-08"
    assert f.loc["Rajin-Khasan rail link", "last"] == "2016-03-09"
    assert f.loc["Rajin-Khasan rail link", "n"] == 2
    assert f.loc["gas pipeline", "n"] == 1


def test_blockers_in_date_order_and_un_test():
    causes = nk.blockers(timeline())
    assert causes == ["no response from North Korea", "South Korea's unilateral sanctions"]
    assert not nk.un_blocker(causes)
    assert nk.un_blocker(causes + ["UN Security Council resolution 2270"])


def test_cause_kind():
    assert nk.cause_kind("UN Security Council sanctions") == "UN sanctions"
    assert nk.cause_kind("South Korea's unilateral sanctions") == "South Korea"
    # a cause that names both Koreas is Seoul's when it is Seoul's condition
    assert nk.cause_kind("South Korea's condition of progress on North Korea's denuclearization") == "South Korea"
    assert nk.cause_kind("no response from North Korea") == "North Korea"
    assert nk.cause_kind("low gas prices") == "other"


def test_stops_by_project_and_kind_of_cause():
    t = timeline()
    t.loc[len(t)] = ("2018-10-02", "Rajin-Khasan rail link", "stalled", "South Korea's condition of progress")
    t.loc[len(t)] = ("2018-10-02", "Rajin-Khasan rail link", "stalled", None)  # no cause stated: not counted
    s = nk.stops(t).set_index(["project", "kind"])
    assert list(s.index) == [("Rajin-Khasan rail link", "South Korea"), ("gas pipeline", "North Korea")]
    rk = s.loc[("Rajin-Khasan rail link", "South Korea")]
    assert rk["causes"] == "South Korea's unilateral sanctions; South Korea's condition of progress"
    assert (rk["first"], rk["last"]) == ("2016-03-08", "2018-10-02")


def steps_timeline():
    # two carve-outs naming resolutions, one stall the page says came in spite of the carve-out, two
    # committee exemptions and one page saying the works stay under the sanctions
    rows = [
        ("2016-03-02", "Rajin-Khasan rail link", "sanctions exemption", "carved out by a resolution", "S/RES/1(2016)"),
        ("2017-09-11", "Rajin-Khasan rail link", "sanctions exemption", "carved out by a resolution", "S/RES/2(2017)"),
        ("2018-10-02", "Rajin-Khasan rail link", "stalled", "carved out by a resolution", None),
        ("2018-11-23", "Trans-Korean Railway", "sanctions exemption", "exempted by the 1718 Committee", None),
        ("2018-12-24", "Trans-Korean Railway", "sanctions exemption", "exempted by the 1718 Committee", None),
        ("2018-11-26", "Trans-Korean Railway", "sanctions exemption", "still under sanctions", None),
        ("2009-04-24", "Trans-Korean Railway", "agreement or plan", None, None),
    ]
    return pd.DataFrame(rows, columns=["date", "project", "stage", "un_sanctions", "un_resolution"])


def test_un_sanctions_steps_count_carve_outs_exemptions_and_the_us_votes():
    record = pd.DataFrame({"symbol": ["S/RES/1(2016)", "S/RES/2(2017)"], "usa_vote": ["yes", "abstain"]})
    s = nk.un_sanctions_steps(steps_timeline(), record).set_index(["project", "un_sanctions"])
    assert len(s) == 3
    carve = s.loc[("Rajin-Khasan rail link", "carved out by a resolution")]
    # the stall is counted apart and does not stretch the carve-outs' dates
    assert (carve["n"], carve["first"], carve["last"], carve["stopped"]) == (2, "2016-03-02", "2017-09-11", 1)
    assert carve["resolutions"] == "S/RES/1(2016), S/RES/2(2017)"
    assert carve["usa_yes"] == 1
    committee = s.loc[("Trans-Korean Railway", "exempted by the 1718 Committee")]
    assert (committee["n"], committee["first"], committee["last"], committee["stopped"]) == (
        2, "2018-11-23", "2018-12-24", 0)
    assert committee["resolutions"] == "" and committee["usa_yes"] == 0
    assert s.loc[("Trans-Korean Railway", "still under sanctions"), "n"] == 1


def test_stages_of_a_project_in_a_fixed_order():
    shuffled = steps_timeline().iloc[::-1]
    assert nk.stages_of(shuffled, "Trans-Korean Railway") == ["agreement or plan", "sanctions exemption"]
    assert nk.stages_of(shuffled, "Rajin-Khasan rail link") == ["sanctions exemption", "stalled"]


def test_resolution_numbers():
    assert nk.resolution_numbers("S/RES/2270(2016), S/RES/2371(2017), S/RES/2375(2017)") == "2270, 2371 and 2375"
    assert nk.resolution_numbers("S/RES/2270(2016)") == "2270"
    assert nk.resolution_numbers("") == ""


def test_projects_chart_titles_the_finding_from_the_table_and_draws_each_row_once():
    from double_ally.chapters.north_korea import charts as figures
    from double_ally.core.charts import _chart_data

    t = steps_timeline().assign(event=lambda d: "fact " + d.index.astype(str), source_publisher="P",
                                blocked_by=None)
    t.loc[len(t)] = ("2016-03", "Rajin-Khasan rail link", "suspended", None, None, "Seoul stops", "P",
                     "South Korea's unilateral sanctions")
    record = pd.DataFrame({"date": ["2006-10-14", "2017-12-22", "2019-01-01"], "symbol": ["A", "B", "C"],
                           "action": ["sanctions imposed", "sanctions strengthened", "Panel of Experts renewed"]})
    spec = figures.projects_chart(t, record).to_dict()
    assert spec["title"]["text"] == ["Seoul's own sanctions halted the rail link in 2016; UN sanctions exempted it;",
                                     "the railway's steps of 2018 needed a UN exemption"]
    assert all(len(line) <= 80 for line in spec["title"]["text"])
    meta = spec["usermeta"]["double_ally"]["alt"]
    assert "from 2009 to 2018" in meta and "from 2006 to 2017" in meta
    data = _chart_data(spec)
    assert len(data) == len(t) + 2 and not data.drop(columns="dataset", errors="ignore").duplicated().any()
    assert "sanctions exemption" in set(data["stage"])


# ---------------------------------------------------------------------------- derivation rules


def votes():
    rows = [
        # source, date, resolution, draft, title, member, vote
        ("UN_DATA_csv_undl_scrape", "1950-06-25", "S/RES/82(1950)", None, "[calling upon the North Korean authorities]"),
        ("UN_DATA_csv_undl_scrape", "2004-04-28", "S/RES/1540(2004)", None, "[on non-proliferation of nuclear, chemical and biological weapons]"),
        ("UN_DATA_csv_undl_scrape", "2016-03-02", "S/RES/2270(2016)", None, "[on condemning the nuclear test and strengthening sanctions against the Democratic People's Rep[...]"),
        ("UN_DATA_csv_undl_scrape", "2017-03-23", "S/RES/2345(2017)", None, "[on extension of the mandate of the Panel of Experts Established pursuant to Security Council Resolution 1874 [...]"),
        ("oliverunv_sc_voting_xlsx", "2024-03-28", None, "S/2024/255", "Non-proliferation/Democratic People\u2019s Republic of Korea"),
        ("oliverunv_sc_voting_xlsx", "2024-04-24", None, "S/2024/302", "Non-proliferation"),
    ]
    return pd.DataFrame(rows, columns=["source", "date", "resolution_symbol", "draft_symbol", "title_or_agenda"])


def test_selection_rule_finds_panel_renewals_and_curly_apostrophes_only_from_1993():
    chosen = council_record.select_dprk(votes())
    symbols = set(chosen["resolution_symbol"].dropna()) | set(chosen["draft_symbol"].dropna())
    assert symbols == {"S/RES/2270(2016)", "S/RES/2345(2017)", "S/2024/255"}


@pytest.mark.parametrize("title, action", [
    ("[on imposition of restrictive measures on the Democratic People's Republic of Korea (DPRK)]", "sanctions imposed"),
    ("[on strengthening sanctions against the Democratic People's Republic of Korea]", "sanctions strengthened"),
    ("[on extension of the mandate of the Panel of Experts on the Democratic People's Republic of Korea]",
     "Panel of Experts renewed"),
    ("[on the launching of ballistic missiles by the Democratic People's Republic of Korea (DPRK)]",
     "condemnation, no sanctions stated"),
])
def test_action_from_title(title, action):
    assert council_record._action(title)[0] == action


def test_action_refuses_a_title_without_a_rule():
    with pytest.raises(ValueError, match="no rule"):
        council_record._action("[on the situation in Korea]")


def test_page_symbols():
    assert council_record.page_symbol("S/RES/1718(2006)") == "S/RES/1718(2006)"
    assert council_record.page_symbol("S/2022/431 (draft, not adopted)") == "S/2022/431"
    assert council_record.page_symbol("draft to extend 1718 Committee Panel of Experts mandate (not adopted)") == "S/2024/255"
    with pytest.raises(ValueError):
        council_record.page_symbol("S/2030/1 (draft)")


@pytest.mark.parametrize("value, unit, expected", [
    (47.9, "million USD", 47.9),
    (2.8, 'billion USD (approx., "nearly")', 2800.0),
    (8930.0, "ten-thousand USD (만달러)", 89.3),
    # the unit's own conversion wins over a mistyped value (27억2천만달러 = 2.72 billion)
    (272.0, "hundred-million USD (억달러) = 2.72 billion USD", 2720.0),
    (264087.0, "ten-thousand USD (만달러) = 2,640.87 million USD", 2640.87),
    (95.6, "percent share of DPRK trade", 95.6),
])
def test_page_values_in_us_million(value, unit, expected):
    assert derive.page_value(value, unit) == pytest.approx(expected)


def test_page_unit_without_a_rule_is_refused():
    with pytest.raises(ValueError, match="no rule"):
        derive.page_value(1.0, "yuan")


def test_former_reporters_get_codes():
    assert derive._partner_code("World") == "WLD"
    assert derive._partner_code("Belgium-Luxembourg") == "BLX"
    assert derive._partner_code("Eastern Germany") == "DDR"
    assert derive._partner_code("China, P.R.: Mainland") == "CHN"


def _write_raw(folder, member_rows, page_rows):
    un = folder / "un_votes"
    un.mkdir(parents=True)
    cols = ["source", "date", "resolution_symbol", "res_number", "draft_symbol", "meeting", "outcome",
            "title_or_agenda", "member_state_as_in_source", "member_code", "vote", "src_total_yes",
            "src_total_no", "src_total_abstain", "src_total_nonvoting", "source_record"]
    pd.DataFrame(member_rows, columns=cols).to_csv(un / "unsc_votes_by_member.csv", index=False)
    pcols = ["symbol", "kind", "date_as_stated", "year", "meeting_as_stated", "vote_text_verbatim", "russia_vote",
             "russia_vote_basis", "source_url"]
    pd.DataFrame(page_rows, columns=pcols).to_csv(un / "unsc_dprk_resolutions_and_vetoes_from_pages.csv", index=False)


def test_record_marks_a_vote_inferred_from_unanimity(tmp_path, hand_made_raw, monkeypatch):
    # Resolution 1 was adopted without a vote (every member X): Russia's vote can only come from the page.
    # Resolution 2 has a roll call with Russia voting yes. The draft was vetoed by Russia, 3 in favour.
    title = "[on strengthening sanctions against the Democratic People's Republic of Korea]"
    undl = "UN_DATA_csv_undl_scrape"
    members = []
    for code in ("RUS", "CHN", "USA", "FRA"):
        members.append((undl, "2000-01-01", "S/RES/1(2000)", "1", None, None, "Adopted", title, code, code, "X",
                        "0", "0", "0", "4", "r1"))
        members.append((undl, "2001-01-01", "S/RES/2(2001)", "2", None, None, "Adopted", title, code, code,
                        "A" if code == "CHN" else "Y", "3", "0", "1", "0", "r2"))
        members.append(("oliverunv_sc_voting_xlsx", "2022-05-26", None, None, "S/2022/431", "S/PV.1", "Not adopted - veto",
                        "Non-proliferation/Democratic People's Republic of Korea", code, code,
                        "N" if code == "RUS" else "Y", None, None, None, None, "ID 1"))
    pages = [("S/RES/1(2000)", "adopted", "", "2000", "", "adopted unanimously", "yes", "implied by 'unanimously'",
              "https://example.org/a")]
    _write_raw(tmp_path, members, pages)
    hand_made_raw(tmp_path)
    monkeypatch.setattr(council_record, "ACTION_PAGES", {})  # the real pages name resolutions not in these rows
    out = council_record.unsc_record().set_index("symbol")
    assert out.loc["S/RES/1(2000)", "russia_vote"] == "yes"
    assert out.loc["S/RES/2(2001)", ["action", "action_basis"]].tolist() == ["sanctions strengthened",
                                                                             "UN Digital Library title"]
    assert out.loc["S/2022/431", "action_basis"] == "voting record outcome"
    assert out.loc["S/RES/1(2000)", "russia_vote_basis"] == "inferred from 'adopted unanimously'"
    assert out.loc["S/RES/1(2000)", "votes_nonvoting"] == 4
    assert out.loc["S/RES/2(2001)", "russia_vote_basis"] == "UN voting record"
    assert out.loc["S/RES/2(2001)", "china_vote"] == "abstain"
    assert (out.loc["S/RES/2(2001)", ["votes_yes", "votes_abstain"]] == [3, 1]).all()
    assert out.loc["S/2022/431", "outcome"] == "vetoed"
    assert out.loc["S/2022/431", "vetoed_by"] == "RUS"
    assert out.loc["S/2022/431", "votes_yes"] == 3
    assert pd.isna(out.loc["S/2022/431", "votes_nonvoting"])


# ---------------------------------------------------------------------------- the facts file


def test_project_facts_fit_the_timeline_schema():
    """Every hand-curated project fact uses a stage, precision, project and UN-sanctions kind that the
    table's schema allows, and a date whose precision matches its length; a resolution is named only
    for a carve-out; no fact is both paraphrased and left out, and every row left out has a reason."""
    import re

    from double_ally.chapters import tables

    schema = {t.name: t for t in tables(with_derive=False)}["dprk_projects_timeline"]
    enum = {f.name: set(f.constraints.get("enum", ())) for f in schema.fields}
    pattern = next(f for f in schema.fields if f.name == "un_resolution").constraints["pattern"]
    assert set(derive.PROJECT_TOPICS.values()) <= enum["project"]
    assert set(nk.STAGES) == enum["stage"]  # the reason lists a project's stages in this order: none left out
    for fact_id, (date, precision, stage, blocker, text, un, resolution) in derive.PROJECT_FACTS.items():
        assert stage in enum["stage"], fact_id
        assert precision in enum["date_precision"], fact_id
        assert len(date) == {"exact": 10, "month": 7}[precision], fact_id
        assert text.strip() and (blocker is None or stage in ("stalled", "suspended")), fact_id
        assert un is None or un in enum["un_sanctions"], fact_id
        assert resolution is None or (un == "carved out by a resolution" and re.fullmatch(pattern, resolution)), fact_id
    assert not set(derive.PROJECT_FACTS) & set(derive.PROJECT_LEFT_OUT)
    assert all(reason.strip() for reason in derive.PROJECT_LEFT_OUT.values())


def project_raw():
    rows = [("W4-001", "rajin_khasan_exemption", "q1", "https://example.org/1", "Agency"),
            ("W4-002", "rajin_khasan_exemption", "q2", "https://example.org/2", "Mirror"),
            ("W4-003", "espionage_1998", "q3", "https://example.org/3", "Paper")]
    return pd.DataFrame(rows, columns=["fact_id", "topic", "quote", "source_url", "source_publisher"])


def test_project_rows_keep_the_paraphrased_and_refuse_a_row_with_no_rule(monkeypatch):
    fact = ("2016-03-02", "exact", "sanctions exemption", None, "carve-out", "carved out by a resolution", None)
    monkeypatch.setattr(derive, "PROJECT_FACTS", {"W4-001": fact})
    monkeypatch.setattr(derive, "PROJECT_LEFT_OUT", {"W4-002": "mirror"})
    # the row of another topic is not the projects' concern; the mirror is left out by its stated reason
    assert list(derive.project_rows(project_raw())["fact_id"]) == ["W4-001"]
    monkeypatch.setattr(derive, "PROJECT_LEFT_OUT", {})
    with pytest.raises(ValueError, match="no paraphrase"):
        derive.project_rows(project_raw())
    monkeypatch.setattr(derive, "PROJECT_LEFT_OUT", {"W4-001": "same as another", "W4-002": "mirror"})
    with pytest.raises(ValueError, match="both"):
        derive.project_rows(project_raw())


def test_facts_file_gives_typed_rules():
    # YAML read as data: factors are numbers, flows pairs, dates strings (never parsed as dates)
    assert all(isinstance(f, float) and f > 0 for _, f, _ in derive.PAGE_UNITS)
    assert set(derive.MIRROR_FLOWS.values()) == {("exports", "CIF"), ("imports", "FOB")}
    assert all(refers is None or refers[:2] in ("19", "20") for refers, _ in derive.SIX_PARTY_FACTS.values())


# ---------------------------------------------------------------------------- the distorted-year rule


def shares_world(outside_by_year):
    """World = 100; China records 100 - 5 - outside, Russia 5: the outside share is the given number."""
    rows = []
    for year, outside in outside_by_year.items():
        rows += [(year, "WLD", "exports", 100.0), (year, "CHN", "exports", 95.0 - outside),
                 (year, "RUS", "exports", 5.0)]
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def test_a_distorted_year_is_flagged_and_a_clean_one_is_not():
    # outside China and Russia: 10 % in 2010-2012, 12 % in 2013 (1.2 x the median: clean),
    # 30 % in 2014 (base median(10, 10, 12) = 10, ratio 3: distorted)
    d = nk.distortion(shares_world({2010: 10.0, 2011: 10.0, 2012: 10.0, 2013: 12.0, 2014: 30.0})).set_index("year")
    assert d.loc[2013, "outside_pct"] == pytest.approx(12.0)
    assert d.loc[2013, "ratio"] == pytest.approx(1.2) and not d.loc[2013, "distorted"]
    assert d.loc[2014, "base_pct"] == pytest.approx(10.0)
    assert d.loc[2014, "ratio"] == pytest.approx(3.0) and d.loc[2014, "distorted"]


def test_the_outside_share_counts_every_partner_outside_the_set_and_the_unattributed_rest():
    # World 100, China 60, Russia 5, Ukraine 10: 35 % lies outside China and Russia, Ukraine's 10 and 25 that
    # no partner in the table claims (the IMF's World row is the sum over all reporters)
    rows = [(y, p, "imports", v) for y in (2010, 2011, 2012, 2013)
            for p, v in (("WLD", 100.0), ("CHN", 60.0), ("RUS", 5.0), ("UKR", 10.0))]
    d = nk.distortion(pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])).set_index("year")
    assert d.loc[2013, "outside_pct"] == pytest.approx(35.0)
    assert d.loc[2013, "ratio"] == pytest.approx(1.0) and not d["distorted"].any()


def test_the_rule_uses_the_median_of_the_three_years_before():
    # 10, 10, 10, then a spike to 30 (3 x 10: flagged), a return to 10 (base median(10, 10, 30) = 10: clean),
    # and a second spike to 25 (base median(10, 30, 10) = 10: flagged although the earlier spike is in its base)
    d = nk.distortion(shares_world({2010: 10.0, 2011: 10.0, 2012: 10.0, 2013: 30.0, 2014: 10.0, 2015: 25.0}))
    d = d.set_index("year")
    assert d.loc[2013, "ratio"] == pytest.approx(3.0) and d.loc[2013, "distorted"]
    assert d.loc[2014, "base_pct"] == pytest.approx(10.0) and not d.loc[2014, "distorted"]
    assert d.loc[2015, "ratio"] == pytest.approx(2.5) and d.loc[2015, "distorted"]


def test_exactly_twice_the_base_is_not_distorted_and_years_without_three_before_are_not_judged():
    d = nk.distortion(shares_world({2010: 10.0, 2011: 10.0, 2012: 10.0, 2013: 20.0, 2015: 40.0})).set_index("year")
    assert d.loc[2013, "ratio"] == pytest.approx(2.0)
    assert not d.loc[2013, "distorted"]          # "more than" twice
    # the first three years and 2015 (2014 has no record) have no base: not judged, not flagged
    for year in (2010, 2011, 2012, 2015):
        assert pd.isna(d.loc[year, "base_pct"]) and not d.loc[year, "distorted"]


def test_the_plausible_set_and_the_factor_are_parameters_of_the_rule():
    trade = shares_world({2010: 10.0, 2011: 10.0, 2012: 10.0, 2013: 25.0})
    assert nk.distorted_years(trade) == [2013]
    assert nk.distorted_years(trade, factor=3.0) == []
    # with China outside the plausible set, nearly all trade is "outside" in every year: no jump
    assert nk.distorted_years(trade, plausible=("RUS",)) == []


def test_the_largest_partners_outside_the_set_by_name():
    trade = pd.DataFrame([(2020, "WLD", "imports", 100.0), (2020, "CHN", "imports", 50.0),
                          (2020, "MMR", "imports", 20.0), (2020, "SRB", "exports", 15.0),
                          (2020, "SUR", "imports", 10.0), (2020, "RUS", "imports", 5.0)],
                         columns=["year", "partner", "flow", "value_usd_m"])
    assert nk.top_outside(trade, 2020, 2) == ["Myanmar", "Serbia"]


def test_ranges_can_leave_years_out():
    shares = nk.partner_shares(shares_world({2016: 10.0, 2017: 10.0, 2018: 50.0}))
    assert nk.share_range(shares, "CHN", 2016, 2018) == (pytest.approx(45.0), pytest.approx(85.0))
    assert nk.share_range(shares, "CHN", 2016, 2018, skip=[2018]) == (pytest.approx(85.0), pytest.approx(85.0))
    with pytest.raises(ValueError):
        nk.share_range(shares, "CHN", 2016, 2018, skip=[2016, 2017, 2018])


def test_and_list():
    assert nk.and_list([2016, 2017, 2019]) == "2016, 2017 and 2019"
    assert nk.and_list([2020]) == "2020"
    assert nk.and_list([]) == ""


# ---------------------------------------------------------------------------- the order of events


def ordered_record():
    # given out of date order on purpose; Russia: yes, yes, veto, yes, veto
    rows = [
        ("2023-03-23", "S/RES/2680(2023)", "adopted", "yes", None),
        ("2006-10-14", "S/RES/1718(2006)", "adopted", "yes", None),
        ("2024-03-28", "S/2024/255", "vetoed", "no", "RUS"),
        ("2010-06-07", "S/RES/1928(2010)", "adopted", "yes", None),
        ("2022-05-26", "S/2022/431", "vetoed", "no", "CHN, RUS"),
    ]
    return pd.DataFrame(rows, columns=["date", "symbol", "outcome", "russia_vote", "vetoed_by"])


def test_vote_runs_keep_a_yes_between_two_vetoes_apart():
    runs = nk.vote_runs(ordered_record())
    assert [(r["kind"], r["n"]) for r in runs] == [("voted for", 2), ("vetoed", 1), ("voted for", 1), ("vetoed", 1)]
    assert (runs[0]["first"], runs[0]["last"]) == ("2006-10-14", "2010-06-07")


def test_vote_runs_name_abstentions_and_drafts_failed_without_russia():
    record = pd.DataFrame([("2001-01-01", "S/RES/1(2001)", "adopted", "abstain", None),
                           ("2002-01-01", "S/2002/1", "vetoed", "yes", "USA")],
                          columns=["date", "symbol", "outcome", "russia_vote", "vetoed_by"])
    assert [r["kind"] for r in nk.vote_runs(record)] == ["abstained", "failed without Russia's veto"]


def test_between_vetoes():
    between = nk.between_vetoes(ordered_record())
    assert list(between["symbol"]) == ["S/RES/2680(2023)"]
    one_veto = ordered_record().iloc[:4]
    assert nk.between_vetoes(one_veto).empty


def test_record_chart_title_follows_the_order_of_events_and_draws_each_row_once():
    from double_ally.chapters.north_korea import charts as figures
    from double_ally.core.charts import _chart_data

    record = ordered_record().assign(
        action=["Panel of Experts renewed", "sanctions imposed", "vetoed draft", "Panel of Experts renewed",
                "vetoed draft"],
        votes_yes=[15, 15, 13, 15, 13], votes_no=[0, 0, 1, 0, 2], votes_abstain=[0, 0, 1, 0, 0])
    spec = figures.record_chart(record).to_dict()
    assert " ".join(spec["title"]["text"]) == (
        "Russia voted for 2 Council resolutions on North Korea (2006-2010), "
        "vetoed a draft (2022), voted for one more (2023), then vetoed another (2024)")
    assert len(spec["title"]["text"]) == 2 and all(len(line) <= 80 for line in spec["title"]["text"])
    data = _chart_data(spec)
    assert len(data) == len(record) and not data.duplicated().any()
    assert len(spec.get("datasets", {})) == 1


def test_shares_chart_titles_the_latest_year_not_distorted():
    from double_ally.chapters.north_korea import charts as figures
    from double_ally.core.charts import _chart_data

    shares = nk.partner_shares(shares_world({2018: 10.0, 2019: 20.0, 2020: 50.0}))
    spec = figures.shares_chart(shares, distorted=[2020], first_year=2018).to_dict()
    # 2019: China 95 - 20 = 75 %, Russia 5 %
    assert spec["title"]["text"] == "China took 75% of North Korea's trade in 2019, Russia 5.0%"
    assert "2020" in spec["title"]["subtitle"]
    data = _chart_data(spec)
    assert len(data) == 9 and not data.duplicated().any()
    assert set(data.loc[data["distorted"], "year"]) == {2020}


# ---------------------------------------------------------------------------- what a decision did


def test_a_page_in_the_facts_file_comes_before_the_title(monkeypatch):
    monkeypatch.setitem(council_record.ACTION_PAGES, "S/RES/7(2013)",
                        ("sanctions strengthened", "designations, per the page", "https://example.org/p"))
    condemn = "[on condemning the missile launch of 12 Dec. 2012 by the Democratic People's Republic of Korea]"
    assert council_record.decision_kind("S/RES/7(2013)", condemn, True) == (
        "sanctions strengthened", "designations, per the page", "page", "https://example.org/p")
    # without a page, the title rule decides
    assert council_record.decision_kind("S/RES/8(2013)", condemn, True)[0] == "condemnation, no sanctions stated"
    assert council_record.decision_kind("S/RES/8(2013)", condemn, True)[2:] == ("UN Digital Library title", None)
    agenda = "Non-proliferation/Democratic People\u2019s Republic of Korea"
    assert council_record.decision_kind("S/RES/9(2022)", agenda, True)[:1] == ("not stated (agenda item only)",)
    assert council_record.decision_kind("S/2022/431", agenda, False)[0] == "vetoed draft"


def test_the_pages_in_the_facts_file_fit_the_schema():
    """Each page-based kind is one the schema allows, with an address; the ones the specialist named are there."""
    from double_ally.chapters import tables

    schema = {t.name: t for t in tables(with_derive=False)}["unsc_dprk_record"]
    actions = set(next(f for f in schema.fields if f.name == "action").constraints["enum"])
    for symbol, (action, added, url) in council_record.ACTION_PAGES.items():
        assert action in actions, symbol
        assert url.startswith("https://") and added.strip(), symbol
    assert council_record.ACTION_PAGES["S/RES/2087(2013)"][0] == "sanctions strengthened"
    assert {council_record.ACTION_PAGES[s][0] for s in ("S/RES/2627(2022)", "S/RES/2680(2023)")} == {"Panel of Experts renewed"}


def test_record_refuses_a_page_for_a_resolution_it_does_not_hold(tmp_path, hand_made_raw, monkeypatch):
    title = "[on strengthening sanctions against the Democratic People's Republic of Korea]"
    members = [("UN_DATA_csv_undl_scrape", "2001-01-01", "S/RES/2(2001)", "2", None, None, "Adopted", title, code, code,
                "Y", "2", "0", "0", "0", "r2") for code in ("RUS", "USA")]
    _write_raw(tmp_path, members, [])
    hand_made_raw(tmp_path)
    monkeypatch.setattr(council_record, "ACTION_PAGES", {"S/RES/2(2001)": ("Panel of Experts renewed", "none", "https://example.org/a")})
    out = council_record.unsc_record().set_index("symbol")
    assert out.loc["S/RES/2(2001)", ["action", "action_basis", "action_url"]].tolist() == [
        "Panel of Experts renewed", "page", "https://example.org/a"]
    monkeypatch.setattr(council_record, "ACTION_PAGES", {"S/RES/3(2001)": ("Panel of Experts renewed", "none", "https://example.org/a")})
    with pytest.raises(ValueError, match="does not hold"):
        council_record.unsc_record()


def test_kept_years_split_the_window_by_the_rule():
    trade = shares_world({2013: 10.0, 2014: 10.0, 2015: 10.0, 2016: 10.0, 2017: 30.0, 2018: 10.0})
    assert nk.kept_years(trade, 2016, 2020) == ([2016, 2018], [2017])
