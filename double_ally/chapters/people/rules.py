"""The people chapter's verdicts on ¶4 (the visa part), ¶5 and ¶7 (tourism), decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.verdicts import claim
from double_ally.chapters.people.event_study import beats_placebos, event_study, relative_series
from double_ally.chapters.people.uncertainty import image_with_margins
from double_ally.chapters.people.analysis import (
    ALLY_CLASSES,
    allies_by_year,
    allies_on,
    allies_visa_free,
    and_list,
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
MAJORITY = 50.0          # ¶5: a positive image is a favourable share whose 95 % interval lies above this
INTERVALS = True         # ¶5: the whole 95 % interval must clear MAJORITY (False: the point estimate)
WINDOW = 24              # ¶7: months either side of each event date
LAST_MONTH = "2019-12"   # ¶7: the last month before COVID-19 travel bans
NAMES = {"JPN": "Japan", "USA": "the U.S.", "CHN": "China"}


def waiver_design(monthly: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Before/after growth of arrivals (table ``arrivals_monthly``) for Russia and the comparison
    countries, over two post windows: "first" (2014) and "long" (2013-2019), indexed by country."""
    return {
        "first": before_after(monthly, pre=PRE, post=FIRST).set_index("country"),
        "long": before_after(monthly, pre=PRE, post=LONG).set_index("country"),
    }


def allies_before_waiver(allies: pd.DataFrame, classes=ALLY_CLASSES) -> set[str]:
    """Allies of the ``classes`` (treaty allies and major non-NATO allies) on 1 January of the waiver year
    (table ``us_allies_by_date``)."""
    on = allies_on(f"{WAIVER_YEAR}-01-01", allies)
    return set(on.index[on["ally_class"].isin(classes)])


def image_table(pew: pd.DataFrame, allies: pd.DataFrame) -> pd.DataFrame:
    """South Koreans' favourable view of Russia per Pew wave against the other U.S. allies asked in that
    wave, each counted if it was an ally on 1 January of the wave year (tables ``pew_favourability``,
    ``us_allies_by_date``)."""
    return favourability_vs_allies(pew, allies_by_year(sorted(pew["year"].unique()), allies))


def waiver_month(facts: pd.DataFrame) -> str:
    """The month South Korea's waiver took effect (YYYY-MM), from the page facts (table ``people_page_facts``)."""
    date = facts.loc[(facts["country"] == "KOR") & (facts["item"] == "in force"), "date"]
    return str(date.iloc[0])[:7]


def tourism_study(t, *, against=COMPARISON, combine: str = "mean log", window: int = WINDOW,
                  control: bool = True) -> pd.DataFrame:
    """The ¶7 event study (people.event_study) on the KTO months before COVID-19, with the waiver month
    from the page facts and the won-per-rouble control (tables ``arrivals_monthly``,
    ``fx_rub_krw_monthly``, ``people_page_facts``)."""
    monthly = t["arrivals_monthly"]
    series = relative_series(monthly[monthly["month"] <= LAST_MONTH], t["fx_rub_krw_monthly"],
                             against=against, combine=combine)
    return event_study(series, waiver_month(t["people_page_facts"]), window, control)


def against_names(against) -> str:
    """The comparison nationalities in words ("Japan, the U.S. and China")."""
    return and_list([NAMES.get(c) or country_names([c]) for c in against])


@claim("p07-tourism", paragraph=7, kind="causal", chapter=CHAPTER, section="the-visa-waiver-and-tourism-7",
       text=("Tourism is one of the two key aspects of the relationship for Russia, and the absence of "
             "visas makes South Korea attractive to tourists from the Russian Far East."))
def decide_p7(t, *, against=COMPARISON, combine: str = "mean log", window: int = WINDOW,
              control: bool = True) -> tuple[str, str]:
    """Supported would need arrivals by Russian region of residence; the KTO tables do not give the
    region. The test is a monthly event study: log arrivals from Russia minus the mean log arrivals
    from Japan, the U.S. and China, 24 months either side of the month the waiver took effect, with
    month-of-year effects, a trend and the log of won per rouble, Newey-West errors. Partly supported
    if the waiver's effect has a 95 % interval above 0 and exceeds the effect estimated at every
    placebo January (each with the same 24-month window, inside 2010-2019, not containing the
    waiver). Contradicted if the waiver's estimate is not above 0. Otherwise (a positive estimate the
    design cannot tell from the placebo dates or from 0) not testable with open data."""
    study = tourism_study(t, against=against, combine=combine, window=window, control=control)
    real = study[study["kind"] == "waiver"].iloc[0]
    placebo = study[study["kind"] == "placebo"]
    top = placebo.loc[placebo["estimate"].idxmax()]
    if beats_placebos(study):
        verdict = "partly supported"
    elif real["estimate"] > 0:
        verdict = "not testable with open data"
    else:
        verdict = "contradicted"
    reason = (
        f"Relative to {against_names(against)}, arrivals from Russia were {real['estimate']:+.2f} log points "
        f"higher in the {window} months after the waiver than its trend, season and the won-rouble rate "
        f"predict (95 % interval "
        f"{real['lo']:+.2f} to {real['hi']:+.2f}, {int(real['n'])} months). At the {len(placebo)} placebo "
        f"Januaries ({', '.join(placebo['event'].str[:4])}) the same design gives {placebo['estimate'].min():+.2f} "
        f"to {top['estimate']:+.2f}, the largest in {top['event'][:4]}; the waiver's effect "
        f"{'exceeds them all and its interval is above 0' if verdict == 'partly supported' else 'does not pass the rule (larger than every placebo, interval above 0)'}. "
        f"No source splits arrivals by Russian region, so the Far East part is not measured, and flights "
        f"and other causes are not controlled."
    )
    return verdict, reason


def endpoint_verdict(t) -> tuple[str, str]:
    """The former design, kept as an alternative: growth in 2014 against the 2010-2013 average for
    Russia minus the same change for each comparison country, from yearly endpoints, without
    uncertainty; 'partly supported' if Russia accelerated and by more than at least one of them."""
    first = waiver_design(t["arrivals_monthly"])["first"]
    excess = first.loc[list(COMPARISON), "excess_pp"]
    passed = first.loc["RUS", "change_pp"] > 0 and bool((excess > 0).any())
    return ("partly supported" if passed else "contradicted",
            "excess over " + ", ".join(f"{NAMES[c]} {excess[c]:+.0f} points" for c in COMPARISON))


@claim("p04-visa", paragraph=4, kind="fact", chapter=CHAPTER,
       section="which-allies-let-russians-in-without-a-visa-4",
       text="After the Ukraine crisis, South Korea was the only U.S. ally not to revoke its visa-free regime with Russia.")
def decide_p4(t, *, classes=ALLY_CLASSES, until: str | None = None) -> tuple[str, str]:
    """The Passport Index starts in 2019, so 2014 itself cannot be observed. Who is a U.S. ally (a treaty
    ally or a major non-NATO ally) is decided on each date from the dated table of ties. Contradicted if
    at least one country other than South Korea was such an ally on 1 January 2014, had a visa waiver
    with Russia in force before 2014 (page facts), and was still an ally admitting Russians visa-free in
    the snapshot used for 2019 (the last of that year), i.e. did not revoke it. Supported if no other
    ally admitted Russians visa-free in that snapshot at all. Otherwise (other allies visa-free in 2019
    but no evidence that their regimes predate 2014) not testable with open data. ``classes``: the
    ally classes counted; ``until``: read only snapshots and page facts dated up to that day."""
    allies = t["us_allies_by_date"]
    visa = with_allies(t["visa_free_russia"], allies)
    facts = t["people_page_facts"]
    if until:
        visa = visa[visa["snapshot_date"] <= until]
        facts = facts[facts["date"].str[:10] <= until]
    waivers = facts[(facts["item"] == "in force") & (facts["country"] != "KOR")]
    kept = kept_through(visa, waivers, before=f"{WAIVER_YEAR}-01-01", year=2019, classes=classes,
                        allied_then=allies_before_waiver(allies, classes))
    free = allies_visa_free(visa, classes)
    free_2019 = free.loc[free["snapshot_year"] == 2019, "destination"]
    snapshot = {year: long_date(g["snapshot_date"].iloc[0]) for year, g in visa.groupby("snapshot_year")}
    dates = waivers.set_index("country")["date"]
    since = " and ".join(f"{country_names([c])} (since {dates[c][:4]})" for c in
                         sorted(kept, key=lambda c: country_names([c]))) if kept else "none"
    n_2021 = int((free["snapshot_year"] == 2021).sum())
    n_2022 = int((free["snapshot_year"] == 2022).sum())
    counted = " or ".join(c.replace("ally", "allies", 1) for c in classes)
    later = (f"After February 2022 the count of such allies went from {n_2021} (snapshot of "
             f"{snapshot.get(2021, 'none')}, with COVID-19 bans) to {n_2022} (snapshot of "
             f"{snapshot.get(2022, 'none')}). " if 2022 in snapshot else "")
    if kept:
        verdict = "contradicted"
    elif free_2019.empty:
        verdict = "supported"
    else:
        verdict = "not testable with open data"
    lead = {"contradicted": "Read literally, the 'only' does not hold: at least one other U.S. ally kept a waiver "
                            "with Russia from before 2014 through the Ukraine crisis.",
            "supported": "No other U.S. ally admitted Russians visa-free at the end of 2019.",
            "not testable with open data": "Other U.S. allies admitted Russians visa-free at the end of 2019, "
                                           "but no page shows that their waivers predate 2014."}[verdict]
    reason = (
        f"{lead} The Passport Index begins in 2019 and cannot show 2014. In the snapshot used for 2019 ({snapshot[2019]}, "
        f"the last of that year), {len(free_2019)} other countries that were U.S. {counted} on that date "
        f"admitted Russian passport holders visa-free "
        f"({country_names(free_2019)}). Of these, {since} "
        f"{'was already an ally' if len(kept) == 1 else 'were already allies'} at the start of 2014 and had "
        f"{'a waiver' if len(kept) == 1 else 'waivers'} with Russia in force before 2014 according to the "
        f"pages, so {'it' if len(kept) == 1 else 'they'} too kept a visa-free "
        f"regime through the Ukraine crisis; no page records any U.S. ally revoking one. {later}"
    ).strip()
    return verdict, reason


def image_counts(t, *, base: str = "all answers", centre: str = "median", intervals: bool = INTERVALS,
                 majority: float = MAJORITY) -> tuple[pd.DataFrame, int, int]:
    """The ¶5 waves 2007-2020 with margins (people.uncertainty), the waves with a majority favourable and
    those warmer than the allies' ``centre``, each beyond the margin unless ``intervals`` is False;
    ``majority``: the favourable share, %, that a positive image must exceed."""
    allies = allies_by_year(sorted(t["pew_favourability"]["year"].unique()), t["us_allies_by_date"])
    table = image_with_margins(t["pew_favourability"], allies, base=base, centre=centre)
    pre = table[table["year"].between(*PRE_COVID_WAVES)]
    low = pre["lo"] if intervals else pre["own_pct"]
    return pre, int((low > majority).sum()), int((low - pre["allies_centre_pct"] > 0).sum())


@claim("p05-image", paragraph=5, kind="causal", chapter=CHAPTER, section="the-mutual-image-5",
       text="One reason for the good relationship is that the two countries hold a positive image of each other.")
def decide_p5(t, *, test: str = "absolute", base: str = "all answers", centre: str = "median",
              intervals: bool = INTERVALS, majority: float = MAJORITY) -> tuple[str, str]:
    """Only the Korean half can be measured: Pew asked no Russian sample about South Korea, and no
    Russian survey was found, so supported is out of reach. A positive image is an absolute test: in a
    majority of the Pew waves 2007-2020 (before the article) the Korean favourable share's 95 % interval
    (1.96 sqrt(p(1-p)/n), no design effect) lies above 50 %. Partly supported if it does, contradicted
    if not. Being warmer than other U.S. allies (the share's interval above the median of the allies
    asked in the wave, allies as of 1 January) is a relative test: reported, and tried as an
    alternative reading (``test="relative"``) in the robustness check, but it does not make a view
    positive. ``base``, ``centre`` and ``intervals`` give the other alternatives; ``majority`` the line
    (50 %) a positive share must clear."""
    line = majority
    pre, majority, above = image_counts(t, base=base, centre=centre, intervals=intervals, majority=line)
    n = len(pre)
    passed = (above if test == "relative" else majority) > n / 2
    verdict = "partly supported" if passed else "contradicted"
    inside = pre[(pre["lo"] <= line) & (pre["hi"] > line)]
    share = "a majority" if line == 50 else f"above {line:g}%"
    reason = (
        f"South Koreans' view of Russia was {'positive' if majority > n / 2 else 'not positive'}: "
        f"{share} favourable{' beyond the margin' if intervals else ''} in {majority} of {n} Pew waves "
        f"2007-2020. Pew asked no Russian sample about South Korea, so only the Korean half can be tested. In {n} Pew "
        f"waves 2007-2020 the share of South Koreans favourable to Russia ranged from {pre['own_pct'].min():.0f}% "
        f"to {pre['own_pct'].max():.0f}% (margins of error {pre['moe_pp'].min():.1f} to {pre['moe_pp'].max():.1f} "
        f"points, understated: no design effect); it was {'a majority' if line == 50 else f'above {line:g}%'} "
        f"{'beyond' if intervals else 'by'} its "
        f"margin in {majority} of {n} (in {len(inside)} the interval straddles {line:g}%). So the image was "
        f"{'positive' if majority > n / 2 else 'not positive'}. Relative to the {centre} of the other U.S. "
        f"allies asked in the same wave it was warmer beyond the margin in {above} of {n}: "
        f"{'the relative reading decides here' if test == 'relative' else 'warmer than most allies, which is not the same as positive'}."
    )
    return verdict, reason
