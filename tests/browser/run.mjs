#!/usr/bin/env node
// Browser tests of a built samtal site with the default theme, in Debian's Chromium
// (playwright-core, never a downloaded browser) and axe-core.
//
//   node run.mjs <site-dir> [--sub-path /samtal/ <sub-site-dir>] [--english <en-site-dir>] [--rounds <site-dir>] [--only <page>] [--no-screenshots]
//
// <site-dir> is a build with base_url "/"; the optional second build was made with
// `--base-url /samtal/` and is served under that path. Each build is served over loopback by
// a tiny static server in this process (pretty URLs: /x/ → /x/index.html; unknown paths →
// 404.html with status 404). Checks, on every page kind:
//   - axe-core: no WCAG 2.0/2.1/2.2 A/AA or best-practice violations, light and dark colour
//     scheme, 375 and 1280 px; on the same page loads the target size of every link and control
//     (SC 2.5.8: 24 × 24 CSS px or the 24-px spacing; links in a sentence exempt) and, in the
//     light scheme, every focusable element focused in turn, none wholly hidden by a sticky or
//     fixed element (SC 2.4.11), both measured by this file (axe has no such check);
//   - one h1, <html lang="sv">, no failed requests, every internal link resolves, the footer's
//     contact route the same and in the same place on every page (SC 3.2.6);
//   - keyboard: Tab from the top reaches every visible link, the skip link comes first and moves
//     focus to <main>, every focused element shows a focus indicator, is on screen and is not
//     hidden by a sticky element;
//   - reflow: no horizontal scrolling at 320 px;
//   - without JavaScript the main content shows (and /sok/ offers its noscript links);
// plus search (typed queries and ?q=), the county map's links (mouse and keyboard) and its
// names on focus, the theme matrix's show-all box without JavaScript, the sub-path build's
// links, assets, search and map, and (with --english, a build with `language: en`) axe on every
// page of the English build and its Swedish content marked lang="sv"; with --rounds, structure
// and axe on the pages of a two-year build (tests/sites/two-years) that group meetings by round. Screenshots at 390 and
// 1366 px of the home, region index, a meeting and the theme index go to screenshots/review-*. Full-page screenshots are written to
// screenshots/ beside this file. Exit status 0 when every check passes, 1 otherwise.
// Every wait is on an event or a selector, with a timeout; there are no sleeps.

import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.SAMTAL_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 20_000; // per wait or action
const WATCHDOG = 15 * 60_000; // the whole run

// ---------- Arguments ----------

function usage(message) {
  console.error(
    `${message}\nusage: node run.mjs <site-dir> [--sub-path /samtal/ <site-dir>] [--english <site-dir>] [--rounds <site-dir>] [--only <page>] [--no-screenshots]`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const options = { site: null, sub: null, english: null, rounds: null, only: null, screenshots: true };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--sub-path') {
    const base = args[++i];
    const dir = args[++i];
    if (!base || !dir || !/^\/.+\/$/.test(base)) usage('--sub-path needs a base like /samtal/ and a folder');
    options.sub = { base, dir: resolve(dir) };
  } else if (a === '--english') {
    const dir = args[++i];
    if (!dir) usage('--english needs the folder of a build with language: en');
    options.english = resolve(dir);
  } else if (a === '--rounds') {
    const dir = args[++i];
    if (!dir) usage('--rounds needs the folder of a build of tests/sites/two-years');
    options.rounds = resolve(dir);
  } else if (a === '--only') {
    options.only = args[++i];
  } else if (a === '--no-screenshots') {
    options.screenshots = false;
  } else if (a.startsWith('-')) {
    usage(`unknown option ${a}`);
  } else if (!options.site) {
    options.site = resolve(a);
  } else {
    usage(`unexpected argument ${a}`);
  }
}
if (!options.site) usage('missing <site-dir>');
for (const dir of [options.site, options.sub && options.sub.dir, options.english, options.rounds].filter(Boolean)) {
  if (!existsSync(join(dir, 'index.html')) || !existsSync(join(dir, '404.html'))) {
    usage(`${dir} is not a built site (no index.html or 404.html)`);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set SAMTAL_CHROMIUM)`);
  process.exit(1);
}

let chromium, axePath;
try {
  ({ chromium } = await import('playwright-core'));
  axePath = require.resolve('axe-core');
} catch (e) {
  console.error(`The browser tests need their npm packages: run \`npm ci\` in ${HERE}\n(${e.message})`);
  process.exit(1);
}

// ---------- The pages ----------

const PAGES_ALL = [
  { name: 'home', path: '' },
  { name: 'meetings', path: 'moten/' },
  { name: 'round', path: 'moten/2018/' },
  { name: 'meeting', path: 'moten/2018-ostergotland/' },
  { name: 'regions', path: 'regioner/' },
  { name: 'region', path: 'regioner/ostergotland/' },
  { name: 'grouping', path: 'regioner/ostra-mellansverige/' },
  { name: 'themes', path: 'teman/' },
  { name: 'theme', path: 'teman/smart-specialisation/' },
  { name: 'follow-ups', path: 'uppfoljning/' },
  { name: 'search', path: 'sok/' },
  { name: 'page', path: 'sammanfattning-2018/' },
  { name: 'accessibility', path: 'tillganglighet/' },
  { name: 'data', path: 'data/' },
  { name: '404', path: 'finns-inte/', status: 404 },
];
const PAGES = PAGES_ALL.filter((p) => !options.only || p.name === options.only);
if (!PAGES.length) usage(`no page named ${options.only}`);
// The pages of a build of tests/sites/two-years (--rounds): those that group meetings by round,
// and those of the other features of recurring dialogues.
const ROUND_PAGES = [
  { name: 'home', path: '' },
  { name: 'meetings', path: 'moten/' },
  { name: 'round', path: 'moten/2019/' },
  { name: 'round-named', path: 'moten/2019-hosten/' },
  { name: 'meeting', path: 'moten/2019-10-02-skane/' },
  { name: 'region', path: 'regioner/skane/' },
  { name: 'grouping', path: 'regioner/sydsverige/' },
  { name: 'theme', path: 'teman/kompetensforsorjning/' },
  // The rest of issue 19 in the same fixture: a bundle with a picture, an attachment and a
  // contact, an item reporting on an earlier one, and that earlier meeting's history.
  { name: 'bundle-meeting', path: 'moten/2019-03-20-stockholm/' },
  { name: 'earlier-meeting', path: 'moten/2018-stockholm/' },
  { name: 'follow-ups', path: 'uppfoljning/' },
];

const WIDTHS = [375, 1280];
const SCHEMES = ['light', 'dark'];
// WCAG 2.2 AA (EN 301 549 v4, ISO/IEC 40500:2025) and axe's best practices.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// ---------- Static server ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.rdf': 'application/rdf+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Serves `root` under `base` on 127.0.0.1, on a free port. */
function serve(root, base) {
  const server = createServer((req, res) => {
    const send = (status, file, headers = {}) => {
      res.writeHead(status, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', ...headers });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    };
    const notFound = () => send(404, join(root, '404.html'));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return notFound();
    }
    if (!pathname.startsWith(base)) return notFound();
    const file = resolve(root, '.' + sep + pathname.slice(base.length));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    if (pathname.endsWith('/')) {
      return isFile(join(file, 'index.html')) ? send(200, join(file, 'index.html')) : notFound();
    }
    if (isFile(file)) return send(200, file);
    if (isDir(file) && isFile(join(file, 'index.html'))) {
      res.writeHead(301, { location: pathname + '/' });
      return res.end();
    }
    return notFound();
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({ origin: `http://127.0.0.1:${port}`, base, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

// ---------- Bookkeeping ----------

const results = { passed: 0, failed: [] };
const started = Date.now();

async function check(name, fn) {
  const t0 = Date.now();
  try {
    const problems = (await fn()) || [];
    if (problems.length) throw new Error(problems.join('\n'));
    results.passed++;
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    const message = String((e && e.message) || e).trim();
    results.failed.push({ name, message });
    console.log(`FAIL  ${name}\n${message.replace(/^/gm, '      ')}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------- Helpers ----------

/** Opens `url` in `page` and fails on an unexpected status or failed requests of the page. */
async function open(page, url, expectedStatus = 200) {
  const failed = [];
  const onResponse = (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      failed.push(`${response.status()} ${response.url()}`);
    }
  };
  const onFailed = (request) => {
    // ERR_ABORTED: a request of the previous page (its favicon, say) cut short by this navigation.
    const error = request.failure()?.errorText || '';
    if (!error.includes('ERR_ABORTED')) failed.push(`failed ${request.url()} (${error})`);
  };
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    assert(response, `no response for ${url}`);
    assert(response.status() === expectedStatus, `${url}: status ${response.status()}, expected ${expectedStatus}`);
  } finally {
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
  assert(!failed.length, `${url}: requests failed:\n${failed.join('\n')}`);
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: axePath });
  }
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary || '').replace(/\n\s*/g, ' ').slice(0, 300)}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : '';
    return `${v.id} (${v.impact}): ${v.help} [${v.nodes.length}]\n${nodes}${more}`;
  });
}

async function screenshot(page, name) {
  if (!options.screenshots) return;
  const dir = join(HERE, 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

// ---------- WCAG 2.2 checks axe does not make ----------

/** In every page (an init script): `window.__wcag22` with the target-size check of SC 2.5.8
    and the focus-not-obscured check of SC 2.4.11, shared by the per-page loop and the Tab walk. */
const WCAG22_HELPERS = `(() => {
  const TARGETS =
    'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
    '[role="button"], [role="link"], [tabindex]:not([tabindex="-1"])';
  const describe = (el) => {
    const label = el.getAttribute('aria-label') || (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const href = el.getAttribute('href');
    return '<' + el.tagName.toLowerCase() + (href ? ' href="' + href + '"' : '') + '> "' + label + '"';
  };
  const shown = (el) =>
    el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden' &&
    !el.closest('[inert], [aria-hidden="true"]');
  // SC 2.5.8's inline exception: a link in a sentence, whose size the line of text sets.
  const inSentence = (el) => {
    // A county of the map is inline to CSS, but a shape, never text in a sentence.
    if (el instanceof SVGElement || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let text = '';
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest(TARGETS)) text += walker.currentNode.data;
    }
    return /[\\p{L}\\p{N}]/u.test(text);
  };
  const distanceToRect = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  // A link that wraps is its boxes on each line, not the box around them all.
  const distanceTo = (x, y, el) => Math.min(...[...el.getClientRects()].map((r) => distanceToRect(x, y, r)));
  /** SC 2.5.8: every target at least 24 by 24 CSS px, or an undersized one whose 24-px circle
      (centred on it) meets no other target and no other undersized target's circle. */
  function targetSize() {
    const all = [...document.querySelectorAll(TARGETS)]
      .filter((el) => shown(el) && !el.matches('.skip-link'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { el, r, cx: (r.left + r.right) / 2, cy: (r.top + r.bottom) / 2, small: r.width < 23.5 || r.height < 23.5 };
      });
    const problems = [];
    let checked = 0;
    for (const a of all) {
      checked++;
      if (!a.small || inSentence(a.el)) continue;
      const near = all.find(
        (b) =>
          b !== a &&
          !b.el.contains(a.el) &&
          !a.el.contains(b.el) &&
          (b.small ? Math.hypot(a.cx - b.cx, a.cy - b.cy) < 24 : distanceTo(a.cx, a.cy, b.el) < 12),
      );
      if (near) {
        problems.push(
          describe(a.el) + ' is ' + Math.round(a.r.width) + '×' + Math.round(a.r.height) +
            ' px and within 12 px of ' + describe(near.el),
        );
      }
    }
    return { checked, problems };
  }
  /** SC 2.4.11: what sticky or fixed element wholly hides the element (its visible part sampled at nine
      points), or null when some of it shows. */
  function obscuredBy(el) {
    const r = el.getBoundingClientRect();
    let [x0, x1, y0, y1] = [Math.max(r.left, 0), Math.min(r.right, innerWidth), Math.max(r.top, 0), Math.min(r.bottom, innerHeight)];
    // Only the part a scrolling box (the matrix's) shows of it can be seen at all.
    for (let box = el.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const b = box.getBoundingClientRect();
      [x0, x1, y0, y1] = [Math.max(x0, b.left), Math.min(x1, b.right), Math.max(y0, b.top), Math.min(y1, b.bottom)];
    }
    if (x1 <= x0 || y1 <= y0) return null;
    let by = null;
    for (const fx of [0.1, 0.5, 0.9]) {
      for (const fy of [0.1, 0.5, 0.9]) {
        const hit = document.elementFromPoint(x0 + (x1 - x0) * fx, y0 + (y1 - y0) * fy);
        let cover = hit;
        while (cover && !['sticky', 'fixed'].includes(getComputedStyle(cover).position)) cover = cover.parentElement;
        if (!cover || cover.contains(el)) return null;
        by = cover;
      }
    }
    return by && describe(by).replace(/^<(\\w+)/, (m) => m + (by.className ? '.' + String(by.className).trim().split(/\\s+/).join('.') : ''));
  }
  /** SC 2.4.11 for every focusable element: each focused in turn (the browser scrolls it into
      view as Tab does), none wholly hidden by a sticky or fixed element. */
  function focusNotObscured() {
    const problems = [];
    let focused = 0;
    for (const el of document.querySelectorAll(TARGETS)) {
      if (!shown(el)) continue;
      el.focus();
      if (document.activeElement !== el) continue;
      focused++;
      const by = obscuredBy(el);
      if (by) problems.push(describe(el) + ': focused but wholly hidden by ' + by);
    }
    document.activeElement && document.activeElement.blur && document.activeElement.blur();
    return { focused, problems };
  }
  window.__wcag22 = { targetSize, obscuredBy, focusNotObscured };
})();`;

async function newContext(browser, settings) {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...settings });
  await context.addInitScript({ content: WCAG22_HELPERS });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  return context;
}

// ---------- The checks ----------

/** axe (WCAG 2.2 AA and best practice) in both colour schemes at both widths, with the target
    sizes of SC 2.5.8 measured on the same page load; and, in the light scheme (where a box sits
    does not depend on the scheme), every focusable element focused in turn for SC 2.4.11. */
async function accessibilityChecks(browser, site, prefix = '', pages = PAGES) {
  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      const context = await newContext(browser, { viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      for (const p of pages) {
        await check(`axe ${prefix}${p.name} /${p.path} ${width}px ${scheme}, target size, focus not obscured`, async () => {
          await open(page, site.url(p.path), p.status || 200);
          assert(
            (await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)) === (scheme === 'dark'),
            `colour scheme ${scheme} not in effect`,
          );
          const problems = await axe(page);
          await screenshot(page, `${prefix}${p.name}-${width}-${scheme}`);
          const size = await page.evaluate(() => window.__wcag22.targetSize());
          assert(size.checked > 0, 'the target-size check found no link or control');
          problems.push(...size.problems.map((m) => `SC 2.5.8 target size: ${m}`));
          if (scheme === 'light') {
            const focus = await page.evaluate(() => window.__wcag22.focusNotObscured());
            assert(focus.focused > 0, 'the focus-not-obscured check focused nothing');
            problems.push(...focus.problems.map((m) => `SC 2.4.11 focus not obscured: ${m}`));
          }
          return problems;
        });
      }
      await context.close();
    }
  }
}

async function structureChecks(browser, site, prefix = '', pages = PAGES) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const links = new Map(); // internal URL → first page linking to it
  const help = new Map(); // the footer's contact route (WCAG 3.2.6) → the pages that have it there
  for (const p of pages) {
    await check(`structure ${prefix}${p.name}: lang="sv", one h1, styles and links`, async () => {
      await open(page, site.url(p.path), p.status || 200);
      const facts = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
        title: document.title,
        styled: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        main: document.querySelectorAll('main').length,
        // Where the contact route is: its link and its place among the footer's links.
        help: (() => {
          const a = document.querySelector('.site-footer__help a');
          return a ? `${a.getAttribute('href')} as footer link ${[...document.querySelectorAll('.site-footer a')].indexOf(a) + 1}` : 'none';
        })(),
        hrefs: [...document.querySelectorAll('a[href], link[href]')].map((a) => ({
          raw: a.getAttribute('href'),
          abs: a.href.baseVal !== undefined ? new URL(a.href.baseVal, location.href).href : a.href,
          rel: a.getAttribute('rel') || '',
        })),
      }));
      const problems = [];
      if (facts.lang !== 'sv') problems.push(`<html lang="${facts.lang}">, expected "sv"`);
      if (facts.h1.length !== 1) problems.push(`${facts.h1.length} h1 elements: ${JSON.stringify(facts.h1)}`);
      else if (!facts.h1[0]) problems.push('the h1 is empty');
      if (!facts.title.trim()) problems.push('empty <title>');
      if (facts.main !== 1) problems.push(`${facts.main} <main> elements`);
      if (facts.styled === 'rgba(0, 0, 0, 0)') problems.push('style.css not applied (header has no background)');
      help.set(facts.help, [...(help.get(facts.help) || []), p.name]);
      for (const h of facts.hrefs) {
        const url = new URL(h.abs);
        if (h.raw.startsWith('#')) continue;
        if (url.origin !== site.origin) {
          if (h.rel !== 'canonical' && !h.raw.startsWith('mailto:') && !h.raw.startsWith('tel:')) {
            // External links are allowed, but never to the loopback origin of another build.
            if (url.hostname === '127.0.0.1') problems.push(`link to another origin: ${h.raw}`);
          }
          continue;
        }
        if (!url.pathname.startsWith(site.base)) problems.push(`link outside ${site.base}: ${h.raw}`);
        url.hash = '';
        if (!links.has(url.href)) links.set(url.href, p.name);
      }
      return problems;
    });
  }
  await check(`${prefix}the contact route is in the same place on every page (WCAG 3.2.6)`, async () => {
    const places = [...help].map(([place, names]) => `${place}: ${names.join(', ')}`);
    if (places.length !== 1) return [`the footer's contact route differs between pages:\n${places.join('\n')}`];
    // The example site has a statement with `feedback:`: its pages must show the route.
    if (!prefix && help.has('none')) return ['no contact route in the footer'];
    return [];
  });
  await check(`every internal link and asset on these pages resolves (${links.size} URLs)`, async () => {
    const problems = [];
    for (const [url, from] of links) {
      const response = await fetch(url, { method: 'HEAD', redirect: 'manual' });
      if (response.status !== 200) problems.push(`${response.status} ${url} (linked from ${from})`);
    }
    return problems;
  });
  await context.close();
}

/** Tab from the top of each page: skip link first, every visible link reached, focus visible. */
async function keyboardChecks(browser, site, width) {
  const context = await newContext(browser, { viewport: { width, height: 800 } });
  const page = await context.newPage();
  for (const p of PAGES) {
    await check(`keyboard ${p.name} ${width}px: skip link, every link reachable, focus visible and not obscured`, async () => {
      const problems = [];
      await open(page, site.url(p.path), p.status || 200);

      // The skip link: first stop, visible when focused, and it moves focus to <main>.
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return {
          skip: el.matches('a.skip-link'),
          target: el.getAttribute('href'),
          html: el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1),
          onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight,
        };
      });
      if (!first.skip) return [`first Tab stop is not the skip link but ${first.html}`];
      if (!first.onScreen) problems.push('the focused skip link is not on screen');
      await page.keyboard.press('Enter');
      try {
        await page.waitForFunction(() => document.activeElement && document.activeElement.matches('main'), null, {
          timeout: 5000,
        });
      } catch {
        problems.push(
          `Enter on the skip link (${first.target}) did not move focus to <main>; focus is on ${await page.evaluate(
            () => document.activeElement.outerHTML.split('>')[0] + '>',
          )}`,
        );
      }
      await page.keyboard.press('Tab');
      const afterSkip = await page.evaluate(() => !!document.activeElement.closest('main'));
      if (!afterSkip) problems.push('after the skip link, Tab does not go to the first stop in <main>');

      // A full walk from the top.
      await open(page, site.url(p.path), p.status || 200);
      const limit =
        (await page.evaluate(
          () => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length,
        )) + 5;
      const stops = [];
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate((index) => {
          const el = document.activeElement;
          if (!el || el === document.body || el === document.documentElement) return { done: true };
          if (el.hasAttribute('data-kb-stop')) return { done: true, wrapped: true };
          el.setAttribute('data-kb-stop', String(index));
          const style = getComputedStyle(el);
          // A county of the map shows focus on its shape (filled, with a heavy edge), not with
          // an outline: an SVG link's outline is a box around the county's bounding box.
          const shape = el.closest('svg') && el.querySelector('path');
          const shapeRing = !!shape && parseFloat(getComputedStyle(shape).strokeWidth) >= 3;
          const ring =
            (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
            style.boxShadow !== 'none' ||
            shapeRing;
          const r = el.getBoundingClientRect();
          const onScreen =
            r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
          const label =
            el.getAttribute('aria-label') ||
            (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) ||
            el.tagName;
          return {
            done: false,
            what: `<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> "${label}"`,
            focusVisible: el.matches(':focus-visible'),
            ring,
            onScreen,
            obscuredBy: window.__wcag22.obscuredBy(el),
          };
        }, i);
        if (stop.done) break;
        stops.push(stop);
      }
      if (stops.length >= limit) problems.push(`Tab did not leave the page after ${limit} stops (a keyboard trap?)`);
      for (const s of stops) {
        if (!s.focusVisible) problems.push(`${s.what}: not :focus-visible after Tab`);
        else if (!s.ring) problems.push(`${s.what}: no focus indicator (outline and box-shadow are none)`);
        if (!s.onScreen) problems.push(`${s.what}: focused but not on screen`);
        if (s.obscuredBy) problems.push(`${s.what}: focused but wholly hidden by ${s.obscuredBy} (SC 2.4.11)`);
      }
      const missed = await page.evaluate(() =>
        [...document.querySelectorAll('a[href]')]
          .filter((a) => !a.hasAttribute('data-kb-stop'))
          .filter((a) => {
            if (a.matches('.skip-link')) return true; // hidden until focused, must still be reached
            const style = getComputedStyle(a);
            return (
              a.getClientRects().length > 0 &&
              style.visibility !== 'hidden' &&
              !a.closest('[inert], [aria-hidden="true"]')
            );
          })
          .map(
            (a) =>
              `${a.getAttribute('href')} "${(a.getAttribute('aria-label') || a.textContent).trim().replace(/\s+/g, ' ').slice(0, 40)}"`,
          ),
      );
      for (const m of missed) problems.push(`link never reached with Tab: ${m}`);
      if (!problems.length) console.log(`      ${stops.length} Tab stops`);
      return problems;
    });
  }
  await context.close();
}

/** axe itself must find a known problem, so that a silent failure to run it cannot pass. */
async function axeSelfCheck(browser) {
  const context = await newContext(browser, {});
  const page = await context.newPage();
  await check('axe finds the violations in a known-bad page', async () => {
    await page.setContent(
      '<!doctype html><html><head><title>x</title></head><body><main><h1>x</h1>' +
        '<p style="color:#aaa;background:#fff">low contrast</p><img src="data:,"><a href="#"></a></main></body></html>',
    );
    const found = (await axe(page)).map((v) => v.split(' ')[0]);
    return ['html-has-lang', 'color-contrast', 'image-alt', 'link-name']
      .filter((id) => !found.includes(id))
      .map((id) => `axe did not report ${id}; it reported ${found.join(', ') || 'nothing'}`);
  });
  await check('the target-size and focus-not-obscured checks find a known-bad page', async () => {
    await page.setContent(
      '<!doctype html><html lang="sv"><head><title>x</title></head><body>' +
        '<div style="position:fixed;z-index:10;top:0;left:0;right:0;height:60px;background:#fff">Meny</div>' +
        '<p style="margin-top:100px"><a href="#a">Fullt synlig länk i en mening</a> med text runt.</p>' +
        '<p style="position:absolute;top:20px"><a href="#b">dold</a></p>' +
        '<p style="margin-top:400px"><button style="width:12px;height:12px;padding:0"></button>' +
        '<button style="width:12px;height:12px;padding:0"></button></p></body></html>',
    );
    const size = await page.evaluate(() => window.__wcag22.targetSize());
    const focus = await page.evaluate(() => window.__wcag22.focusNotObscured());
    const problems = [];
    if (size.problems.length !== 2) problems.push(`target size: ${JSON.stringify(size.problems)}, expected the two buttons`);
    if (size.problems.some((m) => m.includes('#a'))) problems.push('a link in a sentence was held to 24 px');
    if (focus.problems.length !== 1 || !focus.problems[0].includes('#b')) {
      problems.push(`focus not obscured: ${JSON.stringify(focus.problems)}, expected the link under the fixed bar`);
    }
    return problems;
  });
  await context.close();
}

// WCAG 1.4.12 text spacing, as in the usual test bookmarklet.
const TEXT_SPACING = `*, *::before, *::after {
  line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }`;

/** WCAG 1.4.10: content reflows at 320 CSS px (= 1280 px at 400 %) without sideways scrolling,
    also with the text spacing of WCAG 1.4.12. */
async function reflowChecks(browser, site) {
  const context = await newContext(browser, { viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const p of PAGES) {
    for (const spacing of [false, true]) {
      await check(
        `reflow ${p.name} 320px${spacing ? ' with WCAG 1.4.12 text spacing' : ''}: no horizontal scrolling`,
        async () => {
          await open(page, site.url(p.path), p.status || 200);
          if (spacing) await page.addStyleTag({ content: TEXT_SPACING });
          const r = await page.evaluate(() => {
            const width = document.documentElement.scrollWidth;
            const wide = [];
            if (width > 320) {
              for (const el of document.querySelectorAll('body *')) {
                const rect = el.getBoundingClientRect();
                if (rect.right > 320.5 && !el.closest('.table-scroll, pre')) {
                  wide.push(
                    `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(rect.right)}`,
                  );
                }
              }
            }
            return { width, wide: wide.slice(0, 8) };
          });
          if (r.width > 320) return [`scrollWidth ${r.width} > 320; too wide: ${r.wide.join(', ')}`];
          return [];
        },
      );
    }
  }
  await context.close();
}

/** Without JavaScript every page shows its content; the search page offers its alternatives. */
async function noScriptChecks(browser, site) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  for (const p of PAGES) {
    await check(`no JavaScript ${p.name}: main content shows`, async () => {
      await open(page, site.url(p.path), p.status || 200);
      const problems = [];
      if (!(await page.locator('main h1').isVisible())) problems.push('the h1 in <main> is not visible');
      const text = (await page.locator('main').innerText()).trim();
      if (text.length < 40) problems.push(`<main> shows only ${text.length} characters: ${JSON.stringify(text)}`);
      if (p.name === 'search') problems.push(...(await staticBrowse(browser, page, site)));
      return problems;
    });
  }
  await context.close();
}

/**
 * axe on a page as a browser without JavaScript shows it: axe is a script, so the page is
 * served to a context with scripts on, its own scripts taken out and its noscript content
 * unwrapped.
 */
async function axeWithoutScripts(browser, url) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.route(url, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<\/?noscript>/g, '');
    await route.fulfill({ response, body: html });
  });
  await open(page, url);
  // Audited only once the noscript content is the page's (its links are then elements).
  const unwrapped = await page.locator('main .search-browse a').count();
  const violations = unwrapped ? await axe(page) : ['the noscript content was not unwrapped for axe'];
  await context.close();
  return violations;
}

/**
 * Without JavaScript /sok/ is a static browse by county × topic × round (search.html's
 * noscript): a county, a topic, a round and the table of topics by region, each a page that
 * exists; it passes axe, and a county's link leads to its meeting.
 */
async function staticBrowse(browser, page, site) {
  const problems = [];
  const paths = ['regioner/', 'teman/', 'regioner/ostergotland/', 'teman/smart-specialisation/', 'moten/2018/', 'teman/#matris-rubrik'];
  for (const path of paths) {
    const link = page.locator(`main a[href="${site.base}${path}"]`);
    if (!(await link.first().isVisible())) problems.push(`no visible link to ${site.base}${path} in the static browse`);
  }
  const headings = await page.locator('main h2').allInnerTexts();
  if (headings.length < 3) problems.push(`the static browse has ${headings.length} headings: ${headings.join(', ')}`);
  problems.push(...(await axeWithoutScripts(browser, site.url('sok/'))).map((v) => `static browse: ${v}`));
  await Promise.all([page.waitForURL(site.url('regioner/ostergotland/')), page.locator(`main a[href="${site.base}regioner/ostergotland/"]`).click()]);
  if (!(await page.locator(`main a[href="${site.base}moten/2018-ostergotland/"]`).count())) problems.push('the county reached from the browse does not list its meeting');
  return problems;
}

/** The theme matrix's show-all box works without JavaScript: empty rows hidden, then shown. */
async function matrixChecks(browser, site) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await check('matrix: empty rows hidden until "show all" is ticked (no JavaScript), header stays in view', async () => {
    await open(page, site.url('teman/'));
    const rows = () => page.locator('.matrix tbody tr:visible').count();
    const before = await rows();
    await page.locator('#matris-alla').focus();
    await page.keyboard.press('Space');
    const after = await rows();
    const problems = [];
    if (!(before > 0 && after > before)) problems.push(`visible rows ${before} → ${after}`);
    const header = await page.evaluate(() => {
      const box = document.querySelector('.table-scroll--sticky');
      box.scrollTop = box.scrollHeight;
      const th = document.querySelector('.matrix thead th');
      return { header: th.getBoundingClientRect().top - box.getBoundingClientRect().top, scrolled: box.scrollTop };
    });
    if (header.scrolled > 0 && Math.abs(header.header) > 2) problems.push(`the header scrolled away: ${JSON.stringify(header)}`);
    return problems;
  });
  await context.close();
}

/** Full-page screenshots for review: home, region index, a meeting and the theme index. */
async function reviewScreenshots(browser, site, prefix = '') {
  for (const width of [390, 1366]) {
    const context = await newContext(browser, { viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const name of ['home', 'regions', 'meeting', 'themes']) {
      const p = PAGES_ALL.find((x) => x.name === name);
      await check(`screenshot ${prefix}${name} ${width}px`, async () => {
        await open(page, site.url(p.path));
        await screenshot(page, `review-${prefix}${name}-${width}`);
      });
    }
    await context.close();
  }
}

/** The English build: <html lang="en">, a meeting's own texts marked Swedish. */
async function englishChecks(browser, site) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await check('English build: lang="en" on the page, lang="sv" on the meeting\'s own texts', async () => {
    await open(page, site.url('moten/2018-ostergotland/'));
    const facts = await page.evaluate(() => ({
      html: document.documentElement.lang,
      h1: document.querySelector('main h1').lang,
      prose: document.querySelector('main .prose').lang,
      h2: document.querySelector('main h2').closest('[lang]').lang,
    }));
    const want = { html: 'en', h1: 'sv', prose: 'sv', h2: 'en' };
    return Object.keys(want)
      .filter((k) => facts[k] !== want[k])
      .map((k) => `${k}: lang ${facts[k]}, expected ${want[k]}`);
  });
  await context.close();
}

/** Search on /sok/: typed queries (submitted with Enter), ?q= on load, and the results' accessibility. */
async function searchChecks(browser, site) {
  const meeting = (slug) => `#sok-resultat a[href="${site.base}moten/${slug}/"]`;
  const cases = [
    { query: 'Östergötland', expect: meeting('2018-ostergotland') },
    { query: 'ostergotland', expect: meeting('2018-ostergotland') },
    { query: 'smart specialisering', expect: meeting('2018-ostra-mellansverige-smart-specialisering') },
    { query: 'xqzwvjklm', none: true },
  ];
  for (const scheme of SCHEMES) {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    for (const c of scheme === 'light' ? cases : cases.slice(0, 1)) {
      await check(`search ${scheme}: type "${c.query}" → ${c.none ? 'no results text' : c.expect}`, async () => {
        await open(page, site.url('sok/'));
        const input = page.getByLabel(await page.locator('label[for="sok-fraga"]').innerText());
        await input.click();
        await page.keyboard.type(c.query);
        await page.keyboard.press('Enter');
        if (c.none) {
          const label = await page.locator('#sok-resultat').getAttribute('data-label-no-results');
          await page.locator('#sok-resultat').getByText(label, { exact: true }).waitFor();
          // Only what to try instead (browse by region, theme, all meetings): no result.
          const links = await page.locator('#sok-resultat a').count();
          const tips = await page.locator('#sok-resultat .search-results__tips a').count();
          assert(tips > 0, 'no-results text shown, but no tips of what to try instead');
          assert(links === tips, 'no-results text shown, but also result links');
        } else {
          await page.locator(c.expect).waitFor();
        }
        const q = new URL(page.url()).searchParams.get('q');
        const problems = q === c.query ? [] : [`the address has q=${JSON.stringify(q)} after the search`];
        problems.push(...(await axe(page)).map((v) => `with results shown: ${v}`));
        if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
        return problems;
      });
    }
    await context.close();
  }

  const context = await newContext(browser, { viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await check('search: /sok/?q=ostergotland shows results on load, and a result opens', async () => {
    await open(page, site.url('sok/?q=ostergotland'));
    const link = page.locator(meeting('2018-ostergotland'));
    await link.waitFor();
    const problems = [];
    const value = await page.locator('#sok-fraga').inputValue();
    if (value !== 'ostergotland') problems.push(`the search field holds ${JSON.stringify(value)}`);
    await screenshot(page, 'search-results-375-light');
    await Promise.all([page.waitForURL(site.url('moten/2018-ostergotland/')), link.click()]);
    return problems;
  });
  await check('search: results follow typing, one polite status line announces the count (not the list), Tab goes field → button → facets → results', async () => {
    await open(page, site.url('sok/'));
    await page.locator('.search-form__facets').waitFor();
    await page.locator('#sok-fraga').click();
    await page.keyboard.type('smart specialisering');
    await page.locator(meeting('2018-ostra-mellansverige-smart-specialisering')).waitFor();
    const problems = [];
    const status = await page.locator('#sok-status[role="status"]').innerText();
    const shown = await page.locator('#sok-resultat ol > li').count();
    const total = Number((await page.locator('.search-results__count').innerText()).replace(/\D/g, ''));
    if (!status.includes(String(total))) problems.push(`the status line says ${JSON.stringify(status)}, the count is ${total}`);
    // One live region, polite, holding one line; the results themselves are not live.
    const live = await page.evaluate(() =>
      [...document.querySelectorAll('main [aria-live], main [role="status"], main [role="alert"], main [role="log"]')].map((el) => el.id || el.tagName),
    );
    if (live.join() !== 'sok-status') problems.push(`live regions in <main>: ${live.join(', ') || 'none'}`);
    if (await page.locator('#sok-resultat[aria-live], #sok-resultat [aria-live]').count()) problems.push('the results are a live region');
    // The accessibility tree: the status with the count, then a list of results, each a
    // heading (level 2) that is a link.
    const tree = await page.locator('main').ariaSnapshot();
    const statusLine = tree.split('\n').filter((l) => /^\s*- status/.test(l));
    if (statusLine.length !== 1 || !statusLine[0].includes(status)) problems.push(`status in the tree: ${JSON.stringify(statusLine)}`);
    const items = (tree.match(/^\s*- listitem/gm) || []).length;
    const headings = (tree.match(/^\s*- heading "[^"]+" \[level=2\]/gm) || []).length;
    if (!/^\s*- list/m.test(tree) || items < shown || headings < shown) problems.push(`tree: ${items} list items, ${headings} level-2 headings for ${shown} results:\n${tree.slice(0, 1500)}`);
    // Keyboard order from the field: its button, the facets in order, then the first result.
    await page.locator('#sok-fraga').focus();
    const order = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const el = document.activeElement;
        return el.id || (el.closest('#sok-resultat li') ? 'first result' : el.tagName.toLowerCase() + (el.type ? `[${el.type}]` : ''));
      }));
    }
    const expected = ['button[submit]', 'sok-region', 'sok-tema', 'sok-ar', 'first result'];
    if (order.join() !== expected.join()) problems.push(`Tab order ${order.join(' → ')}, not ${expected.join(' → ')}`);
    const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
    const firstListed = await page.locator('#sok-resultat ol > li a').first().getAttribute('href');
    if (first !== firstListed) problems.push(`Tab reached ${first}, not the first result ${firstListed}`);
    return problems;
  });
  await check('search: a two-letter word being typed waits with a hint, and its third letter searches it', async () => {
    await open(page, site.url('sok/'));
    await page.locator('.search-form__facets').waitFor();
    await page.locator('#sok-fraga').click();
    await page.keyboard.type('sm');
    const hint = page.locator('#sok-resultat .search-results__hint');
    await hint.waitFor();
    const problems = [];
    const expected = await page.locator('#sok-resultat').getAttribute('data-label-typing');
    if ((await hint.innerText()) !== expected) problems.push(`the hint says ${JSON.stringify(await hint.innerText())}`);
    if (await page.locator('#sok-resultat li').count()) problems.push('results shown for a two-letter word being typed');
    await page.keyboard.type('a');
    await page.locator(meeting('2018-ostra-mellansverige-smart-specialisering')).waitFor();
    if (await hint.count()) problems.push('the hint stays once the word is searched');
    return problems;
  });
  // Stemmed forms: the words are not in the text as typed, only their other inflections.
  const stemmed = [
    { query: 'etableringen', expect: [meeting('2018-ostergotland'), `#sok-resultat a[href="${site.base}sammanfattning-2018/"]`] },
    { query: 'specialiseringen', expect: [meeting('2018-ostra-mellansverige-smart-specialisering')] },
    { query: 'ledarskapets', expect: [meeting('2018-ostergotland')] },
  ];
  for (const c of stemmed) {
    await check(`search: "${c.query}" finds its other forms, with the words marked in a snippet`, async () => {
      await open(page, site.url(`sok/?q=${encodeURIComponent(c.query)}`));
      for (const selector of c.expect) await page.locator(selector).waitFor();
      const marks = await page.locator('#sok-resultat mark').allInnerTexts();
      return marks.length ? [] : ['no <mark> in the results'];
    });
  }
  await check('search: free pages, regions and themes are found too, labelled by kind', async () => {
    await open(page, site.url('sok/?q=etableringen'));
    const pageResult = page.locator(`#sok-resultat li:has(a[href="${site.base}sammanfattning-2018/"])`);
    await pageResult.waitFor();
    const label = await page.locator('#sok-resultat').getAttribute('data-label-kind-p');
    const meta = await pageResult.locator('.meeting-card__meta').innerText();
    const problems = meta.includes(label) ? [] : [`the page's result says ${JSON.stringify(meta)}, not ${label}`];
    await open(page, site.url('sok/?q=gotland'));
    await page.locator(`#sok-resultat a[href="${site.base}regioner/gotland/"]`).waitFor();
    return problems;
  });
  await check('search: a region facet narrows the results, and is kept in the address', async () => {
    await open(page, site.url('sok/?q=specialisering'));
    const count = page.locator('.search-results__count');
    await count.waitFor();
    const before = await count.innerText();
    const select = page.getByLabel(await page.locator('label[for="sok-region"]').innerText(), { exact: true });
    await select.selectOption('uppsala');
    // The count changes when the narrowed results are shown.
    await page.waitForFunction((b) => {
      const now = document.querySelector('.search-results__count');
      return now && now.textContent !== b;
    }, before);
    await page.locator(meeting('2018-uppsala')).waitFor();
    const region = new URL(page.url()).searchParams.get('region');
    const problems = region === 'uppsala' ? [] : [`the address has region=${JSON.stringify(region)}`];
    if (await page.locator(meeting('2018-orebro')).count()) problems.push('Örebro is shown with Uppsala chosen');
    problems.push(...(await axe(page)).map((v) => `with a facet chosen: ${v}`));
    return problems;
  });
  await check('search: a one-letter query shows nothing', async () => {
    await open(page, site.url('sok/'));
    await page.locator('.search-form__facets').waitFor();
    await page.locator('#sok-fraga').click();
    await page.keyboard.type('s');
    const text = await page.evaluate(() => window.samtalSearch.run('s').then(() => document.getElementById('sok-resultat').textContent));
    return text ? [`results shown: ${text.slice(0, 80)}`] : [];
  });
  await check('search: with JavaScript the noscript links are not rendered as links', async () => {
    await open(page, site.url('sok/'));
    return (await page.locator('main noscript a').count()) ? ['noscript links are live although JavaScript runs'] : [];
  });
  await context.close();
}

/** The county map on /regioner/: its links navigate, by mouse and by keyboard. */
async function mapChecks(browser, site) {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const county = 'svg.county-map a[aria-label^="Östergötland"]';
  const target = site.url('regioner/ostergotland/');
  await check('map: clicking Östergötland on /regioner/ opens /regioner/ostergotland/', async () => {
    await open(page, site.url('regioner/'));
    await Promise.all([page.waitForURL(target), page.locator(county).click()]);
    await page.locator('main h1').waitFor();
  });
  await check('map: a focused county shows its name above the map, and no box around it', async () => {
    await open(page, site.url('regioner/'));
    await page.locator(county).focus();
    const facts = await page.evaluate((selector) => {
      const a = document.querySelector(selector);
      const index = [...a.classList].find((c) => /^c-\d+$/.test(c)).slice(2);
      const label = document.querySelector(`.county-map__labels .l-${index}`);
      return { label: label.textContent, shown: getComputedStyle(label).visibility, outline: getComputedStyle(a).outlineStyle };
    }, county);
    const problems = [];
    if (facts.shown !== 'visible' || facts.label !== 'Östergötland') problems.push(`label ${JSON.stringify(facts)}`);
    if (facts.outline !== 'none') problems.push(`the link draws an outline (${facts.outline})`);
    return problems;
  });
  await check('map: Enter on the focused Östergötland link opens /regioner/ostergotland/', async () => {
    await open(page, site.url('regioner/'));
    await page.locator(county).focus();
    await Promise.all([page.waitForURL(target), page.keyboard.press('Enter')]);
  });
  await context.close();
}

// ---------- Main ----------

const watchdog = setTimeout(() => {
  console.error(`FAIL  the browser tests did not finish within ${WATCHDOG / 60000} minutes`);
  process.exit(1);
}, WATCHDOG);
watchdog.unref();

const servers = [];
let browser;
try {
  const root = await serve(options.site, '/');
  servers.push(root);
  browser = await chromium.launch(LAUNCH);
  console.log(
    `Chromium ${browser.version()}, axe-core ${require('axe-core/package.json').version}, site ${options.site}`,
  );
  const site = { ...root, url: (path) => `${root.origin}/${path}` };

  await axeSelfCheck(browser);
  await structureChecks(browser, site);
  await accessibilityChecks(browser, site);
  await keyboardChecks(browser, site, 1280);
  await keyboardChecks(browser, site, 375);
  await reflowChecks(browser, site);
  await noScriptChecks(browser, site);
  if (!options.only || options.only === 'search') await searchChecks(browser, site);
  if (!options.only || options.only === 'regions') await mapChecks(browser, site);
  if (!options.only || options.only === 'themes') await matrixChecks(browser, site);
  if (!options.only) await reviewScreenshots(browser, site);

  if (options.english) {
    const en = await serve(options.english, '/');
    servers.push(en);
    console.log(`English build ${options.english}`);
    const enSite = { ...en, url: (path) => `${en.origin}/${path}` };
    await accessibilityChecks(browser, enSite, 'en-');
    await englishChecks(browser, enSite);
    if (!options.only) await reviewScreenshots(browser, enSite, 'en-');
  }

  if (options.rounds) {
    const rounds = await serve(options.rounds, '/');
    servers.push(rounds);
    console.log(`two-year build ${options.rounds}`);
    const roundSite = { ...rounds, url: (path) => `${rounds.origin}/${path}` };
    await structureChecks(browser, roundSite, 'rounds-', ROUND_PAGES);
    await accessibilityChecks(browser, roundSite, 'rounds-', ROUND_PAGES);
  }

  if (options.sub) {
    const sub = await serve(options.sub.dir, options.sub.base);
    servers.push(sub);
    console.log(`sub-path build ${options.sub.dir} under ${options.sub.base}`);
    const subSite = { ...sub, url: (path) => `${sub.origin}${sub.base}${path}` };
    await structureChecks(browser, subSite);
    await noScriptChecks(browser, subSite);
    if (!options.only || options.only === 'search') await searchChecks(browser, subSite);
    if (!options.only || options.only === 'regions') await mapChecks(browser, subSite);
  }
} catch (e) {
  results.failed.push({ name: 'harness', message: String((e && e.stack) || e) });
  console.log(`FAIL  harness\n${String((e && e.stack) || e)}`);
} finally {
  if (browser) await browser.close();
  for (const s of servers) await s.close();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\n${results.passed} passed, ${results.failed.length} failed in ${seconds} s`);
if (results.failed.length) {
  console.log(`failed:\n${results.failed.map((f) => `  ${f.name}`).join('\n')}`);
  process.exit(1);
}
