#!/usr/bin/env python3
"""Writes data/names/ja_name_readings.toml: the readings each kanji takes in Japanese personal names.

A Japanese name in kanji only ("高山清司" TAKAYAMA Kiyoshi, "石田章六" ISHIDA Shoroku) cannot be
reached by a Chinese or Korean reading of its characters. Japanese names read their characters in
many ways (高 taka / kou, 清 kiyo / sei, 田 ta / da), so one reading per character would not do; this
table lists, per kanji, the readings that actually occur in Japanese personal names, learnt from a
dictionary of names rather than chosen by hand:

  1. Candidate readings per kanji from KANJIDIC2 (on, kun without okurigana, nanori), each also
     voiced as it is after another character (rendaku: k->g, s->z, sh->j, t->d, ch/ts->j/z,
     h/f->b/p: 田 ta -> da in 石田 ishida);
  2. every JMnedict entry typed surname, given, masc, fem or person, written in 1-4 kanji that all
     have candidates, is split along its kana reading into one candidate per kanji (all the ways
     it splits; an entry that does not split is skipped);
  3. a reading is kept for a kanji when at least MIN_COUNT name entries use it and it makes up at
     least MIN_SHARE of that kanji's name readings; kanji used in fewer than MIN_COUNT names are
     left out.

Readings are written as matching keys (Hepburn with long vowels shortened: ou, oo -> o, uu -> u,
the form Latin lists use: "Shoroku", "Kono"), the most used first. The matcher applies the same
key to the Latin name (also oh + consonant -> o, m before b / p / m -> n).

Source (installed from PyPI, nothing else is fetched): jamdict-data 1.5 (jamdict.db, compiled
2021-04-17 from the EDRDG's KANJIDIC2 and JMnedict). The dictionary files are the property of the
Electronic Dictionary Research and Development Group and are used in conformance with the Group's
licence (Creative Commons Attribution-ShareAlike 3.0, https://www.edrdg.org/edrdg/licence.html);
the generated table is under the same licence.

  /tmp/names-venv/bin/pip download --no-deps jamdict-data==1.5   # then unpack jamdict.db.xz
  /tmp/names-venv/bin/python scripts/gen-ja-name-readings.py PATH/jamdict.db > data/names/ja_name_readings.toml
"""
import collections, datetime, hashlib, json, sqlite3, sys

MIN_COUNT = 3
MIN_SHARE = 0.02
NAME_TYPES = {"surname", "given", "masc", "fem", "person"}

# Hepburn for kana (hiragana; katakana is shifted to hiragana first).
BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n", "ゔ": "vu",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o",
}
SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def kana_romaji(s):
    s = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in s)
    out, gem, i = [], False, 0
    while i < len(s):
        c = s[i]
        if c == "っ":
            gem = True
            i += 1
            continue
        if c == "ー":
            if out and out[-1][-1:] in "aeiou":
                out.append(out[-1][-1])
            i += 1
            continue
        r = BASE.get(c)
        if r is None:
            return None
        if i + 1 < len(s) and s[i + 1] in SMALL_Y and r.endswith("i") and len(r) >= 2:
            stem = r[:-1]
            stem = {"sh": "sh", "ch": "ch", "j": "j"}.get(stem, stem + "y")
            r = stem + SMALL_Y[s[i + 1]]
            i += 1
        if gem:
            r = ("t" if r.startswith("ch") else r[0]) + r
            gem = False
        out.append(r)
        i += 1
    return "".join(out)


def key(s):
    """The matching key (the Rust side's `ja_key`): long vowels shortened, m before a labial n."""
    s = s.replace("ou", "o").replace("oo", "o").replace("uu", "u").replace("aa", "a").replace("ii", "i").replace("ee", "e")
    return s.replace("mb", "nb").replace("mp", "np").replace("mm", "nm")


def voiced(r):
    for a, b in (("sh", "j"), ("ch", "j"), ("ts", "z"), ("k", "g"), ("s", "z"), ("t", "d"), ("h", "b"), ("h", "p"), ("f", "b"), ("f", "p")):
        if r.startswith(a):
            yield b + r[len(a):]
    if r.startswith("fu"):
        yield "bu"
        yield "pu"


def candidates(db):
    cand = collections.defaultdict(set)
    gid_of = dict(db.execute("select ID, cid from rm_group"))
    lit = dict(db.execute("select ID, literal from character"))
    for gid, rtype, value in db.execute("select gid, r_type, value from reading where r_type in ('ja_on', 'ja_kun')"):
        v = value.split(".")[0].replace("-", "")
        r = kana_romaji(v)
        if r:
            cand[lit[gid_of[gid]]].add(key(r))
    for cid, value in db.execute("select cid, value from nanori"):
        r = kana_romaji(value)
        if r:
            cand[lit[cid]].add(key(r))
    full = {}
    for ch, rs in cand.items():
        s = set(rs)
        for r in rs:
            s.update(key(v) for v in voiced(r))
        full[ch] = s
    return full


def splits(chars, k, cand):
    """Every way the key `k` splits into one candidate reading per character."""
    if not chars:
        return [[]] if not k else []
    out = []
    for r in cand[chars[0]]:
        if r and k.startswith(r):
            for rest in splits(chars[1:], k[len(r):], cand):
                out.append([r] + rest)
    return out


def main():
    path = sys.argv[1]
    db = sqlite3.connect(path)
    cand = candidates(db)
    types = collections.defaultdict(set)
    for idseq, t in db.execute("select n.idseq, t.text from NETransType t join NETranslation n on t.tid = n.ID"):
        types[idseq].add(t)
    kana = collections.defaultdict(list)
    for idseq, text in db.execute("select idseq, text from NEKana"):
        kana[idseq].append(text)
    counts = collections.defaultdict(collections.Counter)
    entries = skipped = 0
    for idseq, text in db.execute("select idseq, text from NEKanji"):
        if not (types[idseq] & NAME_TYPES) or not 1 <= len(text) <= 4 or any(c not in cand for c in text):
            continue
        for kn in kana[idseq]:
            r = kana_romaji(kn)
            if not r:
                continue
            ss = splits(list(text), key(r), cand)
            entries += 1
            if not ss:
                skipped += 1
                continue
            for s in ss:
                for c, piece in zip(text, s):
                    counts[c][piece] += 1.0 / len(ss)
    table = {}
    for c, cnt in counts.items():
        total = sum(cnt.values())
        if total < MIN_COUNT:
            continue
        keep = [r for r, n in cnt.most_common() if n >= MIN_COUNT and n >= MIN_SHARE * total]
        if keep:
            table[c] = keep
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    print("# The readings each kanji takes in Japanese personal names, generated by scripts/gen-ja-name-readings.py (how, there).")
    print(f'as_of = "{datetime.date.today().isoformat()}"')
    print('source = "PyPI jamdict-data 1.5 (jamdict.db compiled 2021-04-17 from KANJIDIC2 and JMnedict, EDRDG): '
          f'readings of each kanji split out of {entries - skipped:,} JMnedict readings of personal names (surname, given, '
          f'masc, fem, person; 1-4 kanji), kept when >= {MIN_COUNT} names and >= {MIN_SHARE:.0%} of the kanji\'s name readings use them; '
          'keys: Hepburn, long vowels shortened, most used first"')
    print('licence = "CC BY-SA 3.0: derived from KANJIDIC2 and JMnedict, the property of the Electronic Dictionary Research '
          'and Development Group, used in conformance with the Group\'s licence (https://www.edrdg.org/edrdg/licence.html)"')
    print(f'jamdict_db_sha256 = "{sha}"')
    print(f"readings = {json.dumps(' '.join(c + ':' + ','.join(rs) for c, rs in sorted(table.items())), ensure_ascii=False)}")
    print(f"{len(table)} kanji, {sum(map(len, table.values()))} readings; {entries} name readings, {skipped} not split",
          file=sys.stderr)


if __name__ == "__main__":
    main()
