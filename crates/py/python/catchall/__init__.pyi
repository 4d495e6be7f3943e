from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pyarrow as pa

__version__: str
BATCH_COLUMNS: tuple[str, ...]

def load() -> int: ...
def lists() -> list[dict[str, Any]]: ...
def match(
    name: str,
    country: Optional[str] = ...,
    kind: Optional[str] = ...,
    lists: Optional[Sequence[str]] = ...,
) -> list[dict[str, Any]]: ...
def screen(shipment: Union[Mapping[str, Any], str]) -> dict[str, Any]: ...
def match_batch(
    table: Union[pa.Table, pa.RecordBatch, Any],
    *,
    name: str = ...,
    country: Optional[str] = ...,
    kind: Optional[str] = ...,
    lists: Optional[Sequence[str]] = ...,
    threads: int = ...,
    keep: Iterable[str] = ...,
) -> pa.Table: ...
def import_lists(paths: Sequence[str], allow_shrink: bool = ...) -> list[dict[str, Any]]: ...
def reset_lists() -> None: ...
