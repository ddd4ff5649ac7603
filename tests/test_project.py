"""Cheap guards: migrations, checks, and the README naming the commands that exist."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
def test_no_missing_migrations():
    out = StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)

    assert out.getvalue().strip() == "No changes detected"


def test_system_checks_are_clean():
    out = StringIO()

    call_command("check", stdout=out)

    assert out.getvalue().strip() == "System check identified no issues (0 silenced)."


def test_readme_names_make_targets_that_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))

    named = set(re.findall(r"\bmake ([a-z][a-z-]*)", readme))

    assert {"run", "test"} <= named
    assert named - targets == set()


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_seed_documents_are_in_the_project():
    assert len(list((ROOT / "seeds").glob("*.txt"))) == 5
