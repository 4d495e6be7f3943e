#!/usr/bin/env python3
"""Held-out evaluation of the name matcher on real labelled data it was not tuned on (issue 13).

Data (read-only, never shipped): ../shared/data/eval-public/
  xscript_pairs.csv                     15,685 labelled name pairs (OpenSanctions analysts, Wikidata, dictionaries)
  xscript_pairs_derived_negatives.csv   3,462 constructed hard negatives (reported apart: not analyst-labelled)
  innocent_orgs_universities.csv        3,994 real university names (true negatives, screened with country)
Innocent persons (in the repository): tests/fixtures/eval-heldout/innocent_persons.csv, 4,000 full names
  combined from US Census 1990 given names and surnames (scripts/gen-innocent-persons.py, provenance there)

SPLIT (scripts/eval-split.py, fixed before any tuning): a pair is in the TEST half when
sha1(min(a, b)) is odd, else DEV -- the same stable hash as ../shared/tools/screening-check, so the
two tools agree. A university is in TEST when sha1(name) is odd. Only DEV failures may be looked at
(`--dump-dev FILE`); the test half is only ever counted.

Matchers, same rows, same run:
  * Catchall: `catchall compare` (pair decision = Match) and `catchall match --batch` (universities);
  * nomenklatura logic-v2 (pip install nomenklatura), FtM entities with only a name, score >= 0.70
    (its documented match threshold in yente); cached in --lv2-cache because it is slow.

  cargo build --release --bin catchall
  /tmp/names-venv/bin/python scripts/eval-heldout.py [--cli target/release/catchall] [--no-lv2] [--halves test,dev]
        [--lv2-cache /tmp/lv2-cache.json] [--markdown] [--dump-dev FILE]
"""
import argparse, collections, csv, json, os, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
split = importlib.import_module("eval-split")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUB = os.path.join(ROOT, "..", "shared", "data", "eval-public")
# The scripts the issue names (original-script vs Latin recall target >= 80 % each).
TARGET_SCRIPTS = ["Arabic", "Persian", "Cyrillic", "Greek", "Hebrew", "Thai", "Hangul", "Japanese", "Han"]


def kind_of(k):
    return k if k in ("person", "organization", "vessel") else "unknown"


def run_compare(cli, rows):
    lines = [json.dumps({"a": r["a"], "b": r["b"], "kind": kind_of(r["kind"])}, ensure_ascii=False) for r in rows]
    t = time.perf_counter()
    p = subprocess.run([cli, "compare", "--format", "json"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=1800)
    dt = time.perf_counter() - t
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit(f"compare answered {len(out)} of {len(rows)} (exit {p.returncode}): {p.stderr[-300:]}")
    return out, dt


def run_batch(cli, rows):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8", newline="") as f:
        w = csv.writer(f); w.writerow(("name", "country", "kind")); w.writerows(rows); path = f.name
    p = subprocess.run([cli, "match", "--format", "json", "--batch", path], capture_output=True, text=True, timeout=1800)
    os.unlink(path)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit(f"match --batch answered {len(out)} of {len(rows)} (exit {p.returncode}): {p.stderr[-300:]}")
    return out


def lv2_scores(rows, cache_path):
    cache = {}
    if cache_path and os.path.exists(cache_path):
        cache = json.load(open(cache_path, encoding="utf-8"))
    todo = [r for r in rows if split.pair_key(r) not in cache]
    if todo:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        algo = get_algorithm("logic-v2")
        cfg = algo.default_config() if hasattr(algo, "default_config") else None
        schema = {"person": "Person", "organization": "Organization", "vessel": "Vessel", "unknown": "LegalEntity"}

        def ent(n, k, i):
            e = model.make_entity(schema[kind_of(k)]); e.id = f"x{i}"; e.add("name", n); return e
        t = time.perf_counter()
        for i, r in enumerate(todo):
            a, b = ent(r["a"], r["kind"], 2 * i), ent(r["b"], r["kind"], 2 * i + 1)
            res = algo.compare(a, b, cfg) if cfg is not None else algo.compare(a, b)
            cache[split.pair_key(r)] = res.score
            if i % 1000 == 999:
                print(f"  logic-v2: {i + 1}/{len(todo)} ({(time.perf_counter() - t) / (i + 1) * 1e3:.1f} ms/pair)", file=sys.stderr)
                if cache_path:
                    json.dump(cache, open(cache_path, "w", encoding="utf-8"))
        if cache_path:
            json.dump(cache, open(cache_path, "w", encoding="utf-8"))
    return [cache[split.pair_key(r)] for r in rows]


def prf(rows, pred):
    tp = sum(1 for r, p in zip(rows, pred) if p and r["is_match"] == "true")
    fp = sum(1 for r, p in zip(rows, pred) if p and r["is_match"] != "true")
    pos = sum(1 for r in rows if r["is_match"] == "true")
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / pos if pos else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, len(rows)


def other_script(r):
    """The non-Latin script of an original-script vs Latin pair, else None."""
    a, b = r["script_a"], r["script_b"]
    if (a == "Latin") == (b == "Latin"):
        return None
    return a if b == "Latin" else b


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "catchall"))
    ap.add_argument("--no-lv2", action="store_true")
    ap.add_argument("--lv2-cache", default="/tmp/names-lv2-cache.json")
    ap.add_argument("--halves", default="dev,test,test-clean")
    ap.add_argument("--dump-dev", help="write DEV-half errors (never test) to this file")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    halves = args.halves.split(",")

    pairs = split.load_pairs(os.path.join(PUB, "xscript_pairs.csv"))
    dneg = split.load_pairs(os.path.join(PUB, "xscript_pairs_derived_negatives.csv"))
    unis = split.load_unis(os.path.join(PUB, "innocent_orgs_universities.csv"))
    # Innocent persons: census given names + surnames (scripts/gen-innocent-persons.py), same split as universities.
    persons = split.load_unis(os.path.join(ROOT, "tests", "fixtures", "eval-heldout", "innocent_persons.csv"))

    res = {}
    out_p, dt = run_compare(args.cli, pairs)
    out_n, _ = run_compare(args.cli, dneg)
    print(f"catchall compare: {len(pairs)} pairs in {dt:.1f} s ({dt / len(pairs) * 1e3:.2f} ms/pair incl. process)", file=sys.stderr)
    out_u = run_batch(args.cli, [[u["name"], u["country"], u["kind"]] for u in unis])
    # screened as persons with their country (US), and with no country (no downgrade from it)
    out_pc = run_batch(args.cli, [[u["name"], u["country"], "person"] for u in persons])
    out_pn = run_batch(args.cli, [[u["name"], "", "person"] for u in persons])
    lv2_p = lv2_n = None
    if not args.no_lv2:
        hh = {x.split("-")[0] for x in halves}
        sel = [r for r in pairs if split.half_pair(r) in hh]
        seln = [r for r in dneg if split.half_pair(r) in hh]
        sp = dict(zip(map(split.pair_key, sel), lv2_scores(sel, args.lv2_cache)))
        sn = dict(zip(map(split.pair_key, seln), lv2_scores(seln, args.lv2_cache)))
        lv2_p = [sp.get(split.pair_key(r)) for r in pairs]
        lv2_n = [sn.get(split.pair_key(r)) for r in dneg]

    report = collections.OrderedDict()
    md = []
    dev_names = {split.name_key(n) for r in pairs + dneg if split.half_pair(r) == "dev" for n in (r["a"], r["b"])}

    def in_half(r, h):
        """'test-clean' = test pairs neither of whose names occurs in any dev pair (no shared entity)."""
        if h == "test-clean":
            return split.half_pair(r) == "test" and split.name_key(r["a"]) not in dev_names and split.name_key(r["b"]) not in dev_names
        return split.half_pair(r) == h

    for h in halves:
        idx = [i for i, r in enumerate(pairs) if in_half(r, h)]
        rows = [pairs[i] for i in idx]
        c_pred = [out_p[i]["match"] for i in idx]
        l_pred = [lv2_p[i] >= 0.7 for i in idx] if lv2_p else None
        cpos = [out_p[i]["decision"] in ("match", "possible") for i in idx]
        rep = {"n": len(rows), "catchall": prf(rows, c_pred), "catchall_match_or_possible": prf(rows, cpos)}
        if l_pred:
            rep["logic-v2"] = prf(rows, l_pred)
        # per kind
        for k in ("person", "organization", "unknown"):
            sub = [j for j, r in enumerate(rows) if kind_of(r["kind"]) == k]
            if sub:
                rep[f"kind:{k}"] = {"catchall": prf([rows[j] for j in sub], [c_pred[j] for j in sub])}
                if l_pred:
                    rep[f"kind:{k}"]["logic-v2"] = prf([rows[j] for j in sub], [l_pred[j] for j in sub])
        # per script (original-script vs Latin; recall on positives, false matches on analyst negatives)
        dn_idx = [i for i, r in enumerate(dneg) if in_half(r, h)]
        per = collections.OrderedDict()
        for s in TARGET_SCRIPTS + ["other non-Latin", "Latin-Latin", "non-Latin-non-Latin"]:
            def sel_s(r):
                o = other_script(r)
                if s == "Latin-Latin":
                    return r["script_a"] == r["script_b"] == "Latin"
                if s == "non-Latin-non-Latin":
                    return r["script_a"] != "Latin" and r["script_b"] != "Latin"
                if s == "other non-Latin":
                    return o is not None and o not in TARGET_SCRIPTS
                return o == s
            js = [j for j, r in enumerate(rows) if sel_s(r)]
            pos = [j for j in js if rows[j]["is_match"] == "true"]
            neg = [j for j in js if rows[j]["is_match"] != "true"]
            dn = [i for i in dn_idx if sel_s(dneg[i])]
            e = {"pos": len(pos), "catchall_recall": sum(c_pred[j] for j in pos) / max(1, len(pos)),
                 "neg": len(neg), "catchall_fm": sum(c_pred[j] for j in neg),
                 "dneg": len(dn), "catchall_dneg_fm": sum(out_n[i]["match"] for i in dn)}
            if l_pred:
                e["lv2_recall"] = sum(l_pred[j] for j in pos) / max(1, len(pos))
                e["lv2_fm"] = sum(l_pred[j] for j in neg)
                e["lv2_dneg_fm"] = sum((lv2_n[i] or 0) >= 0.7 for i in dn)
            per[s] = e
        rep["per_script"] = per
        # innocents
        ui = [i for i, u in enumerate(unis) if split.half_uni(u) == h.split("-")[0]]
        m = sum(1 for i in ui if any(x.get("match") for x in out_u[i].get("hits", [])))
        a = sum(1 for i in ui if out_u[i].get("hits"))
        rep["innocent"] = {"n": len(ui), "match": m, "any_hit": a}
        pi = [i for i, u in enumerate(persons) if split.half_uni(u) == h.split("-")[0]]

        def words(x):
            return sorted("".join(ch if ch.isalnum() else " " for ch in (x or "").casefold()).split())

        for tag, out in (("with_country", out_pc), ("no_country", out_pn)):
            # a hit on a listed name made of the same words is a person of that name on a list:
            # counted apart (and listed), not silently dropped
            same = [i for i in pi if any(words(x.get("matched_name")) == words(persons[i]["name"]) for x in out[i].get("hits", []))]
            rest = [i for i in pi if i not in same]
            rep[f"innocent_persons_{tag}"] = {
                "n": len(pi), "same_name_as_listed": len(same),
                "match": sum(1 for i in rest if any(x.get("match") for x in out[i].get("hits", []))),
                "any_hit": sum(1 for i in rest if out[i].get("hits")),
                "same_name_entries": [(persons[i]["name"], [(x.get("matched_name"), x.get("name"), x.get("list")) for x in out[i]["hits"][:2]]) for i in same] if h == "dev" else len(same)}
        report[h] = rep

        f = lambda t: f"P {t[0]:.3f} R {t[1]:.3f} F1 **{t[2]:.3f}**"
        md.append(f"\n#### {h.upper()} half ({len(rows)} pairs, {sum(r['is_match'] == 'true' for r in rows)} positive)\n")
        md.append("| Matcher | all pairs | person | organisation |")
        md.append("|---|---|---|---|")
        for name, key in (("Catchall (Match)", "catchall"), ("logic-v2 (≥ 0.70)", "logic-v2")):
            if key in rep:
                md.append(f"| {name} | {f(rep[key])} | {f(rep['kind:person'][key])} | {f(rep['kind:organization'][key])} |")
        md.append(f"| Catchall (Match or Possible) | {f(rep['catchall_match_or_possible'])} | | |")
        md.append("")
        md.append("| Script vs Latin | positives | Catchall recall | logic-v2 recall | analyst negatives: false matches C / L2 | derived negatives: false matches C / L2 |")
        md.append("|---|---|---|---|---|---|")
        for s, e in per.items():
            md.append(f"| {s} | {e['pos']} | {e['catchall_recall']:.1%} | {e.get('lv2_recall', float('nan')):.1%} | "
                      f"{e['catchall_fm']} / {e.get('lv2_fm', '–')} of {e['neg']} | {e['catchall_dneg_fm']} / {e.get('lv2_dneg_fm', '–')} of {e['dneg']} |")
        iu = rep["innocent"]
        md.append(f"\nInnocent universities ({iu['n']}): match {iu['match']} ({iu['match'] / iu['n']:.2%}), any hit {iu['any_hit']} ({iu['any_hit'] / iu['n']:.2%})")
        for tag, label in (("with_country", "with country US"), ("no_country", "without country")):
            ip = rep[f"innocent_persons_{tag}"]
            md.append(f"\nInnocent persons, {label} ({ip['n']}): match {ip['match']} ({ip['match'] / ip['n']:.2%}), any hit {ip['any_hit']} "
                      f"({ip['any_hit'] / ip['n']:.2%}); same name as a listed person (counted apart): {ip['same_name_as_listed']}")

        if args.dump_dev and h == "dev":
            with open(args.dump_dev, "w", encoding="utf-8") as fh:
                for i in idx:
                    r, o = pairs[i], out_p[i]
                    if o["match"] != (r["is_match"] == "true"):
                        fh.write(json.dumps({"err": "FN" if r["is_match"] == "true" else "FP", "a": r["a"], "b": r["b"], "kind": r["kind"],
                                             "scripts": f"{r['script_a']}-{r['script_b']}", "score": o["score"], "src": r["source"].split(";")[0],
                                             "an": o.get("a_normalized"), "bn": o.get("b_normalized"), "notes": o.get("notes")}, ensure_ascii=False) + "\n")
                for i in dn_idx:
                    if out_n[i]["match"]:
                        r, o = dneg[i], out_n[i]
                        fh.write(json.dumps({"err": "FP-derived", "a": r["a"], "b": r["b"], "scripts": f"{r['script_a']}-{r['script_b']}", "score": o["score"],
                                             "an": o.get("a_normalized"), "bn": o.get("b_normalized")}, ensure_ascii=False) + "\n")
                for tag, out in (("with-country", out_pc), ("no-country", out_pn)):
                    for i in pi:
                        if out[i].get("hits"):
                            fh.write(json.dumps({"err": f"innocent-person-hit-{tag}", "name": persons[i]["name"],
                                                 "hits": [(x.get("matched_name"), x.get("name"), x.get("list"), x.get("score"), x.get("decision")) for x in out[i]["hits"][:3]]}, ensure_ascii=False) + "\n")
                for i in ui:
                    if out_u[i].get("hits"):
                        fh.write(json.dumps({"err": "innocent-hit", "name": unis[i]["name"], "country": unis[i]["country"],
                                             "hits": [(x.get("list_name"), x.get("score"), x.get("decision")) for x in out_u[i]["hits"][:3]]}, ensure_ascii=False) + "\n")
    if args.markdown:
        print("\n".join(md))
    else:
        print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
