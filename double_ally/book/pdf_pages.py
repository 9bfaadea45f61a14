"""Each page's PDF cut from the PDF edition: its pages of the book, with the book's page numbers, followed
by the book's bibliography, so that a chapter's PDF and the book cite the same pages.

LaTeX records in the book's ``.aux`` file where every page (document) of the book starts: a label
``<docname>::doc`` with its printed page number and the anchor that the PDF names (``chapter.6``). A page
runs to the start of the next thing the PDF's outline or the ``.aux`` file names (the next page, the
bibliography, the index). ``python -m double_ally.book.pdf_pages BOOK_PDF OUT_DIR`` writes
``OUT_DIR/<docname>.pdf`` for every page but the book's front page.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

# \newlabel{book/trade::doc}{{6}{15}{Trade: three decades of Korea–Russia commerce}{chapter.6}{}}
_DOC_LABEL = re.compile(r"^\\newlabel\{(?P<doc>[^{}]+)::doc\}\{\{[^{}]*\}\{(?P<page>[^{}]*)\}"
                        r"\{(?P<title>(?:[^{}]|\{[^{}]*\})*)\}\{(?P<anchor>[^{}]+)\}")
BIBLIOGRAPHY = "Bibliography"  # the outline entry of the book's bibliography (Sphinx's LaTeX writer)
_BIBLIOGRAPHY = "::bibliography"  # its key among the docnames (no docname has this form)


class PdfPagesError(ValueError):
    """The PDF edition and its .aux file do not say where a page starts."""


@dataclasses.dataclass(frozen=True)
class Start:
    """Where one page of the book starts: its docname, title, printed page number and the PDF's anchor."""
    docname: str
    title: str
    label: str
    anchor: str


def starts(aux_text: str, aux_name: str = "aux") -> list[Start]:
    """The start of every page of the book that the ``.aux`` file records, in the file's order."""
    found = []
    for number, line in enumerate(aux_text.splitlines(), start=1):
        if "::doc}" not in line or not line.startswith("\\newlabel"):
            continue
        match = _DOC_LABEL.match(line)
        if match is None:
            raise PdfPagesError(f"{aux_name}, line {number}: a page label this code cannot read: {line[:200]}")
        found.append(Start(match["doc"], re.sub(r"[{}]", "", match["title"]), match["page"], match["anchor"]))
    if not found:
        raise PdfPagesError(f"{aux_name}: no page labels (<docname>::doc); is it the book's .aux file?")
    return found


def ranges(first_pages: dict[str, int], boundaries: set[int], page_count: int) -> dict[str, range]:
    """Each page's PDF page indices: from its first page to the next boundary (another page's start, an
    outline entry such as the bibliography) or the end of the book."""
    cuts = sorted({*first_pages.values(), *boundaries, page_count})
    return {doc: range(first, next(c for c in cuts if c > first)) for doc, first in first_pages.items()}


def _number(label: str) -> int:
    """A printed page number as a decimal page label starts it (a roman or empty label: 1)."""
    return int(label) if label.isdigit() else 1


def _outline_pages(reader) -> dict[int, str]:
    """The PDF page index of every top-level outline entry, with its title."""
    return {reader.get_destination_page_number(item): item.title
            for item in reader.outline if not isinstance(item, list)}


def split(book_pdf: Path, out_dir: Path, root: str | None = None) -> dict[str, Path]:
    """Write ``out_dir/<docname>.pdf`` for every page of the book except ``root`` (by default the first,
    the front page, whose PDF is the book's); returns {docname: path}. The ``.aux`` file that LaTeX wrote
    beside ``book_pdf`` says where each page starts."""
    from pypdf import PdfReader, PdfWriter

    aux = book_pdf.with_suffix(".aux")
    if not aux.is_file():
        raise PdfPagesError(f"{aux}: not found; the page PDFs are cut from a PDF that LaTeX built here")
    pages_of = starts(aux.read_text(encoding="utf-8"), aux.name)
    reader = PdfReader(book_pdf)
    named = reader.named_destinations
    first = {}
    for start in pages_of:
        if start.anchor not in named:
            raise PdfPagesError(f"{book_pdf.name}: no destination {start.anchor!r}, where {aux.name} says "
                                f"{start.docname} starts")
        first[start.docname] = reader.get_destination_page_number(named[start.anchor])
    outline = _outline_pages(reader)
    bibliography_start = {_BIBLIOGRAPHY: i for i, title in outline.items() if title == BIBLIOGRAPHY}
    spans = ranges({**first, **bibliography_start}, set(outline), len(reader.pages))
    bibliography = spans.pop(_BIBLIOGRAPHY, range(0))
    root = root or pages_of[0].docname
    info = reader.metadata or {}
    written = {}
    for start in pages_of:
        if start.docname == root:
            continue
        own = spans[start.docname]
        writer = PdfWriter()  # the pages with their links, the outline entries and named destinations on them
        writer.append(reader, pages=[*own, *bibliography], import_outline=True)
        # the reader's page numbers are the book's: the chapter's, then the bibliography's
        writer.set_page_label(0, len(own) - 1, style="/D", start=_number(reader.page_labels[own[0]]))
        if bibliography:
            writer.set_page_label(len(own), len(own) + len(bibliography) - 1, style="/D",
                                  start=_number(reader.page_labels[bibliography[0]]))
        pages = f"{reader.page_labels[own[0]]}–{reader.page_labels[own[-1]]}"
        title = outline.get(own[0], start.title)  # the bookmark's text is Unicode; the .aux title is LaTeX
        writer.add_metadata({"/Title": title, "/Author": str(info.get("/Author", "")),
                             "/Subject": f"{info.get('/Title', '')}, pp. {pages}",
                             "/Creator": str(info.get("/Creator", ""))})
        target = out_dir / f"{start.docname}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            writer.write(handle)
        written[start.docname] = target
    return written


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit("usage: python -m double_ally.book.pdf_pages BOOK_PDF OUT_DIR")
    book_pdf, out_dir = map(Path, argv)
    try:
        written = split(book_pdf, out_dir)
    except PdfPagesError as err:
        sys.exit(str(err))
    print(f"{len(written)} page PDFs cut from {book_pdf.name} into {out_dir}")


if __name__ == "__main__":
    main(sys.argv[1:])
