#!/usr/bin/env python3
"""Regenerates data/names/han_readings.toml: Cantonese and Sino-Korean readings of Han characters.

Pinyin (Mandarin) cannot reach a Hong Kong name romanised from Cantonese ("王國興" / "WONG Kwok-hing")
or a Korean name written in hanja ("金承南" / "Kim Seung-nam"); these two tables let the matcher read
a Han name the other two ways as well.

Sources (both installed from PyPI, nothing else is fetched):
  * cantonese-romanisation 1.0.5 (MIT, Chun Law): cantoroman/data/charToRoman.json, Hong Kong
    Government Cantonese Romanisation per character (the scheme of HKID names). The first reading
    of each character is kept.
  * Unihandecode 0.81 (code GPLv3/Perl; we take only its data file): unihandecode/data/Unihan_Readings.txt,
    the Unicode Han Database (Unihan) 6.0.0, (c) Unicode, Inc., Unicode Terms of Use (redistribution
    allowed with the copyright notice). Field kHangul: the Hangul reading(s) of a character.

  python3 -m venv /tmp/names-venv
  /tmp/names-venv/bin/pip install cantonese-romanisation==1.0.5 Unihandecode==0.81
  /tmp/names-venv/bin/python scripts/gen-han-readings.py > data/names/han_readings.toml

  * pypinyin 0.55.0 (MIT, mozillazg): the Mandarin reading of a character where the matcher's
    default (`deunicode`, whose Han readings come from an old Unihan kMandarin field in no
    particular order) gives a syllable that is no reading of the character at all (汉 "yi", 宁
    "zhu", 薛 "xie"), or a rare one (广 "yan", 叶 "xie", 厂 "han", 喀 "ke"; RARE below, chosen by
    hand among the 98 such characters of GB 2312 level 1: readings that names use, such as 卜 bu
    in 阿卜杜勒 Abdul or 勒 le, are kept). Needs deunicode's readings, written by
    `cargo run --release --example deunicode_han < CHARS > TSV`, where CHARS are the characters of
    GB 2312 and Big5 (`--chars` below writes them).

  /tmp/names-venv/bin/pip install pypinyin==0.55.0
  /tmp/names-venv/bin/python scripts/gen-han-readings.py --chars > /tmp/han-chars.txt
  cargo run --release --example deunicode_han < /tmp/han-chars.txt > /tmp/deunicode-han.tsv
  /tmp/names-venv/bin/python scripts/gen-han-readings.py --deunicode /tmp/deunicode-han.tsv > data/names/han_readings.toml

Output: three strings of items; an item is one Han character followed by its reading(s):
  cantonese: "王wong 國gwok …" (Latin, one reading)
  korean:    "王왕 金금김 …"   (Hangul syllables, one per reading; romanised by the matcher's own
             Revised Romanisation)
  mandarin:  "汉han 宁ning …"  (pinyin without tones, ü written u; only where it replaces deunicode's)
"""
import datetime, hashlib, importlib.util, json, os, re, sys


def pkg_file(pkg, rel):
    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {pkg} is not installed (see the docstring)")
    return os.path.join(list(spec.submodule_search_locations)[0], rel)


def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()


def is_han(c):
    u = ord(c)
    return 0x3400 <= u <= 0x4DBF or 0x4E00 <= u <= 0x9FFF or 0xF900 <= u <= 0xFAFF or 0x20000 <= u <= 0x2FA1F


# Characters whose deunicode reading is a rare reading of theirs: pypinyin's usual one is taken.
RARE = "癌胺肮蚕茬厂呆盯侗恫啡噶镐广柜坏缉茧胶洁惊喀亏括蜡姥离猎呐蔫宁莆埔刹伺铣蝎叶种挝哆嘿吭拎帧椎沈朝乾血似熟裳差颤"


def common_chars():
    """The characters of GB 2312 and of Big5 (the usual simplified and traditional ones)."""
    seen = {}
    for enc, his, los in (("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF)),
                          ("big5", range(0xA4, 0xFA), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)))):
        for hi in his:
            for lo in los:
                try:
                    c = bytes([hi, lo]).decode(enc)
                except UnicodeDecodeError:
                    continue
                if is_han(c):
                    seen.setdefault(c, None)
    return list(seen)


def mandarin_items(deunicode_tsv):
    from pypinyin import Style, pinyin
    items = []
    for line in open(deunicode_tsv, encoding="utf-8"):
        c, r = line.rstrip("\n").split("\t")
        rs = [x.replace("ü", "u").replace("v", "u") for x in pinyin(c, style=Style.NORMAL, heteronym=True)[0]]
        if not rs or rs[0] == c or not re.fullmatch(r"[a-z]+", rs[0]):
            continue
        r = r.replace("v", "u")
        if r not in rs or (c in RARE and r != rs[0]):
            items.append(c + rs[0])
    return items


def main():
    if "--chars" in sys.argv:
        print("".join(common_chars()))
        return
    if "--deunicode" not in sys.argv:
        sys.exit("--deunicode TSV is required (see the docstring)")
    m_items = mandarin_items(sys.argv[sys.argv.index("--deunicode") + 1])
    canto_p = pkg_file("cantoroman", "data/charToRoman.json")
    unihan_p = pkg_file("unihandecode", "data/Unihan_Readings.txt")
    canto = json.load(open(canto_p, encoding="utf-8"))
    c_items = []
    for ch in sorted(canto):
        rs = [r for r in canto[ch] if re.fullmatch(r"[a-z]+", r)]
        if len(ch) == 1 and is_han(ch) and rs:
            c_items.append(ch + rs[0])
    k_items = []
    for line in open(unihan_p, encoding="utf-8"):
        if line.startswith("#") or "\tkHangul\t" not in line:
            continue
        cp, _, val = line.rstrip("\n").split("\t")
        ch = chr(int(cp[2:], 16))
        syl = "".join(s for s in val.split() if len(s) == 1 and 0xAC00 <= ord(s) <= 0xD7A3)
        if is_han(ch) and syl:
            k_items.append(ch + syl)
    today = datetime.date.today().isoformat()
    print("# Cantonese and Sino-Korean readings of Han characters, generated by scripts/gen-han-readings.py.")
    print(f'as_of = "{today}"')
    print('source = "PyPI cantonese-romanisation 1.0.5 (Cantonese) and the Unihan database 6.0.0 in PyPI Unihandecode 0.81 (Korean); details below"')
    print('licence = "Cantonese: MIT (c) Chun Law; Korean: (c) 1991-2010 Unicode, Inc., Unicode Terms of Use"')
    print('cantonese_source = "PyPI cantonese-romanisation 1.0.5, cantoroman/data/charToRoman.json '
          '(Hong Kong Government Cantonese Romanisation; first reading per character)"')
    print('cantonese_licence = "MIT (c) Chun Law"')
    print(f'cantonese_sha256 = "{sha(canto_p)}"')
    print('korean_source = "Unicode Han Database (Unihan) 6.0.0, field kHangul, as shipped in PyPI Unihandecode 0.81 '
          '(unihandecode/data/Unihan_Readings.txt)"')
    print('korean_licence = "Copyright (c) 1991-2010 Unicode, Inc. Unicode Terms of Use (https://www.unicode.org/terms_of_use.html)"')
    print(f'korean_sha256 = "{sha(unihan_p)}"')
    print(f"cantonese = {json.dumps(' '.join(c_items), ensure_ascii=False)}")
    print('mandarin_source = "PyPI pypinyin 0.55.0 (usual reading), where deunicode gives no reading of the character or a rare one"')
    print('mandarin_licence = "MIT (c) mozillazg"')
    print(f"korean = {json.dumps(' '.join(k_items), ensure_ascii=False)}")
    print(f"mandarin = {json.dumps(' '.join(m_items), ensure_ascii=False)}")
    print(f"{len(c_items)} Cantonese, {len(k_items)} Korean, {len(m_items)} Mandarin readings", file=sys.stderr)


if __name__ == "__main__":
    main()
