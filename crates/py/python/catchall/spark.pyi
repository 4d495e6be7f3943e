from typing import Any, Optional, Sequence

OUTPUT_FIELDS: tuple[tuple[str, str], ...]

def output_schema(df: Any, keep: Sequence[str] = ...) -> Any: ...
def screen_parties(
    df: Any,
    *,
    name: str = ...,
    country: Optional[str] = ...,
    kind: Optional[str] = ...,
    keep: Sequence[str] = ...,
    list_files: Sequence[str] = ...,
) -> Any: ...
