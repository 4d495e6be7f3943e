#!/usr/bin/env python3
"""Fresh held-out evaluation on OpenSanctions record pairs (issue 13): full FtM entities judged by analysts.

Data (read-only, evaluation only, CC BY-NC 4.0, never shipped, NOT part of scripts/test):
  ../shared/data/eval-public/opensanctions_pairs_samples_2x1000.jsonl.gz  (provenance in its .source.txt)
  2,000 record pairs {"judgement", "left", "right"}; left/right are full FollowTheMoney entities.

SUBJECTS: pairs whose two records are both screening subjects (Person, Organization, Company, LegalEntity,
PublicBody, Vessel, Airplane); Occupancy / Position / Succession / Family / ... pairs are skipped (counted).
A record pair that occurs twice (both samples) is counted once (first occurrence).

SPLIT (fixed before any tuning, 2026-12-06): connected components of a graph whose nodes are entity ids
and their `referents` (source ids), with an edge from each record to its referents and between the two
records of every pair. A pair is in TEST when int(sha1(min node id of its component), 16) is odd, else
DEV. So every pair of one entity (under any canonical or source id) is in one half. Only DEV failures
may be read (--dump-dev writes DEV rows only); TEST is only counted (once at the start, once at the end).

MATCHERS, same rows, same run:
  name level   Catchall: `catchall compare` on every (left name, right name) combination, names =
               properties name + alias + previousName; predicted match = some combination is a Match.
               logic-v2: FtM entities of the pairs' schemas carrying only those name properties.
  record level Catchall: each record in turn becomes a one-entry list (names as name/aliases, weakAlias as
               weak aliases, countries from country/nationality/citizenship/jurisdiction/mainCountry/flag,
               birthDate as dates of birth, every identifier-typed property except NOT_IDS in the entry's `ids`) and the
               other record's names are screened against it (`Index::screen`, examples/record_pairs.rs:
               one query per name x country, with the record's birth dates and identifiers);
               predicted match = a Match in either direction.
               logic-v2: the two full entities.
  per script   name level restricted to one record's names in script S against the other's Latin names
               (Catchall: combinations of those names; logic-v2: entities carrying only those names).
  logic-v2 threshold 0.70 (yente's match threshold), as in scripts/eval-heldout.py.
OVERLAP with xscript_pairs.csv (built partly from these same samples): a pair "overlaps by pair" when one
of its (left name, right name) combinations is a row there (either order, NFKC casefold), "by name" when
any of its names occurs there. Figures are also given for the pairs with no overlap at all.

  cargo build --release --bin catchall && cargo build --release --example record_pairs
  /tmp/names-venv/bin/python scripts/eval-records.py --halves dev [--markdown] [--dump-dev FILE] [--no-lv2]
"""
import argparse, collections, gzip, hashlib, json, os, subprocess, sys, time, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUB = os.path.join(ROOT, "..", "shared", "data", "eval-public")
DATA = os.path.join(PUB, "opensanctions_pairs_samples_2x1000.jsonl.gz")
SUBJECTS = {"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
NAME_PROPS = ("name", "alias", "previousName")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")
SCRIPTS = ["Arabic", "Persian", "Cyrillic", "Greek", "Hebrew", "Thai", "Hangul", "Japanese", "Han", "other non-Latin"]
LV2_T = 0.70
# identifier-typed FtM properties that do not identify one party: sanctions programme codes, Wikidata ids,
# Russian activity (OKVED), tax-registration-reason (KPP), territory (COATO) and tax-office (FNS) codes
NOT_IDS = {"programId", "wikidataId", "okvedCode", "kppCode", "coatoCode", "fnsCode"}


def name_key(s):
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def script_of(name):
    """The name's script: Japanese when it has kana, Persian for Arabic script with Persian letters."""
    counts = collections.Counter()
    for ch in name:
        if not ch.isalpha():
            continue
        try:
            w = unicodedata.name(ch).split()[0]
        except ValueError:
            continue
        if w in ("HIRAGANA", "KATAKANA"):
            return "Japanese"
        if w == "CJK":
            w = "Han"
        elif w == "HANGUL":
            w = "Hangul"
        elif w == "ARABIC":
            w = "Persian" if ch in "پچژگکی" else "Arabic"
        else:
            w = w.capitalize()
        counts[w] += 1
    if not counts:
        return "Latin"
    if counts.get("Persian"):
        counts["Persian"] += counts.pop("Arabic", 0)
    nonlatin = [(n, s) for s, n in counts.items() if s != "Latin"]
    if nonlatin:
        s = max(nonlatin)[1]
        return s if s in SCRIPTS else "other non-Latin"
    return "Latin"


def kind_of_schema(s):
    return {"Person": "person", "Organization": "organization", "Company": "organization", "PublicBody": "organization",
            "Vessel": "vessel", "Airplane": "unknown", "LegalEntity": "unknown"}.get(s, "unknown")


def pair_kind(l, r):
    ks = {kind_of_schema(l["schema"]), kind_of_schema(r["schema"])}
    if "person" in ks:
        return "person"
    if ks == {"vessel"}:
        return "vessel"
    if "organization" in ks:
        return "organization"
    return "unknown"


def schema_label(l, r):
    a, b = l["schema"], r["schema"]
    if a == b:
        return a
    return "mixed " + "/".join(sorted((a, b)))


def names_of(e):
    seen, out = set(), []
    for p in NAME_PROPS:
        for n in e["properties"].get(p, []):
            n = " ".join(n.split())
            if n and n not in seen:
                seen.add(n); out.append(n)
    return out


def load():
    rows, seen, skipped = [], set(), collections.Counter()
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            l, r = d["left"], d["right"]
            if l["schema"] not in SUBJECTS or r["schema"] not in SUBJECTS:
                skipped[f"{l['schema']}/{r['schema']}"] += 1
                continue
            k = tuple(sorted((l["id"], r["id"])))
            if k in seen:
                skipped["duplicate pair"] += 1
                continue
            seen.add(k)
            if not names_of(l) or not names_of(r):
                skipped["record without a name"] += 1
                continue
            rows.append({"key": "\u241e".join(k), "pos": d["judgement"] == "positive", "left": l, "right": r,
                         "sample": d.get("_sample"), "kind": pair_kind(l, r), "schema": schema_label(l, r)})
    return rows, skipped


class UnionFind:
    """Connected components of keys (strings). A component's root is its smallest key, whatever
    the order of the unions, so a split that hashes the root is stable. Also used by eval-aliases.py."""

    def __init__(self):
        self.parent = {}

    def find(self, x):
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign_halves(rows):
    components = UnionFind()
    find, union = components.find, components.union

    for r in rows:
        for e in (r["left"], r["right"]):
            for ref in e.get("referents", []) or []:
                union(e["id"], ref)
        union(r["left"]["id"], r["right"]["id"])
    for r in rows:
        root = find(r["left"]["id"])  # union by min id: the root is the component's smallest id
        r["half"] = "test" if int(hashlib.sha1(root.encode()).hexdigest(), 16) % 2 else "dev"
        r["component"] = root


def run_compare(cli, combos):
    lines = [json.dumps({"a": a, "b": b, "kind": k}, ensure_ascii=False) for a, b, k in combos]
    p = subprocess.run([cli, "compare", "--format", "json"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=3600)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(combos):
        sys.exit(f"compare answered {len(out)} of {len(combos)} (exit {p.returncode}): {p.stderr[-300:]}")
    return out


def countries(e):
    out = []
    for p in COUNTRY_PROPS:
        for c in e["properties"].get(p, []):
            c = c.strip().upper()
            if len(c) == 2 and c not in out:
                out.append(c)
    return out


def identifiers(e, model):
    from followthemoney.types import registry
    sch = model.get(e["schema"])
    out = []
    for p, vals in e["properties"].items():
        prop = sch.get(p) if sch else None
        if prop is not None and prop.type == registry.identifier and p not in NOT_IDS:
            out += [v for v in vals if v.strip()]
    return out


def as_entry(e, model):
    ns = names_of(e)
    ent = {"id": e["id"], "kind": kind_of_schema(e["schema"]), "name": ns[0], "aliases": ns[1:],
           "weak_aliases": [w for w in e["properties"].get("weakAlias", []) if w.strip()],
           "countries": countries(e)}
    if e["schema"] == "Person":
        ent["dates_of_birth"] = e["properties"].get("birthDate", [])
    ids = identifiers(e, model)
    if ids:
        ent["fields"] = {"ids": "; ".join(ids)}
    return ent


def as_queries(e, model):
    cs = countries(e)[:4] or [None]
    dobs = e["properties"].get("birthDate", []) if e["schema"] == "Person" else []
    ids = identifiers(e, model)
    return [{"name": n, "country": c, "kind": kind_of_schema(e["schema"]), "dates_of_birth": dobs, "identifiers": ids}
            for n in names_of(e) for c in cs]


def run_records(example, rows, model):
    lines = []
    for r in rows:
        for a, b in ((r["left"], r["right"]), (r["right"], r["left"])):
            lines.append(json.dumps({"entry": as_entry(b, model), "queries": as_queries(a, model)}, ensure_ascii=False))
    p = subprocess.run([example], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=3600)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(lines) or any("error" in o for o in out):
        sys.exit(f"record_pairs answered {len(out)} of {len(lines)} (exit {p.returncode}): {p.stderr[-300:]} {[o for o in out if 'error' in o][:2]}")
    res = []
    for i in range(len(rows)):
        a, b = out[2 * i], out[2 * i + 1]
        rank = {"no_match": 0, "possible": 1, "match": 2}
        res.append(max((a, b), key=lambda o: (rank[o["decision"]], o["score"])))
    return res


def lv2_score(algo, cfg, l, r, only=None, cache=None, tag=""):
    """logic-v2 on two entities; `only` = (left names, right names) keeps just those names."""
    key = f"{tag}\u241e{l['id']}\u241e{r['id']}" + ("" if only is None else "\u241e" + json.dumps(only, ensure_ascii=False))
    if cache is not None and key in cache:
        return cache[key]
    from followthemoney import model
    if only is None:
        a = model.get_proxy({"id": l["id"], "schema": l["schema"], "properties": l["properties"]}, cleaned=False)
        b = model.get_proxy({"id": r["id"], "schema": r["schema"], "properties": r["properties"]}, cleaned=False)
    else:
        ents = []
        for e, ns in zip((l, r), only):
            x = model.make_entity(e["schema"]); x.id = e["id"]
            for n in ns:
                x.add("name", n)
            ents.append(x)
        a, b = ents
    res = algo.compare(a, b, cfg) if cfg is not None else algo.compare(a, b)
    if cache is not None:
        cache[key] = res.score
    return res.score


def prf(pred, gold):
    tp = sum(1 for p, g in zip(pred, gold) if p and g)
    fp = sum(1 for p, g in zip(pred, gold) if p and not g)
    pos = sum(gold)
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / pos if pos else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F


def parse_args(lv2_cache):
    """The options this script and eval-aliases.py share (their logic-v2 caches differ)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "target", "release", "catchall"))
    ap.add_argument("--example", default=os.path.join(ROOT, "target", "release", "examples", "record_pairs"))
    ap.add_argument("--halves", default="dev", help="dev, test or dev,test (test: only at the baseline and at the end)")
    ap.add_argument("--no-lv2", action="store_true")
    ap.add_argument("--lv2-cache", default=lv2_cache)
    ap.add_argument("--dump-dev", help="write DEV-half errors (never test) to this file")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--split-only", action="store_true", help="print the split's sizes and overlap, evaluate nothing")
    return ap.parse_args()


def main():
    args = parse_args("/tmp/names-lv2-records-cache.json")
    halves = args.halves.split(",")

    rows, skipped = load()
    assign_halves(rows)
    # overlap with xscript_pairs.csv
    import csv
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import importlib
    xsplit = importlib.import_module("eval-split")
    xs_pairs, xs_names, xs_dev = set(), set(), set()
    for x in csv.DictReader(open(os.path.join(PUB, "xscript_pairs.csv"), encoding="utf-8")):
        a, b = name_key(x["a"]), name_key(x["b"])
        xs_pairs.add((a, b)); xs_pairs.add((b, a)); xs_names.add(a); xs_names.add(b)
        if xsplit.half_pair(x) == "dev":  # the half earlier rounds were tuned on
            xs_dev.add((a, b)); xs_dev.add((b, a))
    for r in rows:
        ln, rn = [name_key(n) for n in names_of(r["left"])], [name_key(n) for n in names_of(r["right"])]
        r["ov_pair"] = any((a, b) in xs_pairs for a in ln for b in rn)
        r["ov_name"] = any(n in xs_names for n in ln + rn)
        r["ov_dev"] = any((a, b) in xs_dev for a in ln for b in rn)
    md = []
    md.append(f"Subject record pairs: {len(rows)} (skipped: {dict(skipped)})")
    for h in ("dev", "test"):
        hr = [r for r in rows if r["half"] == h]
        md.append(f"- {h}: {len(hr)} pairs ({sum(r['pos'] for r in hr)} positive), {len({r['component'] for r in hr})} components; "
                  f"overlap with xscript_pairs.csv by pair {sum(r['ov_pair'] for r in hr)} (with a pair of its dev half, tuned on: "
                  f"{sum(r['ov_dev'] for r in hr)}), by name {sum(r['ov_name'] for r in hr)}, "
                  f"none {sum(not r['ov_name'] for r in hr)}")
    if args.split_only:
        print("\n".join(md)); return

    sel = [r for r in rows if r["half"] in halves]
    from followthemoney import model
    # name level: every combination
    combos, spans = [], []
    for r in sel:
        s = len(combos)
        for a in names_of(r["left"]):
            for b in names_of(r["right"]):
                combos.append((a, b, r["kind"]))
        spans.append((s, len(combos)))
    t = time.perf_counter()
    out = run_compare(args.cli, combos)
    print(f"catchall compare: {len(combos)} name combinations in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    rank = {"no_match": 0, "possible": 1, "match": 2}
    for r, (s, e) in zip(sel, spans):
        best = max(range(s, e), key=lambda i: (rank.get(out[i]["decision"], 0), out[i]["score"]))
        r["c_name"] = out[best]; r["c_name_pair"] = combos[best][:2]
        r["c_name_by_script"] = {}
        for i in range(s, e):
            a, b = combos[i][:2]
            sa, sb = script_of(a), script_of(b)
            if (sa == "Latin") != (sb == "Latin"):
                sc = sa if sb == "Latin" else sb
            elif sa == sb == "Latin":
                sc = "Latin-Latin"
            else:
                continue
            cur = r["c_name_by_script"].get(sc)
            if cur is None or (rank.get(out[i]["decision"], 0), out[i]["score"]) > (rank.get(cur["decision"], 0), cur["score"]):
                r["c_name_by_script"][sc] = dict(out[i], pair=[a, b])
    t = time.perf_counter()
    rec = run_records(args.example, sel, model)
    print(f"record_pairs: {len(sel)} pairs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    for r, o in zip(sel, rec):
        r["c_rec"] = o

    if not args.no_lv2:
        from nomenklatura.matching import get_algorithm
        algo = get_algorithm("logic-v2")
        cfg = algo.default_config() if hasattr(algo, "default_config") else None
        cache = json.load(open(args.lv2_cache, encoding="utf-8")) if os.path.exists(args.lv2_cache) else {}
        t = time.perf_counter()
        for i, r in enumerate(sel):
            l, rr = r["left"], r["right"]
            r["l_rec"] = lv2_score(algo, cfg, l, rr, None, cache, "rec")
            r["l_name"] = lv2_score(algo, cfg, l, rr, (names_of(l), names_of(rr)), cache, "name")
            r["l_by_script"] = {}
            for sc in r["c_name_by_script"]:
                if sc == "Latin-Latin":
                    ln = [n for n in names_of(l) if script_of(n) == "Latin"]; rn = [n for n in names_of(rr) if script_of(n) == "Latin"]
                    r["l_by_script"][sc] = lv2_score(algo, cfg, l, rr, (ln, rn), cache, "script")
                else:
                    # the S names of one record against the Latin names of the other, both ways
                    best = 0.0
                    for x, y in ((l, rr), (rr, l)):
                        xn = [n for n in names_of(x) if script_of(n) == sc]; yn = [n for n in names_of(y) if script_of(n) == "Latin"]
                        if xn and yn:
                            best = max(best, lv2_score(algo, cfg, x, y, (xn, yn), cache, "script"))
                    r["l_by_script"][sc] = best
            if i % 200 == 199:
                print(f"  logic-v2: {i + 1}/{len(sel)} ({(time.perf_counter() - t) / (i + 1) * 1e3:.0f} ms/pair)", file=sys.stderr)
                json.dump(cache, open(args.lv2_cache, "w", encoding="utf-8"))
        json.dump(cache, open(args.lv2_cache, "w", encoding="utf-8"))

    lv2 = not args.no_lv2
    f = lambda t: f"P {t[0]:.3f} R {t[1]:.3f} F1 **{t[2]:.3f}**"
    matchers = [("Catchall name level (Match)", lambda r: r["c_name"]["decision"] == "match"),
                ("Catchall record level (Match)", lambda r: r["c_rec"]["decision"] == "match"),
                ("Catchall record level (Match or Possible)", lambda r: r["c_rec"]["decision"] in ("match", "possible"))]
    if lv2:
        matchers += [("logic-v2 name level (≥ 0.70)", lambda r: r["l_name"] >= LV2_T),
                     ("logic-v2 record level (≥ 0.70)", lambda r: r["l_rec"] >= LV2_T)]
    report = {}
    for h in halves:
        hr = [r for r in sel if r["half"] == h]
        gold = [r["pos"] for r in hr]
        md.append(f"\n#### {h.upper()} half ({len(hr)} record pairs, {sum(gold)} positive)\n")
        groups = [("all", hr), ("no overlap (by name)", [r for r in hr if not r["ov_name"]]),
                  ("no pair of the old dev half", [r for r in hr if not r["ov_dev"]])]
        schemas = collections.Counter(r["schema"] for r in hr)
        groups += [(s, [r for r in hr if r["schema"] == s]) for s, _ in schemas.most_common()]
        md.append("| Matcher | " + " | ".join(f"{g} ({len(x)}, {sum(r['pos'] for r in x)} pos)" for g, x in groups[:3]) + " |")
        md.append("|---|" + "---|" * 3)
        for name, pred in matchers:
            md.append(f"| {name} | " + " | ".join(f(prf([pred(r) for r in x], [r['pos'] for r in x])) for _, x in groups[:3]) + " |")
        md.append("\nPer schema (F1; P / R in brackets):\n")
        md.append("| Schema | pairs (pos) | " + " | ".join(n for n, _ in matchers) + " |")
        md.append("|---|---|" + "---|" * len(matchers))
        for g, x in groups[3:]:
            cells = []
            for _, pred in matchers:
                P, R, F = prf([pred(r) for r in x], [r["pos"] for r in x])
                cells.append(f"{F:.3f} ({P:.2f} / {R:.2f})")
            md.append(f"| {g} | {len(x)} ({sum(r['pos'] for r in x)}) | " + " | ".join(cells) + " |")
        md.append("\nPer script, name level: one record's names in the script against the other's Latin names "
                  "(pairs that have both):\n")
        md.append("| Script vs Latin | pairs (pos) | Catchall P / R | logic-v2 P / R | pairs without overlap (pos): Catchall R / logic-v2 R |")
        md.append("|---|---|---|---|---|")
        for sc in SCRIPTS + ["Latin-Latin"]:
            x = [r for r in hr if sc in r["c_name_by_script"]]
            if not x:
                continue
            g = [r["pos"] for r in x]
            cp = prf([r["c_name_by_script"][sc]["decision"] == "match" for r in x], g)
            lp = prf([r["l_by_script"][sc] >= LV2_T for r in x], g) if lv2 else (float("nan"),) * 3
            xf = [r for r in x if not r["ov_name"]]
            gf = [r["pos"] for r in xf]
            cf = prf([r["c_name_by_script"][sc]["decision"] == "match" for r in xf], gf)
            lf = prf([r["l_by_script"][sc] >= LV2_T for r in xf], gf) if lv2 else (float("nan"),) * 3
            md.append(f"| {sc} | {len(x)} ({sum(g)}) | {cp[0]:.3f} / {cp[1]:.3f} | {lp[0]:.3f} / {lp[1]:.3f} | "
                      f"{len(xf)} ({sum(gf)}): {cf[1]:.3f} / {lf[1]:.3f} |")
        report[h] = {name: prf([pred(r) for r in hr], gold) for name, pred in matchers}
        if args.dump_dev and h == "dev":
            with open(args.dump_dev, "w", encoding="utf-8") as fh:
                for r in hr:
                    cn, cr = r["c_name"]["decision"] == "match", r["c_rec"]["decision"] == "match"
                    if cn != r["pos"] or cr != r["pos"]:
                        fh.write(json.dumps({
                            "err": ("FN" if r["pos"] else "FP"), "schema": r["schema"], "kind": r["kind"], "ov_name": r["ov_name"],
                            "name_level": [r["c_name"]["decision"], round(r["c_name"]["score"], 3), r["c_name_pair"]],
                            "record_level": [r["c_rec"]["decision"], round(r["c_rec"]["score"], 3), r["c_rec"].get("query"), r["c_rec"].get("matched_name")],
                            "rec_parts": (r["c_rec"].get("explanation") or {}).get("score_parts"),
                            "lv2": [round(r.get("l_name", -1), 3), round(r.get("l_rec", -1), 3)],
                            "left": names_of(r["left"])[:8], "right": names_of(r["right"])[:8],
                            "lc": countries(r["left"]), "rc": countries(r["right"]),
                            "ldob": r["left"]["properties"].get("birthDate", []), "rdob": r["right"]["properties"].get("birthDate", []),
                        }, ensure_ascii=False) + "\n")
                    for sc, o in r["c_name_by_script"].items():
                        if sc != "Latin-Latin" and (o["decision"] == "match") != r["pos"]:
                            fh.write(json.dumps({"err": ("FN" if r["pos"] else "FP") + "-script", "script": sc, "schema": r["schema"],
                                                 "score": o["score"], "pair": o["pair"], "an": o.get("a_normalized"), "bn": o.get("b_normalized"),
                                                 "notes": o.get("notes")}, ensure_ascii=False) + "\n")
    if args.markdown:
        print("\n".join(md))
    else:
        print("\n".join(md))
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
