#!/usr/bin/env python3
"""Dev / test split of the public evaluation sets (issue 13), fixed BEFORE any tuning.

  * name pairs (xscript_pairs.csv, xscript_pairs_derived_negatives.csv): TEST when
    int(sha1(min(a, b)), 16) is odd, else DEV. This is exactly the hash of
    ../shared/tools/screening-check, so figures from either tool are on the same halves. Keying on
    the lexically smaller name keeps every pair that shares that name (mostly the same entity:
    one native name against its several Latin forms) in one half.
  * innocent universities: TEST when int(sha1(name), 16) is odd.

The data sets carry no entity ids, so "by entity" is approximated by the shared name. This
script reports the residual overlap: test pairs one of whose names (NFKC, casefolded) also
occurs in a dev pair. `--write DIR` writes dev/test CSVs (outside the repository: these rows
must never be shipped). Rule: tune on DEV, only count TEST (scripts/eval-heldout.py).

  python3 scripts/eval-split.py [--write /tmp/names-split]
"""
import csv, hashlib, os, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUB = os.path.join(ROOT, "..", "shared", "data", "eval-public")


def half_pair(row):
    return "test" if int(hashlib.sha1(min(row["a"], row["b"]).encode()).hexdigest(), 16) % 2 else "dev"


def half_uni(row):
    return "test" if int(hashlib.sha1(row["name"].encode()).hexdigest(), 16) % 2 else "dev"


def pair_key(row):
    return row["a"] + "\u241e" + row["b"] + "\u241e" + row["kind"]


def load_pairs(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def load_unis(path):
    return list(csv.DictReader(open(path, encoding="utf-8")))


def name_key(s):
    return " ".join(unicodedata.normalize("NFKC", s).casefold().split())


def main():
    out_dir = None
    if "--write" in sys.argv:
        out_dir = sys.argv[sys.argv.index("--write") + 1]
        os.makedirs(out_dir, exist_ok=True)
    for fname in ("xscript_pairs.csv", "xscript_pairs_derived_negatives.csv"):
        rows = load_pairs(os.path.join(PUB, fname))
        halves = {"dev": [], "test": []}
        for r in rows:
            halves[half_pair(r)].append(r)
        dev_names = {name_key(n) for r in halves["dev"] for n in (r["a"], r["b"])}
        leak = sum(1 for r in halves["test"] if name_key(r["a"]) in dev_names or name_key(r["b"]) in dev_names)
        pos = {h: sum(r["is_match"] == "true" for r in v) for h, v in halves.items()}
        print(f"{fname}: dev {len(halves['dev'])} ({pos['dev']} pos), test {len(halves['test'])} ({pos['test']} pos); "
              f"test pairs sharing a name with a dev pair: {leak}")
        if out_dir:
            for h, v in halves.items():
                with open(os.path.join(out_dir, f"{h}_{fname}"), "w", encoding="utf-8", newline="") as f:
                    w = csv.DictWriter(f, fieldnames=list(rows[0].keys())); w.writeheader(); w.writerows(v)
    unis = load_unis(os.path.join(PUB, "innocent_orgs_universities.csv"))
    n = sum(half_uni(u) == "test" for u in unis)
    print(f"innocent_orgs_universities.csv: dev {len(unis) - n}, test {n}")


if __name__ == "__main__":
    main()
