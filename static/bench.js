// Wasm engine benchmark (static/bench.html): per-call times of the JS API, each the median of
// 7 rounds of N calls timed together (browsers coarsen performance.now() to ~0.1 ms).
// screen() and match() run in the screening worker: their times include the round trip
// (postMessage and JSON both ways), one call after the other. wasm_memory_mb is the page's
// wasm memory (Annex I, no party index: that lives in the worker).
// Results go to window.catchallBench (read by the e2e measurement) and to the page.
import init, { loadData, screen, match, classify, classifySearch } from '../catchall-web.js';

const out = document.getElementById('out');
const t0 = performance.now();
const wasm = await init({ module_or_path: new URL('../catchall-web_bg.wasm', import.meta.url) });
const tInit = performance.now();
const data = await loadData(new URL('../', import.meta.url).href);
const tLoad = performance.now();

const chashma = await (await fetch(new URL('../chashma_2021.json', import.meta.url))).json();
const clear = {
  jurisdiction: 'EU:DE', activity: 'export', exporter: { name: 'Schreiner Büromöbel GmbH', country: 'DE' },
  items: [{ description: 'Office swivel chairs', classification: 'not_listed', qty: 40 }],
  parties: { end_user: { name: 'Bureau Interieur SARL', country: 'FR' } },
  stated_end_use: 'Furnishing a new office', end_use_category: 'civil_industrial', due_diligence: { end_user_statement: true },
};
const names = ['Hassan Scientific Corporation', 'Chashma Nuclear Power Generating Station', 'Bank Melli Iran',
  'Rosoboronexport', 'Grünwald Bäckerei GmbH', 'Mohammed Ali Hassan', 'Huawei Technologies Co Ltd',
  'Kim Jong Un', 'Technocenter Ltd', 'Acme Widgets Inc'];

async function median(f, n) {
  const rounds = [];
  for (let r = 0; r < 7; r++) {
    const a = performance.now();
    for (let i = 0; i < n; i++) await f(i);
    rounds.push((performance.now() - a) / n);
  }
  rounds.sort((x, y) => x - y);
  return Math.round(rounds[3] * 1000) / 1000;
}

const r = {
  init_ms: tInit - t0,
  load_and_index_ms: tLoad - tInit,
  lists: data.lists.length,
  entries: data.entries,
  screen_chashma_ms: await median(() => screen(chashma), 20),
  screen_clear_ms: await median(() => screen(clear), 20),
  match_ms: await median((i) => match({ name: names[i % names.length] }), 50),
  classify_lookup_ms: await median(() => classify('3A225'), 200),
  classify_search_ms: await median(() => classifySearch('frequency inverter 800 Hz', 5), 50),
  wasm_memory_mb: wasm.memory.buffer.byteLength / 1048576,
};
r.verdict_chashma = (await screen(chashma)).verdict;
window.catchallBench = r;
out.textContent = JSON.stringify(r, null, 2);
