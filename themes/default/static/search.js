/*
 * samtal search: finds meetings, pages, regions and themes in the sharded index that
 * `samtal build` writes under sok/ (see src/render/search.rs). No dependencies, no other
 * hosts, ES2017. Needs search-stem.js (loaded before it) for the Snowball stemmers.
 *
 * Markup it expects (themes/default/templates/search.html):
 *   <form role="search" action="…/sok/" method="get" data-search-index="…/sok/index.json">
 *     <input id="sok-fraga" name="q"> …
 *   </form>
 *   <p id="sok-status" role="status"></p>   (the one line announced: the count, or none)
 *   <div id="sok-resultat"></div>           (the results: not a live region, not announced)
 *   <noscript>…the static browse: counties, topics, rounds, the county × topic table…</noscript>
 * UI strings are read from data attributes of the form or of #sok-resultat (data-label-…);
 * data-label-title ("”{query}” – {title}") names the query in document.title. When nothing
 * is found, the content of <template id="sok-tips"> (what to try instead) follows the count.
 *
 * What is fetched: the entry file sok/index.json (shard map, facets), then for a query only
 * the word shards its words fall in, and the fragment files of the results shown (five at a
 * time). A facet (region, theme) fetches its list of meetings once; years need nothing.
 *
 * Matching (docs/search.md): each query word is lowercased, stemmed (Snowball, the site's
 * language) and folded as the index was (accents removed), and must match a word of the
 * result: as the very word (its form, `stem=form` in the shard, posted from the fields above
 * the text), by its stem, as a part of a compound (the build splits "uppföljningsmöte" at
 * the site's own words), or, for the last word unless a space follows it, as the beginning
 * of a word (from three letters). A word of five letters or more that matches nothing this
 * way matches the site's words one edit away (a letter wrong, missing, extra or two swapped),
 * and the words it begins with two letters or less from its end (an ending the stemmer keeps:
 * "organet" of "organ"), compared with the words listed in the shards already fetched. Words
 * of one letter are left out. When the boundary of a shard falls among the word's neighbours
 * (it shares the word's first three letters), the shard beside is fetched for this too.
 * Ranking: per word, the weight of the best field it stands in (the schema's `search_weight`,
 * published in the entry file: title, summary and outcomes, county and topic names, text)
 * times how it matched (the very word > stem > compound part > beginning > one edit away);
 * two query words next to each other in a title (`first second` pairs in the shard)
 * add half their weight again. The words' scores are summed; a county's or topic's own page
 * comes first among equals when its name is searched; other ties keep the index order
 * (newest meetings first).
 * `?q=` (with `region=`, `tema=`, `ar=`) in the address runs a search, so the plain GET form
 * and shared links work.
 *
 * Typing: results follow each keystroke, but the word being typed joins the search only once
 * it is specific: three letters, and its keys and the words it begins in at most
 * TYPING_SHARDS shards. Until then the other words are searched and a hint says that Enter
 * searches it too. "kom" may begin hundreds of words across a dozen shards; fetching them all
 * for a word that is one letter from "komp" would cost more than the whole finished query.
 * Enter, a link and a facet search every word, the last one as a prefix too.
 */
(function () {
  'use strict';

  const input = document.getElementById('sok-fraga');
  const results = document.getElementById('sok-resultat');
  if (!input || !input.form || !results || !window.fetch || !window.samtalStem) return;
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
    typing: attr(['data-label-typing']),
    // The page's title while a query is shown: "”{query}” – {title}".
    title: attr(['data-label-title']),
    more: attr(['data-label-more']) || '…',
    filters: attr(['data-label-filters']),
    region: attr(['data-label-region']),
    topic: attr(['data-label-topic']),
    year: attr(['data-label-year']),
    all: attr(['data-label-all']),
    kinds: {
      m: attr(['data-label-kind-m']),
      p: attr(['data-label-kind-p']),
      r: attr(['data-label-kind-r']),
      t: attr(['data-label-kind-t']),
    },
  };
  // Results shown at first and per "more": as Pagefind's own UI, five; each result may need a
  // fragment file of its own.
  const PAGE = 5;
  // How a word matched, as a factor of its field's weight (in tenths): the very word, its
  // stem, a part of a compound, the beginning of a word, one edit away.
  const EXACT = 10;
  const STEM = 8;
  const PART = 5;
  const PREFIX = 4;
  const PART_PREFIX = 3;
  const TYPO = 4;
  // Two query words next to each other in a title: this much of their weight again.
  const PAIR = 5;
  // Typo tolerance: words of this many letters or more, one edit.
  const TYPO_LETTERS = 5;
  // A word that matches nothing also matches a key it begins with, this many letters shorter.
  const ENDING = 2;
  // A shard beside the word's is looked in for its near words when the boundary between them
  // shares this many first letters with the word.
  const NEIGHBOUR_LETTERS = 3;
  // While typing, the word being typed is searched once its keys and prefix lie in at most
  // this many shards (see the top of this file).
  const TYPING_SHARDS = 2;

  // Unicode property escapes where the browser has them, else the common ranges.
  let marks, separators, wordPattern;
  try {
    marks = new RegExp('\\p{M}', 'gu');
    separators = new RegExp('[^\\p{L}\\p{N}]+', 'u');
    wordPattern = new RegExp('([\\p{L}\\p{N}]+)', 'u');
  } catch (e) {
    marks = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
    const letters = '0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f';
    separators = new RegExp('[^' + letters + ']+');
    wordPattern = new RegExp('([' + letters + ']+)');
  }
  const special = { 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ß': 'ss', 'ð': 'd', 'đ': 'd', 'þ': 'th', 'ł': 'l', 'ı': 'i' };

  function fold(text) {
    return String(text || '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(marks, '')
      .replace(/[æœøßðđþłı]/g, (c) => special[c]);
  }

  function foldedWords(text) {
    return fold(text).split(separators).filter(Boolean);
  }

  // The words of text as written.
  function rawWords(text) {
    return String(text || '').normalize('NFC').split(separators).filter(Boolean);
  }

  let stemmer = window.samtalStem.sv;
  // The index keys of a word as written: lowercase, NFC, stemmed, folded (as the build does).
  function keysOf(raw) {
    return foldedWords(stemmer(raw.toLowerCase().normalize('NFC')));
  }

  // The query as words to match: keys (all must match one word of a result) and, for the
  // last word when no space follows it (`open`), the prefix it may also match.
  function parse(query) {
    const raws = rawWords(query).filter((w) => Array.from(w).length > 1);
    const open = !separators.test(query.slice(-1));
    return raws.map((raw, i) => {
      const last = open && i === raws.length - 1;
      const folded = foldedWords(raw).join('');
      return {
        keys: keysOf(raw),
        form: folded,
        prefix: last && folded.length >= 3 ? folded : '',
        open: last,
        typo: Array.from(folded).length >= TYPO_LETTERS,
        // Words of the site one edit away, once a search found them (for <mark>).
        near: [],
      };
    });
  }

  // While typing (see the top): the words without the open one while it is not specific.
  function typedWords(entry, words) {
    return words.filter((w) => !w.open || (w.prefix && wordShards(entry, w).size <= TYPING_SHARDS));
  }

  // ---- Fetching ----

  // From file:// a root-relative URL points at the disk's root, so the index is looked for
  // beside the page instead.
  function resolvedIndexUrl() {
    if (location.protocol === 'file:') {
      const action = form.getAttribute('action') || '';
      const relative = action && indexUrl.startsWith(action) ? indexUrl.slice(action.length) : indexUrl.split('/').pop();
      return new URL(relative, location.href).href;
    }
    return new URL(indexUrl, location.href).href;
  }

  const fetched = new Map();
  function getJson(url) {
    let promise = fetched.get(url);
    if (!promise) {
      promise = fetch(url, { credentials: 'same-origin' }).then((response) => {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      });
      fetched.set(url, promise);
      promise.catch(() => fetched.delete(url));
    }
    return promise;
  }

  let entryPromise = null;
  function loadEntry() {
    if (!entryPromise) {
      const url = resolvedIndexUrl();
      entryPromise = getJson(url).then((entry) => {
        entry.base = url;
        if (entry.lang === 'en') stemmer = window.samtalStem.en;
        return entry;
      });
      entryPromise.catch(() => {
        entryPromise = null;
      });
    }
    return entryPromise;
  }

  function fileUrl(entry, path, name) {
    return new URL(path + name + '.json', entry.base).href;
  }

  // The shard holding `term`: the last whose first key is not after it.
  function shardOf(entry, term) {
    const shards = entry.shards;
    let low = 0;
    let high = shards.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (shards[mid] <= term) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  // The shards that may hold a key equal to or beginning with `prefix`.
  function shardsOf(entry, prefix) {
    const first = shardOf(entry, prefix);
    const found = [first];
    for (let i = first + 1; i < entry.shards.length && entry.shards[i] !== '' && entry.shards[i].startsWith(prefix); i++) {
      found.push(i);
    }
    return found;
  }

  function loadShard(entry, number) {
    return getJson(fileUrl(entry, entry.shard_path, String(number)));
  }

  // The shards a query word needs: its keys' and its prefix's.
  function wordShards(entry, word) {
    const wanted = new Set(word.keys.map((k) => shardOf(entry, k)));
    if (word.prefix) shardsOf(entry, word.prefix).forEach((n) => wanted.add(n));
    return wanted;
  }

  // A posting: `gap << 3 | part << 2 | field class` (src/render/search.rs). Adds each
  // document's score for this match to `best` (its best so far is kept): the field's weight
  // times `factor`, and `partFactor` for a document that holds the key only in a compound.
  function addPostings(best, postings, weights, factor, partFactor) {
    let doc = 0;
    for (const value of postings) {
      doc += Math.floor(value / 8);
      const score = weights[value & 3] * ((value & 4) ? partFactor : factor);
      if (best[doc] < score) best[doc] = score;
    }
  }

  // Special keys of a shard: a word's form (`stem=form`) and a pair of words (`a b`).
  function isPlainKey(term) {
    return term.indexOf('=') < 0 && term.indexOf(' ') < 0;
  }

  // Whether `a` and `b` are at most one edit apart: a letter changed, added, removed, or two
  // neighbours swapped.
  function oneEditApart(a, b) {
    if (a === b) return true;
    const la = a.length;
    const lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    let i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Whether the word as written is the key and an ending the stemmer leaves ("organet" of
  // "organ": Snowball keeps -et), at most ENDING letters.
  function endsAfter(form, key) {
    return key.length >= TYPO_LETTERS - 1 && form.length - key.length <= ENDING && form.startsWith(key);
  }

  // The keys near the word, among the shards fetched for it: stems one edit from its stem or
  // that it begins with (an ending left), forms (`stem=form`) one edit from the word as
  // written (folded); each as its stem key.
  function nearKeys(shards, word) {
    const near = new Set();
    for (const shard of shards) {
      for (const term in shard) {
        const eq = term.indexOf('=');
        if (term.indexOf(' ') >= 0) continue;
        const close =
          eq < 0
            ? endsAfter(word.form, term) || word.keys.some((k) => k.length >= TYPO_LETTERS - 1 && oneEditApart(k, term))
            : oneEditApart(word.form, term.slice(eq + 1));
        if (close) near.add(eq < 0 ? term : term.slice(0, eq));
      }
    }
    return Array.from(near);
  }

  // The letters two words begin with alike.
  function commonStart(a, b) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  }

  // For a word that matched nothing: the shards beside its own when the words one edit away
  // may lie there, because the shard boundary falls inside the word's first letters (a shard
  // starts with the shortest beginning that sets it apart, so a long shared beginning means a
  // boundary among the word's neighbours). Only such a word costs these.
  function neighbourShards(entry, word) {
    const own = Array.from(wordShards(entry, word));
    const [low, high] = [Math.min(...own), Math.max(...own)];
    const near = (n) => n >= 0 && n < entry.shards.length && entry.shards[n] && commonStart(entry.shards[n], word.form) >= NEIGHBOUR_LETTERS;
    const wanted = [];
    if (low > 0 && near(low)) wanted.push(low - 1);
    if (near(high + 1)) wanted.push(high + 1);
    return Promise.all(wanted.map((n) => loadShard(entry, n)));
  }

  // The shards one query word needs.
  function wordShardFiles(entry, word) {
    return Promise.all(Array.from(wordShards(entry, word), (n) => loadShard(entry, n)));
  }

  // The documents matching one query word: per document its best score (see the top), and
  // the shards it was looked up in (its pairs with the next word are there). Kept per word,
  // so a keystroke in the last word does not match the words before it again.
  const matched = new Map();
  function matchWord(entry, word) {
    const id = word.keys.join(' ') + '|' + word.form + '|' + word.prefix;
    let promise = matched.get(id);
    if (promise) return promise;
    if (matched.size > 64) matched.clear();
    const weights = entry.weights || [1, 3, 4, 8];
    promise = wordShardFiles(entry, word).then((shards) => {
      const best = new Uint16Array(entry.docs);
      let found = false;
      for (const shard of shards) {
        for (const key of word.keys) {
          if (shard[key]) {
            addPostings(best, shard[key], weights, STEM, PART);
            found = true;
          }
          const form = shard[key + '=' + word.form];
          if (form) addPostings(best, form, weights, EXACT, EXACT);
        }
        if (word.prefix) {
          for (const term in shard) {
            if (term.startsWith(word.prefix) && !word.keys.includes(term) && isPlainKey(term)) {
              addPostings(best, shard[term], weights, PREFIX, PART_PREFIX);
              found = true;
            }
          }
        }
      }
      if (found || !word.typo) return { best, shards, near: [] };
      return neighbourShards(entry, word).then((more) => {
        const all = shards.concat(more);
        const near = nearKeys(all, word);
        for (const shard of all) for (const key of near) if (shard[key]) addPostings(best, shard[key], weights, TYPO, TYPO);
        return { best, shards, near };
      });
    });
    matched.set(id, promise);
    promise.catch(() => matched.delete(id));
    return promise;
  }

  // Per document, the bonus for two neighbouring query words next to each other in a title:
  // their pair's postings, in the first word's shard.
  function pairBonus(entry, words, perWord) {
    const weights = entry.weights || [1, 3, 4, 8];
    const bonus = new Uint16Array(entry.docs);
    for (let i = 0; i + 1 < words.length; i++) {
      const [first, second] = [words[i].keys, words[i + 1].keys];
      if (first.length !== 1 || second.length !== 1) continue;
      const pair = first[0] + ' ' + second[0];
      for (const shard of perWord[i].shards) if (shard[pair]) addPostings(bonus, shard[pair], weights, PAIR, PAIR);
    }
    return bonus;
  }

  // A facet's meetings as a set of documents.
  function facetDocs(entry, path, slug) {
    return getJson(fileUrl(entry, path, slug)).then((gaps) => {
      const docs = new Set();
      let doc = 0;
      for (const gap of gaps) docs.add((doc += gap));
      return docs;
    });
  }

  // The filters chosen, each as a test of a document number.
  function filtersOf(entry, chosen) {
    const tests = [];
    if (chosen.year) {
      const run = entry.years.find((y) => String(y[0]) === chosen.year);
      tests.push(Promise.resolve((doc) => !!run && doc >= run[1] && doc < run[2]));
    }
    if (chosen.region) tests.push(facetDocs(entry, entry.region_path, chosen.region).then((set) => (doc) => set.has(doc)));
    if (chosen.topic) tests.push(facetDocs(entry, entry.topic_path, chosen.topic).then((set) => (doc) => set.has(doc)));
    return Promise.all(tests);
  }

  // Whether a document is a county's, grouping's or topic's own page.
  function isNamePage(entry, doc) {
    const within = (range) => range && doc >= range[0] && doc < range[1];
    return within(entry.kinds.r) || within(entry.kinds.t);
  }

  // Ranked documents for the words, narrowed by the filters: best score first, and in index
  // order within a score (gathered per score, so no sort of up to every document).
  function search(entry, words, chosen) {
    return Promise.all([Promise.all(words.map((w) => matchWord(entry, w))), filtersOf(entry, chosen)]).then(
      ([perWord, tests]) => {
        words.forEach((w, i) => (w.near = perWord[i].near));
        const bonus = pairBonus(entry, words, perWord);
        const titleScore = (entry.weights || [1, 3, 4, 8])[3] * STEM;
        const byScore = new Map();
        for (let doc = 0; doc < entry.docs; doc++) {
          let score = 0;
          let allInTitle = true;
          for (const { best } of perWord) {
            const s = best[doc];
            if (!s) {
              score = 0;
              break;
            }
            score += s;
            if (s < titleScore) allInTitle = false;
          }
          if (!score) continue;
          // Tenths of a point: a name page searched by its name comes first among equals.
          score = score * 10 + bonus[doc] * 10 + (allInTitle && isNamePage(entry, doc) ? 1 : 0);
          if (tests.every((t) => t(doc))) {
            const docs = byScore.get(score);
            if (docs) docs.push(doc);
            else byScore.set(score, [doc]);
          }
        }
        const scores = Array.from(byScore.keys()).sort((a, b) => b - a);
        return [].concat(...scores.map((score) => byScore.get(score)));
      }
    );
  }

  function fragments(entry, docs) {
    const size = entry.fragment_size;
    const files = Array.from(new Set(docs.map((d) => Math.floor(d / size))));
    return Promise.all(files.map((n) => getJson(fileUrl(entry, entry.fragment_path, String(n))))).then((loaded) => {
      const byFile = new Map(files.map((n, i) => [n, loaded[i]]));
      return docs.map((d) => byFile.get(Math.floor(d / size))[d % size]);
    });
  }

  // ---- Showing ----

  function element(name, className, text) {
    const el = document.createElement(name);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // Whether a word of a result's text matched the query: its key, a key one edit away, the
  // beginning, or a compound ending (or beginning) with the word's key.
  function matches(words, raw) {
    const keys = keysOf(raw);
    const folded = foldedWords(raw).join('');
    const part = (k, key) => key.length >= 3 && k.length > key.length + 2 && (k.endsWith(key) || (key.length >= 4 && k.startsWith(key)));
    return words.some(
      (w) =>
        keys.some((k) => w.keys.includes(k) || w.near.includes(k) || w.keys.some((key) => part(k, key))) ||
        (w.prefix && folded.startsWith(w.prefix))
    );
  }

  // Appends `text` to `parent`, its words that match the query in <mark>.
  function appendMarked(parent, text, words) {
    for (const part of String(text).split(wordPattern)) {
      if (!part) continue;
      if (wordPattern.test(part) && matches(words, part)) parent.appendChild(element('mark', '', part));
      else parent.appendChild(document.createTextNode(part));
    }
  }

  // The part of the result's text that shows why it matched: the summary or excerpt with a
  // matching word, cut around the first one; else the summary or excerpt as it is.
  function snippetText(fragment, words) {
    const texts = [fragment.s, fragment.x].filter(Boolean);
    for (const text of texts) {
      const parts = text.split(wordPattern);
      let at = 0;
      for (const part of parts) {
        if (part && wordPattern.test(part) && matches(words, part)) return around(text, at);
        at += part.length;
      }
    }
    return texts[0] || '';
  }

  function around(text, at) {
    const before = 80;
    const length = 220;
    if (text.length <= length) return text;
    let start = Math.max(0, at - before);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    let end = Math.min(text.length, start + length);
    if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  }

  function countText(n) {
    return (labels.results ? labels.results + ': ' : '') + n;
  }

  // Only the count is announced (role="status"), not every result in the list.
  const status = document.getElementById('sok-status');
  function announce(text) {
    if (status) status.textContent = text;
  }

  function resultItem(fragment, words) {
    const item = element('li', 'meeting-card search-result search-result--' + fragment.k);
    const heading = element('h2', 'meeting-card__title');
    const link = element('a', '');
    link.href = fragment.u;
    appendMarked(link, fragment.t, words);
    heading.appendChild(link);
    item.appendChild(heading);
    const meta = [labels.kinds[fragment.k], fragment.d].filter(Boolean).join(' · ');
    if (meta) item.appendChild(element('p', 'meeting-card__meta', meta));
    const snippet = snippetText(fragment, words);
    if (snippet) {
      const p = element('p', 'meeting-card__summary search-result__snippet');
      appendMarked(p, snippet, words);
      item.appendChild(p);
    }
    if (fragment.g && fragment.g.length) item.appendChild(element('p', 'search-results__tags', fragment.g.join(' · ')));
    return item;
  }

  // The note that the word being typed is not searched yet (see the top).
  function showHint() {
    if (labels.typing) results.appendChild(element('p', 'search-results__hint', labels.typing));
  }

  // What to try when nothing was found: the page's <template id="sok-tips"> (other words,
  // fewer words, no narrowing down, or browsing by region and theme), copied below the count.
  function showTips() {
    const tips = document.getElementById('sok-tips');
    if (tips && tips.content) results.appendChild(document.importNode(tips.content, true));
  }

  // Shows the ranked documents, the first page now and the next ones on request; `waiting`
  // when the word being typed was left out.
  function show(entry, docs, words, ticket, waiting) {
    results.textContent = '';
    if (waiting) showHint();
    if (!docs.length) {
      results.appendChild(element('p', 'search-results__count', labels.none || countText(0)));
      showTips();
      announce(labels.none || countText(0));
      return Promise.resolve();
    }
    results.appendChild(element('p', 'search-results__count', countText(docs.length)));
    announce(countText(docs.length));
    const list = element('ol', 'meeting-list search-results__list');
    list.setAttribute('role', 'list');
    results.appendChild(list);
    let shown = 0;
    let more = null;
    function next() {
      const page = docs.slice(shown, shown + PAGE);
      shown += page.length;
      return fragments(entry, page).then((found) => {
        if (ticket !== latest) return;
        const first = list.children.length;
        for (const fragment of found) list.appendChild(resultItem(fragment, words));
        if (more) more.remove();
        if (shown < docs.length) {
          more = element('button', 'search-results__more', labels.more);
          more.type = 'button';
          more.addEventListener('click', () => {
            next().then(() => {
              const link = list.children[first + PAGE] && list.children[first + PAGE].querySelector('a');
              if (link) link.focus();
            });
          });
          results.appendChild(more);
        }
      });
    }
    return next();
  }

  // Without the index (offline, or file:// in a strict browser) offer what the page offers
  // without JavaScript: the region and theme indexes.
  function showFallback() {
    const fallback = form.parentNode && form.parentNode.querySelector('noscript');
    results.textContent = '';
    if (fallback) results.innerHTML = fallback.textContent;
  }

  // ---- Facets ----

  const selects = {};
  function facetSelect(name, label, options) {
    const wrap = element('div', 'search-form__facet');
    const id = 'sok-' + name;
    const lab = element('label', '', label);
    lab.htmlFor = id;
    const select = element('select');
    select.id = id;
    select.name = name;
    select.appendChild(new Option(labels.all, ''));
    for (const [value, text] of options) select.appendChild(new Option(text, value));
    select.addEventListener('change', () => update(true));
    wrap.appendChild(lab);
    wrap.appendChild(select);
    selects[name] = select;
    return wrap;
  }

  function addFacets(entry) {
    if (form.querySelector('.search-form__facets')) return;
    const box = element('fieldset', 'search-form__facets');
    box.appendChild(element('legend', '', labels.filters));
    const withMeetings = (list) => list.filter((f) => f[2] > 0).map((f) => [f[0], f[1]]);
    box.appendChild(facetSelect('region', labels.region, withMeetings(entry.regions)));
    box.appendChild(facetSelect('tema', labels.topic, withMeetings(entry.topics)));
    box.appendChild(facetSelect('ar', labels.year, entry.years.map((y) => [String(y[0]), String(y[0])])));
    form.appendChild(box);
    const params = new URLSearchParams(location.search);
    for (const name in selects) selects[name].value = params.get(name) || '';
  }

  function chosenFacets() {
    const value = (name) => (selects[name] ? selects[name].value : '');
    return { region: value('region'), topic: value('tema'), year: value('ar') };
  }

  // ---- Running ----

  // The query in the page's title (the browser's tab and history name the search), the
  // page's own title again when the field is empty.
  const pageTitle = document.title;
  function titleFor(query) {
    const q = query.trim().replace(/\s+/g, ' ');
    if (!q || !labels.title) return pageTitle;
    return labels.title.replace('{title}', pageTitle).replace('{query}', q);
  }

  let latest = 0;
  // Runs a query: `typing` when a keystroke asked for it (see the top of this file). Every run
  // that is still the latest ends with a `samtal-search-shown` event, for tests and
  // measurements: `detail.count` is the number of results, or null when none were searched.
  function run(query, typing) {
    const ticket = ++latest;
    document.title = titleFor(query);
    const done = (count) => {
      if (ticket === latest) results.dispatchEvent(new CustomEvent('samtal-search-shown', { detail: { count: count } }));
    };
    const clear = (waiting) => {
      results.textContent = '';
      announce('');
      if (waiting) showHint();
      done(null);
    };
    if (!parse(query).some((w) => w.keys.length)) {
      clear(false);
      return Promise.resolve();
    }
    return loadEntry()
      .then((entry) => {
        if (ticket !== latest) return null;
        // The language is known once the entry is: parse again with its stemmer.
        const parsed = parse(query);
        const wanted = typing ? typedWords(entry, parsed) : parsed;
        const waiting = wanted.length < parsed.length;
        if (!wanted.some((w) => w.keys.length)) return clear(waiting);
        return search(entry, wanted, chosenFacets()).then((docs) => {
          if (ticket !== latest) return null;
          return show(entry, docs, wanted, ticket, waiting).then(() => done(docs.length));
        });
      })
      .catch(() => {
        if (ticket === latest) showFallback();
      });
  }

  function address() {
    const params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value);
    const chosen = chosenFacets();
    if (chosen.region) params.set('region', chosen.region);
    if (chosen.topic) params.set('tema', chosen.topic);
    if (chosen.year) params.set('ar', chosen.year);
    const search = params.toString();
    return location.pathname + (search ? '?' + search : '') + location.hash;
  }

  function update(push, typing) {
    const next = address();
    try {
      if (push && next !== location.pathname + location.search + location.hash) history.pushState(null, '', next);
      else if (!push) history.replaceState(null, '', next);
    } catch (e) {
      // file:// pages may refuse; the search still runs.
    }
    return run(input.value, typing);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update(true);
  });

  // Results follow typing at once: the files fetched are kept, so a keystroke after the
  // first costs only what is new.
  input.addEventListener('input', () => update(false, true));

  window.addEventListener('popstate', () => {
    const params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    for (const name in selects) selects[name].value = params.get(name) || '';
    run(input.value);
  });

  // The facets need the entry file; it is small and fetched when the page opens.
  const initial = new URLSearchParams(location.search).get('q') || '';
  if (initial) input.value = initial;
  loadEntry()
    .then(addFacets)
    .catch(() => {})
    .then(() => {
      if (initial) run(initial);
    });
  window.samtalSearch = { run: run };
})();
