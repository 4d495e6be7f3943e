#!/usr/bin/env python3
"""Builds data/control/annex1.json, the compact Annex I index the classifier loads
(`catchall::classify::Annex1::from_bytes`), from the shared reference files:

  ../shared/data/control/eu_dualuse_annex1_2021-821_consolidated_2025-11-15.json
      EU Annex I of Reg (EU) 2021/821, consolidated 02021R0821-20251115 (EUR-Lex, reuse with
      acknowledgement, Commission Decision 2011/833/EU; parsed to JSON by rikiosso/exports-watch).
  ../shared/data/control/bis_ccl_index_eccn_descriptions_2015-06-16.tsv
      BIS CCL alphabetical keyword index (US Government work, public domain / CC0).

Run from the repository root:  python3 data/control/build_annex1_index.py [SHARED_DIR]
(SHARED_DIR defaults to ../shared). The output is deterministic; commit it together with
data/control/annex1.json.source.txt, which this script rewrites.

What it does (mechanical, no judgement):
  * every provision line "3B001.f.1.b.1 text" becomes [path-suffix, kind, text] with kind
    0 = control text, 1 = Note, 2 = N.B., 3 = Technical Note, 4 = "Not used";
  * the definitions annex becomes [term, categories, text] pairs;
  * each CCL keyword row is attached to the EU entry with the same number (ECCN paragraph
    "3A001b7" -> EU path "3A001.b.7" when that path exists, else the entry itself);
  * an entry gets "u" (US ECCN with the same number) only when the CCL index names that
    ECCN: evidence from data, never assumed.
"""
import hashlib, json, re, sys, csv, os

shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join('..', 'shared')
src = os.path.join(shared, 'data/control/eu_dualuse_annex1_2021-821_consolidated_2025-11-15.json')
ccl = os.path.join(shared, 'data/control/bis_ccl_index_eccn_descriptions_2015-06-16.tsv')
out = 'data/control/annex1.json'

raw = open(src, 'rb').read()
d = json.loads(raw)
line_re = re.compile(r'^(\d[A-E]\d{3})((?:\.[a-z0-9]+)*)\.?\s+(.*)$')

def kind(text):
    if re.match(r'^Not used\b', text): return 4
    if re.match(r'^Technical Notes?\b', text): return 3
    if re.match(r'^N\.\s?B\.', text): return 2
    if re.match(r'^Notes?\b(\s*\d+)?\s*[:.]?', text) and not re.match(r'^Not\b(?!e)', text): return 1
    return 0

entries = []
paths = {}
for e in d['entries']:
    code = e['entry_code']
    provs = []
    for ln in e['verbatim_text'].split('\n'):
        m = line_re.match(ln)
        if not m or m.group(1) != code:
            raise SystemExit(f'{code}: unexpected line {ln[:60]!r}')
        suffix = m.group(2).lstrip('.')
        text = m.group(3).strip()
        provs.append([suffix, kind(text), text])
        paths.setdefault(code, set()).add(suffix)
    entries.append({'c': code, 'p': provs})

# Definitions of terms ("Term" (cats) means ...).
defs = []
dtext = next(x for x in d['docs'] if x['doc_type'] == 'definitions_annex')['verbatim_text']
def_re = re.compile(r'^"([^"]+)"\s*(\(([0-9 ,]+|All)\))?\s*(.*)$')
for ln in dtext.split('\n'):
    m = def_re.match(ln)
    if m:
        defs.append([m.group(1), (m.group(3) or '').strip(), m.group(4).strip()])
    elif defs and ln.startswith(('N.B.', 'Note', 'Technical')):
        defs[-1][2] += ' ' + ln.strip()

# CCL keyword index.
by_code = {e['c']: e for e in entries}
eccn_re = re.compile(r'^(\d[A-E]\d{3})([a-z0-9]*)')
ccl_rows = 0
ccl_attached = 0
with open(ccl, newline='', encoding='utf-8') as f:
    rd = csv.reader(f, delimiter='\t')
    next(rd)
    for row in rd:
        ccl_rows += 1
        desc = row[0].strip().strip('"').strip()
        for cell in row[1:]:
            m = eccn_re.match(cell.strip())
            if not m:
                continue
            base, para = m.group(1), m.group(2)
            ent = by_code.get(base)
            if ent is None:
                continue
            ent['u'] = base
            # "b7" -> "b.7", "d1a" -> "d.1.a"
            parts = re.findall(r'[a-z]|\d+', para)
            suffix = '.'.join(parts)
            while suffix and suffix not in paths[base]:
                suffix = '.'.join(suffix.split('.')[:-1])
            kw = ent.setdefault('k', [])
            if [suffix, desc] not in kw:
                kw.append([suffix, desc])
                ccl_attached += 1

meta = {
    'title': 'EU dual-use control list: Annex I of Regulation (EU) 2021/821 (consolidated)',
    'corpus_version': d['corpus_version'],
    'valid_from': d['valid_from'],
    'source_url': d['source_url'],
    'attribution': d['attribution'],
    'parsed_by': 'rikiosso/exports-watch data/annex.json, commit 0fb5427ea885af2f284f7ad6b025376ac4ffdc11',
    'source_sha256': hashlib.sha256(raw).hexdigest(),
    'ccl_keywords': 'BIS CCL alphabetical index 2015-06-16 (ITA webservices, US Government work, public domain): used as search vocabulary only',
    'entries': len(entries),
}
doc = {'meta': meta, 'entries': entries, 'defs': defs}
body = json.dumps(doc, ensure_ascii=False, separators=(',', ':'))
open(out, 'w', encoding='utf-8').write(body)
import gzip
gz = len(gzip.compress(body.encode('utf-8'), 9))
print(f'{out}: {len(entries)} entries, {sum(len(e["p"]) for e in entries)} provisions, '
      f'{len(defs)} definitions, {ccl_attached} CCL keywords from {ccl_rows} rows; '
      f'{len(body.encode())} bytes raw, {gz} bytes gzip -9')
open(out + '.source.txt', 'w').write(f"""file: data/control/annex1.json
what: compact search index of EU dual-use Annex I (Reg (EU) 2021/821, consolidated {d['corpus_version']},
  valid from {d['valid_from']}): {len(entries)} entries, every provision line with its dotted path, notes and
  technical notes, the definitions of terms, and BIS CCL keyword-index descriptions attached as vocabulary.
generated by: python3 data/control/build_annex1_index.py (deterministic; re-run after updating shared data)
from: shared/data/control/eu_dualuse_annex1_2021-821_consolidated_2025-11-15.json
  sha256 {meta['source_sha256']}
  (EUR-Lex CELLAR Formex, parsed by rikiosso/exports-watch data/annex.json @ 0fb5427e)
and: shared/data/control/bis_ccl_index_eccn_descriptions_2015-06-16.tsv
  (ITA webservices data/eccns/ECCN_Descriptions_2015_06_16.txt @ 075ae3e1; US Government work, CC0)
licence: Annex I text (c) European Union, http://eur-lex.europa.eu/ - reuse permitted provided the source is
  acknowledged (Commission Decision 2011/833/EU). Only the Official Journal is authentic.
  Acknowledge EUR-Lex and rikiosso/exports-watch wherever the app shows this text.
size: {len(body.encode())} bytes raw, {gz} bytes gzip -9
""")
