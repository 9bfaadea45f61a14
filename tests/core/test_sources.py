"""A missing raw file gives a message that says which file and where to get it, not a traceback."""

import dataclasses
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


def test_a_raw_file_can_be_data_shipped_inside_an_installed_package(tmp_path, monkeypatch):
    folder = tmp_path / "da_made_up_rates"
    folder.mkdir()
    (folder / "__init__.py").write_text("", encoding="utf-8")
    data = folder / "rates.csv"
    data.write_bytes(b"day,rate\n1,2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv(sources.ENV_VAR, str(tmp_path / "raw folder without the file"))
    raw = sources.RawFile("made_up", "rates.csv", "A bank", "pip install da_made_up_rates (https://example.org)",
                          sources.file_sha256(data), 13, None, "test", "tests/raw.yaml", package="da_made_up_rates")
    absent = dataclasses.replace(raw, key="absent", package="da_no_such_package_installed")
    monkeypatch.setattr(sources, "registry", lambda: {"made_up": raw, "absent": absent})
    assert sources.require("made_up").resolve() == data.resolve()   # read inside the package, not the raw folder
    with pytest.raises(sources.RawSourceMissing):
        sources.require("absent")
    data.write_bytes(b"day,rate\n1,3\n")                            # same size, another digest
    with pytest.raises(sources.RawSourceChanged):
        sources.require("made_up")


def test_the_ecb_rates_are_read_from_the_pinned_package():
    raw = sources.registry()["ecb_euro_rates"]
    assert raw.package == "currency_converter"
    assert raw.path().is_file() and sources.file_sha256(raw.path()) == raw.sha256
