"""Verdicts decided by the chapter book/alliance.md (rules marked with ``verdicts.claim``).

Each function's docstring states its rule; the chapter repeats the rule before showing the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff
from double_ally.core.verdicts import claim
from double_ally.chapters.alliance.analysis import (ThaadFinding, georgia_finding, georgia_statements, period_mean,
                                                    russian_measures_before, thaad_finding, years_with)

CHAPTER = "book/alliance"
DECADE = (2010, 2019)        # the decade before the article with complete roll-call data
TROOP_FLOOR = 20_000         # "fundamental": a standing U.S. force of more than 20,000 in every report
ALLIANCE_YEARS = (1991, 2021)


def _span(years: tuple[int, int]) -> str:
    return f"{years[0]}-{years[1]}" if years[0] != years[1] else str(years[0])


def moscow_verdict(f: ThaadFinding) -> str:
    """The ¶16 rule applied to the THAAD finding (¶3's Moscow half is the same test): contradicted if a Russian
    measure named Seoul; supported if the criticism is on record and trade and votes held; partly supported
    otherwise."""
    if len(f.measures):
        return "contradicted"
    return "supported" if f.n_criticism and f.trade_held and f.votes_held else "partly supported"


@claim("p01-both", paragraph=1, kind="interpretation", chapter=CHAPTER,
       section="voting-with-washington-and-moscow-1",
       text="Although the U.S.-Russia standoff makes it hard to be friends with both, South Korea manages it.")
def decide_p1(t) -> tuple[str, str]:
    """Three tests over the decade before the article, 2010-2019, and up to the article: (a) on the State
    Department's 'important' votes (over the years of the decade that carry the flag) Seoul agrees with
    Washington at least as much as with Moscow; (b) on all roll calls Seoul agrees with Moscow at least as
    much as Japan, the comparison U.S. ally, does; (c) Russia took no measure naming South Korea before the
    article (15 July 2021). Supported if all three hold, partly supported if two, contradicted otherwise."""
    votes = t["unga_agreement"]
    m = period_mean(votes, *DECADE)
    imp_us, imp_ru = m[("KOR", "USA", "important")], m[("KOR", "RUS", "important")]
    kor_ru, jpn_ru = m[("KOR", "RUS", "all")], m[("JPN", "RUS", "all")]
    imp_years, all_years = years_with(votes, "important", *DECADE), years_with(votes, "all", *DECADE)
    measures = russian_measures_before(t["sanctions_measures"], ARTICLE_DATE)
    tests = [imp_us >= imp_ru, kor_ru >= jpn_ru, measures.empty]
    verdict = {3: "supported", 2: "partly supported"}.get(sum(tests), "contradicted")
    return verdict, (
        f"On the 'important' votes of {_span(imp_years)} (the years that carry the flag), South Korea's agreement "
        f"index was {imp_us:.2f} with the U.S. and {imp_ru:.2f} with Russia; on all roll calls of "
        f"{_span(all_years)} its agreement with Russia ({kor_ru:.2f}) was "
        f"{'higher than' if kor_ru > jpn_ru else 'not above'} Japan's ({jpn_ru:.2f}); and no Russian measure "
        f"named South Korea before July 2021 ({len(measures)} found). "
        f"{sum(tests)} of 3 tests hold. The balance ended in 2022, after the article (see the sanctions section)."
    )


@claim("p03-alliance", paragraph=3, kind="interpretation", chapter=CHAPTER, section="troops-and-thaad-3",
       text="The U.S. partnership is fundamental to Seoul, which meets its obligations to Washington without "
            "harming its relations with Moscow.")
def decide_p3(t) -> tuple[str, str]:
    """Alliance half: U.S. active-duty forces above 20,000 in every DMDC report year 1991-2021, the THAAD
    deployment accepted (decision 2016, deployment 2017, in the events table), and on the 'important' votes
    of 2010-2019 (the years that carry the flag) Seoul agreeing more with Washington than with Moscow. Moscow half: the ¶16 verdict below
    (Russia's criticism of THAAD had no measurable cost). Supported if both halves hold; partly supported if
    only the alliance half does; contradicted if the alliance half fails."""
    troops = t["us_troops_korea"]
    kor = troops[(troops["country"] == "KOR") & troops["year"].between(*ALLIANCE_YEARS)]
    events = t["events_korea_russia"]
    deployment = events[events["event"].str.contains("THAAD")]
    m = period_mean(t["unga_agreement"], *DECADE)
    imp_us, imp_ru = m[("KOR", "USA", "important")], m[("KOR", "RUS", "important")]
    imp_years = years_with(t["unga_agreement"], "important", *DECADE)
    alliance = bool((kor["active_duty"] > TROOP_FLOOR).all()) and len(deployment) >= 2 and imp_us > imp_ru
    moscow = moscow_verdict(thaad_finding(t["alliance_page_facts"], t["sanctions_measures"],
                                          t["trade_kor_rus_bilateral"], t["unga_agreement"], until=ARTICLE_DATE))
    verdict = ("supported" if alliance and moscow == "supported" else
               "partly supported" if alliance else "contradicted")
    return verdict, (
        f"U.S. active-duty forces in South Korea ranged from {kor['active_duty'].min():,} to "
        f"{kor['active_duty'].max():,} in the {len(kor)} DMDC reports of 1991-2021; THAAD was agreed in 2016 and "
        f"deployed from 2017; on the 'important' votes of {_span(imp_years)} Seoul agreed with Washington at "
        f"{imp_us:.2f} and with Moscow at {imp_ru:.2f}. On the Moscow half, the ¶16 test is '{moscow}'."
    )


def _same_as(votes: pd.DataFrame, vote_id: str, vote: str) -> str:
    """", as did the U.S. and Japan" (or whichever of the two voted the same way), from the key-votes table."""
    names = {"USA": "the U.S.", "JPN": "Japan"}
    rows = votes[(votes["vote_id"] == vote_id) & votes["country"].isin(names) & (votes["vote"] == vote)]
    same = [names[c] for c in names if c in set(rows["country"])]
    return f", as did {' and '.join(same)}" if same else ""


@claim("p04-crimea", paragraph=4, kind="fact", chapter=CHAPTER, section="crimea-4",
       text="Seoul does not recognise Crimea as part of Russia.")
def decide_p4_crimea(t) -> tuple[str, str]:
    """Supported if Seoul stated in 2014 that it does not recognise the annexation and voted yes on A/RES/68/262
    (territorial integrity of Ukraine); contradicted if it recognised the annexation or voted no; partly
    supported if only one of the two is on record."""
    votes = t["unga_key_votes"]
    crimea = votes[(votes["vote_id"] == "A/RES/68/262") & (votes["country"] == "KOR")]["vote"].iloc[0]
    s = t["sanctions_measures"]
    statement = s[s["measure_type"] == "Crimea: recognition"]
    if crimea == "no":
        return "contradicted", "South Korea voted against A/RES/68/262."
    both = crimea == "yes" and len(statement) > 0
    later = votes[(votes["vote_id"] == "A/RES/ES-11/4") & (votes["country"] == "KOR")]["vote"].iloc[0]
    said = (f"its foreign ministry said on {statement['date'].iloc[0]} that it does not recognise the annexation"
            if len(statement) else "no statement of non-recognition was found")
    return ("supported" if both else "partly supported"), (
        f"South Korea voted {crimea} on A/RES/68/262 (27 March 2014){_same_as(votes, 'A/RES/68/262', crimea)}, and "
        f"{said}. In 2022 it "
        f"voted {later} on A/RES/ES-11/4, on Ukraine's territorial integrity after Russia's claimed annexation of "
        f"four more regions."
    )


@claim("p04-sanctions", paragraph=4, kind="fact", chapter=CHAPTER, section="sanctions-in-2014-and-2022-4",
       text="After Crimea, Seoul imposed no sanctions of its own on Russia but complies with those of the U.S. "
            "and its other allies.")
def decide_p4_sanctions(t) -> tuple[str, str]:
    """Two halves. (a) No own sanctions in 2014: a page says so, and no page reports a Seoul measure on
    Russia in 2014. (b) Compliance with allied sanctions: a page reports it for 2014-2021. Supported if both
    are on record; partly supported if only (a); contradicted if Seoul is reported to have imposed its own
    sanctions in 2014."""
    s = t["sanctions_measures"]
    y2014 = s[s["episode"] == "2014"]
    own = y2014[y2014["measure_type"] == "own sanctions"]
    seoul_2014_measures = s[(s["actor"] == "Seoul") & s["date"].str.startswith("2014")
                            & s["measure_type"].isin(["export controls", "financial sanctions"])]
    compliance = s[s["summary"].str.contains("compl", case=False) & (s["date"] < "2022")]
    if len(seoul_2014_measures):
        return "contradicted", "A page reports a sanction imposed by Seoul in 2014."
    first_2022 = s[(s["actor"] == "Seoul") & (s["episode"] == "2022")]["date"].min()
    reason = (
        f"{len(own)} pages (one from March 2014, one looking back in 2022) say Seoul did not adopt sanctions of its "
        f"own after Crimea, and none reports one. No page in the collection documents Seoul's compliance with "
        f"U.S. or allied sanctions in 2014-2021, so that half is not established. From {first_2022} Seoul did "
        f"join the sanctions, with export controls that grew through 2024."
    )
    return ("supported" if len(own) and len(compliance) else "partly supported" if len(own) else
            "not testable with open data"), reason


@claim("p04-georgia", paragraph=4, kind="fact", chapter=CHAPTER, section="georgia-in-2008-4",
       text="After the August 2008 war, South Korea was one of the few countries to denounce Georgia and back "
            "Moscow.")
def decide_p4_georgia(t) -> tuple[str, str]:
    """The claim has two halves, and the verdict follows both as the evidence stands.

    (a) Seoul denounced Georgia: a page fact records a statement by Seoul (alone or jointly) that denounces or
    condemns Georgia. Finding none in the pages searched leaves (a) unproven, not disproven.
    (b) Seoul backed Moscow as one of few: on the General Assembly's yearly resolution on people displaced
    from Abkhazia and South Ossetia, the one recorded vote on the war's consequences, which Russia opposes
    every time, Seoul voted no with Russia on most votes after the war, and the members voting no were on
    average fewer than those voting yes and those abstaining. Votes before the war (April 2008) do not count.

    Supported if (a) and (b) hold; partly supported if one of them holds; contradicted if (b) fails and no
    denunciation is on record: the half that can be tested goes against the article and nothing backs the
    other, so calling it 'partly supported' would credit the article with a softer stance it did not claim;
    not testable with open data if there is neither a vote after the war nor a denunciation on record."""
    g = georgia_finding(t["unga_georgia_votes"])
    statements = georgia_statements(t["alliance_page_facts"])
    denounced = bool(statements["denounces"].any())
    backed = g.n_votes > 0 and g.backed_moscow and g.no_side_smallest
    if not g.n_votes and not denounced:
        return "not testable with open data", "No General Assembly vote after the war and no statement by Seoul."
    verdict = ("supported" if denounced and backed else
               "partly supported" if denounced or backed else "contradicted")
    said = (f"{int(statements['denounces'].sum())} of the {len(statements)} page facts on Seoul's own stance "
            f"denounce Georgia" if denounced else
            f"None of the {len(statements)} page facts on Seoul's own stance in 2008 denounces Georgia"
            if len(statements) else "No statement by Seoul on the war was found")
    with_russia = f"voted no with Russia {g.kor_no} times" if g.kor_no else "never voted no with Russia"
    if backed:
        so = "so Seoul was among the few who backed Moscow on these votes."
    elif g.kor_abstain > g.n_votes / 2:
        so = "so Seoul did not back Moscow on these votes, and in abstaining it was one of many members, not few."
    else:
        so = "so Seoul did not back Moscow on these votes."
    return verdict, (
        f"{said}. In the General Assembly, on the {g.n_votes} votes after the war ({g.first_year}-{g.last_year}) "
        f"on people displaced from Abkhazia and South Ossetia, South Korea {with_russia} and abstained "
        f"{g.kor_abstain} times, while the U.S. voted yes {g.usa_yes} times and Japan {g.jpn_yes} times. On "
        f"average {g.mean_no:.0f} members voted no, {g.mean_abstain:.0f} abstained and {g.mean_yes:.0f} voted yes; "
        f"{so}"
    )


@claim("p16-thaad", paragraph=16, kind="interpretation", chapter=CHAPTER, section="the-thaad-criticism-16",
       text="The Kremlin's criticism of Seoul, as over THAAD, is symbolic and does not change the positive tenor "
            "of relations.")
def decide_p16(t) -> tuple[str, str]:
    """Supported if (a) Russian official criticism of THAAD is on record, (b) no Russian measure named South
    Korea between the decision (July 2016) and the article, (c) South Korea's trade with Russia (its own
    records, IMF) was higher in 2017 and in 2018 than in 2016, and (d) Seoul's agreement with Moscow in the
    General Assembly (all roll calls) in 2017-2019 was no lower than in 2014-2016. Partly supported if (a)
    and (b) hold but (c) or (d) fails; contradicted if (b) fails."""
    f = thaad_finding(t["alliance_page_facts"], t["sanctions_measures"], t["trade_kor_rus_bilateral"],
                      t["unga_agreement"], until=ARTICLE_DATE)
    if moscow_verdict(f) == "contradicted":
        return "contradicted", f"{len(f.measures)} Russian measure(s) named South Korea after the THAAD decision."
    kor = f.trade
    return moscow_verdict(f), (
        f"The pages hold {f.n_criticism} Russian official statements against THAAD (July 2016 to September "
        f"2017), including talk of counter-measures, but no Russian measure naming South Korea before 2022. "
        f"Trade in Korea's records went from US${kor[2016] / 1000:.1f} billion in 2016 to "
        f"US${kor[2017] / 1000:.1f} billion in 2017 and US${kor[2018] / 1000:.1f} billion in 2018; Seoul's UN "
        f"agreement with Moscow averaged {f.agreement_after:.2f} in 2017-2019 against {f.agreement_before:.2f} "
        f"in 2014-2016."
    )
