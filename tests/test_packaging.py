"""The package's metadata as pip builds it: nothing deprecated for setuptools to warn about."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_license_is_an_spdx_expression_with_a_setuptools_that_reads_it():
    """A table (`{ text = "MIT" }`) made `pip install` warn three times that it is
    deprecated; setuptools 77 reads the SPDX string of PEP 639."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    wanted = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    found = re.fullmatch(r"setuptools>=(\d+)", wanted[0])
    assert found and int(found.group(1)) >= 77, wanted
