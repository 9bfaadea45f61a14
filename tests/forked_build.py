"""The tiny books' builds: the command ``tasks.build`` gives, run in a child forked from one process that
has already imported Jupyter Book, Sphinx and the theme and extensions the configuration names.

A test run builds about ten tiny books (each checks that one fault fails the build, or one behaviour of
it). Started as a command of its own, each build spends about 3 of its 7 seconds importing the same
libraries again. Here one process per test worker imports them once; for each build it forks a child,
which runs Jupyter Book's own command-line entry point (``jupyter_book.cli.main:main``, what the
``jupyter-book`` script calls) with the same arguments, in the book's folder, with the build's
environment, in a session of its own (its kernels with it), its output written to a file. The parent
imports nothing of this package (``double_ally`` reads its environment when it is imported) and starts
no thread (a fork copies only the thread that calls it), so each child starts as a fresh ``jupyter-book``
process would, past its imports. The session's book and the PDF edition are built by the command itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

SERVER = """
import json, os, sys, traceback
import jupyter_book.cli.main as cli
import jupyter_book.sphinx, myst_nb, sphinx.application, sphinx_book_theme, sphinxcontrib.bibtex  # noqa
for line in sys.stdin:
    request = json.loads(line)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setsid()
            os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
            os.dup2(log, 1)
            os.dup2(log, 2)
            os.chdir(request["cwd"])
            os.environ.clear()
            os.environ.update(request["env"])
            sys.argv = request["args"]
            cli.main(request["args"][1:], prog_name=os.path.basename(request["args"][0]))
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(log)
    print(json.dumps({"pid": pid}), flush=True)
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), flush=True)
"""


class ForkedBuilds:
    """``run(args, on_line=None, cwd=..., env=...) -> (exit code, output)``, as ``tasks.run_group``: the
    ``runner`` that ``tasks.build`` takes. One build at a time; ``close`` ends the server."""

    def __init__(self, python: Path, command: Path):
        self.command = str(command)
        # -P: the folder the server starts in is not put on the search path (the command's is not either)
        self.server = subprocess.Popen([str(python), "-P", "-c", SERVER], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True, start_new_session=True)
        self.lock = threading.Lock()

    def _reply(self, key: str) -> int:
        line = self.server.stdout.readline()
        if not line:
            raise RuntimeError(f"the build server ended (exit code {self.server.poll()}) before it said {key!r}")
        return json.loads(line)[key]

    def run(self, args, on_line=None, cwd=None, env=None) -> tuple[int, str]:
        args = [str(a) for a in args]
        if args[0] != self.command:
            raise ValueError(f"the build server runs {self.command} only, not {args[0]} (an offline build?)")
        with self.lock, tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "output.txt"
            request = {"args": args, "cwd": str(cwd or os.getcwd()), "env": dict(os.environ if env is None else env),
                       "log": str(log)}
            self.server.stdin.write(json.dumps(request) + "\n")
            self.server.stdin.flush()
            pid = self._reply("pid")
            try:
                code = self._reply("code")
            except BaseException:  # interrupted: end the build and the server, whose state is unknown
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
                self.server.kill()
                raise
            output = log.read_text(encoding="utf-8", errors="replace")
        if on_line:
            for line in output.splitlines(keepends=True):
                on_line(line)
        return code, output

    def close(self) -> None:
        self.server.stdin.close()
        try:
            self.server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
        self.server.stdout.close()
