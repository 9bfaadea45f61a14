"""What every chapter shares; it imports no chapter and nothing of ``double_ally.book``.

* ``paths`` -- where the project's own files are (``ROOT``, ``DATA_DIR``, ``BIB_DIR`` ...);
* ``sources`` -- the raw publisher files, read from every ``raw.yaml``; ``require(key)`` returns a
  file's path after checking its sha256; ``raw.yaml`` here lists the files several chapters read;
* ``datapackage`` -- ``Table``, ``Field``, ``Source`` read from a chapter's ``tables.yaml``, and the
  Frictionless descriptors they become;
* ``derive`` -- ``build(tables)`` derives CSV bytes in memory, ``write(tables)`` validates and writes
  ``data/*.csv`` and ``data/datapackage.json``;
* ``validate`` -- a table's bytes against its descriptor, errors naming file, line and column;
* ``data`` -- ``load(name)``: the one door to a derived table (validated once per file content, typed);
* ``countries`` -- publishers' country names -> ISO 3166 alpha-3 codes;
* ``pages`` -- ``replace_weak(frame, url_col, publisher_col)``: a better page for a fact first found on a
  weak one (``page_replacements.yaml`` says which, per fact); ``page_classes`` -- the quality class of a
  cited page (primary, agency or newspaper, reference, mirror) by the rules of ``page_classes.yaml``;
* ``bibliography`` -- the keys of ``book/bib/*.bib`` (every table source must cite one);
* ``citation`` -- the book's metadata from CITATION.cff;
* ``charts`` -- the house theme, ``figure(chart, title=, source=, alt_text=, name=)`` and the renderer;
* ``verdicts`` -- ``Verdict``, ``Claim``, the ``@claim`` mark and the ``Tables`` mapping a rule reads.
"""
