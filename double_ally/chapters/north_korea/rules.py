"""The North Korea chapter's verdicts on ¶9, ¶11, ¶12 and ¶13, decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result. Each rule is
a function of the tables it is given, ``t`` (a mapping of table name to frame): it reads nothing else.
"""

from __future__ import annotations

from double_ally.chapters.north_korea import analysis as nk
from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff
from double_ally.core.verdicts import claim

CHAPTER = "book/north_korea"
LEVER_YEARS = (2016, 2020)  # the five years of partner records before the article
RUSSIA_MAX_SHARE = 10.0     # "modest trade": under a tenth of North Korea's trade in every year
CHINA_MIN_SHARE = 50.0      # "China's sphere": over half of North Korea's trade in every year


@claim("p09-projects", paragraph=9, kind="interpretation", chapter=CHAPTER, section="the-railway-and-the-pipeline-9",
       text=("The railway and gas pipeline across North Korea are stuck, because sanctions on the North cannot be "
             "lifted without Washington and because Pyongyang is an unreliable partner."))
def decide_p9(t) -> tuple[str, str]:
    """Supported if the pages show every project stalled or suspended, and name United Nations
    (Security Council) sanctions -- the ones the United States can keep in place with its vote -- as
    what stopped them. Partly supported if the projects stalled but the pages name other causes only
    (South Korea's own sanctions, North Korea's silence). Contradicted if any project ran to South
    Korea as planned after its last trial.

    Applied as written: a project counts as stopped by UN sanctions only where a page names them as
    the cause of a stall or suspension, for every project. Pages on a carve-out in a resolution or an
    exemption granted by the sanctions committee record a step allowed, not a stop; the reason states
    what they show."""
    timeline = t["dprk_projects_timeline"]
    record = t["unsc_dprk_record"]
    projects = set(timeline["project"])
    stopped = set(timeline.loc[timeline["stage"].isin(nk.STOPS), "project"])
    if not stopped:
        return "contradicted", "No page shows any of the projects stalling or being suspended."
    causes = nk.stops(timeline)
    un_stopped = set(causes.loc[causes["kind"] == "UN sanctions", "project"])
    steps = _un_steps(nk.un_sanctions_steps(timeline, record))
    tail = _council(record) + (
        " No page collected names UN sanctions as what stopped a project." if not un_stopped else
        f" Pages name UN sanctions as what stopped the {nk.and_list(sorted(un_stopped))}.")
    if stopped == projects and un_stopped == projects:
        return "supported", "The pages show every project stopped and name UN sanctions as the cause." + steps + tail
    return "partly supported", _stops(causes, stopped, projects, timeline) + steps + tail


# Kind of stated cause -> what the reason says of the projects it stopped, before and after the dates.
STOP_WORDS = {
    "North Korea": ("stalled for want of an answer from Pyongyang", ", the 'unreliable partner' half of the claim"),
    "South Korea": ("stopped on South Korea's own measures and conditions", ", not on UN sanctions"),
    "UN sanctions": ("stopped on UN sanctions", ", as the pages say"),
    "other": ("stopped for other causes the pages state", ""),
}


def _span(first: str, last: str) -> str:
    return first[:7] if first[:7] == last[:7] else f"{first[:7]} to {last[:7]}"


def _pages(n: int) -> str:
    return f"{n} page says" if n == 1 else f"{n} pages say"


def _stops(causes, stopped: set, projects: set, timeline) -> str:
    """The stops by kind of cause, and the projects with none."""
    out = f"The pages show projects stopping ({', '.join(sorted(stopped))})."
    for kind, (verb, after) in STOP_WORDS.items():
        for r in causes[causes["kind"] == kind].itertuples():
            out += f" The {r.project} {verb} ({_span(r.first, r.last)}: {r.causes}){after}."
    for project in sorted(projects - stopped):
        out += f" {project}: no stop recorded; the pages record {nk.and_list(nk.stages_of(timeline, project))}."
    return out


def _un_steps(steps) -> str:
    """What the pages say of UN sanctions other than a stop: carve-outs, exemptions, works still barred."""
    if steps.empty:
        return ""
    parts = []
    for r in steps.itertuples():
        when = f" ({_span(r.first, r.last)})" if r.n else ""
        if r.un_sanctions == "carved out by a resolution":
            named = r.resolutions.split(", ") if r.resolutions else []
            text = f"the Council's resolutions carved the {r.project} out of them{when}"
            if named:
                us = "on each" if r.usa_yes == len(named) else f"on {r.usa_yes} of the {len(named)}"
                text += f", the pages tying it to resolutions {nk.resolution_numbers(r.resolutions)}, the United States voting yes {us}"
            if r.stopped:
                text += f", and {_pages(r.stopped)} its traffic stopped in spite of the carve-out"
        elif r.un_sanctions == "exempted by the 1718 Committee":
            text = f"steps on the {r.project} needed exemptions from the sanctions committee{when}"
        else:
            text = f"{_pages(r.n)} the works on the {r.project} stayed under the sanctions beyond the exemption{when}"
        parts.append(text)
    return (" What the pages say of UN sanctions: " + "; ".join(parts) + ". Under the rule as written these are not "
            "stops: a carve-out or an exemption lets a step go ahead, and no page records a project halting on the "
            "sanctions.")


def _council(record) -> str:
    sanctions = record[record["action"].isin(nk.SANCTIONING) & (record["date"] <= ARTICLE_DATE)]
    us_yes = int((sanctions["usa_vote"] == "yes").sum())
    return (
        f" Meanwhile the Security Council adopted {len(sanctions)} sanctions resolutions on North Korea "
        f"({sanctions['date'].min()[:4]}-{sanctions['date'].max()[:4]}), the United States voting yes on "
        f"{us_yes} of them; lifting them would need a new resolution the United States could veto."
    )


@claim("p11-motives", paragraph=11, kind="interpretation", chapter=CHAPTER, section="what-cannot-be-tested-11",
       text=("Seoul hopes Moscow can push Pyongyang toward nuclear disarmament; Moscow takes part to lower tension, "
             "limit the U.S. military presence and gain prestige."))
def decide_p11(t) -> tuple[str, str]:
    """Not testable with open data whatever the tables hold: the paragraph is about hopes and motives,
    and votes, trade and seats at talks are consistent with several motives at once."""
    record = t["unsc_dprk_record"]
    before = record[record["date"] <= ARTICLE_DATE]
    return "not testable with open data", (
        f"The paragraph describes intentions. The open record shows behaviour: Russia voted yes on "
        f"{int((before['russia_vote'] == 'yes').sum())} of {len(before)} Council decisions on North Korea up "
        f"to the article and sat in the Six-Party Talks. That behaviour fits a wish for stability, for a say "
        f"in the region or for prestige alike; no open source measures Seoul's hopes or Moscow's motives."
    )


@claim("p12-leverage", paragraph=12, kind="interpretation", chapter=CHAPTER, section="who-trades-with-north-korea-12",
       text=("Moscow has little sway over Pyongyang: North Korea lies in China's sphere, and Russia's levers are "
             "proximity, modest trade and its Security Council veto."))
def decide_p12(t) -> tuple[str, str]:
    """Influence itself is not observed; the test is on the trade lever and China's weight. The years of
    2016-2020 that the distorted-year rule flags (``analysis.distortion``: partners other than China and
    Russia record more than 2 times their median share of the 3 years before) are left out. Supported
    if, in the partners' records for the years left, Russia's share of North Korea's trade is under 10%
    in every year and China's over 50% in every year; partly supported if only one of the two holds;
    contradicted if neither; not testable if the rule leaves no year."""
    trade = t["dprk_trade_partners"]
    first, last = LEVER_YEARS
    kept, distorted = nk.kept_years(trade, first, last)
    if not kept:
        return "not testable with open data", (
            f"No year of {first}-{last} has partner records that the stated rule keeps (distorted: "
            f"{nk.and_list(distorted) if distorted else 'none'}); no share can be read.")
    shares = nk.partner_shares(trade, ("CHN", "RUS"))
    ranges = nk.lever_ranges(shares, first, last, skip=distorted)
    rus_low, rus_high = ranges["RUS"]
    chn_low, chn_high = ranges["CHN"]
    small = rus_high < RUSSIA_MAX_SHARE
    dominant = chn_low > CHINA_MIN_SHARE
    left_out = (f" Left out by the stated rule: {nk.and_list(distorted)}, when partners other than China and Russia "
                f"recorded more than {nk.DISTORTION_FACTOR:g} times their median share of the {nk.BASE_YEARS} years "
                f"before." if distorted else "")
    reason = (
        f"In partner records for {nk.and_list(kept)}, Russia accounted for {rus_low:.1f}-{rus_high:.1f}% of North Korea's "
        f"trade and China for {chn_low:.1f}-{chn_high:.1f}%.{left_out} These are mirror figures (North Korea "
        f"publishes none). Influence itself cannot be measured; the veto is the one lever the record shows "
        f"Russia holding, and it did not use it on North Korea until 2022."
    )
    verdict = "supported" if small and dominant else "partly supported" if small or dominant else "contradicted"
    return verdict, reason


@claim("p13-unsc-vote", paragraph=13, kind="fact", chapter=CHAPTER, section="the-security-council-record-13",
       text="Russia's vote is needed for the Security Council to impose sanctions on North Korea.")
def decide_p13(t) -> tuple[str, str]:
    """Supported if every Council resolution that imposed or strengthened sanctions on North Korea up to
    the article was adopted with Russia voting yes, none was adopted over a Russian vote against, and
    the record holds a North Korea draft that failed on a Russian vote against (showing the vote is
    needed, not just given). Partly supported if the first two hold but no draft has failed on Russia's
    vote. Contradicted if a sanctions resolution passed over Russia's vote against."""
    record = t["unsc_dprk_record"]
    before = nk.record_summary(record, ARTICLE_DATE)
    over_russia = record[(record["outcome"] == "adopted") & (record["russia_vote"] == "no")]
    if len(over_russia):
        return "contradicted", f"{len(over_russia)} resolution(s) on North Korea passed over Russia's vote against."
    vetoes = record[record["vetoed_by"].fillna("").str.contains("RUS")]
    if len(vetoes):
        after = (f"After the article, {len(vetoes)} drafts on North Korea failed on Russia's vote against "
                 f"({', '.join(vetoes['date'].str[:7])}) although {int(vetoes['votes_yes'].min())} members voted "
                 f"for each.")
    else:
        after = "No draft on North Korea has failed on Russia's vote against."
    reason = (
        f"Russia voted yes on {before['sanctioning_russia_yes']} of the {before['sanctioning']} resolutions that "
        f"imposed or strengthened sanctions ({before['sanctioning_first'][:4]}-{before['sanctioning_last'][:4]}); "
        f"{before['sanctioning_unanimous']} of them were unanimous. {after} Strictly, a permanent member's "
        f"abstention would not block a resolution: what is needed is that Russia not vote against."
    )
    if before["sanctioning_russia_yes"] == before["sanctioning"] and len(vetoes):
        return "supported", reason
    return "partly supported", reason
