#!/usr/bin/env python3
"""False matches on random pairs of real names that are different people (issue 13).

The labelled dev negatives hold few pairs of the shapes that a loosened transcription or
omitted-name rule lets through, so every such rule is also run here: real original-script
person names from the DEV half of the eval-public pairs (only the dev half: the test half is
never read) against real Latin names of other people -- the innocent persons
(tests/fixtures/eval-heldout/innocent_persons.csv, US Census given names and surnames) and the
Latin names of the other dev pairs of that script. A pair is skipped when its two names occur
together in any labelled positive pair. Pairs are drawn with a fixed seed, so the same CLI gives
the same count; `--base-cli` runs an older build on the same pairs and lists the pairs that
became Matches.

  /tmp/names-venv/bin/python scripts/eval-random-pairs.py --cli NEW [--base-cli OLD] \
      [--script Han] [--latin-of Japanese] [--n 40000] [--seed 13] [--show 30]
"""
import argparse, csv, json, os, random, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib
split = importlib.import_module("eval-split")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PUB = os.path.join(ROOT, "..", "shared", "data", "eval-public")


def compare(cli, pairs):
    lines = [json.dumps({"a": a, "b": b, "kind": "person"}, ensure_ascii=False) for a, b in pairs]
    p = subprocess.run([cli, "compare", "--format", "json"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, timeout=3600)
    out = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    if len(out) != len(pairs):
        sys.exit(f"compare answered {len(out)} of {len(pairs)} (exit {p.returncode}): {p.stderr[-300:]}")
    return [(o.get("decision") == "match", o.get("score", 0.0)) for o in out]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--base-cli")
    ap.add_argument("--script", default="Han", help="script of the original-script side (Han, Japanese, Hangul, Arabic, ...)")
    ap.add_argument("--latin-of", help="take the Latin names only from the dev pairs of this script, and not the innocent "
                    "persons (e.g. Japanese: Latin names that read as Japanese, against Han names)")
    ap.add_argument("--n", type=int, default=40000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=30)
    args = ap.parse_args()

    rows = split.load_pairs(os.path.join(PUB, "xscript_pairs.csv"))
    positives = {frozenset((split.name_key(r["a"]), split.name_key(r["b"]))) for r in rows if r["is_match"] == "true"}
    dev = [r for r in rows if split.half_pair(r) == "dev" and r["kind"] == "person"]
    native, latin = set(), set()
    for r in dev:
        scripts = (r["script_a"], r["script_b"])
        for n, s in ((r["a"], r["script_a"]), (r["b"], r["script_b"])):
            if s == args.script:
                native.add(n)
            elif s == "Latin" and (args.latin_of is None or args.latin_of in scripts):
                latin.add(n)
    persons = split.load_unis(os.path.join(ROOT, "tests", "fixtures", "eval-heldout", "innocent_persons.csv"))
    if args.latin_of is None:
        latin |= {p["name"] for p in persons if split.half_uni(p) == "dev"}
    native, latin = sorted(native), sorted(latin)
    rng = random.Random(args.seed)
    pairs, seen = [], set()
    tries = 0
    while len(pairs) < args.n and tries < 20 * args.n:
        tries += 1
        a, b = rng.choice(native), rng.choice(latin)
        k = frozenset((split.name_key(a), split.name_key(b)))
        if k in positives or (a, b) in seen:
            continue
        seen.add((a, b))
        pairs.append((a, b))
    new = compare(args.cli, pairs)
    n_new = sum(m for m, _ in new)
    print(f"{args.script}: {len(native)} dev names x {len(latin)} Latin names, {len(pairs)} random pairs (seed {args.seed})")
    print(f"  {args.cli}: {n_new} Match ({100 * n_new / len(pairs):.3f} %)")
    if args.base_cli:
        old = compare(args.base_cli, pairs)
        n_old = sum(m for m, _ in old)
        print(f"  {args.base_cli}: {n_old} Match ({100 * n_old / len(pairs):.3f} %)")
        added = [(p, s) for p, (m, s), (mo, _) in zip(pairs, new, old) if m and not mo]
        removed = [p for p, (m, _), (mo, _) in zip(pairs, new, old) if mo and not m]
        print(f"  added {len(added)}, removed {len(removed)}")
        for (a, b), s in added[: args.show]:
            print(f"    + {a} / {b} ({s:.3f})")
        for a, b in removed[: args.show]:
            print(f"    - {a} / {b}")


if __name__ == "__main__":
    main()
