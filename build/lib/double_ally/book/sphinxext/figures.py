"""The figure-to-code map of the "Reproduce this book" page, filled from the charts found while reading."""

from __future__ import annotations

FIGURE_MAP_PAGE = "book/reproduce"
FIGURE_MAP_SLOT = '<div id="da-figure-map"></div>'


def collect_charts(app, doctree) -> None:
    """Remember every chart of the page just read: its notebook cell, name and title."""
    from docutils import nodes

    from double_ally.book.figure_map import charts_in

    found = []
    for cell in doctree.findall(lambda n: isinstance(n, nodes.container) and n.get("nb_element") == "cell_code"):
        for raw in cell.findall(nodes.raw):
            for name, title in charts_in(raw.astext()):
                found.append({"docname": app.env.docname, "cell": cell.get("cell_index"), "name": name,
                              "title": title})
    if not hasattr(app.env, "da_charts"):
        app.env.da_charts = {}
    app.env.da_charts[app.env.docname] = found


def purge_charts(app, env, docname) -> None:
    getattr(env, "da_charts", {}).pop(docname, None)


def merge_charts(app, env, docnames, other) -> None:
    env.da_charts = getattr(env, "da_charts", {})
    for docname in docnames:
        env.da_charts[docname] = getattr(other, "da_charts", {}).get(docname, [])


def figure_map(app, pagename, context) -> None:
    import jupytext

    from double_ally.core.datapackage import read_package
    from double_ally.book.figure_map import cell_tables, drawing_call, map_html

    publishers = {r["name"]: "; ".join(s["publisher"] for s in r["sources"]) for r in read_package()["resources"]}
    toc_order = {doc: i for i, doc in enumerate(_toc_order(app))}
    rows = []
    for docname in sorted(getattr(app.env, "da_charts", {}), key=lambda d: toc_order.get(d, 999)):
        charts = app.env.da_charts[docname]
        if not charts:
            continue
        cells = [c.source if c.cell_type == "code" else "" for c in jupytext.read(app.env.doc2path(docname)).cells]
        chapter = app.env.titles[docname].astext()
        for chart in charts:
            index = chart["cell"]
            rows.append({**chart, "chapter": chapter, "call": drawing_call(cells[index]),
                         "tables": cell_tables(cells, index)})
    context["body"] = context["body"].replace(FIGURE_MAP_SLOT, map_html(rows, publishers, context["pathto"]))


def _toc_order(app) -> list[str]:
    """Documents in reading order (the table of contents), root first."""
    order, seen = [], set()

    def walk(doc):
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in app.env.toctree_includes.get(doc, []):
            walk(child)

    walk(app.config.root_doc)
    return order


