import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def repo() -> pathlib.Path:
    return REPO


def listed_names(repo: pathlib.Path, list_id: str, every: int, limit: int) -> list[tuple[str, str]]:
    """(name, first country) of every `every`-th entry of a bundled list, from static/lists."""
    out = []
    lines = (repo / "static" / "lists" / f"{list_id}.tsv").read_text(encoding="utf-8").splitlines()
    entries = [l.split("\t") for l in lines if l and not l.startswith(("catchall-list", "meta\t"))]
    for p in entries[::every][:limit]:
        out.append((p[2], p[5].split("|")[0] if len(p) > 5 else ""))
    return out
