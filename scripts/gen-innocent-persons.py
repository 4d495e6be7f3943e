#!/usr/bin/env python3
"""Innocent persons for the held-out screening evaluation (issue 13): real given names and
surnames, combined deterministically into full names, to count how often screening an ordinary
person's name against the bundled lists gives a hit.

Source (installed from PyPI, not shipped with the app): `names` 0.3.0 (MIT, Trey Hunner), which
carries the US Census Bureau's 1990 name frequency files (public domain):
  dist.male.first   1,219 given names with their frequency among men
  dist.female.first 4,275 given names with their frequency among women
  dist.all.last     88,799 surnames with their frequency
The package `names-dataset` (names per country) was not used: its data were extracted from the
2021 Facebook leak.

What a row is: a real given name and a real surname, each drawn with its census frequency (so
common names are common, as among real counterparties), men and women alternating. The full
name is a combination, not a verified individual: some combinations are the names of real
people, and a few may be the names of listed people. Such hits are not hidden: the evaluation
(scripts/eval-heldout.py) lists every dev-half hit with the entry, and counts a hit whose listed
name is the query name itself (same words, any order) apart, as "same name as a listed person".

Sampling is deterministic (sha1 of a counter, no random state); duplicates are skipped until N
distinct names. Split as the universities: TEST when int(sha1(name), 16) is odd.

  /tmp/names-venv/bin/pip install names==0.3.0
  /tmp/names-venv/bin/python scripts/gen-innocent-persons.py [--n 4000] > tests/fixtures/eval-heldout/innocent_persons.csv
"""
import argparse, bisect, csv, hashlib, os, sys


def load(path):
    names, cum, total = [], [], 0.0
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) < 4 or float(parts[1]) <= 0:
            continue
        total += float(parts[1])
        names.append(parts[0].title())
        cum.append(total)
    return names, cum


def draw(table, key):
    names, cum = table
    u = int(hashlib.sha1(key.encode()).hexdigest(), 16) / 16**40 * cum[-1]
    return names[min(bisect.bisect_right(cum, u), len(names) - 1)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=4000)
    args = ap.parse_args()
    import names  # PyPI `names` 0.3.0

    d = os.path.dirname(names.__file__)
    male, female, last = (load(os.path.join(d, f)) for f in ("dist.male.first", "dist.female.first", "dist.all.last"))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(("name", "country", "kind", "source"))
    seen, i = set(), 0
    while len(seen) < args.n:
        given = draw(male if i % 2 == 0 else female, f"innocent-persons:given:{i}")
        surname = draw(last, f"innocent-persons:surname:{i}")
        i += 1
        name = f"{given} {surname}"
        if name in seen:
            continue
        seen.add(name)
        out.writerow((name, "US", "person", "US Census 1990 names via PyPI names 0.3.0"))


if __name__ == "__main__":
    main()
