"""The people chapter's verdicts on ¶4 (the visa part), ¶5 and ¶7 (tourism), decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.verdicts import claim
from double_ally.chapters.people.analysis import (
    ALLY_CLASSES,
    allies_by_year,
    allies_on,
    allies_visa_free,
    before_after,
    country_names,
    favourability_vs_allies,
    kept_through,
    long_date,
    with_allies,
)

CHAPTER = "book/people"
WAIVER_YEAR = 2014
PRE = (2010, 2013)      # the four full years before the waiver (three annual changes)
FIRST = (2013, 2014)    # the first year of the waiver
LONG = (2013, 2019)     # six years with the waiver, before COVID-19
COMPARISON = ("JPN", "USA", "CHN")
PRE_COVID_WAVES = (2007, 2020)
NAMES = {"JPN": "Japan", "USA": "the U.S.", "CHN": "China"}


def waiver_design(monthly: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Before/after growth of arrivals (table ``arrivals_monthly``) for Russia and the comparison
    countries, over two post windows: "first" (2014) and "long" (2013-2019), indexed by country."""
    return {
        "first": before_after(monthly, pre=PRE, post=FIRST).set_index("country"),
        "long": before_after(monthly, pre=PRE, post=LONG).set_index("country"),
    }


def allies_before_waiver(allies: pd.DataFrame) -> set[str]:
    """Treaty allies and major non-NATO allies on 1 January of the waiver year (table ``us_allies_by_date``)."""
    on = allies_on(f"{WAIVER_YEAR}-01-01", allies)
    return set(on.index[on["ally_class"].isin(ALLY_CLASSES)])


def image_table(pew: pd.DataFrame, allies: pd.DataFrame) -> pd.DataFrame:
    """South Koreans' favourable view of Russia per Pew wave against the other U.S. allies asked in that
    wave, each counted if it was an ally on 1 January of the wave year (tables ``pew_favourability``,
    ``us_allies_by_date``)."""
    return favourability_vs_allies(pew, allies_by_year(sorted(pew["year"].unique()), allies))


@claim("p07-tourism", paragraph=7, kind="causal", chapter=CHAPTER, section="the-visa-waiver-and-tourism-7",
       text=("Tourism is one of the two key aspects of the relationship for Russia, and the absence of "
             "visas makes South Korea attractive to tourists from the Russian Far East."))
def decide_p7(t) -> tuple[str, str]:
    """Supported would need arrivals by Russian region of residence showing the Far East as the main
    source and growing faster after the waiver; the KTO tables do not give the region. Partly
    supported if Russian arrivals accelerated after January 2014 (growth in 2014 above the 2010-2013
    average) by more than arrivals from at least one comparison country (Japan, the U.S., China) did.
    Contradicted if they did not accelerate, or accelerated less than every comparison country."""
    design = waiver_design(t["arrivals_monthly"])
    first, long = design["first"], design["long"]
    rus_first = first.loc["RUS"]
    excess = first.loc[list(COMPARISON), "excess_pp"]
    accelerated = rus_first["change_pp"] > 0
    facts = t["people_page_facts"].set_index("item")
    prim_2014 = facts.loc["Primorye tourists to Korea, Jan-Sep 2014", "value"]
    prim_2013 = facts.loc["Primorye tourists to Korea, Jan-Sep 2013", "value"]
    verdict = "partly supported" if accelerated and bool((excess > 0).any()) else "contradicted"
    long_excess = ", ".join(f"{NAMES[c]} {long.loc[c, 'excess_pp']:+.0f}" for c in COMPARISON)
    reason = (
        f"Arrivals from Russia grew {rus_first['post_pct']:.0f}% in 2014, the waiver's first year, against "
        f"an average {rus_first['pre_pct']:.0f}% a year in 2010-2013; that acceleration exceeded the "
        f"comparison countries' by {', '.join(f'{excess[c]:.0f}' for c in COMPARISON)} percentage points "
        f"(Japan, the U.S., China). Measured over 2013-2019 instead, the excess was {long_excess} points. The "
        f"share of Russian arrivals recorded as tourism also jumped in 2014, which may partly reflect "
        f"how visa-free entrants are classified. A regional page figure gives {prim_2014 / 1000:.0f} thousand tourists "
        f"from Primorye in January-September 2014 against {prim_2013 / 1000:.1f} thousand a year earlier, "
        f"but no source splits arrivals by Russian region, so the Far East part is not measured, and the "
        f"simple design cannot exclude other causes (flights, exchange rates)."
    )
    return verdict, reason


@claim("p04-visa", paragraph=4, kind="fact", chapter=CHAPTER,
       section="which-allies-let-russians-in-without-a-visa-4",
       text="After the Ukraine crisis, South Korea was the only U.S. ally not to revoke its visa-free regime with Russia.")
def decide_p4(t) -> tuple[str, str]:
    """The Passport Index starts in 2019, so 2014 itself cannot be observed. Who is a U.S. ally (a treaty
    ally or a major non-NATO ally) is decided on each date from the dated table of ties. Contradicted if
    at least one country other than South Korea was such an ally on 1 January 2014, had a visa waiver
    with Russia in force before 2014 (page facts), and was still an ally admitting Russians visa-free in
    the snapshot used for 2019 (the last of that year), i.e. did not revoke it. Supported if no other
    ally admitted Russians visa-free in that snapshot at all. Otherwise (other allies visa-free in 2019
    but no evidence that their regimes predate 2014) not testable with open data."""
    allies = t["us_allies_by_date"]
    visa = with_allies(t["visa_free_russia"], allies)
    facts = t["people_page_facts"]
    waivers = facts[(facts["item"] == "in force") & (facts["country"] != "KOR")]
    kept = kept_through(visa, waivers, before=f"{WAIVER_YEAR}-01-01", year=2019,
                        allied_then=allies_before_waiver(allies))
    free = allies_visa_free(visa)
    free_2019 = free.loc[free["snapshot_year"] == 2019, "destination"]
    snapshot = {year: long_date(g["snapshot_date"].iloc[0]) for year, g in visa.groupby("snapshot_year")}
    dates = waivers.set_index("country")["date"]
    since = " and ".join(f"{country_names([c])} (since {dates[c][:4]})" for c in
                         sorted(kept, key=lambda c: country_names([c]))) if kept else "none"
    n_2021 = int((free["snapshot_year"] == 2021).sum())
    n_2022 = int((free["snapshot_year"] == 2022).sum())
    if kept:
        verdict = "contradicted"
    elif free_2019.empty:
        verdict = "supported"
    else:
        verdict = "not testable with open data"
    reason = (
        f"The Passport Index begins in 2019 and cannot show 2014. In the snapshot used for 2019 ({snapshot[2019]}, "
        f"the last of that year), {len(free_2019)} other countries that were U.S. treaty allies or major "
        f"non-NATO allies on that date admitted Russian passport holders visa-free "
        f"({country_names(free_2019)}). Of these, {since} were already allies at the start of 2014 and had "
        f"waivers with Russia in force before 2014 according to the pages, so they too kept a visa-free "
        f"regime through the Ukraine crisis; no page records any U.S. ally revoking one. After February 2022 "
        f"the count of such allies went from {n_2021} (snapshot of {snapshot.get(2021, 'none')}, with COVID-19 "
        f"bans) to {n_2022} (snapshot of {snapshot.get(2022, 'none')}). Read literally, the 'only' does not hold."
    )
    return verdict, reason


@claim("p05-image", paragraph=5, kind="causal", chapter=CHAPTER, section="the-mutual-image-5",
       text="One reason for the good relationship is that the two countries hold a positive image of each other.")
def decide_p5(t) -> tuple[str, str]:
    """Only the Korean half can be measured: Pew asked South Koreans about Russia, but asked no
    Russian sample about South Korea, and no Russian survey was found. Supported would need both
    halves. For the Korean half, over the waves 2007-2020 (before the article): positive if a
    majority was favourable in most waves; relatively warm if the favourable share was above the
    median of other U.S. allies asked in the same wave in most waves. Partly supported if the Korean
    view was positive or relatively warm; contradicted if neither. An ally counts in a wave if it was a
    treaty ally or major non-NATO ally on 1 January of the wave year."""
    table = image_table(t["pew_favourability"], t["us_allies_by_date"])
    pre = table[table["year"].between(*PRE_COVID_WAVES)]
    majority = int((pre["own_pct"] > 50).sum())
    above = int((pre["own_pct"] > pre["allies_median_pct"]).sum())
    n = len(pre)
    warm = above > n / 2
    positive = majority > n / 2
    verdict = "partly supported" if (warm or positive) else "contradicted"
    last = table[table["year"] == table["year"].max()].iloc[0]
    reason = (
        f"Pew asked no Russian sample about South Korea and no Russian survey was found, so only the "
        f"Korean half can be tested. In {n} Pew waves 2007-2020 a majority of South Koreans viewed Russia "
        f"favourably in {majority}; the favourable share ranged from {pre['own_pct'].min():.0f}% to "
        f"{pre['own_pct'].max():.0f}%, and was above the median of the other U.S. allies (as of the start "
        f"of each survey year) asked in the same wave in {above} of {n}. So the Korean view was "
        f"{'positive' if positive else 'lukewarm'}, and {'warmer' if warm else 'no warmer'} than most allies'. "
        f"{'It then collapsed' if last['own_pct'] < pre['own_pct'].min() else 'In the latest wave it was'}: "
        f"{last['own_pct']:.0f}% favourable in {int(last['year'])}."
    )
    return verdict, reason
