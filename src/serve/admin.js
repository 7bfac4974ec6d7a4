// samtal serve: the browser editor's preview and checks. Added to /admin/ by `samtal serve`
// only (never part of a built site), after Decap CMS's own script.
//
// - The preview pane shows the entry as the site will show it: samtal renders the unsaved
//   entry with the site's own templates and CSS (POST /__samtal/preview), 150 ms after the
//   last change.
// - Every problem `samtal check` finds in the entry is shown beside the field it concerns,
//   while typing and after saving; an entry as opened is checked as its file is on disk.
// - An entry with errors is not saved, not even as a draft (`samtal check` refuses a draft's
//   errors too, and `samtal build` would fail on it): the save is refused, saying why.
(function () {
  'use strict';
  var CMS = window.CMS;
  if (!CMS || !window.h || !window.createClass) return;
  var h = window.h;
  var PREVIEW = '/__samtal/preview';
  var DELAY = 150;
  var sv = (document.documentElement.lang || 'sv') !== 'en';
  var words = sv
    ? {
        error: 'Fel', warning: 'Varning', tip: 'Tips', frame: 'Förhandsvisning av sidan',
        summary: function (e, w) { return both(count(e, 'fel', 'fel'), count(w, 'varning', 'varningar'), 'och') + ' här.'; },
        fixFirst: 'Det som har fel kan inte sparas, inte heller som utkast: rätta felen och spara igen.',
        refused: function (e) { return 'Sparades inte: ' + count(e, 'fel', 'fel') + ' (se rutorna vid fälten). Rätta felen och spara igen; inte heller ett utkast kan sparas med fel.'; },
        refusedPage: function (e) { return 'Sparades inte: ' + count(e, 'fel', 'fel') + ' (se rutorna vid fälten). Rätta felen och spara igen.'; },
        noPage: 'Sidan kan visas när felen är rättade:',
        unreachable: 'Förhandsvisningen svarar inte: kör samtal serve fortfarande?',
        elsewhere: 'Problem i andra filer:',
        comments: function (fields) { return 'När du sparar försvinner kommentarerna (text efter #) i ' + fields + ', eftersom du har ändrat ' + (fields.indexOf(', ') >= 0 ? 'dem' : 'det') + '. Resten av huvudet sparas som du skrev det.'; },
      }
    : {
        error: 'Error', warning: 'Warning', tip: 'Tip', frame: 'Preview of the page',
        summary: function (e, w) { return both(count(e, 'error', 'errors'), count(w, 'warning', 'warnings'), 'and') + ' here.'; },
        fixFirst: 'An entry with errors cannot be saved, not even as a draft: fix the errors and save again.',
        refused: function (e) { return 'Not saved: ' + count(e, 'error', 'errors') + ' (see the boxes by the fields). Fix the errors and save again; not even a draft can be saved with errors.'; },
        refusedPage: function (e) { return 'Not saved: ' + count(e, 'error', 'errors') + ' (see the boxes by the fields). Fix the errors and save again.'; },
        noPage: 'The page can be shown once the errors are fixed:',
        unreachable: 'The preview does not answer: is samtal serve still running?',
        elsewhere: 'Problems in other files:',
        comments: function (fields) { return 'Saving drops the comments (text after #) in ' + fields + ', as you changed it. The rest of the front matter is saved as you wrote it.'; },
      };
  function count(n, one, many) { return n ? n + ' ' + (n === 1 ? one : many) : ''; }
  function both(a, b, and) { return a && b ? a + ' ' + and + ' ' + b : a || b; }
  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  // The entry as first opened, by path: unchanged, it is checked as its file is on disk.
  var opened = {};

  function pendingFiles(entry) {
    var files = entry.get('mediaFiles');
    if (!files || !files.toJS) return [];
    return files.toJS().filter(function (f) { return f.draft; });
  }

  function request(entry, collection) {
    var data = entry.get('data') ? entry.get('data').toJS() : {};
    var path = entry.get('newRecord') ? null : entry.get('path');
    var now = JSON.stringify(data);
    return {
      collection: collection,
      path: path,
      data: data,
      pristine: Boolean(path) && opened[path] === now,
      pending: pendingFiles(entry).map(function (f) { return { name: f.name, size: f.size || (f.file && f.file.size) || 0 }; }),
    };
  }

  function check(entry, collection) {
    var body = JSON.stringify(request(entry, collection));
    return fetch(PREVIEW, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body })
      .then(function (r) { return r.json(); });
  }

  // --- Problems beside their fields -------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function problemNode(p) {
    var error = p.severity === 'error';
    var style = error
      ? 'margin:.4rem 0;padding:.5rem .75rem;border-left:4px solid #a4000f;background:#fdecee;color:#1b1b1b'
      : 'margin:.4rem 0;padding:.5rem .75rem;border-left:4px solid #8a5300;background:#fff4e0;color:#1b1b1b';
    var children = [el('strong', {}, [(error ? words.error : words.warning) + ': ']), p.message + '.'];
    if (p.hint) children.push(el('br'), el('span', {}, [words.tip + ': ' + p.hint]));
    return el('p', { class: 'samtal-problem samtal-' + p.severity, 'data-field': p.field || '', style: style }, children);
  }

  function fieldLabel(field) {
    return document.querySelector('label[for^="' + field + '-field-"]');
  }

  function clearProblems() {
    document.querySelectorAll('.samtal-problems').forEach(function (n) { n.remove(); });
    document.querySelectorAll('[data-samtal-described]').forEach(function (n) {
      n.removeAttribute('aria-describedby');
      n.removeAttribute('data-samtal-described');
    });
  }

  // The label of a field of one item of a list (the `due` of the second follow-up): only when
  // the form shows every item open, since a closed item shows no fields and the n-th label
  // would then be another item's.
  function itemLabel(p, entry) {
    if (p.item === null || p.item === undefined || !p.item_field || !entry) return null;
    var list = fieldLabel(p.field);
    var items = entry.getIn(['data', p.field]);
    if (!list || !items || !items.size) return null;
    // The list's own element (the one its label is for) holds its items.
    var box = document.getElementById(list.getAttribute('for')) || list.parentElement;
    var labels = box.querySelectorAll('label[for^="' + p.item_field + '-field-"]');
    return labels.length === items.size ? labels[p.item] || null : null;
  }

  function showProblems(result, entry) {
    clearProblems();
    if (!result) return;
    // Boxes by where they stand: a field's label, or a field of one item.
    var boxes = {};
    var general = [];
    (result.problems || []).forEach(function (p) {
      var inItem = itemLabel(p, entry);
      var key = inItem ? p.field + '-' + p.item + '-' + p.item_field : p.field;
      var label = inItem || (p.field && fieldLabel(p.field));
      if (!label) return general.push(p);
      boxes[key] = boxes[key] || { label: label, field: inItem ? p.item_field : p.field, problems: [] };
      boxes[key].problems.push(p);
    });
    Object.keys(boxes).forEach(function (key) {
      var label = boxes[key].label;
      var id = 'samtal-problems-' + key;
      var box = el('div', { class: 'samtal-problems', id: id, 'data-field': boxes[key].field }, boxes[key].problems.map(problemNode));
      // Below the label, on a line of its own also where the label's row is a flex row.
      var row = label.parentElement;
      var style = getComputedStyle(row);
      if (style.display.indexOf('flex') >= 0 && style.flexDirection.indexOf('row') === 0) {
        box.style.flex = '1 0 100%';
        if (style.flexWrap === 'nowrap') row.style.flexWrap = 'wrap';
      }
      row.append(box);
      var input = document.getElementById(label.getAttribute('for'));
      if (input) {
        input.setAttribute('aria-describedby', id);
        input.setAttribute('data-samtal-described', '');
      }
    });
    var first = document.querySelector('label[for*="-field-"]');
    if (!first) return;
    var summary = [el('p', { style: 'margin:0 0 .25rem;font-weight:bold' }, [capital(words.summary(result.errors || 0, result.warnings || 0))])];
    if (result.errors) summary.push(el('p', { style: 'margin:0 0 .25rem' }, [words.fixFirst]));
    if (general.length && general.some(function (p) { return p.file !== result.path; })) {
      summary.push(el('p', { style: 'margin:.25rem 0 0' }, [words.elsewhere]));
    }
    general.forEach(function (p) { summary.push(problemNode(p)); });
    commentsNote(result, first);
    if (!result.errors && !result.warnings) return;
    var top = el('div', {
      class: 'samtal-problems samtal-summary', role: 'status',
      style: 'margin:0 0 1rem;padding:.75rem 1rem;border:2px solid ' + (result.errors ? '#a4000f' : '#8a5300') + ';border-radius:4px;background:#fff;color:#1b1b1b',
    }, summary);
    first.parentElement.parentElement.prepend(top);
  }

  // Saved over a hand-written file, comments in the fields that changed cannot be kept.
  function commentsNote(result, first) {
    var keys = result.comments_dropped || [];
    if (!keys.length) return;
    var names = keys.map(function (key) {
      var label = fieldLabel(key);
      return label ? label.textContent.replace(/\s*\(.*\)\s*$/, '').trim() : key;
    });
    var note = el('p', {
      class: 'samtal-problems samtal-comments', role: 'status',
      style: 'margin:0 0 1rem;padding:.5rem .75rem;border-left:4px solid #005a9c;background:#eef5fb;color:#1b1b1b',
    }, [words.comments(names.join(', '))]);
    first.parentElement.parentElement.prepend(note);
  }

  // --- The preview template --------------------------------------------------------------

  // Pictures and files added in the form but not saved yet are shown from the browser.
  function withPendingFiles(html, files) {
    if (!files.length) return html;
    var doc = new DOMParser().parseFromString(html, 'text/html');
    // A picture's page names its variants (`foto.480.<hash>.webp`) or the file itself.
    var pending = function (url) {
      var name = (url || '').split('?')[0].split('/').pop();
      return files.find(function (f) {
        var dot = f.name.lastIndexOf('.');
        var stem = dot > 0 ? f.name.slice(0, dot) : f.name;
        return name === f.name || (name.startsWith(stem + '.') && /^\.\d+\.[0-9a-f]+\.[a-z]+$/.test(name.slice(stem.length)));
      });
    };
    doc.querySelectorAll('img').forEach(function (img) {
      var file = pending(img.getAttribute('src'));
      if (!file) return;
      var picture = img.closest('picture');
      if (picture) picture.querySelectorAll('source').forEach(function (s) { s.remove(); });
      // The page was made with a stand-in of 1×1: the browser's picture keeps its own shape.
      ['srcset', 'sizes', 'width', 'height'].forEach(function (a) { img.removeAttribute(a); });
      img.setAttribute('src', file.url);
    });
    doc.querySelectorAll('a[href]').forEach(function (a) {
      var file = pending(a.getAttribute('href'));
      if (file) a.setAttribute('href', file.url);
    });
    return '<!doctype html>\n' + doc.documentElement.outerHTML;
  }

  function previewFor(collection) {
    return window.createClass({
      getInitialState: function () { return { html: null, note: null }; },
      componentDidMount: function () {
        // The entry as it was opened (before any change): while the form holds just that,
        // the file on disk is what is checked.
        var entry = this.props.entry;
        var path = entry.get('newRecord') ? null : entry.get('path');
        if (path && !(path in opened)) opened[path] = JSON.stringify(entry.get('data') ? entry.get('data').toJS() : {});
        this.schedule();
      },
      componentDidUpdate: function (previous) { if (previous.entry !== this.props.entry) this.schedule(); },
      componentWillUnmount: function () { this.gone = true; clearTimeout(this.timer); clearProblems(); },
      schedule: function () {
        var self = this;
        clearTimeout(this.timer);
        this.timer = setTimeout(function () { self.update(); }, DELAY);
      },
      update: function () {
        var self = this;
        var entry = this.props.entry;
        // Only the answer to this preview's latest question is shown.
        var asked = (this.asked = (this.asked || 0) + 1);
        check(entry, collection).then(function (result) {
          if (asked !== self.asked || self.gone) return;
          showProblems(result, entry);
          var html = result.html ? withPendingFiles(result.html, pendingFiles(entry)) : self.state.html;
          var errors = (result.problems || []).filter(function (p) { return p.severity === 'error'; });
          self.setState({ html: html, note: result.html ? null : words.noPage, errors: result.html ? [] : errors });
        }, function () {
          if (asked === self.asked && !self.gone) self.setState({ note: words.unreachable });
        });
      },
      render: function () {
        var errors = (this.state.errors || []).map(function (p, i) { return h('li', { key: i }, p.message); });
        var note = this.state.note
          ? h('div', { role: 'status', style: { margin: 0, padding: '.75rem 1rem', background: '#fdecee', color: '#1b1b1b', font: '16px/1.4 system-ui,sans-serif' } },
            h('p', { style: { margin: 0 } }, this.state.note), errors.length ? h('ul', { style: { margin: '.5rem 0 0' } }, errors) : null)
          : null;
        var frame = this.state.html
          ? h('iframe', { srcDoc: this.state.html, title: words.frame, 'data-samtal-preview': '', style: { display: 'block', width: '100%', height: '100vh', border: 0 } })
          : null;
        return h('div', { style: { margin: '-1rem' } }, note, frame);
      },
    });
  }

  ['meetings', 'pages'].forEach(function (collection) {
    CMS.registerPreviewTemplate(collection, previewFor(collection));
  });

  // --- Saving: never with errors, not even as a draft ------------------------------------

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      var entry = args.entry;
      var collection = entry.get('collection');
      return check(entry, collection).then(function (result) {
        showProblems(result, entry);
        if (!result.errors) return undefined;
        throw new Error(collection === 'meetings' ? words.refused(result.errors) : words.refusedPage(result.errors));
      });
    },
  });
  CMS.registerEventListener({
    name: 'postSave',
    handler: function (args) {
      // Saved: what is on disk is what the form holds now.
      var entry = args.entry;
      var data = entry.get('data') ? JSON.stringify(entry.get('data').toJS()) : '{}';
      if (entry.get('path')) opened[entry.get('path')] = data;
    },
  });
})();
