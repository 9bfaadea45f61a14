"""The data appendix, written from ``data/datapackage.json`` (never by hand).

Every string of the package is shown as text (``double_ally.core.text``): a description or a caveat
cannot become HTML, a link or a role. Bibliography keys are the one part that becomes a role
(``{cite}``), so a key must look like one.
"""

from __future__ import annotations

import re

from double_ally.core.text import Md, code, md, table

BIBKEY = re.compile(r"[A-Za-z0-9_:-]+")


def _cite(bibkey: object, where: str) -> str:
    if not isinstance(bibkey, str) or not BIBKEY.fullmatch(bibkey):
        raise ValueError(f"{where}: bibkey {bibkey!r} is not a bibliography key (letters, digits, _ : -)")
    return f"{{cite}}`{bibkey}`"


def _coverage(resource: dict) -> str:
    for field in resource["schema"]["fields"]:
        if field["name"] == "year":
            c = field.get("constraints", {})
            if "minimum" in c and "maximum" in c:
                return f"{c['minimum']}–{c['maximum']}"
    return "dated rows (see the table)"


def table_entry(resource: dict) -> Md:
    """Markdown describing one table: contents, source, licence, coverage, caveats, columns."""
    where = f"data/datapackage.json, resource {resource.get('name')!r}"
    sources = "; ".join(
        f"{md(s['publisher'])}, *{md(s['title'])}* ({md(s['version'])}) {_cite(s['bibkey'], where)}"
        for s in resource["sources"]
    )
    licence = ", ".join(md(lic["title"]) for lic in resource["licenses"])
    digest = str(resource["hash"]).removeprefix("sha256:")[:16]
    lines = [
        f"**{code(resource['name'])}** — {md(resource['title'])}",
        "",
        md(resource["description"]),
        "",
        f"- Source: {sources}",
        f"- Kind of figures: {md(resource['figure_type'])}",
        f"- Coverage: {md(_coverage(resource))}; {resource['rows']:,} rows",
        f"- Licence of the derived table: {licence}",
        f"- File: {code('data/' + str(resource['path']))}, sha256 {code(digest + '…')}",
    ]
    for caveat in resource.get("caveats", []):
        lines.append(f"- Caveat: {md(caveat)}")
    lines += ["", table(["column", "type", "unit", "meaning"],
                        [[code(field["name"]), field["type"], field.get("unit", ""), field["description"]]
                         for field in resource["schema"]["fields"]])]
    return Md("\n".join(lines) + "\n")


def data_appendix(package: dict) -> Md:
    return Md("\n".join(table_entry(r) for r in package["resources"]))
