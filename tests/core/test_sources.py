"""A missing raw file gives a message that says which file and where to get it, not a traceback."""

import os
import subprocess
import sys

import pytest

from double_ally.core import sources


def test_require_names_file_publisher_and_remedy(tmp_path, monkeypatch):
    monkeypatch.setenv(sources.ENV_VAR, str(tmp_path))
    with pytest.raises(sources.RawSourceMissing) as err:
        sources.require("dots_bilateral")
    message = str(err.value)
    assert "imf_dots_kor_rus_bilateral_annual_1992_2020.csv" in message
    assert "International Monetary Fund" in message
    assert "https://data.imf.org/" in message
    assert sources.ENV_VAR in message and str(tmp_path) in message


def test_derive_command_without_raw_sources_exits_cleanly(tmp_path):
    env = {**os.environ, sources.ENV_VAR: str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "double_ally", "derive"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "Raw source file missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_default_raw_folder_is_inside_the_repository(monkeypatch):
    monkeypatch.delenv(sources.ENV_VAR, raising=False)
    assert sources.raw_dir() == sources.DEFAULT_RAW_DIR


def test_every_raw_file_says_where_to_obtain_it():
    for raw in sources.registry().values():
        assert raw.publisher, raw.key
        assert "http" in raw.obtain or "source_url" in raw.obtain, raw.key


def test_a_raw_file_with_another_digest_is_refused_by_name(tmp_path, monkeypatch):
    raw = sources.registry()["dots_bilateral"]
    target = tmp_path / raw.relpath
    target.parent.mkdir(parents=True)
    target.write_text("year,value\n2020,1\n", encoding="utf-8")
    monkeypatch.setenv(sources.ENV_VAR, str(tmp_path))
    with pytest.raises(sources.RawSourceChanged) as err:
        sources.require("dots_bilateral")
    message = str(err.value)
    assert raw.relpath.split("/")[-1] in message and raw.sha256 in message and raw.listed_in in message


def test_every_raw_file_is_described_once_with_digest_and_size():
    for path in sources.metadata_files():
        assert path.is_file(), path
    for raw in sources.registry().values():
        assert len(raw.sha256) == 64 and int(raw.sha256, 16) >= 0, raw.key
        assert raw.bytes > 0 and raw.collection, raw.key
