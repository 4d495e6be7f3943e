#!/usr/bin/env python3
"""Fresh, hard cross-script held-out set from the lists' own aliases (issue 13).

Evaluation only: reads ../shared, writes nothing into the repository, NOT part of scripts/test.

SOURCES (real lists, read-only, ../shared/data/lists/, provenance in each .source.txt): every record that
carries a name in a non-Latin script beside Latin names of the same designation:
  un     UN SC consolidated 2026-02-27 XML: NAME_ORIGINAL_SCRIPT vs the Latin name and aliases (key: UN ref)
  ofsi   OFSI ConList.xlsx 2025-04-14: "Name Non-Latin Script" vs the Latin name parts of the same Group ID
         (links: UN ref and UK Sanctions List ref from "Other Information"; UK subjects CSV ofsi_group_id -> UN ref)
  eu     EU FSF names derivative 2026-01-28 (multilingual nameAlias wholeNames): its non-Latin names vs its
         Latin names (key: EU logical id)
  kaist  KAIST restricted-parties compilation 2026-08-18: name.native vs name.english and Latin aliases
         (BIS Entity List, METI End User List, 1260H, 1286, NS-CMIC, ISED). Its `korean` field is the lab's
         own translation, not a list's name: not used.

ENTITIES AND SPLIT (fixed and committed before any failure was read): union-find over the records' keys,
their links (UN ref, UK ref, OFSI group id) and every full name they carry (NFKC, casefolded, spaces folded):
two records that share a name or an id are one entity. An entity (component) is in TEST when
int(sha1(smallest record key of the component), 16) is odd, else DEV.

PAIRS, per record and original-script name o (script = Japanese when kana, Persian when Persian letters):
  positive       (o, a Latin name of the same record): the primary Latin name and up to two more, chosen by a
                 stable hash; a (o, latin) pair is counted once over all sources.
  hard negative  (o, a Latin name of a DIFFERENT entity of the same half and kind) that shares a content token
                 (>= 3 letters, not a particle or legal form) with one of o's own Latin names -- the romanised
                 form of o --, preferring the same list; else one that starts with the same letter.
  random neg.    (o, a Latin name of a random different entity of the same half and kind).
OVERLAP: a pair "overlaps" when either name (NFKC casefold) occurs in ../shared/data/eval-public/xscript_pairs*.csv,
in tests/fixtures/eval-*/ or in tests/cases/*.toml; FRESH = no overlap.

MATCHERS, same rows, same run:
  Catchall pair     `catchall compare` (pair predicted = decision Match)
  Catchall screen   the product path: the Latin name made a one-entry list, o screened against it with its
                    kind (`Index::screen` through examples/record_pairs.rs); Match, and any hit (Possible or Match)
  logic-v2          nomenklatura logic-v2 on FtM entities carrying only the name (Person / Organization /
                    Vessel / LegalEntity), score >= 0.70; cached in --lv2-cache.
Discipline: only DEV rows may be read for failures (--dump-dev writes DEV rows only); TEST is only counted.

  cargo build --release --bin catchall && cargo build --release --example record_pairs
  /tmp/names-venv/bin/python scripts/eval-aliases.py --split-only          # sizes, overlap, no matcher
  /tmp/names-venv/bin/python scripts/eval-aliases.py --halves dev [--no-lv2] [--dump-dev FILE]
  /tmp/names-venv/bin/python scripts/eval-aliases.py --halves dev,test --markdown
"""
import collections, csv, glob, gzip, hashlib, importlib, json, os, re, subprocess, sys, time, unicodedata, zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
records = importlib.import_module("eval-records")
script_of, name_key = records.script_of, records.name_key

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "data")
LISTS = os.path.join(SHARED, "lists")
PUB = os.path.join(SHARED, "eval-public")
SCRIPTS = records.SCRIPTS
KINDS = ("person", "organization", "vessel", "unknown")
LV2_T = 0.70
STOP = set("""al el ul ad ar as at az bin ibn bint abu abd abdul bani ben ould the of and for de la le du des del da
do dos van von der und et y co ltd llc llp jsc ojsc cjsc pjsc ooo oao zao pao ao inc corp sa sas sarl gmbh ag bv nv
company corporation limited group holding holdings""".split())
# legal-form and generic words dropped from the loose identity key (below), in the languages the lists use
LEGAL = STOP | set("""public joint stock open closed private society liability responsibility partnership enterprise
federal state unitary scientific production association firm sociedad limitada anonima responsabilidad rt kft zrt spolecnost
ооо оао зао пао ао ооо ао ип фгуп гуп нпо нпп общество акционерное ограниченной ответственностью публичное открытое
закрытое компания корпорация группа дружество акционерно отворено ограничена отговорност еоод оод""".split())


def latin_ok(n):
    return script_of(n) == "Latin" and any(ch.isalpha() for ch in n)


def clean(n):
    return " ".join((n or "").split())


# ---------------------------------------------------------------- sources
def load_un():
    path = os.path.join(LISTS, "un_sc_consolidated_2026-02-27.xml")
    root = ET.parse(path).getroot()
    out = []
    for tag, kind in (("INDIVIDUAL", "person"), ("ENTITY", "organization")):
        for n in root.iter(tag):
            t = lambda k: clean(n.findtext(k))
            ref = t("REFERENCE_NUMBER")
            primary = clean(" ".join(t(k) for k in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")))
            names = [primary] + [clean(a.findtext("ALIAS_NAME")) for a in n.iter(tag + "_ALIAS")]
            orig = t("NAME_ORIGINAL_SCRIPT")
            out.append({"key": f"un:{ref}", "src": "un", "kind": kind, "names": [orig] + names, "links": [f"unref:{ref}"]})
    return out


def read_xlsx(path):
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    z = zipfile.ZipFile(path)
    ss = ["".join(t.text or "" for t in si.iter(ns + "t")) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(ns + "si")]
    rows = []
    for r in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).find(ns + "sheetData").findall(ns + "row"):
        vals = {}
        for c in r.findall(ns + "c"):
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group():
                col = col * 26 + ord(ch) - 64
            v = c.find(ns + "v")
            if c.get("t") == "s":
                x = ss[int(v.text)]
            elif c.get("t") == "inlineStr":
                x = "".join(tt.text or "" for tt in c.iter(ns + "t"))
            else:
                x = v.text if v is not None else ""
            vals[col - 1] = x
        rows.append([vals.get(i, "") for i in range(max(vals) + 1 if vals else 0)])
    return rows


def load_ofsi():
    rows = read_xlsx(os.path.join(LISTS, "uk_ofsi_conlist_2025-04-14.xlsx"))
    hdr = rows[1]
    uk_un = {}
    with open(os.path.join(LISTS, "uk_sanctions_list_2026-04-29_subjects.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["ofsi_group_id"] and r["un_reference_number"]:
                uk_un[r["ofsi_group_id"]] = r["un_reference_number"]
    groups = collections.OrderedDict()
    for r in rows[2:]:
        d = dict(zip(hdr, r))
        gid = d.get("Group ID", "").strip()
        if not gid:
            continue
        g = groups.setdefault(gid, {"key": f"ofsi:{gid}", "src": "ofsi", "names": [], "links": [],
                                    "kind": {"Individual": "person", "Entity": "organization", "Ship": "vessel"}.get(d.get("Group Type"), "unknown")})
        latin = clean(" ".join(d.get(f"Name {i}", "") for i in (1, 2, 3, 4, 5, 6)))
        if d.get("Alias Type") == "Primary name":
            g["names"].insert(0, latin)
        else:
            g["names"].append(latin)
        g["names"].append(clean(d.get("Name Non-Latin Script")))
        other = d.get("Other Information", "")
        for m in re.finditer(r"\(UN Ref\)\s*:?\s*([A-Za-z]{2,4}\.\d+)", other):
            g["links"].append(f"unref:{m.group(1)}")
        for m in re.finditer(r"\(UK Sanctions List Ref\)\s*:?\s*([A-Z]{3}\d{4})", other):
            g["links"].append(f"ukref:{m.group(1)}")
        if gid in uk_un:
            g["links"].append(f"unref:{uk_un[gid]}")
    return list(groups.values())


def load_eu():
    d = json.load(open(os.path.join(LISTS, "multi_eu_fsf_un_ofaccons_names_derived_2026-01-28.json"), encoding="utf-8"))
    out = []
    for i, e in enumerate(d["entities"]):
        if "EU" not in e["source"]:
            continue  # the UN part is the UN file above; the OFAC part carries no original script
        out.append({"key": f"eu:{e['source_id']}:{i}", "src": "eu", "names": [clean(e["name"])] + [clean(a) for a in e["aliases"]],
                    "kind": {"individual": "person", "entity": "organization"}.get(e["type"], "unknown"), "links": [f"euid:{e['source_id']}"]})
    return out


def load_kaist():
    d = json.load(open(os.path.join(LISTS, "multi_restricted_parties_kaist_2026-08-18.json"), encoding="utf-8"))
    out = []
    for e in d:
        nm = e["name"]
        out.append({"key": f"kaist:{e['id']}", "src": "kaist:" + e["source"]["list_id"], "kind": "unknown",
                    "names": [clean(nm.get("english")), clean(nm.get("native"))] + [clean(a) for a in e.get("aliases", [])], "links": []})
    return out


# ---------------------------------------------------------------- entities, split, pairs
def build():
    recs = load_un() + load_ofsi() + load_eu() + load_kaist()
    for r in recs:
        seen, names = set(), []
        for n in r["names"]:
            if n and name_key(n) not in seen:
                seen.add(name_key(n)); names.append(n)
        r["names"] = names
        r["latin"] = [n for n in names if latin_ok(n)]
        r["native"] = [n for n in names if script_of(n) != "Latin"]
    components = records.UnionFind()
    find, union = components.find, components.union

    for r in recs:
        for l in r["links"]:
            union(r["key"], l)
        for n in r["names"]:
            union(r["key"], "name:" + name_key(n))
    comp_keys = collections.defaultdict(list)
    for r in recs:
        comp_keys[find(r["key"])].append(r["key"])
    comp_id = {root: min(ks) for root, ks in comp_keys.items()}
    comp_kind = collections.defaultdict(collections.Counter)
    for r in recs:
        r["comp"] = comp_id[find(r["key"])]
        r["half"] = "test" if int(hashlib.sha1(r["comp"].encode()).hexdigest(), 16) % 2 else "dev"
        if r["kind"] != "unknown":
            comp_kind[r["comp"]][r["kind"]] += 1
    for r in recs:  # KAIST carries no kind: take the kind its entity has on another list
        if r["kind"] == "unknown" and comp_kind[r["comp"]]:
            r["kind"] = comp_kind[r["comp"]].most_common(1)[0][0]
    return recs, comp_keys


def hrank(*xs):
    return hashlib.sha1("\u241e".join(xs).encode()).hexdigest()


def tokens(n):
    return {t for t in re.split(r"[^\w]+", name_key(n)) if len(t) >= 3 and t not in STOP and not t.isdigit()}


def loose_key(n):
    """Identity key to catch one subject listed twice without a shared id: casefolded tokens without legal forms, sorted."""
    ts = [t for t in re.split(r"[^\w]+", name_key(n)) if t and t not in LEGAL]
    return " ".join(sorted(ts))


def make_pairs(recs):
    pairs, seen = [], set()

    def add(o, l, kind, half, label, r, extra=None):
        k = (name_key(o), name_key(l))
        if k in seen:
            return
        seen.add(k)
        pairs.append(dict({"a": o, "b": l, "kind": kind, "half": half, "label": label, "src": r["src"], "comp": r["comp"],
                           "script": script_of(o), "leak": r["leak"]}, **(extra or {})))

    # Latin-name pools for negatives: (half, kind) -> [(rec index, latin name)], token index
    pool = collections.defaultdict(list)
    by_first = collections.defaultdict(list)
    tok = collections.defaultdict(lambda: collections.defaultdict(list))
    for i, r in enumerate(recs):
        for l in r["latin"]:
            pool[(r["half"], r["kind"])].append((i, l))
            by_first[(r["half"], r["kind"], name_key(l)[:1])].append((i, l))
            for t in tokens(l):
                tok[(r["half"], r["kind"])][t].append((i, l))
    # one subject listed on two lists with no shared id and differently written names is not a negative:
    # records whose names share a loose key are "twins" and never paired as negatives
    lk = collections.defaultdict(set)
    for r in recs:
        for n in r["names"]:
            k = loose_key(n)
            if k:
                lk[k].add(r["comp"])
    for r in recs:
        r["twins"] = {c for n in r["names"] for c in lk.get(loose_key(n), ())}
    comp_half = {r["comp"]: r["half"] for r in recs}
    for r in recs:  # a twin in the other half: the split could not see it; such pairs are not counted as fresh
        r["leak"] = any(comp_half[c] != r["half"] for c in r["twins"])
    for i, r in enumerate(recs):
        if not r["latin"]:
            continue
        for o in r["native"]:
            rest = sorted(r["latin"][1:], key=lambda l: hrank(o, l))
            for l in [r["latin"][0]] + rest[:2]:
                add(o, l, r["kind"], r["half"], "pos", r)
            hk = (r["half"], r["kind"])
            own = set().union(*[tokens(l) for l in r["latin"]])
            cands = [(j, l) for t in own for (j, l) in tok[hk].get(t, []) if recs[j]["comp"] not in r["twins"]]
            how = "shared token"
            if not cands:
                first = name_key(r["latin"][0])[:1]
                cands = [(j, l) for (j, l) in by_first[hk + (first,)] if recs[j]["comp"] not in r["twins"]]
                how = "first letter"
            if cands:
                same_src = [c for c in cands if recs[c[0]]["src"] == r["src"]]
                j, l = min(same_src or cands, key=lambda c: hrank(o, c[1]))
                add(o, l, r["kind"], r["half"], "hard", r, {"how": how})
            # a stable pseudo-random pick: the first entry of another entity from a hashed start
            pl, start = pool[hk], int(hrank("random", o), 16)
            for step in range(min(len(pl), 1000)):
                j, l = pl[(start + step) % len(pl)]
                if recs[j]["comp"] not in r["twins"]:
                    add(o, l, r["kind"], r["half"], "random", r)
                    break
    return pairs


def overlap_names():
    names = set()
    for f in glob.glob(os.path.join(PUB, "xscript_pairs*.csv")):
        for row in csv.DictReader(open(f, encoding="utf-8")):
            names.add(name_key(row["a"])); names.add(name_key(row["b"]))
    for f in glob.glob(os.path.join(ROOT, "tests", "fixtures", "eval-*", "*.csv")):
        for row in csv.reader(open(f, encoding="utf-8")):
            for c in row:
                names.add(name_key(c))
    for f in glob.glob(os.path.join(ROOT, "tests", "cases", "*.toml")):
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', open(f, encoding="utf-8").read()):
            names.add(name_key(m.group(1)))
    names.discard("")
    return names


# ---------------------------------------------------------------- matchers
def run_compare(cli, rows):
    lines = [json.dumps({"a": r["a"], "b": r["b"], "kind": r["kind"]}, ensure_ascii=False) for r in rows]
    p = subprocess.run([cli, "compare", "--format", "json"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=3600)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(rows):
        sys.exit(f"compare answered {len(out)} of {len(rows)} (exit {p.returncode}): {p.stderr[-300:]}")
    return out


def run_screen(example, rows):
    lines = [json.dumps({"entry": {"id": "x", "kind": r["kind"], "name": r["b"]},
                         "queries": [{"name": r["a"], "kind": r["kind"]}]}, ensure_ascii=False) for r in rows]
    p = subprocess.run([example], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=3600)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(rows) or any("error" in o for o in out):
        sys.exit(f"record_pairs answered {len(out)} of {len(rows)} (exit {p.returncode}): {p.stderr[-300:]}")
    return out


def lv2_scores(rows, cache_path):
    cache = json.load(open(cache_path, encoding="utf-8")) if cache_path and os.path.exists(cache_path) else {}
    key = lambda r: r["a"] + "\u241e" + r["b"] + "\u241e" + r["kind"]
    todo = [r for r in rows if key(r) not in cache]
    if todo:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        algo = get_algorithm("logic-v2")
        cfg = algo.default_config() if hasattr(algo, "default_config") else None
        schema = {"person": "Person", "organization": "Organization", "vessel": "Vessel", "unknown": "LegalEntity"}

        def ent(n, k, i):
            e = model.make_entity(schema[k]); e.id = f"x{i}"; e.add("name", n); return e
        t = time.perf_counter()
        for i, r in enumerate(todo):
            a, b = ent(r["a"], r["kind"], 2 * i), ent(r["b"], r["kind"], 2 * i + 1)
            cache[key(r)] = (algo.compare(a, b, cfg) if cfg is not None else algo.compare(a, b)).score
            if i % 2000 == 1999:
                print(f"  logic-v2: {i + 1}/{len(todo)} ({(time.perf_counter() - t) / (i + 1) * 1e3:.1f} ms/pair)", file=sys.stderr)
                if cache_path:
                    json.dump(cache, open(cache_path, "w", encoding="utf-8"))
        if cache_path:
            json.dump(cache, open(cache_path, "w", encoding="utf-8"))
    return [cache[key(r)] for r in rows]


# ---------------------------------------------------------------- report
def script_group(s):
    return s if s in SCRIPTS else "other non-Latin"


def main():
    args = records.parse_args("/tmp/names-lv2-aliases-cache.json")
    halves = args.halves.split(",")

    recs, comps = build()
    pairs = make_pairs(recs)
    ov = overlap_names()
    for p in pairs:
        p["overlap"] = name_key(p["a"]) in ov or name_key(p["b"]) in ov or p["leak"]
    md = []
    big = max(comps.values(), key=len)
    md.append(f"Records {len(recs)} ({dict(collections.Counter(r['src'].split(':')[0] for r in recs))}), with an original-script and a Latin "
              f"name {sum(1 for r in recs if r['native'] and r['latin'])}; entities (components) {len(comps)}, largest {len(big)} records")
    for h in ("dev", "test"):
        hp = [p for p in pairs if p["half"] == h]
        c = collections.Counter(p["label"] for p in hp)
        cf = collections.Counter(p["label"] for p in hp if not p["overlap"])
        ents = len({p["comp"] for p in hp if p["label"] == "pos"})
        lk = sum(1 for p in hp if p["label"] == "pos" and p["leak"])
        md.append(f"- {h}: {c['pos']} positive pairs ({ents} entities), {c['hard']} hard negatives, {c['random']} random negatives; "
                  f"fresh (no overlap): {cf['pos']} / {cf['hard']} / {cf['random']}; positives per script "
                  f"{dict(collections.Counter(script_group(p['script']) for p in hp if p['label'] == 'pos').most_common())}; "
                  f"per kind {dict(collections.Counter(p['kind'] for p in hp if p['label'] == 'pos').most_common())}; "
                  f"positives of a subject with a loose-key twin in the other half (not fresh): {lk}")
    dev_c, test_c = {p["comp"] for p in pairs if p["half"] == "dev"}, {p["comp"] for p in pairs if p["half"] == "test"}
    assert not dev_c & test_c
    if args.split_only:
        print("\n".join(md)); return

    sel = [p for p in pairs if p["half"] in halves]
    t = time.perf_counter()
    out = run_compare(args.cli, sel)
    print(f"catchall compare: {len(sel)} pairs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    t = time.perf_counter()
    scr = run_screen(args.example, sel)
    print(f"record_pairs: {len(sel)} pairs in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    lv2 = None if args.no_lv2 else lv2_scores(sel, args.lv2_cache)
    for i, p in enumerate(sel):
        p["c"] = out[i]["decision"] == "match"
        p["c_score"] = out[i]["score"]
        p["s_match"] = scr[i]["decision"] == "match"
        p["s_hit"] = scr[i]["decision"] in ("match", "possible")
        p["l"] = lv2[i] >= LV2_T if lv2 else None
        p["l_score"] = lv2[i] if lv2 else None

    cols = [("Catchall pair (Match)", "c"), ("Catchall screen (Match)", "s_match"), ("Catchall screen (any hit)", "s_hit")]
    if lv2:
        cols.append(("logic-v2 (≥ 0.70)", "l"))

    def rate(xs, k):
        return f"{sum(p[k] for p in xs) / len(xs):.1%}" if xs else "–"

    def f1(xs, k):
        tp = sum(1 for p in xs if p[k] and p["label"] == "pos")
        fp = sum(1 for p in xs if p[k] and p["label"] != "pos")
        pos = sum(1 for p in xs if p["label"] == "pos")
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / pos if pos else 0.0
        return f"{2 * P * R / (P + R) if P + R else 0.0:.3f}"

    def table(title, rows_by_group):
        md.append(f"\n{title}\n")
        md.append("| Group | positives | " + " | ".join(f"{n}: recall" for n, _ in cols) + " | hard neg. | " +
                  " | ".join(f"{n}: false" for n, _ in cols) + " | random neg.: false C pair / L2 |")
        md.append("|---|---|" + "---|" * len(cols) + "---|" + "---|" * len(cols) + "---|")
        for g, xs in rows_by_group:
            pos = [p for p in xs if p["label"] == "pos"]
            hard = [p for p in xs if p["label"] == "hard"]
            rnd = [p for p in xs if p["label"] == "random"]
            if not pos and not hard:
                continue
            md.append(f"| {g} | {len(pos)} | " + " | ".join(rate(pos, k) for _, k in cols) + f" | {len(hard)} | " +
                      " | ".join(f"{sum(p[k] for p in hard)}" for _, k in cols) +
                      f" | {sum(p['c'] for p in rnd)} / {sum(p['l'] for p in rnd) if lv2 else '–'} of {len(rnd)} |")

    for h in halves:
        hp = [p for p in sel if p["half"] == h]
        fresh = [p for p in hp if not p["overlap"]]
        c = collections.Counter(p["label"] for p in hp)
        md.append(f"\n#### {h.upper()} half ({c['pos']} positive pairs, {c['hard']} hard negatives, {c['random']} random negatives; "
                  f"fresh: {sum(p['label'] == 'pos' for p in fresh)} / {sum(p['label'] == 'hard' for p in fresh)} / "
                  f"{sum(p['label'] == 'random' for p in fresh)})\n")
        md.append("F1 on positives + hard negatives: " + ", ".join(f"{n} {f1([p for p in hp if p['label'] != 'random'], k)}" for n, k in cols) +
                  "; fresh: " + ", ".join(f"{n} {f1([p for p in fresh if p['label'] != 'random'], k)}" for n, k in cols))
        byname = collections.defaultdict(list)
        for p in hp:
            if p["label"] == "pos":
                byname[(p["comp"], name_key(p["a"]))].append(p)
        md.append(f"\nOriginal-script names found by any of their (up to 3) Latin names ({len(byname)} names):\n")
        md.append("| Script | names | " + " | ".join(n for n, _ in cols) + " |")
        md.append("|---|---|" + "---|" * len(cols))
        for s in ["all"] + SCRIPTS:
            g = [x for x in byname.values() if s == "all" or script_group(x[0]["script"]) == s]
            if g:
                md.append(f"| {s} | {len(g)} | " + " | ".join(f"{sum(any(p[k] for p in x) for x in g) / len(g):.1%}" for _, k in cols) + " |")
        md.append("\nThe same per script and kind (the kind of the name's first pair):\n")
        md.append("| Script | kind | names | " + " | ".join(n for n, _ in cols) + " |")
        md.append("|---|---|---|" + "---|" * len(cols))
        for s in SCRIPTS:
            for kd in KINDS:
                g = [x for x in byname.values() if script_group(x[0]["script"]) == s and x[0]["kind"] == kd]
                if len(g) >= 5:
                    md.append(f"| {s} | {kd} | {len(g)} | " + " | ".join(f"{sum(any(p[k] for p in x) for x in g) / len(g):.1%}" for _, k in cols) + " |")
        for tag, xs in (("all pairs", hp), ("fresh pairs (no overlap)", fresh)):
            table(f"Per script, {tag}:", [("all", xs)] + [(s, [p for p in xs if script_group(p["script"]) == s]) for s in SCRIPTS])
        table("Per kind, all pairs:", [(k, [p for p in hp if p["kind"] == k]) for k in KINDS])
        table("Per source, all pairs:", [(s, [p for p in hp if p["src"].split(":")[0] == s]) for s in ("un", "ofsi", "eu", "kaist")])
        if args.dump_dev and h == "dev":
            with open(args.dump_dev, "w", encoding="utf-8") as fh:
                # "found": whether the row's original-script name is found (pair Match) by any of its
                # Latin names, as the names table counts it (a name's found rows are not dumped)
                found = {key for key, x in byname.items() if any(p["c"] for p in x)}
                for p in hp:
                    if p["c"] != (p["label"] == "pos") or p["s_hit"] != (p["label"] == "pos"):
                        row = {k: p.get(k) for k in ("label", "script", "kind", "src", "a", "b", "c", "c_score", "s_match", "s_hit",
                                                     "l", "l_score", "overlap", "how")}
                        if p["label"] == "pos":
                            row["found"] = (p["comp"], name_key(p["a"])) in found
                        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
