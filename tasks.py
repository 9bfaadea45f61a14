#!/usr/bin/env python3
"""The book's commands. Needs only Python 3.11+; everything else goes into ./.venv.

    python3 tasks.py book      set up (once) and build the book strictly; prints where the HTML is
                               (--clean: from scratch; --out DIR: build into DIR/_build instead)
    python3 tasks.py test      set up (once), lint (ruff) and run the test suite
    python3 tasks.py pdf       build the PDF edition (needs XeLaTeX) into _build/html/double-ally-examined.pdf
                               and a PDF of each page, cut from it, into _build/html/_pdf/book/
    python3 tasks.py derive    re-derive data/ from the raw sources ($DOUBLE_ALLY_RAW, default ./raw) and data/claims.csv
    python3 tasks.py bench     measure build, rebuild, test and page-weight figures
    python3 tasks.py lab       open the book's sources in JupyterLab: each chapter opens as a notebook,
                               its text drawn as MyST (jupyterlab-myst), to edit and re-run in place
    python3 tasks.py freeze    rewrite requirements.txt and requirements-cff.txt, with hashes, from the environments

Every command is idempotent: setup is skipped while requirements.txt and pyproject.toml are unchanged.
Every install is hash-checked: pip takes only the files whose sha256 the requirements files name.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import venv
from itertools import takewhile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".requirements.sha256"
CFF_VENV = ROOT / ".venv-cff"  # cffconvert needs jsonschema<4, the book jsonschema 4: two environments
BUILD_DIR = ROOT / "_build"
HTML_INDEX = BUILD_DIR / "html" / "index.html"
JB = BIN / ("jupyter-book.exe" if os.name == "nt" else "jupyter-book")
CFF_PY = CFF_VENV / PY.relative_to(VENV)


def run(*args: str | os.PathLike, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def _requirements_hash() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.txt", "requirements-cff.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


BOOTSTRAP = ("pip", "setuptools", "wheel")  # installed first, so that no later step runs an unpinned tool
UV = "uv==0.13.9"  # writes the hashed requirements files (python3 tasks.py freeze), in a throwaway environment


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned(path: Path, names) -> str:
    """The lines of the named packages (each with its hashes) in a requirements file written by freeze."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:1].isspace() and current is not None:
            current.append(line)
        elif line and not line.startswith(("#", "-")):
            current = blocks.setdefault(_normalize(re.split(r"[=<>!~;\[\s]", line, maxsplit=1)[0]), [])
            current.append(line)
        else:
            current = None
    return "".join("\n".join(blocks[_normalize(n)]) + "\n" for n in names if _normalize(n) in blocks)


def _install_hashed(python: Path, requirements: str) -> None:
    """Install a requirements file in hash-checking mode: its pinned pip and setuptools first, then
    everything, building any source distribution with those (no unpinned build environment)."""
    with tempfile.TemporaryDirectory() as tmp:
        bootstrap = Path(tmp) / "bootstrap.txt"
        bootstrap.write_text(pinned(ROOT / requirements, BOOTSTRAP), encoding="utf-8")
        run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", bootstrap)
    run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-build-isolation", "-r", requirements)


def setup() -> None:
    """Create .venv and install the pinned requirements, unless already done for these files."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]}).")
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = _requirements_hash()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    _install_hashed(PY, "requirements.txt")
    # The book's own package: a folder has no single file to hash, so it is installed on its own,
    # without dependencies (all of them are pinned above) and with the pinned setuptools.
    run(PY, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "-e", ".")
    if not (CFF_VENV / "bin").exists() and not (CFF_VENV / "Scripts").exists():
        venv.create(CFF_VENV, with_pip=True)
    _install_hashed(CFF_PY, "requirements-cff.txt")
    STAMP.write_text(wanted)


def _terminated(signum, frame):
    raise SystemExit(128 + signum)


def _end_group(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """End the child's whole process group: SIGTERM, then SIGKILL for whatever is still there."""
    if not hasattr(os, "killpg"):  # Windows: no process groups to signal
        proc.kill()
        proc.wait()
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
    proc.wait()


LIVE: set[subprocess.Popen] = set()  # the process groups run_group has started and not yet seen end


def end_all() -> None:
    """End every process group still running (from any thread): for a caller that stops early."""
    for proc in list(LIVE):
        _end_group(proc)


def run_group(args: list[str], on_line=None, **kwargs) -> tuple[int, str]:
    """Run ``args`` in a process group of its own and return (exit code, its output, stdout and stderr).
    Each line goes to ``on_line`` as it comes. If this process is interrupted (Ctrl-C) or terminated
    (SIGTERM), the whole group ends with it, so no build or kernel outlives the command."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, **kwargs)
    LIVE.add(proc)
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if main_thread else None
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if on_line:
                on_line(line)
        return proc.wait(), "".join(lines)
    except BaseException:
        _end_group(proc)
        raise
    finally:
        LIVE.discard(proc)
        proc.stdout.close()
        if main_thread:
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


OFFLINE = ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$@"', "offline"]


def build(source: Path = ROOT, out: Path | None = None, env: dict | None = None,
          echo: bool = True, offline: bool = False, builder: str = "html", runner=run_group) -> tuple[int, str]:
    """Build the book strictly; return (exit code, output). On failure, say where it failed.

    ``offline`` runs the build in a new network namespace with only loopback (Linux, as root):
    proof that the build needs no network. ``runner`` runs the command (``run_group``: a process of
    its own; the tests' tiny books use one with the same signature that forks it).
    """
    args = [str(JB), "build", str(source), "--warningiserror", "--nitpick", "--keep-going", "--builder", builder]
    if out is not None:
        args += ["--path-output", str(out)]
    if offline:
        args = OFFLINE + args
    build_dir = Path(out or source) / "_build"
    fingerprint = invalidate_stale_cache(build_dir, env)  # never reuse outputs computed from other inputs
    code, output = runner(args, cwd=source, env={**os.environ, **(env or {})},
                          on_line=(lambda line: print(line, end="", flush=True)) if echo else None)
    if code == 0:
        (build_dir / STAMP_NAME).write_text(fingerprint)
    else:
        summary = failure_summary(output)
        output += summary
        if echo:
            print(summary, flush=True)
    return code, output


def failure_summary(output: str) -> str:
    """One paragraph a newcomer can act on: which chapter, which cell, which error or warning."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    found = []
    chapters = re.findall(r"^\S*\.ExecutionError: (\S+)$", text, re.M)
    cells = re.findall(r"An error occurred while executing the following cell:\n-+\n(.*?)\n-+\n", text, re.S)
    errors = [f"{k}: {m}" for k, m in re.findall(r"^(\w+(?:Error|Exception|Missing)): (.+)$", text, re.M)
              if k not in {"CellExecutionError", "ExecutionError"}]
    for i, chapter in enumerate(dict.fromkeys(chapters)):
        first_line = cells[i].strip().splitlines()[0] if i < len(cells) else "?"
        error = f" and raised {errors[0]}" if errors else ""
        found.append(f"- {chapter}: the cell starting {first_line!r} failed{error}")
    for warning in dict.fromkeys(re.findall(r"(\S+: ?WARNING: .+)$", text, re.M)):
        found.append(f"- {warning}")
    if not found:
        found.append("- see the messages above")
    return ("\nBUILD FAILED (strict build: every warning and every failing cell is an error):\n"
            + "\n".join(found) + "\n")


def data_dir(env: dict | None = None) -> Path:
    """The data package a build reads: ``$DOUBLE_ALLY_DATA`` (from ``env`` or this process), else data/."""
    value = (env or {}).get("DOUBLE_ALLY_DATA") or os.environ.get("DOUBLE_ALLY_DATA")
    return Path(value).resolve() if value else ROOT / "data"


def inputs_fingerprint(env: dict | None = None) -> str:
    """Hash of everything a chapter's outputs depend on besides its own code: the package's code, and the
    data package the build reads (where it is, and every file in it)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "double_ally").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    data = data_dir(env)
    digest.update(b"data\0" + str(data).encode() + b"\0")
    for path in sorted(p for p in data.glob("*") if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


STAMP_NAME = ".inputs.sha256"


def invalidate_stale_cache(build_dir: Path = BUILD_DIR, env: dict | None = None) -> str:
    """The execution cache keys on each notebook's code only, and Sphinx re-reads only edited files;
    when the package or the data change, every chapter must run again, so both are dropped.
    Returns the fingerprint to record once the build has succeeded."""
    stamp = build_dir / STAMP_NAME
    wanted = inputs_fingerprint(env)
    if not (stamp.exists() and stamp.read_text() == wanted):
        for name in (".jupyter_cache", ".doctrees"):
            shutil.rmtree(build_dir / name, ignore_errors=True)
        stamp.unlink(missing_ok=True)
    return wanted


def book(clean: bool = False, out: Path | None = None) -> None:
    """Build into ``_build/`` (or ``<out>/_build/``, so that several builds can run side by side)."""
    setup()
    build_dir = (out / "_build") if out else BUILD_DIR
    if clean and build_dir.exists():
        shutil.rmtree(build_dir)
    code, _ = build(out=out)  # build() drops the execution cache when the code or the data changed
    if code != 0:
        sys.exit(code)
    print(f"\nThe book is at {build_dir / 'html' / 'index.html'}\n(open it in a browser; it needs no network)")


PDF_NAME = "double-ally-examined.pdf"


# A PDF's link and citation_pdf_url wait in every page inside this comment, which names the PDF, until
# that PDF exists (double_ally.book.sphinxext.citing.dormant writes it).
DORMANT_PDF = re.compile(r"<!--da-pdf\[([^\]<>]+)\]:(.*?)-->", re.S)
CHAPTER_PDFS = "_pdf"  # double_ally.book.sphinxext.citing.PDF_DIR


def wake_pdf_links(html_dir: Path) -> int:
    """Make the dormant links and tags of every page live whose PDF is in ``html_dir``; returns how many
    pages changed."""
    def wake(match: re.Match) -> str:
        return match.group(2) if (html_dir / match.group(1)).is_file() else match.group(0)

    woken = 0
    for page in sorted(html_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        live = DORMANT_PDF.sub(wake, text)
        if live != text:
            page.write_text(live, encoding="utf-8")
            woken += 1
    return woken


def pdf(out: Path | None = None, echo: bool = True, source: Path = ROOT) -> Path:
    """The PDF edition, from the same executed notebooks (charts as static images), and a PDF of each
    page (under ``_pdf/book/``: its pages cut from the book's, with the book's page numbers, and the
    book's bibliography; ``double_ally.book.pdf_pages``), copied into the HTML site, whose pages offer
    them (the "PDF edition" and "This chapter as PDF" links and ``citation_pdf_url``, dormant until now)
    once they are there.
    Needs XeLaTeX and latexmk
    (Debian: texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-science latexmk) and
    the FreeSerif font (Debian: fonts-freefont-otf)."""
    install = ("apt-get install texlive-xetex texlive-latex-recommended texlive-latex-extra "
               "texlive-fonts-recommended texlive-science texlive-plain-generic latexmk fonts-freefont-otf")
    if not shutil.which("xelatex") or not shutil.which("latexmk"):
        sys.exit(f"The PDF edition needs xelatex and latexmk; on Debian/Ubuntu: {install}")
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list", ":family=FreeSerif"], capture_output=True, text=True).stdout
        if not fonts.strip():
            sys.exit(f"The PDF edition needs the FreeSerif font (Sphinx's XeLaTeX preamble sets it); "
                     f"on Debian/Ubuntu: {install}")
    build_dir = (out or source) / "_build"
    # latexmk keeps its own state: after a failed run it reports "Nothing to do" with an error until
    # the LaTeX folder is gone, so every PDF build starts from a clean one.
    shutil.rmtree(build_dir / "latex", ignore_errors=True)
    code, output = build(source=source, out=out, builder="pdflatex", echo=echo)
    made = build_dir / "latex" / PDF_NAME
    if code != 0 or not made.is_file():
        sys.exit(f"the PDF edition failed (exit {code}):\n{output[-3000:]}")
    html = build_dir / "html"
    html.mkdir(parents=True, exist_ok=True)
    shutil.copy(made, html / PDF_NAME)
    shutil.rmtree(html / CHAPTER_PDFS, ignore_errors=True)
    run(PY, "-m", "double_ally.book.pdf_pages", made, html / CHAPTER_PDFS)  # _pdf/<docname>.pdf
    wake_pdf_links(html)
    return html / PDF_NAME


def pytest_args(extra: list[str]) -> list[str]:
    """The test command's pytest arguments: the tests spread over the machine's cores (pytest-xdist, one
    process per core; the session's one build of the book is shared, see tests/conftest.py), unless the
    caller chose otherwise (``-n 0``, ``-n 4``, ``-p no:xdist``)."""
    chosen = any(a.startswith(("-n", "--numprocesses")) or a.endswith("no:xdist") for a in extra)
    return list(extra) if chosen else ["-n", "auto", *extra]


def test(extra: list[str]) -> None:
    setup()
    run(PY, "-m", "pytest", *pytest_args(extra))  # tests/test_lint.py runs ruff with ruff.toml


def derive() -> None:
    setup()
    run(PY, "-m", "double_ally", "derive")  # the tables, then the claims register that follows from them


def bench() -> None:
    setup()
    run(PY, str(ROOT / "tests" / "benchmark.py"))


# JupyterLab opens a chapter's MyST file (book/<chapter>.md) as a notebook with Jupytext's viewer, and
# jupyterlab-myst draws its text (directives, admonitions, citations) as the book does.
LAB_OVERRIDES = {"@jupyterlab/docmanager-extension:plugin": {
    "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}


def lab_overrides(venv_dir: Path = VENV) -> Path:
    """Write JupyterLab's settings overrides in the environment (``share/jupyter/lab/settings``), so
    that a .md file opens as a notebook; other overrides already there are kept."""
    import json

    path = venv_dir / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    merged = {**current, **{k: {**current.get(k, {}), **v} for k, v in LAB_OVERRIDES.items()}}
    if merged != current:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    return path


def lab_command(extra: list[str] | None = None) -> list[str]:
    """JupyterLab serving the repository, opened on the book's first chapter; ``extra`` goes to it as
    given (e.g. ``--no-browser``, ``--port 8899``)."""
    return [str(PY), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
            "--LabApp.default_url=/lab/tree/book/intro.md", *(extra or [])]


def lab(extra: list[str]) -> None:
    setup()
    lab_overrides()
    run(*lab_command(extra))


def _compile(tool: Path, python: Path, target: Path, workdir: Path) -> None:
    """Rewrite ``target`` with exactly what ``python``'s environment holds, each version with the sha256
    of every file published for it (all platforms), resolved for every platform (--universal: the
    dependencies that only macOS or Windows need are pinned too). The file's opening comments stay."""
    frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--all", "--exclude-editable"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    pins = [line for line in frozen.splitlines()
            if "==" in line and _normalize(line.split("==")[0]) != _normalize("double_ally")]
    version = subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    source, out = workdir / f"{target.name}.in", workdir / target.name
    source.write_text("\n".join(pins) + "\n", encoding="utf-8")
    run(tool, "-m", "uv", "pip", "compile", "--quiet", "--no-config", "--universal", "--python-version", version,
        "--generate-hashes", "--no-annotate", "--no-header", "--output-file", out, source)
    opening = takewhile(lambda line: line.startswith("#"), target.read_text(encoding="utf-8").splitlines())
    target.write_text("".join(f"{line}\n" for line in opening) + out.read_text(encoding="utf-8"), encoding="utf-8")


def freeze() -> None:
    """Rewrite requirements.txt and requirements-cff.txt from .venv and .venv-cff, with hashes."""
    setup()
    with tempfile.TemporaryDirectory() as tmp:
        tools = Path(tmp) / "tools"
        venv.create(tools, with_pip=True)
        tool = tools / PY.relative_to(VENV)
        run(tool, "-m", "pip", "install", "--quiet", UV)
        _compile(tool, PY, ROOT / "requirements.txt", Path(tmp))
        _compile(tool, CFF_PY, ROOT / "requirements-cff.txt", Path(tmp))
    STAMP.write_text(_requirements_hash())


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return
    command, rest = argv[0], argv[1:]
    if command == "book":
        out = Path(rest[rest.index("--out") + 1]).resolve() if "--out" in rest else None
        book(clean="--clean" in rest, out=out)
    elif command == "test":
        test(rest)
    elif command == "derive":
        derive()
    elif command == "pdf":
        setup()
        print(f"The PDF edition is at {pdf()}")
    elif command == "bench":
        bench()
    elif command == "lab":
        lab(rest)
    elif command == "freeze":
        freeze()
    else:
        sys.exit(f"unknown command {command!r}\n{__doc__}")


if __name__ == "__main__":
    main(sys.argv[1:])
