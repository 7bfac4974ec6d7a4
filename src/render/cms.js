// samtal: words and rules for the browser editor (Decap CMS), written by `samtal build` as
// admin/samtal.js beside admin/index.html and loaded after Decap's own script, on the
// published site and in `samtal serve` alike.
//
// - Swedish words where Decap's Swedish still has English ones ("Add …", "Rich Text", "Oops",
//   react-select's "No options").
// - A picture in the text: Swedish labels, the alternative text asked for, and a text with a
//   picture without one is not saved (Decap does not check the fields of a picture itself).
// - A dropdown's chosen label ("pågår"), not its value ("ongoing"), in Decap's own preview.
// - A draft is shown as a draft: a note at the top of the form says it is not on the site and
//   how it is published, and the toolbar says "Sparad som utkast", not "Publicerad".
// - Names for what Decap leaves unnamed to a screen reader (axe: frame-title, button-name,
//   aria-command-name, aria-input-field-name): the preview pane, the text editor, and each
//   list row's buttons to open, move and remove it.
(function () {
  'use strict';
  var CMS = window.CMS;
  if (!CMS) return;
  var h = window.h;
  var sv = (document.documentElement.lang || 'sv') !== 'en';

  var words = sv
    ? {
        picture: 'Bild',
        alt: 'Alternativtext',
        altHint: 'Måste fyllas i: skriv vad bilden visar, för den som inte kan se den (till exempel "Karta över Gotlands kommuner").',
        title: 'Text när muspekaren vilar på bilden',
        codeBlock: 'Kodblock',
        noAlt: function (files) {
          return 'Sparades inte: ' + (files.length === 1 ? 'bilden ' + files[0] + ' saknar' : 'bilderna ' + files.join(', ') + ' saknar') +
            ' alternativtext. Klicka på bilden i texten och skriv i fältet Alternativtext vad den visar, och spara igen.';
        },
        draftNote: 'Utkast: mötet syns inte på webbplatsen, inte heller när du har sparat det.',
        draftHow: 'Så publicerar du det: slå av Utkast (längre ner i formuläret), klicka på Publicera och sedan Publicera nu.',
        savedDraft: 'Sparad som utkast',
        noOptions: 'Inget att välja som passar',
        previewPane: 'Förhandsvisning',
        text: 'Text',
        openRow: 'Visa eller dölj raden',
        moveRow: 'Flytta raden (dra, eller mellanslag och piltangenter)',
        removeRow: 'Ta bort raden',
        markdown: 'Visa texten som Markdown',
      }
    : {
        picture: 'Image',
        alt: 'Alternative text',
        altHint: 'Required: say what the image shows, for a reader who cannot see it (for example "Map of the municipalities of Gotland").',
        title: 'Text shown when the pointer rests on the image',
        codeBlock: 'Code block',
        noAlt: function (files) {
          return 'Not saved: ' + (files.length === 1 ? 'the image ' + files[0] + ' has' : 'the images ' + files.join(', ') + ' have') +
            ' no alternative text. Click the image in the text, say what it shows in Alternative text, and save again.';
        },
        draftNote: 'Draft: the meeting is not on the site, not even once you have saved it.',
        draftHow: 'To publish it: switch off Draft (further down the form), click Publish and then Publish now.',
        savedDraft: 'Saved as a draft',
        noOptions: 'Nothing to choose matches',
        previewPane: 'Preview',
        text: 'Text',
        openRow: 'Show or hide the row',
        moveRow: 'Move the row (drag, or space and the arrow keys)',
        removeRow: 'Remove the row',
        markdown: 'Show the text as Markdown',
      };

  // --- Words Decap's Swedish leaves in English ----------------------------------------------

  var phrases = {
    collection: { collectionTop: { viewAsList: 'Visa som lista', viewAsGrid: 'Visa som rutor' } },
    editor: {
      editorControl: { field: { widgetLabel: 'fältet %{widgetLabel}' } },
      editorInterface: { toggleNotes: 'Visa/dölj anteckningar' },
      editorWidgets: {
        markdown: {
          strikethrough: 'Genomstruken',
          richText: 'Formaterad text',
          markdown: 'Markdown',
          toggleMode: { rich: 'Visa som formaterad text', markdown: 'Visa som Markdown' },
        },
        image: { chooseMultiple: 'Välj bilder', addMore: 'Lägg till fler bilder', removeAll: 'Ta bort alla bilder' },
        file: { chooseMultiple: 'Välj filer', addMore: 'Lägg till fler filer', removeAll: 'Ta bort alla filer' },
        datetime: { setToNow: 'Sätt till nu' },
        list: { add: 'Lägg till %{item}', addType: 'Lägg till %{item}' },
        object: { expand: 'Visa', collapse: 'Dölj' },
      },
    },
    ui: {
      toast: { missingRequiredField: 'Ett fält som måste fyllas i är tomt: fyll i det (det är märkt med rött) och spara igen.' },
    },
  };

  function merge(into, from) {
    Object.keys(from).forEach(function (key) {
      var value = from[key];
      if (value && typeof value === 'object') into[key] = merge(into[key] && typeof into[key] === 'object' ? into[key] : {}, value);
      else into[key] = value;
    });
    return into;
  }

  if (sv && CMS.getLocale && CMS.registerLocale) {
    CMS.registerLocale('sv', merge(merge({}, CMS.getLocale('sv') || {}), phrases));
  }

  // react-select's own "No options" (Decap's dropdowns do not pass a text of their own).
  var NO_OPTIONS = 'No options';
  function relabel(root) {
    if (!sv) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode();
    for (; node; node = walker.nextNode()) {
      if (node.data === NO_OPTIONS) node.data = words.noOptions;
    }
  }

  // --- Pictures in the text: alternative text asked for, and required to save ---------------

  var components = CMS.getEditorComponents ? CMS.getEditorComponents() : null;
  var image = components && components.get('image');
  if (image) {
    CMS.registerEditorComponent(Object.assign({}, image, {
      label: words.picture,
      fields: [
        { label: words.picture, name: 'image', widget: 'image', media_library: { allow_multiple: false } },
        { label: words.alt, name: 'alt', widget: 'string', required: true, hint: words.altHint },
        { label: words.title, name: 'title', widget: 'string', required: false },
      ],
    }));
  }
  var code = components && components.get('code-block');
  if (code && sv) CMS.registerEditorComponent(Object.assign({}, code, { label: words.codeBlock }));

  /** The pictures in Markdown `text` written without alternative text (`![](foto.jpg)`),
   * outside code, by their file names. */
  function picturesWithoutAlt(text) {
    var prose = text
      .replace(/^(```|~~~)[^\n]*\n[\s\S]*?(^\1[^\n]*$|(?![\s\S]))/gm, '')
      .replace(/`[^`\n]*`/g, '');
    var found = [];
    var pattern = /!\[\s*\]\(\s*<?([^)\s>]*)/g;
    var match;
    while ((match = pattern.exec(prose))) found.push(match[1].split('/').pop() || match[1]);
    return found;
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      var body = args.entry.getIn(['data', 'body']);
      var missing = typeof body === 'string' ? picturesWithoutAlt(body) : [];
      if (missing.length) throw new Error(words.noAlt(missing));
      return undefined;
    },
  });

  // --- A dropdown's label in Decap's preview ----------------------------------------------

  var select = CMS.getWidget && CMS.getWidget('select');
  if (select && h && window.createClass) {
    var LabelPreview = window.createClass({
      render: function () {
        var field = this.props.field;
        var value = this.props.value;
        if (value === null || value === undefined || value === '') return null;
        var options = field && field.get('options') ? field.get('options').toJS() : [];
        var label = function (v) {
          var option = options.find(function (o) { return (o && typeof o === 'object' ? o.value : o) === v; });
          return option && typeof option === 'object' && option.label ? option.label : String(v);
        };
        var values = value && value.toJS ? value.toJS() : value;
        if (Array.isArray(values)) {
          return h('ul', { 'data-samtal-select': '' }, values.map(function (v, i) { return h('li', { key: i }, label(v)); }));
        }
        return h('div', { 'data-samtal-select': '' }, label(values));
      },
    });
    CMS.registerWidget('select', select.control, LabelPreview, select.schema);
  }

  // --- A draft shown as a draft ------------------------------------------------------------

  function draftSwitch() {
    return document.querySelector('button[id^="draft-field-"][role="switch"]');
  }

  function publishedWord() {
    var locale = sv && CMS.getLocale ? CMS.getLocale('sv') : null;
    var toolbar = locale && locale.editor && locale.editor.editorToolbar;
    return (toolbar && toolbar.published) || (sv ? 'Publicerad' : 'Published');
  }

  function showDraft() {
    var toggle = draftSwitch();
    var draft = Boolean(toggle) && toggle.getAttribute('aria-checked') === 'true';
    var note = document.querySelector('.samtal-draft');
    if (!draft) {
      if (note) note.remove();
      return;
    }
    var first = document.querySelector('label[for*="-field-"]');
    var pane = first && first.parentElement && first.parentElement.parentElement;
    if (pane && (!note || note.parentElement !== pane)) {
      if (note) note.remove();
      note = document.createElement('div');
      note.className = 'samtal-draft';
      note.setAttribute('role', 'status');
      note.setAttribute('style', 'margin:0 0 1rem;padding:.75rem 1rem;border:2px solid #3a4a5c;border-radius:4px;background:#eef2f7;color:#1b1b1b');
      var strong = document.createElement('p');
      strong.setAttribute('style', 'margin:0 0 .25rem;font-weight:bold');
      strong.textContent = words.draftNote;
      var how = document.createElement('p');
      how.setAttribute('style', 'margin:0');
      how.textContent = words.draftHow;
      note.append(strong, how);
      pane.prepend(note);
    }
    // Saved, Decap's button says "Publicerad": a draft is saved, not published.
    var published = publishedWord();
    document.querySelectorAll('button, [role="button"]').forEach(function (button) {
      if (button.children.length === 0 && button.textContent.trim() === published) button.textContent = words.savedDraft;
      else {
        button.childNodes.forEach(function (n) {
          if (n.nodeType === Node.TEXT_NODE && n.data.trim() === published) n.data = words.savedDraft;
        });
      }
    });
  }

  // --- Names for what Decap leaves unnamed -------------------------------------------------

  function name(node, attribute, text) {
    if (node && !node.getAttribute(attribute)) node.setAttribute(attribute, text);
  }

  function nameUnnamed() {
    name(document.getElementById('preview-pane'), 'title', words.previewPane);
    document.querySelectorAll('[data-slate-editor]').forEach(function (editor) {
      var label = document.querySelector('label[for^="body-field"]');
      name(editor, 'aria-label', label ? label.textContent.replace(/\s*\(.*\)\s*$/, '').trim() || words.text : words.text);
    });
    // The text editor's switch to Markdown: on when the rich text editor is not shown. Set
    // only when it differs, since a change of `aria-checked` runs this observer again.
    document.querySelectorAll('button[role="switch"]:not([aria-checked])').forEach(function (toggle) {
      if (!toggle.closest('[class*="Toolbar"]')) return;
      name(toggle, 'aria-label', words.markdown);
      toggle.setAttribute('data-samtal-markdown', '');
    });
    document.querySelectorAll('[data-samtal-markdown]').forEach(function (toggle) {
      var on = document.querySelector('[data-slate-editor]') ? 'false' : 'true';
      if (toggle.getAttribute('aria-checked') !== on) toggle.setAttribute('aria-checked', on);
    });
    // A list row's top bar: its open/close button, its drag handle, its remove button.
    document.querySelectorAll('[aria-roledescription="sortable"][role="button"]').forEach(function (handle) {
      name(handle, 'aria-label', words.moveRow);
      var buttons = Array.prototype.filter.call(handle.parentElement.children, function (n) {
        return n.tagName === 'BUTTON' && !n.textContent.trim();
      });
      if (buttons.length !== 2) return;
      name(buttons[0], 'aria-label', words.openRow);
      name(buttons[1], 'aria-label', words.removeRow);
    });
  }

  var scheduled = false;
  new MutationObserver(function (records) {
    records.forEach(function (r) { r.addedNodes.forEach(relabel); });
    if (scheduled) return;
    scheduled = true;
    // Once per batch of changes, after React has finished this one.
    requestAnimationFrame(function () {
      scheduled = false;
      showDraft();
      nameUnnamed();
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-checked'] });
})();
