"""Double Ally, examined: the logic behind the book's chapters.

The chapters import from here; nothing here imports a chapter.

* ``double_ally.core.data.load``      -- the one door to the derived tables (validated, typed)
* ``double_ally.core.derive``         -- raw publisher files -> ``data/*.csv`` + ``datapackage.json``
* ``double_ally.analysis``       -- small pure functions used by the chapters
* ``double_ally.core.charts``         -- the house chart theme and the offline chart renderer
"""

__all__ = ["__version__"]
__version__ = "0.2.0"

# Set by the book build (double_ally.book.sphinxext) so that charts render for the web page.
BOOK_BUILD_ENV = "DOUBLE_ALLY_BOOK_BUILD"
