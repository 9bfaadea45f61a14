"""The data appendix, written from ``data/datapackage.json`` (never by hand).

Every string of the package is shown as text (``double_ally.core.text``): a description or a caveat
cannot become HTML, a link or a role. Bibliography keys are the one part that becomes a role
(``{cite}``), so a key must look like one.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from double_ally.core.text import Md, code, md, table

BIBKEY = re.compile(r"[A-Za-z0-9_:-]+")
FILE_NAME = re.compile(r"[a-z0-9_]+\.csv")
DATA_ZIP = "double-ally-data.zip"  # the data package in one file, written beside the tables at build
ZIP_TIME = (1980, 1, 1, 0, 0, 0)   # fixed member times: the same tables give the same zip


def write_zip(data_dir: Path, target: Path) -> Path:
    """The tables (CSV) and ``datapackage.json`` of ``data_dir`` in one zip, members in name order with
    fixed times, so that the same data give the same bytes."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in data_dir.iterdir() if p.suffix in {".csv", ".json"}):
            info = zipfile.ZipInfo(path.name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
    return target


class Downloads:
    """Links to every table of the package, ``datapackage.json`` and the zip of both, relative to the data
    appendix page (the build publishes them under ``data/``); in the PDF, the file names."""

    def __init__(self, package: dict, prefix: str = "../data/"):
        names = [str(r["path"]) for r in package["resources"]]
        for name in names:
            if not FILE_NAME.fullmatch(name):
                raise ValueError(f"data/datapackage.json: path {name!r} is not a table file name")
        self.files = [DATA_ZIP, "datapackage.json", *names]
        self.prefix = prefix

    def _repr_html_(self) -> str:
        links = [f'<a href="{html.escape(self.prefix + name)}" download>{html.escape(name)}</a>' for name in self.files]
        return (f'<p class="da-downloads">Download: <strong>{links[0]}</strong> (every table and the '
                f"package description) · {links[1]} · the tables one by one: {' · '.join(links[2:])}</p>")

    def _repr_markdown_(self) -> str:
        return ("Download from the book's `data/` folder: " + ", ".join(code(name) for name in self.files) + ".")



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
