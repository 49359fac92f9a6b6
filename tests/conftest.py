"""Shared fixtures: paths to the repo's examples and to ../shared/eval (skipped where absent)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED_EVAL = REPO.parent / "shared" / "eval"


def shared_eval_file(name: str) -> Path:
    """A file of ../shared/eval, or skip the test saying why."""
    path = SHARED_EVAL / name
    if not path.exists():
        pytest.skip(f"{path} is absent: the gold passages live in ../shared/eval beside the clone")
    return path


@pytest.fixture(scope="session")
def seed_article() -> dict:
    """The sample article given with the project (dev.jsonl, id seed-belarus)."""
    with shared_eval_file("dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["id"] == "seed-belarus":
                return record
    pytest.skip("seed-belarus is not in ../shared/eval/dev.jsonl")


@pytest.fixture(scope="session")
def nlp():
    """The newskg spaCy pipeline (real model), built once per test session."""
    from pipeline.nlp import get_nlp

    return get_nlp()
