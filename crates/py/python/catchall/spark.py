"""Screening a Spark DataFrame of parties with `mapInArrow`: `screen_parties(df)`.

Each Arrow batch of a partition goes to `catchall.match_batch` in the Python worker, which
indexes the lists once (on its first batch) and keeps the index for every later batch and task
it runs (Spark reuses Python workers: `spark.python.worker.reuse`, on by default). Only the
catchall wheel has to be installed on the executors; pyspark is imported here, not by
`import catchall`.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence

__all__ = ["screen_parties", "output_schema", "OUTPUT_FIELDS"]

OUTPUT_FIELDS = (
    ("row", "long"),
    ("name", "string"),
    ("country", "string"),
    ("outcome", "string"),
    ("best_list", "string"),
    ("entry_id", "string"),
    ("listed_name", "string"),
    ("score", "double"),
    ("hits", "integer"),
    ("explanation", "string"),
    ("error", "string"),
)


def output_schema(df, keep: Sequence[str] = ()):
    """The schema of `screen_parties`: catchall's batch columns, then the kept input columns."""
    from pyspark.sql.types import DoubleType, IntegerType, LongType, StringType, StructField, StructType

    types = {"long": LongType(), "string": StringType(), "double": DoubleType(), "integer": IntegerType()}
    fields = [StructField(n, types[t], True) for n, t in OUTPUT_FIELDS]
    fields += [df.schema[k] for k in keep]
    return StructType(fields)


def screen_parties(
    df,
    *,
    name: str = "name",
    country: Optional[str] = "country",
    kind: Optional[str] = "kind",
    keep: Sequence[str] = (),
    list_files: Sequence[str] = (),
):
    """Returns `df` screened: one row per input row with catchall's batch columns (`row` is the
    position inside its Arrow batch; carry your own id with `keep`)."""
    keep = tuple(keep)
    country = country if country in df.columns else None
    kind = kind if kind in df.columns else None
    list_files = tuple(list_files)

    def run(batches: Iterator) -> Iterator:
        import catchall

        _ensure_lists(catchall, list_files)
        for batch in batches:
            # One thread per task: Spark already runs a task per core.
            out = catchall.match_batch(batch, name=name, country=country, kind=kind, threads=1, keep=keep)
            yield from out.to_batches()

    return df.mapInArrow(run, output_schema(df, keep))


_imported: Optional[tuple] = None


def _ensure_lists(catchall, list_files: tuple) -> None:
    """Imports the list files once per worker process (the index is per process too)."""
    global _imported
    if _imported == list_files:
        return
    if list_files:
        from pyspark import SparkFiles

        catchall.import_lists([SparkFiles.get(f.rsplit("/", 1)[-1]) for f in list_files])
    _imported = list_files
