"""The data appendix, written from ``data/datapackage.json`` (never by hand)."""

from __future__ import annotations


def _coverage(resource: dict) -> str:
    for field in resource["schema"]["fields"]:
        if field["name"] == "year":
            c = field.get("constraints", {})
            if "minimum" in c and "maximum" in c:
                return f"{c['minimum']}–{c['maximum']}"
    return "dated rows (see the table)"


def table_entry(resource: dict) -> str:
    """Markdown describing one table: contents, source, licence, coverage, caveats, columns."""
    sources = "; ".join(
        f"{s['publisher']}, *{s['title']}* ({s['version']}) {{cite}}`{s['bibkey']}`" for s in resource["sources"]
    )
    licence = ", ".join(lic["title"] for lic in resource["licenses"])
    lines = [
        f"**`{resource['name']}`** — {resource['title']}",
        "",
        resource["description"],
        "",
        f"- Source: {sources}",
        f"- Kind of figures: {resource['figure_type']}",
        f"- Coverage: {_coverage(resource)}; {resource['rows']:,} rows",
        f"- Licence of the derived table: {licence}",
        f"- File: `data/{resource['path']}`, sha256 `{resource['hash'].removeprefix('sha256:')[:16]}…`",
    ]
    for caveat in resource.get("caveats", []):
        lines.append(f"- Caveat: {caveat}")
    lines += ["", "| column | type | unit | meaning |", "|---|---|---|---|"]
    for field in resource["schema"]["fields"]:
        lines.append(f"| `{field['name']}` | {field['type']} | {field.get('unit', '')} | {field['description']} |")
    return "\n".join(lines) + "\n"


def data_appendix(package: dict) -> str:
    return "\n".join(table_entry(r) for r in package["resources"])
