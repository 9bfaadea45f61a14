"""The package's build: pyproject.toml declares it; this file adds one step to building a wheel.

The package reads some of the project's own files (the citation metadata, the table of contents, the
bibliography, the pinned requirements and the derived tables). In a checkout it reads them where they
are; a wheel carries a copy of them in ``double_ally/_project/``, so that the installed package works
in any folder (see ``double_ally.core.paths``). The copies are made at build time, never committed.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
PROJECT_FILES = ("CITATION.cff", "_toc.yml", "requirements.txt", "pyproject.toml", "book/bib/*.bib", "data/*",
                 "book/releases/*.csv", "tests/benchmark_results.json")  # earlier registers; measured run times


class BuildWithProjectFiles(build_py):
    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the checkout itself
            return
        target = Path(self.build_lib) / "double_ally" / "_project"
        for pattern in PROJECT_FILES:
            for path in sorted(HERE.glob(pattern)):
                if path.is_file():
                    out = target / path.relative_to(HERE)
                    out.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, out)


setup(cmdclass={"build_py": BuildWithProjectFiles})
