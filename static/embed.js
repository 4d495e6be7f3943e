// The embed example (static/embed.html): loads the engine and calls its JS API.
import init, { loadData, screen, version } from '../catchall-web.js';

await init({ module_or_path: new URL('../catchall-web_bg.wasm', import.meta.url) });
const data = await loadData(new URL('../', import.meta.url).href);

const example = {
  jurisdiction: 'EU:DE',
  activity: 'export',
  exporter: { name: 'Schreiner Büromöbel GmbH', country: 'DE' },
  items: [{ description: 'Office swivel chairs', classification: 'not_listed', qty: 40 }],
  parties: { end_user: { name: 'Bureau Interieur SARL', country: 'FR' } },
  stated_end_use: 'Furnishing a new office',
  end_use_category: 'civil_industrial',
  due_diligence: { end_user_statement: true },
};

const input = document.getElementById('shipment');
const out = document.getElementById('out');
const run = document.getElementById('run');
input.value = JSON.stringify(example, null, 2);
document.getElementById('engine-version').textContent =
  'engine ' + version() + ', ' + data.lists.length + ' lists (' + data.entries + ' entries) loaded';
run.disabled = false;
run.addEventListener('click', async () => {
  out.textContent = '';
  try {
    // screen() is a Promise: the screening runs in the engine's Web Worker.
    out.textContent = JSON.stringify(await screen(input.value), null, 2);
  } catch (err) {
    out.textContent = 'Input error at ' + (err.field || '(whole input)') + ': ' + err.message;
  }
});
