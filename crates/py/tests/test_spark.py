"""The Spark screening (catchall.spark, used by examples/spark_screen.py) on local[2]: the same results as the CLI's
`catchall match --batch` for the same rows."""

import csv
import json
import os
import pathlib
import subprocess
import sys

import pytest

from conftest import listed_names

def cli_binary(repo: pathlib.Path) -> str:
    if os.environ.get("CATCHALL_BIN"):
        return os.environ["CATCHALL_BIN"]
    for profile in ("release", "debug"):
        b = repo / "target" / profile / "catchall"
        if b.exists():
            return str(b)
    pytest.fail("no catchall binary: build it (cargo build -p catchall-cli) or set CATCHALL_BIN")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("catchall-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "250")
        .getOrCreate()
    )
    yield s
    s.stop()


def test_spark_map_in_arrow_equals_the_cli(repo, spark, tmp_path):
    from catchall.spark import screen_parties

    rows = []
    innocent = ["Grünwald Bäckerei GmbH", "Maria Schneider", "Nordic Precision Tools AB", "Kyoto Optics Co., Ltd.",
                "Hassan Trading", "Tata Precision Tubes Pvt. Ltd."]
    listed = listed_names(repo, "us_entity_list", 37, 60) + listed_names(repo, "un_sc", 29, 30) + \
        listed_names(repo, "us_sdn", 211, 60)
    for i, (n, c) in enumerate(listed):
        rows.append((n, c, ""))
        rows.append((innocent[i % len(innocent)], "DE", "organization"))
        rows.append((f"{innocent[(i + 1) % len(innocent)]} {i}", "", ""))
    path = tmp_path / "parties.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "country", "kind", "row_id"])
        for i, (n, c, k) in enumerate(rows):
            w.writerow([n, c, k, i + 1])

    cli = subprocess.run([cli_binary(repo), "--format", "json", "match", "--batch", str(path)],
                         capture_output=True, text=True, check=False)
    assert cli.returncode == 1, cli.stderr
    want = {}
    for line in cli.stdout.splitlines():
        v = json.loads(line)
        hits = v["hits"]
        best = hits[0] if hits else None
        want[v["row"]] = (
            best["decision"].upper() if best else "NO_HIT",
            best["list"] if best else None,
            best["entry_id"] if best else None,
            best["score"] if best else None,
            len(hits),
        )
    assert len(want) == len(rows)

    df = spark.read.option("header", True).option("escape", '"').csv(str(path)).repartition(4)
    result = screen_parties(df, keep=["row_id"]).collect()
    got = {int(r["row_id"]): (r["outcome"], r["best_list"], r["entry_id"], r["score"], r["hits"]) for r in result}
    assert len(got) == len(rows)
    assert got == want
    assert sum(1 for v in got.values() if v[0] == "MATCH") >= 100, "the listed names are found"
