"""The people chapter's robustness checks: each verdict decided again by its rule under alternatives."""

from __future__ import annotations

from double_ally.core.citation import ARTICLE_DATE
from double_ally.core.robustness import Alternative, checks
from double_ally.chapters.people import rules
from double_ally.chapters.people.analysis import ALL_ALLY_CLASSES


def _effect(study) -> str:
    real = study[study["kind"] == "waiver"].iloc[0]
    placebo = study.loc[study["kind"] == "placebo", "estimate"]
    return (f"waiver {real['estimate']:+.2f} (95 % interval {real['lo']:+.2f} to {real['hi']:+.2f}, "
            f"{int(real['n'])} months); largest of {len(placebo)} placebos {placebo.max():+.2f}")


@checks("p07-tourism", primary=(
    "Monthly event study: log arrivals from Russia minus the mean log of Japan's, the U.S.'s and China's, "
    "24 months either side, month-of-year effects, trend, log won per rouble, Newey-West errors; the waiver "
    "must have a 95 % interval above 0 and beat every placebo January."))
def check_p7(t) -> list[Alternative]:
    out = []
    for label, design, kind in [
        ("against Japan alone", {"against": ("JPN",)}, "comparison"),
        ("against the U.S. alone", {"against": ("USA",)}, "comparison"),
        ("against China alone", {"against": ("CHN",)}, "comparison"),
        ("against Japan and the U.S. (China left out)", {"against": ("JPN", "USA")}, "comparison"),
        ("against the summed arrivals of the three", {"combine": "log sum"}, "definition"),
        ("without the exchange-rate control", {"control": False}, "indicators"),
        ("window of 18 months either side", {"window": 18}, "definition"),
    ]:
        out.append(Alternative(label, rules.decide_p7(t, **design)[0], _effect(rules.tourism_study(t, **design)),
                               kind))
    verdict, detail = rules.endpoint_verdict(t)
    out.append(Alternative("former design: 2014 growth against 2010-2013, endpoint years, no uncertainty",
                           verdict, detail, "definition"))
    return out


@checks("p04-visa", primary=(
    "U.S. ally = treaty ally or major non-NATO ally on each date; contradicted if another ally on 1 January "
    "2014 had a pre-2014 waiver with Russia and was still an ally admitting Russians visa-free at the end of 2019."))
def check_p4(t) -> list[Alternative]:
    def free_2019(classes) -> str:
        visa = rules.with_allies(t["visa_free_russia"], t["us_allies_by_date"])
        free = rules.allies_visa_free(visa, classes)
        return f"{int((free['snapshot_year'] == 2019).sum())} other allies visa-free at the end of 2019"

    def as_of() -> str:
        visa, facts = t["visa_free_russia"], t["people_page_facts"]
        dates = visa.loc[visa["snapshot_date"] <= ARTICLE_DATE, "snapshot_date"]
        early = facts[(facts["item"] == "in force") & (facts["date"].str[:10] <= ARTICLE_DATE)
                      & (facts["country"] != "KOR")]
        return (f"{dates.nunique()} snapshots up to {dates.max() if len(dates) else 'none'}; "
                f"{len(early)} other waivers in force by then")

    treaty = ("treaty ally",)
    return [
        Alternative("treaty allies only (no major non-NATO allies)", rules.decide_p4(t, classes=treaty)[0],
                    free_2019(treaty), "definition"),
        Alternative("Rio Treaty parties counted as allies too", rules.decide_p4(t, classes=ALL_ALLY_CLASSES)[0],
                    free_2019(ALL_ALLY_CLASSES), "definition"),
        Alternative("as of the article: snapshots and page facts dated up to 15 July 2021",
                    rules.decide_p4(t, until=ARTICLE_DATE)[0], as_of(), "as of the article"),
    ]


@checks("p05-image", primary=(
    "A positive image = the Korean favourable share's 95 % interval above 50 % in most Pew waves 2007-2020 "
    "(base: all answers); warmer than other allies is reported but does not count as positive."))
def check_p5(t) -> list[Alternative]:
    def detail(**kw) -> str:
        pre, majority, above = rules.image_counts(t, **{k: v for k, v in kw.items() if k != "test"})
        return f"majority in {majority} of {len(pre)} waves, warmer than the allies in {above} of {len(pre)}"

    options = [
        ("relative reading: warmer than the allies' median beyond the margin", {"test": "relative"}, "definition"),
        ("relative reading against the allies' mean", {"test": "relative", "centre": "mean"}, "definition"),
        ("base without don't know and refused", {"base": "opinions only"}, "definition"),
        ("point estimates instead of intervals (share above 50 %)", {"intervals": False}, "uncertainty"),
    ]
    return [Alternative(label, rules.decide_p5(t, **kw)[0], detail(**kw), kind) for label, kw, kind in options]
