// Stems a list of words with the theme's search-stem.js, the way the browser does, and prints
// one stem per line: `node stem.mjs <sv|en> <word-file>`. tests/browser.rs compares the
// output with the build's stemmer (rust-stemmers) word for word. Lines starting with # are
// comments and are left out.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const [lang, file] = process.argv.slice(2);
if (!['sv', 'en'].includes(lang) || !file) {
  console.error('usage: node stem.mjs <sv|en> <word-file>');
  process.exit(2);
}
const script = join(dirname(fileURLToPath(import.meta.url)), '../../themes/default/static/search-stem.js');
const sandbox = { window: {} };
vm.runInNewContext(readFileSync(script, 'utf8'), sandbox, { filename: script });
const stem = sandbox.window.samtalStem[lang];
const words = readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
process.stdout.write(words.map((w) => stem(w.toLowerCase().normalize('NFC'))).join('\n') + '\n');
