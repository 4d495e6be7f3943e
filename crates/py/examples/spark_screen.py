"""Screens a Spark DataFrame of parties against the restricted-party lists with catchall.

    spark-submit crates/py/examples/spark_screen.py parties.csv results.parquet [--id COLUMN] [--lists FILE ...]

The input is a CSV with a header: `name`, optionally `country` (ISO-2) and `kind`, plus any id
column to carry through (`--id`). The screening is `catchall.spark.screen_parties` (mapInArrow,
one index per Python worker, built once). `--lists` files are imported in each worker before
screening (they reach the executors through `SparkContext.addFile`; see docs/SCALE.md). The
catchall wheel must be installed in the executors' Python.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

from catchall.spark import screen_parties


def main(argv: Sequence[str]) -> int:
    from pyspark.sql import SparkSession

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="CSV of parties with a header (name[,country][,kind])")
    p.add_argument("output", help="Parquet directory to write")
    p.add_argument("--id", action="append", default=[], help="input column(s) to carry through")
    p.add_argument("--lists", nargs="*", default=[], help="official list files to import (shipped with --files)")
    a = p.parse_args(argv)
    spark = SparkSession.builder.appName("catchall-screen").getOrCreate()
    for f in a.lists:
        spark.sparkContext.addFile(f)
    started = time.monotonic()
    df = spark.read.option("header", True).option("escape", '"').csv(a.input)
    rows = df.count()
    # A single CSV file is often one partition: spread it so every core gets a task.
    if df.rdd.getNumPartitions() < spark.sparkContext.defaultParallelism:
        df = df.repartition(spark.sparkContext.defaultParallelism)
    result = screen_parties(df, keep=a.id, list_files=a.lists)
    result.write.mode("overwrite").parquet(a.output)
    elapsed = time.monotonic() - started
    counts = {r["outcome"]: r["count"] for r in spark.read.parquet(a.output).groupBy("outcome").count().collect()}
    print(f"screened {rows} rows in {elapsed:.1f} s ({rows / max(elapsed, 1e-9):.0f} rows/s): {counts}")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
