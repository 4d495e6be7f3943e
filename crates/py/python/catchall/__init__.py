"""Catchall: export-control and sanctions screening, the same Rust engine as the `catchall` CLI.

    import catchall
    catchall.match("Hassan Scientific Corporation", country="PK")   # hits, best first
    catchall.screen(shipment_dict)                                  # the report: verdict, findings
    catchall.match_batch(table)                                     # pyarrow Table / pandas DataFrame -> Arrow table
    catchall.lists()                                                # the loaded lists, with data dates
    catchall.import_lists(["sdn.csv", "add.csv", "alt.csv"])         # screen against newer official files

The lists are indexed once per process, on first use (about a second), and shared by every
thread. Screening releases the GIL; `match_batch` uses every core unless told otherwise.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _catchall

__all__ = ["screen", "match", "match_batch", "lists", "import_lists", "reset_lists", "load", "BATCH_COLUMNS"]

__version__ = _catchall.ENGINE_VERSION

#: The columns of the table `match_batch` returns, in order.
BATCH_COLUMNS = (
    "row",
    "name",
    "country",
    "outcome",
    "best_list",
    "entry_id",
    "listed_name",
    "score",
    "hits",
    "explanation",
    "error",
)


def load() -> int:
    """Builds the index now (otherwise the first screening does); returns the names indexed."""
    return _catchall.load()


def lists() -> list[dict[str, Any]]:
    """The loaded lists: id, name, publisher, url, date (of the data), entries, hash, licence."""
    return json.loads(_catchall.lists_json())


def match(
    name: str,
    country: Optional[str] = None,
    kind: Optional[str] = None,
    lists: Optional[Sequence[str]] = None,
) -> list[dict[str, Any]]:
    """Screens one name; returns its hits, best first.

    Each hit: score, match (bool), decision ("match" / "possible"), list, entry_id, name (as
    listed), matched_name (the listed name or alias that matched) and explanation. `country`
    is an ISO-2 code; `kind` one of person, organization, vessel, aircraft, unknown; `lists`
    restricts the search to those list ids.
    """
    return json.loads(_catchall.match_json(name, country, kind, list(lists) if lists is not None else None))


def screen(shipment: Union[Mapping[str, Any], str]) -> dict[str, Any]:
    """Screens a shipment (a dict, or its JSON text) as `catchall screen` does; returns the report.

    The report has "verdict" (STOP / LICENCE_REQUIRED / REVIEW / CLEAR), "findings" (each with
    its rule ID and citations), "obligations", "lists" and "rules_as_of". A bad shipment raises
    ValueError naming the field, e.g. "parties.end_user.country: unknown country code ...".
    """
    text = shipment if isinstance(shipment, str) else json.dumps(shipment)
    return json.loads(_catchall.screen_json(text))


def _column(table: Any, name: Optional[str], n: int) -> list:
    if name is None or name not in table.column_names:
        return [None] * n
    col = table.column(name)
    import pyarrow as pa

    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        col = col.cast(pa.string())
    return col.to_pylist()


def match_batch(
    table: Any,
    *,
    name: str = "name",
    country: Optional[str] = "country",
    kind: Optional[str] = "kind",
    lists: Optional[Sequence[str]] = None,
    threads: int = 0,
    keep: Iterable[str] = (),
):
    """Screens every row of a pyarrow Table, RecordBatch or pandas DataFrame; returns a pyarrow Table.

    `name` names the column of party names; `country` (ISO-2) and `kind` columns are used when
    present. One output row per input row, in input order, with the columns BATCH_COLUMNS:
    row (0-based position), name, country, outcome (MATCH / POSSIBLE / NO_HIT, or ERROR for a
    row that cannot be screened, with `error` saying why), the best hit's best_list, entry_id,
    listed_name and score (null without a hit), hits (how many), explanation (the best hit's,
    as JSON text). Columns named in `keep` are copied from the input (e.g. a customer id).
    `threads`: 0 = every core (in Spark, pass 1: Spark already runs one task per core).
    """
    import pyarrow as pa

    if not isinstance(table, (pa.Table, pa.RecordBatch)):
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - pandas absent
            pd = None
        if pd is not None and isinstance(table, pd.DataFrame):
            table = pa.Table.from_pandas(table, preserve_index=False)
        else:
            raise TypeError(f"match_batch takes a pyarrow Table, RecordBatch or pandas DataFrame, not {type(table).__name__}")
    if name not in table.column_names:
        raise ValueError(f"no {name!r} column (found: {', '.join(table.column_names)})")
    n = table.num_rows
    names = _column(table, name, n)
    countries = _column(table, country, n)
    kinds = _column(table, kind, n)
    outcome, best_list, entry_id, listed_name, score, hits, explanation, error = _catchall.match_batch_columns(
        names, countries, kinds, list(lists) if lists is not None else None, threads
    )
    columns = {
        "row": pa.array(range(n), pa.int64()),
        "name": pa.array(names, pa.string()),
        "country": pa.array(countries, pa.string()),
        "outcome": pa.array(outcome, pa.string()),
        "best_list": pa.array(best_list, pa.string()),
        "entry_id": pa.array(entry_id, pa.string()),
        "listed_name": pa.array(listed_name, pa.string()),
        "score": pa.array(score, pa.float64()),
        "hits": pa.array(hits, pa.int32()),
        "explanation": pa.array(explanation, pa.string()),
        "error": pa.array(error, pa.string()),
    }
    for k in keep:
        if k in columns:
            raise ValueError(f"keep: {k!r} is already an output column")
        columns[k] = table.column(k)
    return pa.table(columns)


def import_lists(paths: Sequence[str], allow_shrink: bool = False) -> list[dict[str, Any]]:
    """Imports official list files and screens against them from now on (in this process).

    Any format `catchall lists import` reads (OFAC CSV sets and XML, BIS eCFR XML, UN XML, EU
    FSF XML, UK lists, CSL, ...). An imported list replaces the loaded list with the same id.
    Raises ValueError, changing nothing, when a list would be replaced by an empty one or by
    fewer than half its entries (a truncated download), unless `allow_shrink`. Returns, per
    list, {"list": provenance, "issues": ["file:line: reason", ...]}.
    """
    return json.loads(_catchall.import_lists_json([str(p) for p in paths], allow_shrink))


def reset_lists() -> None:
    """Forgets imported lists: back to the bundled ones."""
    _catchall.reset_lists()
