// Search on a built (generated) site in headless Chromium, measured through the DevTools
// protocol: the bytes each query fetches (gzipped, as a static host serves them) and the time
// from a keypress to its results.
//
//   node search.mjs <site-dir> [--max-kb N] [--json]
//   node search.mjs <site-dir> --relevance <relevance.json> [--example <example-site-dir>]
//                                             (also the relevance file's queries: MRR@5 per
//                                              class, and each query's bytes against --max-kb;
//                                              <site-dir> is its "generated" site)
//   node search.mjs <site-dir> --pagefind     (the same queries through Pagefind's own API,
//                                              on a site indexed with `npx pagefind --site`)
//
// With --max-kb, fails when a query fetches more than N kB. Every wait is on an event.

import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CHROMIUM = process.env.SAMTAL_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 60_000;
const args = process.argv.slice(2);
const site = resolve(args[0] || '');
const maxKb = args.includes('--max-kb') ? Number(args[args.indexOf('--max-kb') + 1]) : null;
const pagefind = args.includes('--pagefind');
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const relevanceFile = option('--relevance');
const exampleSite = option('--example') ? resolve(option('--example')) : null;
if (!args[0] || !existsSync(join(site, 'sok', 'index.html'))) {
  console.error('usage: node search.mjs <built-site-dir> [--max-kb N] [--pagefind]');
  process.exit(2);
}
const { chromium } = await import('playwright-core');

// Words every generated meeting may use (examples/gen_corpus/text.rs): a common one, and three.
const QUERIES = ['etablering', 'hållbar digitalisering kompetens'];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_fragment': 'application/octet-stream', '.pagefind': 'application/octet-stream', '.wasm': 'application/wasm' };
// Pagefind's files are gzipped already; everything else is gzipped here, as a host would.
const PRECOMPRESSED = ['.pf_meta', '.pf_index', '.pf_fragment', '.pagefind'];

// Bodies the server sent (gzipped where it gzips), by path: Pagefind fetches from a worker,
// which the page's DevTools session does not see, so both are also counted here.
const served = [];
const isIndexFile = (path) => /\/(sok|pagefind)\/.+\.(json|js|wasm|pf_\w+|pagefind)$/.test(path) && !/\/search(-stem)?\.js$/.test(path);
function servedBytes() {
  return served.filter((f) => isIndexFile(f.path)).reduce((a, f) => a + f.bytes, 0);
}

function serveSite(root) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, '.' + sep + path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      return res.end();
    }
    const body = readFileSync(file);
    const ext = extname(file);
    const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', 'cache-control': 'no-cache' };
    if (PRECOMPRESSED.includes(ext) || ext === '.wasm' || ext === '.png') {
      served.push({ path, bytes: body.length });
      res.writeHead(200, headers);
      return res.end(body);
    }
    const gzipped = gzipSync(body, { level: 6 });
    served.push({ path, bytes: gzipped.length });
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip' });
    res.end(gzipped);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// Bytes received per request (headers and gzipped body, as DevTools counts them).
async function counter(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const fetched = [];
  // Requests sent and not yet finished, and who waits for there to be none.
  const pending = new Set();
  let waiting = [];
  const settle = (id) => {
    pending.delete(id);
    if (!pending.size) waiting.splice(0).forEach((ok) => ok());
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    pending.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    fetched.push({ url: urls.get(e.requestId), bytes: e.encodedDataLength });
    settle(e.requestId);
  });
  cdp.on('Network.loadingFailed', (e) => settle(e.requestId));
  return {
    cdp,
    // Resolves once every request sent so far has finished (or failed).
    idle: () => (pending.size ? new Promise((ok) => waiting.push(ok)) : Promise.resolve()),
    reset: () => fetched.splice(0),
    all: () => fetched.slice(),
    // The index's files: the page itself and its script are not counted.
    index: () => fetched.filter((f) => isIndexFile(new URL(f.url).pathname)),
  };
}

// kB = 1,000 bytes, as in BENCHMARKS.md.
function kb(bytes) {
  return Math.round(bytes / 100) / 10;
}

// /sok/ in a fresh browser context: its entry file loaded (the facets are shown) and counted,
// the search field focused, and the end of every search recorded. search.js sends
// `samtal-search-shown` once a search's results are on the page, with the number of results,
// or null when nothing was searched (a word of one letter, or only the word being typed and
// it is not yet specific). A record holds that number and, for a search that ran, the time
// from the keydown before it.
async function openSearch(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const count = await counter(context, page);
  await page.goto(`${origin}/sok/`, { timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelector('.search-form__facets'), null, { timeout: TIMEOUT });
  await page.evaluate(() => {
    window.__events = [];
    let down = 0;
    document.getElementById('sok-fraga').addEventListener('keydown', () => (down = performance.now()), true);
    document.getElementById('sok-resultat').addEventListener('samtal-search-shown', (e) => {
      const count = e.detail.count;
      window.__events.push({ count, ms: down && count !== null ? performance.now() - down : null });
      down = 0;
    });
  });
  await page.locator('#sok-fraga').click();
  return { context, page, count, errors };
}

// Types `text` a letter at a time, each time waiting for that keystroke's search to end.
async function typeLetters(page, text) {
  for (const ch of text) {
    const before = await page.evaluate(() => window.__events.length);
    await page.keyboard.type(ch);
    await page.waitForFunction((n) => window.__events.length > n, before, { timeout: TIMEOUT });
  }
}

// Prints a check's line; true when it failed.
function report(name, problems) {
  console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${name}${problems.length ? ': ' + problems.join('; ') : ''}`);
  return problems.length > 0;
}

async function measureOurs(browser, origin, query) {
  const { context, page, count, errors } = await openSearch(browser, origin);
  await typeLetters(page, query);
  const typed = count.index();
  // Keypress to results: every keystroke whose search found something.
  const times = (await page.evaluate(() => window.__events)).filter((e) => e.ms !== null).map((e) => e.ms);
  const shown = await page.locator('#sok-resultat li').count();
  const total = Number((await page.locator('.search-results__count').innerText()).replace(/\D/g, ''));
  const marks = await page.locator('#sok-resultat mark').count();
  const waiting = await page.locator('.search-results__hint').count();
  await context.close();

  // The same query opened from a link (?q=): nothing typed.
  const linkContext = await browser.newContext();
  const linkPage = await linkContext.newPage();
  const linkCount = await counter(linkContext, linkPage);
  served.splice(0);
  await linkPage.goto(`${origin}/sok/?q=${encodeURIComponent(query)}`, { timeout: TIMEOUT });
  await linkPage.locator('#sok-resultat li').first().waitFor({ timeout: TIMEOUT });
  const linkResults = Number((await linkPage.locator('.search-results__count').innerText()).replace(/\D/g, ''));
  const linked = linkCount.index();
  const linkServed = servedBytes();
  await linkContext.close();

  const sum = (list) => list.reduce((a, f) => a + f.bytes, 0);
  return {
    query,
    results: total,
    resultsLink: linkResults,
    waiting: waiting > 0,
    shown,
    marks,
    bytesTyped: sum(typed),
    filesTyped: typed.length,
    typedFiles: typed.map((f) => `${f.url.replace(origin, '')} ${f.bytes}`),
    bytesLink: sum(linked),
    bodyBytesLink: linkServed,
    filesLink: linked.length,
    linkFiles: linked.map((f) => `${f.url.replace(origin, '')} ${f.bytes}`),
    keyToResultsMs: { first: times[0], maxAfterFirst: Math.max(...times.slice(1)), median: median(times.slice(1)), all: times.map(Math.round) },
    errors,
  };
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

// Pagefind through its JS API, as its UI uses it: the search, then the first five results' data.
async function measurePagefind(browser, origin, query) {
  writeFileSync(
    join(site, 'pagefind-probe.html'),
    `<!doctype html><meta charset="utf-8"><title>probe</title><script type="module">
      window.run = async (q) => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.init();
        const found = await pagefind.search(q);
        // The first page of results, as many as search.js shows (and Pagefind's UI: five).
        const data = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
        return { results: found.results.length, shown: data.length };
      };
      window.ready = true;
    </script>`,
  );
  const context = await browser.newContext();
  const page = await context.newPage();
  const count = await counter(context, page);
  await page.goto(`${origin}/pagefind-probe.html`, { timeout: TIMEOUT });
  await page.waitForFunction(() => window.ready, null, { timeout: TIMEOUT });
  served.splice(0);
  const started = Date.now();
  const found = await page.evaluate((q) => window.run(q), query);
  const firstMs = Date.now() - started;
  const files = served.filter((f) => isIndexFile(f.path));
  const again = Date.now();
  await page.evaluate((q) => window.run(q), query + ' ');
  const secondMs = Date.now() - again;
  await context.close();
  return {
    query,
    ...found,
    bytesLink: files.reduce((a, f) => a + f.bytes, 0),
    filesLink: files.length,
    fetched: files.map((f) => `${f.path} ${f.bytes}`),
    firstMs,
    secondMs,
  };
}

// The shard map's lookups, as search.js makes them.
function shardOf(shards, term) {
  let low = 0;
  let high = shards.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (shards[mid] <= term) low = mid;
    else high = mid - 1;
  }
  return low;
}
function shardsOf(shards, prefix) {
  const found = [shardOf(shards, prefix)];
  for (let i = found[0] + 1; i < shards.length && shards[i] !== '' && shards[i].startsWith(prefix); i++) found.push(i);
  return found;
}

// A three-letter word that begins words in more than two shards (found in this site's shard
// map) is not searched while it is typed: a hint says so and none of those shards is fetched.
// Enter searches it, as a prefix, with all of them.
async function typingWaitsForASpecificWord(browser, origin) {
  const shards = JSON.parse(readFileSync(join(site, 'sok', 'index.json'), 'utf8')).shards;
  const prefix = shards.map((s) => s.slice(0, 3)).find((p) => p.length === 3 && /^[a-z]+$/.test(p) && shardsOf(shards, p).length > 2);
  const name = `typing "${prefix}" (its words in ${prefix ? shardsOf(shards, prefix).length : 0} shards) waits with a hint; Enter searches it`;
  if (!prefix) return { name, problems: ['no three-letter prefix spans more than two shards in this site'] };
  const { context, page, count, errors } = await openSearch(browser, origin);
  count.reset();
  await typeLetters(page, prefix);
  const problems = [];
  if (!(await page.locator('.search-results__hint').count())) problems.push('no hint while typing');
  if (await page.locator('#sok-resultat li').count()) problems.push('results shown while typing');
  if (count.index().length) problems.push(`fetched while typing: ${count.index().map((f) => f.url.replace(origin, '')).join(', ')}`);
  const before = await page.evaluate(() => window.__events.length);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => window.__events.length > n, before, { timeout: TIMEOUT });
  const found = await page.evaluate(() => window.__events[window.__events.length - 1].count);
  if (!found) problems.push(`Enter found ${found} results`);
  if (await page.locator('.search-results__hint').count()) problems.push('the hint stays after Enter');
  const fetched = new Set(count.index().map((f) => new URL(f.url).pathname));
  const missing = shardsOf(shards, prefix).filter((n) => !fetched.has(`/sok/ord/${n}.json`));
  if (missing.length) problems.push(`Enter did not fetch shards ${missing.join(', ')}`);
  if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
  await context.close();
  return { name, problems };
}

// What a reader sees around the results: the query in the page's title (tab and history),
// the matched words marked in the snippets, and, when nothing is found, what to try instead;
// an emptied field gives the page its own title back.
async function searchPageStates(browser, origin) {
  const name = 'the query names the page, snippets mark matches, no results suggest what to try';
  const { context, page, errors } = await openSearch(browser, origin);
  const problems = [];
  const pageTitle = await page.title();
  const submit = async (text) => {
    const before = await page.evaluate(() => window.__events.length);
    await page.locator('#sok-fraga').fill(text);
    await page.waitForFunction((n) => window.__events.length > n, before, { timeout: TIMEOUT });
    const after = await page.evaluate(() => window.__events.length);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.__events.length > n, after, { timeout: TIMEOUT });
  };
  // A word of summaries, never of titles (examples/gen_corpus): the first results match it in
  // their summary, so their snippets show it.
  await submit('bredband');
  const title = await page.title();
  if (title !== `”bredband” – ${pageTitle}`) problems.push(`title with results: "${title}", page title "${pageTitle}"`);
  const snippetMarks = await page.locator('#sok-resultat .search-result__snippet mark').allInnerTexts();
  if (!snippetMarks.length) problems.push('no <mark> in any snippet');
  if (snippetMarks.some((m) => !/^bredband/i.test(m))) problems.push(`marked in snippets: ${snippetMarks.join(', ')}`);
  // Every "bredband…" a snippet shows is marked.
  const unmarked = await page.locator('#sok-resultat .search-result__snippet').evaluateAll((ps) =>
    ps.filter((p) => {
      const copy = p.cloneNode(true);
      copy.querySelectorAll('mark').forEach((m) => m.remove());
      return /bredband/i.test(copy.textContent);
    }).length,
  );
  if (unmarked) problems.push(`${unmarked} snippets show the word unmarked`);
  if (await page.locator('.search-results__tips').count()) problems.push('tips shown with results');
  await submit('qxzvwkj');
  const none = await page.locator('.search-results__count').innerText();
  const expected = await page.locator('#sok-resultat').getAttribute('data-label-no-results');
  if (none !== expected) problems.push(`no results said "${none}", not "${expected}"`);
  const tips = await page.locator('#sok-resultat .search-results__tips a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  if (tips.length < 2) problems.push(`tips link to ${tips.length} pages`);
  if ((await page.title()) !== `”qxzvwkj” – ${pageTitle}`) problems.push(`title without results: "${await page.title()}"`);
  if ((await page.locator('#sok-status').innerText()) !== expected) problems.push('the empty result is not announced');
  await submit('');
  if ((await page.title()) !== pageTitle) problems.push(`title after the field is emptied: "${await page.title()}"`);
  if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
  await context.close();
  return { name, problems };
}

// ---- Relevance (tests/search/relevance.json) ----

// The reciprocal rank of the first right result among the first five, 0 when none is.
function reciprocalRank(top, first) {
  const at = top.findIndex((path) => first.some((want) => path.endsWith('/' + want)));
  return at >= 0 && at < 5 ? 1 / (at + 1) : 0;
}

// Runs each query of one site from a link (/sok/?q=…) in one page, the browser's cache off,
// as a reader arriving with an empty cache would: the first five results' addresses and the
// bytes fetched from sok/ until every request has finished.
async function relevanceOf(browser, origin, name, queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const count = await counter(context, page);
  await count.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // search.js announces each shown search with this event (see openSearch).
  await page.addInitScript(() => {
    window.addEventListener('samtal-search-shown', (e) => (window.__shown = e.detail.count), true);
  });
  const rows = [];
  for (const query of queries) {
    count.reset();
    await page.goto(`${origin}/sok/?q=${encodeURIComponent(query.q)}`, { timeout: TIMEOUT });
    await page.waitForFunction(() => window.__shown !== undefined, null, { timeout: TIMEOUT });
    await count.idle();
    const top = await page
      .locator('#sok-resultat ol > li h2 a')
      .evaluateAll((as) => as.slice(0, 5).map((a) => new URL(a.href).pathname));
    const bytes = count.index().reduce((a, f) => a + f.bytes, 0);
    rows.push({ site: name, ...query, top, rr: reciprocalRank(top, query.first), kb: kb(bytes) });
  }
  await context.close();
  return { rows, errors };
}

// MRR@5 per class of each site, every query's bytes against the budget: both must hold.
async function relevanceChecks(browser, sites) {
  const file = JSON.parse(readFileSync(relevanceFile, 'utf8'));
  let failed = false;
  for (const [name, origin] of sites) {
    const section = file.sites[name];
    if (!section) throw new Error(`${relevanceFile} has no site "${name}"`);
    const { rows, errors } = await relevanceOf(browser, origin, name, section.queries);
    for (const row of rows) console.log(JSON.stringify({ site: row.site, class: row.class, q: row.q, rr: row.rr, kb: row.kb, top: row.top }));
    const classes = [...new Set(rows.map((r) => r.class))];
    const missing = Object.keys(file.classes).filter((c) => !classes.includes(c));
    const problems = missing.map((c) => `no query of class ${c}`);
    const summary = [];
    for (const c of classes) {
      const of = rows.filter((r) => r.class === c);
      const mrr = of.reduce((a, r) => a + r.rr, 0) / of.length;
      summary.push(`${c} ${mrr.toFixed(2)}`);
      if (mrr < file.min_mrr) {
        const wrong = of.filter((r) => r.rr < 1).map((r) => `"${r.q}" → ${r.top.slice(0, 3).join(' ') || 'nothing'}`);
        problems.push(`${c}: MRR@5 ${mrr.toFixed(2)} < ${file.min_mrr} (${wrong.join('; ')})`);
      }
    }
    const heaviest = rows.reduce((a, r) => (r.kb > a.kb ? r : a), rows[0]);
    if (maxKb !== null && heaviest.kb > maxKb) {
      problems.push(...rows.filter((r) => r.kb > maxKb).map((r) => `"${r.q}" fetched ${r.kb} kB, over ${maxKb} kB`));
    }
    if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
    const name_ = `relevance on the ${name} site (MRR@5: ${summary.join(', ')}; at most ${heaviest.kb} kB per query, "${heaviest.q}")`;
    failed = report(name_, problems) || failed;
  }
  return failed;
}

const server = await serveSite(site);
const origin = `http://127.0.0.1:${server.address().port}`;
const exampleServer = exampleSite ? await serveSite(exampleSite) : null;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
let failed = false;
try {
  for (const query of QUERIES) {
    if (pagefind) {
      const r = await measurePagefind(browser, origin, query);
      console.log(JSON.stringify({ ...r, kbLink: kb(r.bytesLink) }));
      continue;
    }
    const r = await measureOurs(browser, origin, query);
    console.log(JSON.stringify({ ...r, kbTyped: kb(r.bytesTyped), kbLink: kb(r.bytesLink) }));
    const problems = [];
    if (!r.results || !r.shown) problems.push('no results');
    if (!r.marks) problems.push('no <mark> in the results');
    // Typed to its end, a query whose last word is specific shows what its link shows.
    if (!r.waiting && r.results !== r.resultsLink) problems.push(`typed: ${r.results} results, from a link: ${r.resultsLink}`);
    if (r.errors.length) problems.push(`script errors: ${r.errors.join('; ')}`);
    if (maxKb !== null && (kb(r.bytesTyped) > maxKb || kb(r.bytesLink) > maxKb)) {
      problems.push(`fetched ${kb(r.bytesTyped)} kB typed, ${kb(r.bytesLink)} kB from a link: over ${maxKb} kB`);
    }
    failed = report(`search "${query}"`, problems) || failed;
  }
  if (!pagefind) {
    const r = await typingWaitsForASpecificWord(browser, origin);
    failed = report(r.name, r.problems) || failed;
    const states = await searchPageStates(browser, origin);
    failed = report(states.name, states.problems) || failed;
  }
  if (relevanceFile && !pagefind) {
    const sites = [['generated', origin]];
    if (exampleServer) sites.push(['example', `http://127.0.0.1:${exampleServer.address().port}`]);
    failed = (await relevanceChecks(browser, sites)) || failed;
  }
  // One letter does nothing: no results and nothing fetched but the entry file.
  if (!pagefind) {
    const { context, page, count } = await openSearch(browser, origin);
    count.reset();
    await page.keyboard.type('e');
    const done = await page.evaluate(() => window.samtalSearch.run('e').then(() => document.getElementById('sok-resultat').textContent));
    const problems = [];
    if (done) problems.push(`results shown: ${done.slice(0, 80)}`);
    if (count.index().length) problems.push(`fetched ${count.index().map((f) => f.url).join(', ')}`);
    failed = report('a one-letter query does nothing', problems) || failed;
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
  if (exampleServer) exampleServer.close();
}
process.exit(failed ? 1 : 0);
