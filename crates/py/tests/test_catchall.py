"""The Python API against the bundled lists: the same answers as the engine gives the CLI."""

import json
import threading
import time

import pandas as pd
import pyarrow as pa
import pytest

import catchall
from catchall import _catchall
from conftest import listed_names


def test_lists_are_the_bundled_ones_with_dates():
    ls = {l["id"]: l for l in catchall.lists()}
    assert {"us_sdn", "us_entity_list", "un_sc", "eu_fsf", "uk_sanctions", "jp_meti_eul"} <= set(ls)
    assert ls["us_entity_list"]["date"] == "2026-07-23"
    assert ls["us_entity_list"]["entries"] == 3464
    assert all(l["hash"].startswith("fnv1a64:") for l in ls.values())


@pytest.mark.parametrize(
    "name,country,kind,want_list,want_id,want_match",
    [
        ("Hassan Scientific Corporation", "PK", "organization", "us_entity_list", None, True),
        ("Chashma Nuclear Power Generating Station", None, None, "jp_meti_eul", "eul-614", None),
        ("Grünwald Bäckerei GmbH", "DE", "organization", None, None, None),
    ],
)
def test_match_cases(name, country, kind, want_list, want_id, want_match):
    hits = catchall.match(name, country=country, kind=kind)
    if want_list is None:
        assert hits == []
        return
    assert hits, name
    best = hits[0] if want_id else next(h for h in hits if h["list"] == want_list)
    assert best["list"] == want_list
    if want_id:
        assert best["entry_id"] == want_id
    if want_match is not None:
        assert best["match"] is want_match
    assert best["explanation"]["list_date"]
    scores = [h["score"] for h in hits if h["decision"] == hits[0]["decision"]]
    assert scores == sorted(scores, reverse=True), "best first"


def test_match_restricted_to_lists_and_bad_arguments():
    only = catchall.match("Hassan Scientific Corporation", lists=["jp_meti_eul"])
    assert only and all(h["list"] == "jp_meti_eul" for h in only)
    with pytest.raises(ValueError, match="unknown kind"):
        catchall.match("x", kind="spaceship")
    with pytest.raises(ValueError, match="unknown list id nope"):
        catchall.match("x", lists=["nope"])


def test_screen_chashma_stops_with_cited_findings(repo):
    shipment = json.loads((repo / "data/examples/chashma_2021.json").read_text())
    report = catchall.screen(shipment)
    assert report["verdict"] == "STOP"
    rules = {f["rule"] for f in report["findings"]}
    assert {"NUC.PROGRAM_ENTITY", "RU.CATCHALL.ART20", "INFO.FOREIGN_LIST_HIT"} <= rules
    assert all(f["citations"] for f in report["findings"])
    assert catchall.screen(json.dumps(shipment)) == report, "a dict or its JSON text"
    shipment["jurisdiction"] = "US"
    assert catchall.screen(shipment)["verdict"] == "LICENCE_REQUIRED"


def test_screen_bad_input_names_the_field(repo):
    shipment = json.loads((repo / "data/examples/chashma_2021.json").read_text())
    shipment["parties"]["end_user"]["country"] = "QQ"
    with pytest.raises(ValueError, match=r'parties\.end_user\.country: unknown country code .QQ.'):
        catchall.screen(shipment)
    with pytest.raises(ValueError):
        catchall.screen("not json")


def _mixed_table(repo):
    rows = []
    innocent = ["Grünwald Bäckerei GmbH", "Maria Schneider", "Nordic Precision Tools AB", "Kyoto Optics Co., Ltd."]
    for i, (n, c) in enumerate(listed_names(repo, "us_entity_list", 61, 40) + listed_names(repo, "us_sdn", 401, 40)):
        rows.append((n, c, "unknown"))
        rows.append((innocent[i % 4], "DE", "organization"))
    rows.insert(7, ("", "DE", "person"))
    rows.insert(9, ("Acme", "DE", "spaceship"))
    return pa.table({"name": [r[0] for r in rows], "country": [r[1] for r in rows], "kind": [r[2] for r in rows],
                     "customer_id": [f"C{i:05d}" for i in range(len(rows))]})


def test_match_batch_equals_match_row_by_row_in_order(repo):
    table = _mixed_table(repo)
    out = catchall.match_batch(table, keep=["customer_id"])
    assert out.column_names == list(catchall.BATCH_COLUMNS) + ["customer_id"]
    assert out.num_rows == table.num_rows
    assert out.column("row").to_pylist() == list(range(table.num_rows))
    assert out.column("customer_id").to_pylist() == table.column("customer_id").to_pylist()
    found = 0
    for r, src in zip(out.to_pylist(), table.to_pylist()):
        if src["name"] == "":
            assert (r["outcome"], r["error"]) == ("ERROR", "name: empty")
            continue
        if src["kind"] == "spaceship":
            assert r["outcome"] == "ERROR" and "unknown kind" in r["error"]
            continue
        hits = catchall.match(src["name"], country=src["country"] or None, kind=src["kind"])
        assert r["hits"] == len(hits)
        if not hits:
            assert (r["outcome"], r["best_list"], r["score"]) == ("NO_HIT", None, None)
            continue
        found += 1
        best = hits[0]
        assert (r["best_list"], r["entry_id"], r["listed_name"], r["score"]) == (
            best["list"], best["entry_id"], best["name"], best["score"])
        assert r["outcome"] == best["decision"].upper()
        assert json.loads(r["explanation"]) == best["explanation"]
    assert found >= 70, f"listed names are found: {found}"


def test_match_batch_pandas_threads_and_errors(repo):
    table = _mixed_table(repo)
    base = catchall.match_batch(table)
    assert catchall.match_batch(table.to_pandas()).equals(base), "a DataFrame gives the same table"
    assert catchall.match_batch(table, threads=1).equals(base), "one thread gives the same table"
    assert catchall.match_batch(table.to_batches()[0]).equals(base), "so does a RecordBatch"
    renamed = table.rename_columns(["party", "land", "typ", "customer_id"])
    assert catchall.match_batch(renamed, name="party", country="land", kind="typ").drop_columns(["name", "country"]).equals(
        base.drop_columns(["name", "country"]))
    with pytest.raises(ValueError, match="no 'nom' column"):
        catchall.match_batch(table, name="nom")
    with pytest.raises(TypeError):
        catchall.match_batch([{"name": "x"}])
    no_country = catchall.match_batch(pd.DataFrame({"name": ["Hassan Scientific Corporation"]}))
    assert no_country.column("best_list").to_pylist()[0] is not None


def test_screening_releases_the_gil():
    catchall.load()
    names = [f"Nordic Precision Tools {i} AB" for i in range(4000)]
    done = {}

    def work():
        t0 = time.monotonic()
        _catchall.match_batch_columns(names, [None] * len(names), [None] * len(names), None, 1)
        done["seconds"] = time.monotonic() - t0

    t = threading.Thread(target=work)
    ticks = []
    t.start()
    while t.is_alive():
        ticks.append(time.monotonic())
        time.sleep(0.001)
    t.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    # Holding the GIL for the whole call would stall this loop for all of it.
    assert done["seconds"] > 0.2, done
    assert max(gaps) < done["seconds"] / 2, (max(gaps), done)


def test_import_lists_refuses_a_shrink_then_replaces_and_resets(repo):
    sample = str(repo / "data/sources/lists/eu_fsf_xml_1_1_sample_2026-08-05.xml")
    before = {l["id"]: l for l in catchall.lists()}["eu_fsf"]
    with pytest.raises(ValueError, match="allow_shrink"):
        catchall.import_lists([sample])
    assert {l["id"]: l for l in catchall.lists()}["eu_fsf"] == before, "a refused import changes nothing"
    try:
        report = catchall.import_lists([sample], allow_shrink=True)
        assert report[0]["list"]["id"] == "eu_fsf"
        now = {l["id"]: l for l in catchall.lists()}["eu_fsf"]
        assert now["entries"] == report[0]["list"]["entries"] < 100
        assert now["date"] == "2026-08-05"
        hits = catchall.match("Saddam Hussein Al-Tikriti", lists=["eu_fsf"])
        assert hits and hits[0]["match"]
    finally:
        catchall.reset_lists()
    assert {l["id"]: l for l in catchall.lists()}["eu_fsf"] == before
    with pytest.raises(OSError):
        catchall.import_lists([str(repo / "no-such-file.csv")])
