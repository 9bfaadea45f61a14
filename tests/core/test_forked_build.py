"""The tiny books' build server (tests/forked_build.py) runs the ``jupyter-book`` command as the command
itself does: the same exit code and output, in the folder it is given. (The environment it is given
reaching the build's kernels is what tests/core/test_cache_key.py and the corrupted-table test of
tests/book/test_build.py check, with a data folder named by DOUBLE_ALLY_DATA.)"""

from __future__ import annotations

import pytest

import tasks
from forked_build import ForkedBuilds


@pytest.fixture(scope="module")
def server():
    builds = ForkedBuilds(tasks.PY, tasks.JB)
    yield builds
    builds.close()


def test_a_refused_command_gives_the_same_code_and_output_as_the_command_itself(server, tmp_path):
    args = [tasks.JB, "build", "missing-folder", "--warningiserror"]  # relative: read from cwd
    started = tasks.run_group(args, cwd=tmp_path)
    forked = server.run(args, cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    assert started[0] == forked[0] == 2
    assert forked[1] == started[1] and "'missing-folder' does not exist" in forked[1]


def test_each_build_runs_in_the_folder_it_is_given(server, tmp_path):
    (tmp_path / "present").mkdir()  # found from tmp_path: the command goes on to its next check
    lines = []
    code, output = server.run([tasks.JB, "build", "present", "--builder", "no-such-builder"], on_line=lines.append,
                              cwd=tmp_path, env={"PATH": "/usr/bin:/bin"})
    assert code == 2 and "'no-such-builder' is not one of" in output and "".join(lines) == output
    # the folder of the earlier request is not kept: the path is read again where this request says
    code, output = server.run([tasks.JB, "build", "present"], cwd=tmp_path / "present", env={})
    assert code == 2 and "'present' does not exist" in output


def test_only_the_build_command_is_served(server):
    with pytest.raises(ValueError, match="runs .*jupyter-book only"):
        server.run(tasks.OFFLINE + [tasks.JB, "build", "."])
