/*
 * samtal search: finds meetings in the index that `samtal build` writes to sok/index.json.
 * No dependencies, no other hosts, ES2017.
 *
 * Markup it expects (themes/default/templates/search.html):
 *   <form role="search" action="…/sok/" method="get" data-index="…/sok/index.json">
 *     <input id="sok-fraga" name="q"> …
 *   </form>
 *   <div id="sok-resultat" aria-live="polite"></div>
 *   <noscript>…links to the region and theme indexes…</noscript>
 * The index URL may also be given as data-search-index. UI strings are read from data
 * attributes of the form or of #sok-resultat: data-results-label (or data-label-results),
 * data-no-results (or data-label-no-results), and optionally data-label-one and
 * data-label-many ("möte"/"möten") for the count.
 *
 * Matching: the query is folded as samtal folds the index (lowercase, NFKD, combining marks
 * removed, æ→ae ø→o ß→ss …) and split into words; a meeting matches when every query word
 * begins some word of it. Title matches rank first, then region and theme names, then the
 * rest; ties keep the index order (newest first). `?q=` in the address runs a search, so the
 * plain GET form and shared links work; submitting updates the address.
 */
(function () {
  'use strict';

  const input = document.getElementById('sok-fraga');
  const results = document.getElementById('sok-resultat');
  if (!input || !input.form || !results || !window.fetch) return;
  const form = input.form;

  function attr(names) {
    for (const el of [form, results]) {
      for (const name of names) {
        const value = el.getAttribute(name);
        if (value !== null) return value;
      }
    }
    return '';
  }

  const indexUrl = attr(['data-index', 'data-search-index']);
  if (!indexUrl) return;
  const labels = {
    results: attr(['data-results-label', 'data-label-results']),
    none: attr(['data-no-results', 'data-label-no-results']),
    one: attr(['data-label-one']),
    many: attr(['data-label-many']),
  };

  // Unicode property escapes where the browser has them, else the common ranges.
  let marks, separators;
  try {
    marks = new RegExp('\\p{M}', 'gu');
    separators = new RegExp('[^\\p{L}\\p{N}]+', 'u');
  } catch (e) {
    marks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
    separators = /[^0-9a-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f]+/;
  }
  const special = { 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ß': 'ss', 'ð': 'd', 'đ': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i' };

  function fold(text) {
    return String(text || '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(marks, '')
      .replace(/[æœøßðđþłı]/g, (c) => special[c]);
  }

  function words(text) {
    return fold(text).split(separators).filter(Boolean);
  }

  function begins(word, list) {
    for (let i = 0; i < list.length; i++) {
      if (list[i].startsWith(word)) return true;
    }
    return false;
  }

  // The index is fetched once, on the first search. From file:// a root-relative URL points
  // at the disk's root, so the index is looked for beside the page instead.
  function resolvedIndexUrl() {
    if (location.protocol === 'file:') {
      const action = form.getAttribute('action') || '';
      const relative = action && indexUrl.startsWith(action) ? indexUrl.slice(action.length) : indexUrl.split('/').pop();
      return new URL(relative, location.href).href;
    }
    return new URL(indexUrl, location.href).href;
  }

  let loading = null;
  function load() {
    if (!loading) {
      loading = fetch(resolvedIndexUrl(), { credentials: 'same-origin' })
        .then((response) => {
          if (!response.ok) throw new Error('HTTP ' + response.status);
          return response.json();
        })
        .then((entries) =>
          entries.map((entry, order) => ({
            entry: entry,
            order: order,
            title: words(entry.title),
            tags: words((entry.regions || []).concat(entry.themes || []).join(' ')),
            text: String(entry.text || '').split(' '),
          }))
        );
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  function find(prepared, query) {
    const wanted = words(query);
    const hits = [];
    for (const item of prepared) {
      let score = 0;
      let all = true;
      for (const word of wanted) {
        if (begins(word, item.title)) score += 4;
        else if (begins(word, item.tags)) score += 2;
        else if (begins(word, item.text) || begins(word, item.title) || begins(word, item.tags)) score += 1;
        else {
          all = false;
          break;
        }
      }
      if (all) hits.push({ item: item, score: score });
    }
    hits.sort((a, b) => b.score - a.score || a.item.order - b.item.order);
    return hits.map((hit) => hit.item.entry);
  }

  function element(name, className, text) {
    const el = document.createElement(name);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function countText(n) {
    const noun = labels.one && labels.many ? ' ' + (n === 1 ? labels.one : labels.many) : '';
    return (labels.results ? labels.results + ': ' : '') + n + noun;
  }

  // Only the count is announced (role="status"), not every result in the list.
  const status = document.getElementById('sok-status');
  function announce(text) {
    if (status) status.textContent = text;
  }

  function show(entries) {
    results.textContent = '';
    if (!entries.length) {
      results.appendChild(element('p', 'search-results__count', labels.none || countText(0)));
      announce(labels.none || countText(0));
      return;
    }
    results.appendChild(element('p', 'search-results__count', countText(entries.length)));
    announce(countText(entries.length));
    const list = element('ol', 'meeting-list search-results__list');
    list.setAttribute('role', 'list');
    for (const entry of entries) {
      const item = element('li', 'meeting-card');
      const heading = element('h2', 'meeting-card__title');
      const link = element('a', '', entry.title);
      link.href = entry.url;
      heading.appendChild(link);
      item.appendChild(heading);
      if (entry.date_display) item.appendChild(element('p', 'meeting-card__meta', entry.date_display));
      if (entry.summary) item.appendChild(element('p', 'meeting-card__summary', entry.summary));
      const tags = (entry.regions || []).concat(entry.themes || []);
      if (tags.length) item.appendChild(element('p', 'search-results__tags', tags.join(' · ')));
      list.appendChild(item);
    }
    results.appendChild(list);
  }

  // Without the index (offline, or file:// in a strict browser) offer what the page offers
  // without JavaScript: the region and theme indexes.
  function showFallback() {
    const fallback = form.parentNode && form.parentNode.querySelector('noscript');
    results.textContent = '';
    if (fallback) results.innerHTML = fallback.textContent;
  }

  let latest = 0;
  function run(query) {
    const ticket = ++latest;
    if (!words(query).length) {
      results.textContent = '';
      announce('');
      return;
    }
    load().then(
      (prepared) => {
        if (ticket === latest) show(find(prepared, query));
      },
      () => {
        if (ticket === latest) showFallback();
      }
    );
  }

  function queryFromAddress() {
    return new URLSearchParams(location.search).get('q') || '';
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value;
    const address = location.pathname + (query.trim() ? '?q=' + encodeURIComponent(query) : '') + location.hash;
    try {
      if (address !== location.pathname + location.search + location.hash) {
        history.pushState({ q: query }, '', address);
      }
    } catch (e) {
      // file:// pages may refuse; the search still runs.
    }
    run(query);
  });

  // Results follow typing, after a short pause so every keystroke does not redraw the list.
  let typingTimer = 0;
  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      const query = input.value;
      const address = location.pathname + (query.trim() ? '?q=' + encodeURIComponent(query) : '') + location.hash;
      try {
        history.replaceState({ q: query }, '', address);
      } catch (e) {
        // file:// pages may refuse; the search still runs.
      }
      run(query);
    }, 250);
  });

  window.addEventListener('popstate', () => {
    input.value = queryFromAddress();
    run(input.value);
  });

  const initial = queryFromAddress();
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
