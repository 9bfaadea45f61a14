"""The North Korea chapter's verdicts on ¶9, ¶11, ¶12 and ¶13, decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result. Each rule is
a function of the tables it is given, ``t`` (a mapping of table name to frame): it reads nothing else.
"""

from __future__ import annotations

from double_ally.chapters.north_korea import analysis as nk
from double_ally.chapters.north_korea import motives
from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff
from double_ally.core.verdicts import claim

CHAPTER = "book/north_korea"
LEVER_YEARS = (2016, 2020)  # the five years of partner records before the article
# "Modest trade": Russia under a twentieth of North Korea's recorded trade in every year. The line is where
# the data can cross it: Russia's share was over it in several years since 1992 (the chapter counts them).
RUSSIA_MAX_SHARE = 5.0
# "China's sphere": China recording over three quarters of North Korea's trade (three times all other
# partners together) in every year. China's share was under it in every year to 2011 (the chapter counts them).
CHINA_MIN_SHARE = 75.0
STUCK = ("recorded stop", "latest fact a stop", "no operation recorded")  # readings of "stuck" (¶9)
STILL_UNDER = "still under sanctions"  # a page says a project's works stayed under the UN sanctions


@claim("p09-projects", paragraph=9, kind="interpretation", chapter=CHAPTER, section="the-railway-and-the-pipeline-9",
       text=("The railway and gas pipeline across North Korea are stuck, because sanctions on the North cannot be "
             "lifted without Washington and because Pyongyang is an unreliable partner."))
def decide_p9(t, *, stuck: str = "recorded stop", gate: bool = False, until: str | None = None) -> tuple[str, str]:
    """Supported if every project is stuck and the pages name United Nations (Security Council)
    sanctions -- the ones the United States can keep in place with its vote -- as what stopped each.
    Partly supported if some project is stuck but the pages name other causes only (South Korea's own
    sanctions, North Korea's silence), or record no stop for some project. Contradicted if no project
    is stuck.

    Stuck: a page records the project stalled or suspended (``stuck="recorded stop"``). The pages'
    stages are agreement or plan, work or trial, sanctions exemption, stalled and suspended: none
    records a project in operation, so "went ahead" can only show as a project with no stop recorded.
    A project counts as stopped by UN sanctions only where a page names them as the cause of a stall or
    suspension. Pages on a carve-out in a resolution or an exemption granted by the sanctions committee
    record a step allowed, not a stop; the reason states what they show.

    Alternatives: ``stuck="latest fact a stop"`` (stricter: the project's latest dated fact is a stop),
    ``stuck="no operation recorded"`` (looser: no page records it in operation); ``gate=True`` counts a
    project as held by UN sanctions where a page says its works stayed under them; ``until`` keeps the
    pages dated up to that day."""
    if stuck not in STUCK:
        raise ValueError(f"stuck must be one of {STUCK}, not {stuck!r}")
    timeline = t["dprk_projects_timeline"]
    record = t["unsc_dprk_record"]
    if until is not None:
        timeline = timeline[timeline["date"] <= until]
    projects = set(timeline["project"])
    stopped = _stuck(timeline, stuck)
    if not stopped:
        return "contradicted", "No page shows any of the projects stalling or being suspended."
    causes = nk.stops(timeline)
    un_stopped = set(causes.loc[causes["kind"] == "UN sanctions", "project"])
    if gate:
        un_stopped |= set(timeline.loc[timeline["un_sanctions"] == STILL_UNDER, "project"])
    steps = _un_steps(nk.un_sanctions_steps(timeline, record))
    tail = _council(record) + (
        " No page collected names UN sanctions as what stopped a project." if not un_stopped else
        f" Pages name UN sanctions as what stopped the {nk.and_list(sorted(un_stopped))}.")
    if stopped == projects and un_stopped >= projects:
        return "supported", "The pages show every project stopped and name UN sanctions as the cause." + steps + tail
    return "partly supported", _stops(causes, stopped, projects, timeline) + steps + tail


def _stuck(timeline, reading: str) -> set:
    """The projects that count as stuck under a reading of ``STUCK``."""
    if reading == "no operation recorded":  # no stage of the pages records a project in operation
        return set(timeline["project"])
    stops = timeline["stage"].isin(nk.STOPS)
    if reading == "recorded stop":
        return set(timeline.loc[stops, "project"])
    latest = timeline.assign(stop=stops).sort_values(["date", "stop"]).groupby("project").tail(1)
    return set(latest.loc[latest["stop"], "project"])


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
def decide_p11(t, *, stated: bool = False, until: str | None = ARTICLE_DATE) -> tuple[str, str]:
    """Not testable with open data: the paragraph is about hopes and motives, and votes, trade and seats
    at talks are consistent with several motives at once.

    Alternatives: ``stated=True`` reads the motives from what the tables record actors saying: partly
    supported (a statement is not the motive itself) if a row states Seoul's hope of disarmament and a row
    states one of Moscow's motives the paragraph names, else not testable; ``until=None`` reads the votes
    after the article too."""
    record = t["unsc_dprk_record"]
    before = record if until is None else record[record["date"] <= until]
    if stated:
        seoul = motives.stated_motives(t, "Seoul")
        moscow = motives.stated_motives(t, "Moscow")
        named = (seoul["text"].str.contains(CLAIMED["Seoul"], case=False).any()
                 and moscow["text"].str.contains(CLAIMED["Moscow"], case=False).any())
        found = (f"Of {motives.rows_read(t)} rows of free text, {len(seoul)} state a hope or aim of Seoul and "
                 f"{len(moscow)} one of Moscow.")
        if named:
            return "partly supported", found + " Statements name the motives the paragraph gives; a statement is not the motive."
        return "not testable with open data", found + " No table records the motives the paragraph names."
    span = "up to the article" if until == ARTICLE_DATE else f"up to {until}" if until else "in the whole record"
    return "not testable with open data", (
        f"The paragraph describes intentions. The open record shows behaviour: Russia voted yes on "
        f"{int((before['russia_vote'] == 'yes').sum())} of {len(before)} Council decisions on North Korea {span} "
        f"and sat in the Six-Party Talks. That behaviour fits a wish for stability, for a say in the region or for "
        f"prestige alike; no open source measures Seoul's hopes or Moscow's motives."
    )


# The motives ¶11 names, as words a statement would use.
CLAIMED = {"Seoul": r"disarm|denucleari", "Moscow": r"tension|stabil|military presence|prestige"}


@claim("p12-leverage", paragraph=12, kind="interpretation", chapter=CHAPTER, section="who-trades-with-north-korea-12",
       text=("Moscow has little sway over Pyongyang: North Korea lies in China's sphere, and Russia's levers are "
             "proximity, modest trade and its Security Council veto."))
def decide_p12(t, *, rus_max: float = RUSSIA_MAX_SHARE, chn_min: float = CHINA_MIN_SHARE,
               years: tuple[int, int] = LEVER_YEARS, skip_distorted: bool = True,
               levers_decide: bool = False) -> tuple[str, str]:
    """Influence itself is not observed: the rule tests the levers the paragraph names, not the sway.
    The years of 2016-2020 that the distorted-year rule flags (``analysis.distortion``: partners other
    than China and Russia record more than 2 times their median share of the 3 years before) are left
    out. The levers hold if, in the partners' records for the years left, Russia's share of North
    Korea's trade is under 5% in every year ("modest trade") and China's over 75% in every year
    ("China's sphere"); both lines are ones the series has crossed (see the constants).

    Partly supported if both levers hold or one does: the checkable grounds hold, but "little sway",
    the claim's core, is measured by no open source, so the levers alone do not make it supported.
    Contradicted if neither holds; not testable if the rule leaves no year. ``levers_decide=True`` is the
    reading that takes the levers for the sway (both hold: supported)."""
    trade = t["dprk_trade_partners"]
    first, last = years
    kept, distorted = nk.kept_years(trade, first, last)
    if not skip_distorted:
        kept, distorted = sorted(kept + distorted), []
    if not kept:
        return "not testable with open data", (
            f"No year of {first}-{last} has partner records that the stated rule keeps (distorted: "
            f"{nk.and_list(distorted) if distorted else 'none'}); no share can be read.")
    shares = nk.partner_shares(trade, ("CHN", "RUS"))
    ranges = nk.lever_ranges(shares, first, last, skip=distorted)
    rus_low, rus_high = ranges["RUS"]
    chn_low, chn_high = ranges["CHN"]
    small, dominant = rus_high < rus_max, chn_low > chn_min
    left_out = (f" Left out by the stated rule: {nk.and_list(distorted)}, when partners other than China and Russia "
                f"recorded more than {nk.DISTORTION_FACTOR:g} times their median share of the {nk.BASE_YEARS} years "
                f"before." if distorted else "")
    held = {(True, True): "Both levers hold as the paragraph names them",
            (True, False): f"Russia's trade is modest, but China's share fell to {chn_min:g}% or below",
            (False, True): f"China's share stays high, but Russia's reached {rus_max:g}% or more",
            (False, False): "Neither lever holds as the paragraph names it"}[(small, dominant)]
    reason = (
        f"In partner records for {nk.and_list(kept)} ({len(kept)} years), Russia accounted for "
        f"{rus_low:.1f}-{rus_high:.1f}% of North Korea's trade (line: under {rus_max:g}%) and China for "
        f"{chn_low:.1f}-{chn_high:.1f}% (line: over {chn_min:g}%).{left_out} {held}. These are mirror figures "
        f"(North Korea publishes none, and inter-Korean trade is not in the denominator). The rule tests the "
        f"levers, not influence itself: no open source measures Moscow's sway over Pyongyang."
    )
    if small and dominant:
        return ("supported" if levers_decide else "partly supported"), reason
    return ("partly supported" if small or dominant else "contradicted"), reason


@claim("p13-unsc-vote", paragraph=13, kind="fact", chapter=CHAPTER, section="the-security-council-record-13",
       text="Russia's vote is needed for the Security Council to impose sanctions on North Korea.")
def decide_p13(t, *, until: str | None = None, need_failed_draft: bool = True,
               votes: str = "russia_vote") -> tuple[str, str]:
    """Supported if every Council resolution that imposed or strengthened sanctions on North Korea up to
    the article was adopted with Russia voting yes, none was adopted over a Russian vote against, and
    the record holds a North Korea draft that failed on a Russian vote against (showing the vote is
    needed, not just given). Partly supported if the first two hold but no draft has failed on Russia's
    vote. Contradicted if a sanctions resolution passed over Russia's vote against.

    The failed drafts are looked for in the whole record, after the article too: the primary verdict
    uses hindsight. ``until`` keeps the record up to that day (``ARTICLE_DATE``: the evidence of the
    article's date); ``need_failed_draft=False`` reads "needed" as "never overridden"; ``votes`` names
    the column Russia's vote is read from (``page_russia_vote``: the pages' reading, the record's where
    no page gives it)."""
    record = t["unsc_dprk_record"]
    if until is not None:
        record = record[record["date"] <= until]
    if votes != "russia_vote":
        record = record.assign(russia_vote=record[votes].fillna(record["russia_vote"]))
    before = nk.record_summary(record, ARTICLE_DATE)
    over_russia = record[(record["outcome"] == "adopted") & (record["russia_vote"] == "no")]
    if len(over_russia):
        return "contradicted", f"{len(over_russia)} resolution(s) on North Korea passed over Russia's vote against."
    vetoes = record[record["vetoed_by"].fillna("").str.contains("RUS")]
    if len(vetoes):
        after = (f"After the article, {len(vetoes)} drafts on North Korea failed on Russia's vote against "
                 f"({', '.join(vetoes['date'].str[:7])}) although {int(vetoes['votes_yes'].min())} members voted "
                 f"for each: the part of the verdict that says the vote is needed rests on these later vetoes.")
    else:
        after = (f"No draft on North Korea {'up to ' + until + ' ' if until else ''}had failed on Russia's "
                 f"vote against.")
    reason = (
        f"Russia voted yes on {before['sanctioning_russia_yes']} of the {before['sanctioning']} resolutions that "
        f"imposed or strengthened sanctions ({before['sanctioning_first'][:4]}-{before['sanctioning_last'][:4]}); "
        f"{before['sanctioning_unanimous']} of them were unanimous. {after} Strictly, a permanent member's "
        f"abstention would not block a resolution: what is needed is that Russia not vote against."
    )
    if before["sanctioning_russia_yes"] == before["sanctioning"] and (len(vetoes) or not need_failed_draft):
        return "supported", reason
    return "partly supported", reason
