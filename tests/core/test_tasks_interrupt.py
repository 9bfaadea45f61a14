"""tasks.run_group: the build runs in a process group of its own, and ends whole with its command."""

import contextlib
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

import tasks
from conftest import ROOT

# The command that tasks.run_group runs: a child that starts a grandchild and waits, as jupyter-book
# starts Sphinx, kernels and LaTeX. Both print their process ids.
CHILD = ("import os, subprocess, sys, time\n"
         "grandchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
         "print(os.getpid(), grandchild.pid, flush=True)\n"
         "time.sleep(60)\n")
# The command a user runs (python3 tasks.py book, in small): it runs CHILD through run_group.
PARENT = ("import signal, sys\n"
          "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
          f"sys.path.insert(0, {str(ROOT)!r})\n"
          "import tasks\n"
          f"tasks.run_group([sys.executable, '-c', {CHILD!r}], on_line=lambda line: print(line, end='', flush=True))\n")


def gone(pid: int, within: float = 3.0) -> bool:
    """Whether the process has ended (an unreaped zombie counts as ended) within the given seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_the_command_ends_the_whole_process_group(sig):
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    started = []
    try:
        child, grandchild = (int(pid) for pid in parent.stdout.readline().split())
        started += [psutil.Process(child), psutil.Process(grandchild)]
        assert os.getpgid(child) == child != os.getpgid(parent.pid), "the child leads a process group of its own"
        assert os.getpgid(grandchild) == child
        parent.send_signal(sig)
        code = parent.wait(timeout=10)
        assert code == (128 + signal.SIGTERM if sig == signal.SIGTERM else -signal.SIGINT), parent.stderr.read()
        assert gone(child) and gone(grandchild), "a process of the build outlived the command"
    finally:
        parent.kill()
        parent.wait()
        for process in started:  # psutil checks that the id still names the process it found
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        parent.stdout.close()
        parent.stderr.close()


def test_run_group_returns_the_exit_code_and_the_output_in_order():
    seen = []
    code, output = tasks.run_group([sys.executable, "-c", "import sys; print('one', flush=True); "
                                    "print('two', file=sys.stderr, flush=True); sys.exit(3)"], on_line=seen.append)
    assert (code, output, seen) == (3, "one\ntwo\n", ["one\n", "two\n"])


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_end_all_ends_a_group_that_a_thread_started():
    """The test session's build runs in a thread; a run that stops early ends it with tasks.end_all."""
    import threading

    pids, result = [], {}

    def in_thread():
        result["code"] = tasks.run_group([sys.executable, "-c", CHILD],
                                         on_line=lambda line: pids.extend(int(p) for p in line.split()))[0]

    thread = threading.Thread(target=in_thread, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while len(pids) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pids) == 2 and tasks.LIVE, "the child did not start"
    tasks.end_all()
    thread.join(timeout=15)
    assert not thread.is_alive() and result["code"] != 0 and not tasks.LIVE
    assert gone(pids[0]) and gone(pids[1]), "a process of the group outlived end_all"
