#!/usr/bin/env python3
"""Side-by-side run: Catchall's matcher vs rapidfuzz token_sort_ratio brute force (cutoff 90) vs
nomenklatura logic-v2 (pair scoring), on the same names and the same queries.

Names: OFAC SDN 2026-08-20 (names + alternate names) + UN SC 2026-02-27 = 43,198 names, read from
../shared/data/lists. Queries: ../shared/data/eval-dev (683 UN persons as listed / perturbed,
2 x 1,000 synthetic non-matches, 1,254 US Congress names). Labelled pairs: tests/cases/names.toml.

  python3 -m venv /tmp/names-venv && /tmp/names-venv/bin/pip install rapidfuzz nomenklatura
  cargo build --release            # or set CATCHALL_BIN
  /tmp/names-venv/bin/python scripts/eval-match-compare.py [--limit N]

Catchall is driven through its CLI (`catchall match --batch`, `catchall compare`) with the same
names written to a lists JSON ($CATCHALL_LISTS); its per-query time is (batch time - empty batch
time) / queries, so index building is excluded as for rapidfuzz (which needs no index).
"""
import argparse, csv, json, os, re, statistics, subprocess, sys, tempfile, time, tomllib, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
BIN = os.environ.get("CATCHALL_BIN", os.path.join(ROOT, "target", "release", "catchall"))


def load_names():
    lists = []
    sdn = json.load(open(os.path.join(SHARED, "lists", "ofac_sdn_names_2026-08-20.json"), encoding="utf-8"))
    kinds = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
    ents = [{"id": str(e["uid"]), "kind": kinds.get(e["type"], "organization"), "name": e["name"],
             "aliases": e.get("alternateNames") or []} for e in sdn["entries"]]
    lists.append({"meta": {"id": "us_sdn", "name": "OFAC SDN", "publisher": "OFAC", "url": "", "date": "2026-08-20", "entries": len(ents)}, "entries": ents})
    x = open(os.path.join(SHARED, "lists", "un_sc_consolidated_2026-02-27.xml"), encoding="utf-8").read()
    ents = []
    for tag, kind in (("INDIVIDUAL", "person"), ("ENTITY", "organization")):
        for block in re.findall(rf"<{tag}>(.*?)</{tag}>", x, re.S):
            parts = [re.search(f"<{t}>(.*?)</{t}>", block) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
            name = " ".join(p.group(1).strip() for p in parts if p)
            ref = re.search(r"<REFERENCE_NUMBER>(.*?)</REFERENCE_NUMBER>", block)
            un = lambda s: s.replace("&amp;", "&").replace("&apos;", "'")
            ents.append({"id": ref.group(1) if ref else "", "kind": kind, "name": un(name),
                         "aliases": [un(a.strip()) for a in re.findall(r"<ALIAS_NAME>(.*?)</ALIAS_NAME>", block) if a.strip()]})
    lists.append({"meta": {"id": "un_sc", "name": "UN SC", "publisher": "UN", "url": "", "date": "2026-02-27", "entries": len(ents)}, "entries": ents})
    return lists


def fold_key(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[.'`’?]", "", s)
    return " ".join(sorted(re.sub(r"[^0-9a-z]+", " ", s).split()))


def rows(f):
    with open(os.path.join(SHARED, "eval-dev", f), encoding="utf-8") as fh:
        return [r["full_name"] for r in csv.DictReader(fh)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="queries per set (0 = all)")
    args = ap.parse_args()
    lists = load_names()
    names, owner = [], []
    for l in lists:
        for e in l["entries"]:
            for n in [e["name"]] + e["aliases"]:
                names.append(n); owner.append((l["meta"]["id"], e["id"]))
    print(f"names: {len(names)} (SDN + UN)")
    un_gold = {}
    for e in lists[1]["entries"]:
        for n in [e["name"]] + e["aliases"]:
            un_gold.setdefault(fold_key(n), set()).add(e["id"])
    sets = {k: rows(f) for k, f in [
        ("un_listed", "opensanctions_yente_positives_un_untreated.csv"),
        ("un_perturbed", "opensanctions_yente_positives_un_treated.csv"),
        ("neg_global", "opensanctions_yente_negatives_global.csv"),
        ("neg_us", "opensanctions_yente_negatives_us.csv"),
        ("congress", "opensanctions_yente_positives_us_congress.csv")]}
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    gold = [un_gold.get(fold_key(n)) for n in sets["un_listed"]]

    def quality(hit_sets):
        """hit_sets[k][i] = set of (list, entry_id) matched for query i of set k."""
        out = {}
        for k in ("un_listed", "un_perturbed"):
            ok = n = 0
            for i, g in enumerate(gold):
                if not g:
                    continue
                n += 1
                ok += any(l == "un_sc" and e in g for l, e in hit_sets[k][i])
            out[k] = ok / max(n, 1)
        for k in ("neg_global", "neg_us", "congress"):
            out[k] = sum(1 for h in hit_sets[k] if h) / max(len(hit_sets[k]), 1)
        return out

    report = {}
    # --- rapidfuzz brute force
    try:
        from rapidfuzz import process, fuzz, utils
        choices = [utils.default_process(n) for n in names]
        hits, times = {}, []
        for k, qs in sets.items():
            hs = []
            for q in qs:
                t = time.perf_counter()
                res = process.extract(utils.default_process(q), choices, scorer=fuzz.token_sort_ratio, score_cutoff=90, limit=None, processor=None)
                times.append(time.perf_counter() - t)
                hs.append({owner[r[2]] for r in res})
            hits[k] = hs
        report["rapidfuzz token_sort_ratio>=90 (brute force)"] = {**quality(hits), "median_ms": statistics.median(times) * 1e3, "mean_ms": statistics.mean(times) * 1e3}
    except ImportError:
        print("rapidfuzz not installed", file=sys.stderr)

    # --- catchall through its CLI
    if os.path.exists(BIN):
        with tempfile.TemporaryDirectory() as d:
            lp = os.path.join(d, "lists.json"); json.dump(lists, open(lp, "w"))
            env = dict(os.environ, CATCHALL_LISTS=lp)
            def batch(qs):
                p = os.path.join(d, "q.csv")
                with open(p, "w", newline="", encoding="utf-8") as fh:
                    w = csv.writer(fh); w.writerow(["name", "kind"]); [w.writerow([q, "person"]) for q in qs]
                t = time.perf_counter()
                out = subprocess.run([BIN, "--format", "json", "match", "--batch", p], env=env, capture_output=True, text=True).stdout
                return time.perf_counter() - t, [json.loads(l) for l in out.splitlines()]
            t0, _ = batch([])
            hits, total_t, nq = {}, 0.0, 0
            for k, qs in sets.items():
                t, res = batch(qs)
                total_t += t - t0; nq += len(qs)
                hits[k] = [{(h["list"], h["entry_id"]) for h in r["hits"] if h["match"]} for r in res]
            report["catchall (Match decision)"] = {**quality(hits), "mean_ms": total_t / nq * 1e3, "index_build_s": t0}
    else:
        print(f"{BIN} missing: cargo build --release", file=sys.stderr)

    # --- labelled pairs: catchall compare, rapidfuzz, logic-v2
    cases = tomllib.load(open(os.path.join(ROOT, "tests", "cases", "names.toml"), "rb"))["pair"]
    def f1(pred):
        tp = sum(1 for c, p in zip(cases, pred) if c["match"] and p)
        fp = sum(1 for c, p in zip(cases, pred) if not c["match"] and p)
        fn = sum(1 for c, p in zip(cases, pred) if c["match"] and not p)
        P = tp / max(tp + fp, 1); R = tp / max(tp + fn, 1)
        return {"P": round(P, 3), "R": round(R, 3), "F1": round(2 * P * R / max(P + R, 1e-9), 3)}
    pairs = {}
    if os.path.exists(BIN):
        inp = "\n".join(json.dumps({"a": c["a"], "b": c["b"], "kind": c["kind"]}) for c in cases)
        t = time.perf_counter()
        out = subprocess.run([BIN, "--format", "json", "compare"], input=inp, capture_output=True, text=True).stdout
        pairs["catchall"] = {**f1([json.loads(l)["match"] for l in out.splitlines()]), "us_per_pair_incl_process": (time.perf_counter() - t) / len(cases) * 1e6}
    try:
        from rapidfuzz import fuzz, utils
        pairs["rapidfuzz token_sort_ratio>=90"] = f1([fuzz.token_sort_ratio(c["a"], c["b"], processor=utils.default_process) >= 90 for c in cases])
    except ImportError:
        pass
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        algo = get_algorithm("logic-v2")
        cfg = algo.default_config() if hasattr(algo, "default_config") else None
        schema = {"person": "Person", "organization": "Organization", "vessel": "Vessel", "unknown": "LegalEntity"}
        def ent(n, k, i):
            e = model.make_entity(schema[k]); e.id = f"x{i}"; e.add("name", n); return e
        preds, t = [], time.perf_counter()
        for i, c in enumerate(cases):
            r = algo.compare(ent(c["a"], c["kind"], 2 * i), ent(c["b"], c["kind"], 2 * i + 1), cfg) if cfg is not None else algo.compare(ent(c["a"], c["kind"], 2 * i), ent(c["b"], c["kind"], 2 * i + 1))
            preds.append(r.score >= 0.7)
        pairs["nomenklatura logic-v2 (>=0.70)"] = {**f1(preds), "us_per_pair": (time.perf_counter() - t) / len(cases) * 1e6}
    except Exception as e:  # not installable / API drift: say so
        print(f"nomenklatura logic-v2 unavailable: {e!r}", file=sys.stderr)
    print(json.dumps({"queries": report, "labelled_pairs": pairs, "n_pairs": len(cases), "n_queries": {k: len(v) for k, v in sets.items()}}, indent=1))


if __name__ == "__main__":
    main()
