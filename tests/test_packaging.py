"""What a regular (not editable) install ships: every data file the code reads is package data."""
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_data_file_is_listed_as_package_data():
    """spoken_forms.tsv (stop 55) was read by the code but not listed: an editable install (CI, the
    setup script) found it, `pip install .` would not have."""
    listed = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    for package, folder in (("rag.data", REPO / "rag" / "data"), ("embeddings", REPO / "embeddings")):
        present = {p.name for p in folder.iterdir() if p.is_file() and not p.name.endswith((".py", ".pyc"))}
        assert present <= set(listed[package]), sorted(present - set(listed[package]))
        assert set(listed[package]) <= present, sorted(set(listed[package]) - present)    # no stale name
