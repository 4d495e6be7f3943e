from typing import Optional

ENGINE_VERSION: str

def load() -> int: ...
def lists_json() -> str: ...
def match_json(name: str, country: Optional[str] = ..., kind: Optional[str] = ..., lists: Optional[list[str]] = ...) -> str: ...
def screen_json(shipment: str) -> str: ...
def match_batch_columns(
    names: list[Optional[str]],
    countries: list[Optional[str]],
    kinds: list[Optional[str]],
    lists: Optional[list[str]] = ...,
    threads: int = ...,
) -> tuple[
    list[str],
    list[Optional[str]],
    list[Optional[str]],
    list[Optional[str]],
    list[Optional[float]],
    list[int],
    list[Optional[str]],
    list[Optional[str]],
]: ...
def import_lists_json(paths: list[str], allow_shrink: bool = ...) -> str: ...
def reset_lists() -> None: ...
