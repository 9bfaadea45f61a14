"""Citation on every page, from CITATION.cff: Highwire ``citation_*`` tags and schema.org JSON-LD in the
head, a "Cite this chapter" block (CSL-formatted APA and Chicago, BibTeX) at the end of each chapter with
its "Run it yourself" links, and the version in every footer."""

from __future__ import annotations

import html

from double_ally.book.sphinxext.notebooks import NOTEBOOKS, is_notebook


def add_citation(app, pagename: str, context: dict) -> None:
    """Meta tags for reference managers in the head, and a "Cite this chapter" block at the end."""
    from double_ally.book import cite
    from double_ally.core import citation

    title = app.env.titles[pagename].astext() if pagename in app.env.titles else context.get("title", "")
    context["metatags"] = context.get("metatags", "") + "\n" + cite.highwire_tags(title, pagename) + "\n" + \
        cite.json_ld(title, pagename) + "\n"
    if pagename == app.config.root_doc:
        item, bib, what = cite.csl_item(), cite.bibtex(), "this book"
    else:
        item, bib, what = cite.csl_item(title, pagename), cite.bibtex(title, pagename), "this chapter"
    m = citation.metadata()
    pathto = context["pathto"]
    notebook = ""
    if is_notebook(app, pagename):
        href = pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)
        notebook = f' · <a class="da-notebook" href="{href}" download>This chapter as a notebook (.ipynb)</a>'
    from double_ally.book.publish import launch_links

    if is_notebook(app, pagename):
        runs = [f'<a class="da-launch-{k.lower()}" href="{html.escape(v)}">{k}</a>'
                for k, v in launch_links(pagename).items()]
        runs.append(f'<a class="da-notebook" href="{pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)}" download>'
                    "the notebook (.ipynb)</a>")
        context["body"] += (f'<p class="da-launch">Run this chapter yourself: {" · ".join(runs)}. '
                            f'See <a href="{pathto("book/reproduce")}">Reproduce this book</a>.</p>')
    styles = "".join(
        f'<p class="da-cite-style"><span class="da-cite-label">{name}</span> {cite.formatted(item, name)}</p>'
        for name in cite.STYLES
    )
    context["body"] += (
        f'<section class="da-cite" id="cite-{what.split()[-1]}"><h2>Cite {what}</h2>{styles}'
        f'<div class="highlight-bibtex notranslate"><div class="highlight"><pre>{html.escape(bib)}</pre></div></div>'
        f'<p class="da-cite-version">Version {html.escape(str(m["version"]))}, released {html.escape(str(m["date"]))}. '
        f'<a href="{pathto("book/cite")}">How to cite a specific version</a> · '
        f'<a href="{pathto(cite.PDF_NAME, 1)}">PDF edition</a>{notebook}</p></section>'
    )


def version_footer(app, config) -> None:
    """The version and release date in every page's footer, from CITATION.cff."""
    from double_ally.core import citation

    m = citation.metadata()
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + (
        f'<p>Version {html.escape(str(m["version"]))}, released {html.escape(str(m["date"]))}.</p>'
    )
    config.html_theme_options = options


