"""The North Korea chapter's robustness checks: each verdict decided again by its rule in ``rules.py``
under other readings of its terms, other records and the evidence of the article's date."""

from __future__ import annotations

from double_ally.chapters.north_korea import analysis as nk
from double_ally.chapters.north_korea import leverage as lv
from double_ally.chapters.north_korea import rules
from double_ally.core.citation import ARTICLE_DATE
from double_ally.core.robustness import Alternative, checks


# ¶12's other lines: the rule's first version (a tenth and a half), and a stricter pair (half Russia's line,
# China's line ten points higher).
FIRST_LINES = (10.0, 50.0)
STRICTER_LINES = (rules.RUSSIA_MAX_SHARE / 2, rules.CHINA_MIN_SHARE + 10)


def _stuck_detail(t, reading: str) -> str:
    stuck = sorted(rules._stuck(t["dprk_projects_timeline"], reading))
    return f"stuck: {nk.and_list(stuck) or 'none'}"


@checks("p09-projects", primary=("stuck = a page records the project stalled or suspended; UN sanctions count only "
                                  "where a page names them as the cause of the stop"))
def check_p9(t) -> list[Alternative]:
    timeline = t["dprk_projects_timeline"]
    gated = sorted(set(timeline.loc[timeline["un_sanctions"] == rules.STILL_UNDER, "project"]))
    n_before = int((timeline["date"] <= ARTICLE_DATE).sum())
    return [
        Alternative("stricter 'stuck': the project's latest dated fact is a stall or suspension",
                    rules.decide_p9(t, stuck="latest fact a stop")[0], _stuck_detail(t, "latest fact a stop")),
        Alternative("looser 'stuck': no page records the project in operation",
                    rules.decide_p9(t, stuck="no operation recorded")[0], _stuck_detail(t, "no operation recorded")),
        Alternative("UN sanctions as a gate: a page saying the works stayed under them counts as a UN stop",
                    rules.decide_p9(t, gate=True)[0], f"gated by UN sanctions: {nk.and_list(gated) or 'none'}"),
        Alternative("only the pages dated up to the article", rules.decide_p9(t, until=ARTICLE_DATE)[0],
                    f"{n_before} of {len(timeline)} facts dated by then", kind="as of the article"),
    ]


@checks("p11-motives", primary="motives are not in the open record: votes and seats at talks fit several motives")
def check_p11(t) -> list[Alternative]:
    seoul = rules.motives.stated_motives(t, "Seoul")
    moscow = rules.motives.stated_motives(t, "Moscow")
    record = t["unsc_dprk_record"]
    return [
        Alternative("motives read from what the tables record Seoul and Moscow stating", rules.decide_p11(t, stated=True)[0],
                    f"{len(seoul)} rows state a hope of Seoul's, {len(moscow)} a motive of Moscow's, of "
                    f"{rules.motives.rows_read(t)} rows of free text", kind="indicators"),
        Alternative("Russia's votes after the article too", rules.decide_p11(t, until=None)[0],
                    f"{len(record)} decisions, {int((record['russia_vote'] == 'no').sum())} with Russia voting against",
                    kind="records"),
        Alternative("the record up to the article", rules.decide_p11(t, until=ARTICLE_DATE)[0],
                    f"{int((record['date'] <= ARTICLE_DATE).sum())} decisions", kind="as of the article"),
    ]


def _p12_detail(t, **kw) -> str:
    trade = t["dprk_trade_partners"]
    years = kw.get("years", rules.LEVER_YEARS)
    kept, bad = nk.kept_years(trade, *years)
    skip = bad if kw.get("skip_distorted", True) else []
    r = nk.lever_ranges(nk.partner_shares(trade), *years, skip=skip)
    m = lv.margins(r, kw.get("rus_max", rules.RUSSIA_MAX_SHARE), kw.get("chn_min", rules.CHINA_MIN_SHARE))
    n = len(kept) + len(bad) - len(skip)
    return (f"{n} years; Russia at most {r['RUS'][1]:.1f}% (margin {m['rus']:+.1f} points), China at least "
            f"{r['CHN'][0]:.1f}% (margin {m['chn']:+.1f}; negative: line crossed)")


@checks("p12-leverage", primary=(f"the levers, not the sway: Russia under {rules.RUSSIA_MAX_SHARE:g}% and China over "
                                 f"{rules.CHINA_MIN_SHARE:g}% of North Korea's recorded trade in every undistorted year "
                                 f"of {rules.LEVER_YEARS[0]}-{rules.LEVER_YEARS[1]}; levers alone give at most partly "
                                 f"supported"))
def check_p12(t) -> list[Alternative]:
    first, last = rules.LEVER_YEARS
    (r1, c1), (r2, c2) = FIRST_LINES, STRICTER_LINES
    alts = [("influence taken to follow from the levers (both hold: supported)", {"levers_decide": True}, "definition"),
            (f"the first lines: Russia under {r1:g}%, China over {c1:g}%", {"rus_max": r1, "chn_min": c1}, "definition"),
            (f"stricter lines: Russia under {r2:g}%, China over {c2:g}%", {"rus_max": r2, "chn_min": c2}, "definition"),
            (f"every year of {first}-{last}, distorted ones kept", {"skip_distorted": False}, "records"),
            (f"ten years, {last - 9}-{last}", {"years": (last - 9, last)}, "records")]
    out = [Alternative(label, rules.decide_p12(t, **kw)[0], _p12_detail(t, **kw), kind)
           for label, kw, kind in alts]
    trade = t["dprk_trade_partners"]
    partner, year = lv.SUSPECT_ENTRY
    fx = lv.entry_effect(trade, partner, year)
    cleaned = {**t, "dprk_trade_partners": lv.without_entry(trade, partner, year)}
    kept, bad = nk.kept_years(cleaned["dprk_trade_partners"], *rules.LEVER_YEARS)
    out.append(Alternative(f"without {lv.SUSPECT_NAME}'s {year} entry", rules.decide_p12(cleaned)[0],
                           f"China's {year} share {fx['with']:.1f}% -> {fx['without']:.1f}%; left out: "
                           f"{nk.and_list(bad) or 'none'}; " + _p12_detail(cleaned), "records"))
    return out


@checks("p13-unsc-vote", primary=("Russia voted yes on every sanctions resolution up to the article, none passed over "
                                  "its no, and a draft failed on its vote against, looked for in the whole record "
                                  "(the vetoes of 2022 and 2024: hindsight)"))
def check_p13(t) -> list[Alternative]:
    record = t["unsc_dprk_record"]
    vetoes = record["vetoed_by"].fillna("").str.contains("RUS")
    early = int((vetoes & (record["date"] <= ARTICLE_DATE)).sum())
    pages = int(record["page_russia_vote"].notna().sum()) if "page_russia_vote" in record else 0
    over = int(((record["outcome"] == "adopted") & (record["russia_vote"] == "no")).sum())
    over_then = int(((record["outcome"] == "adopted") & (record["russia_vote"] == "no")
                     & (record["date"] <= ARTICLE_DATE)).sum())
    return [
        Alternative("the record up to the article (15 July 2021)", rules.decide_p13(t, until=ARTICLE_DATE)[0],
                    f"{early} of {int(vetoes.sum())} Russian vetoes on North Korea by then", kind="as of the article"),
        Alternative("'needed' read as 'never overridden' (no failed draft required)",
                    rules.decide_p13(t, need_failed_draft=False)[0], f"{over} resolutions adopted over Russia's no"),
        Alternative("the same reading, on the evidence of the article's date",
                    rules.decide_p13(t, until=ARTICLE_DATE, need_failed_draft=False)[0],
                    f"{over_then} resolutions adopted over Russia's no by then"),
        Alternative("Russia's vote as the pages give it", rules.decide_p13(t, votes="page_russia_vote")[0],
                    f"{pages} decisions with a page reading", kind="records"),
    ]
