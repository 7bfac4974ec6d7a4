/*
 * samtal search: the Snowball stemmers of the site languages, Swedish and English (Porter2),
 * ported by hand from the Snowball algorithms as the Rust crate rust-stemmers implements
 * them, which stems the index when the site is built. A query's words must be stemmed
 * exactly as the index's were: tests/browser/stem.mjs runs thousands of words through both.
 *
 * Defines samtalStem.sv(word) and samtalStem.en(word) on the global object. A word is given
 * in lowercase and NFC; words are arrays of characters (code points) inside.
 * No dependencies, ES2017.
 */
(function (root) {
  'use strict';

  // The longest of `suffixes` that `w` ends with, starting at or after `from`; or ''.
  function longestSuffix(w, suffixes, from) {
    let best = '';
    for (const s of suffixes) {
      if (s.length > best.length && s.length <= w.length - from && endsWith(w, s)) best = s;
    }
    return best;
  }

  function endsWith(w, s) {
    const chars = Array.from(s);
    if (chars.length > w.length) return false;
    for (let i = 0; i < chars.length; i++) {
      if (w[w.length - chars.length + i] !== chars[i]) return false;
    }
    return true;
  }

  function replaceEnd(w, length, by) {
    return w.slice(0, w.length - length).concat(Array.from(by));
  }

  // ---- Swedish ----

  const SV_VOWELS = 'aeiouyäåö';
  const SV_S_ENDING = 'bcdfghjklmnoprtvy';
  const SV_MAIN = [
    'a', 'arna', 'erna', 'heterna', 'orna', 'ad', 'e', 'ade', 'ande', 'arne', 'are', 'aste', 'en', 'anden',
    'aren', 'heten', 'ern', 'ar', 'er', 'heter', 'or', 's', 'as', 'arnas', 'ernas', 'ornas', 'es', 'ades',
    'andes', 'ens', 'arens', 'hetens', 'erns', 'at', 'andet', 'het', 'ast',
  ];
  const SV_PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
  const SV_OTHER = ['ig', 'lig', 'els', 'fullt', 'löst'];

  function svRegion(w) {
    // R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
    if (w.length < 3) return w.length;
    let i = 0;
    while (i < w.length && !SV_VOWELS.includes(w[i])) i++;
    if (i >= w.length) return w.length;
    while (i < w.length && SV_VOWELS.includes(w[i])) i++;
    if (i >= w.length) return w.length;
    return Math.max(i + 1, 3);
  }

  function stemSwedish(word) {
    let w = Array.from(word);
    const p1 = svRegion(w);
    // Main suffix: the longest inside R1; a lone "s" only after one of SV_S_ENDING.
    const main = longestSuffix(w, SV_MAIN, p1);
    if (main === 's') {
      const before = w[w.length - 2];
      if (before !== undefined && SV_S_ENDING.includes(before)) w = w.slice(0, -1);
    } else if (main) {
      w = replaceEnd(w, main.length, '');
    }
    // A double consonant inside R1 loses its last letter.
    if (longestSuffix(w, SV_PAIRS, p1)) w = w.slice(0, -1);
    const other = longestSuffix(w, SV_OTHER, p1);
    if (other === 'löst') w = replaceEnd(w, 4, 'lös');
    else if (other === 'fullt') w = replaceEnd(w, 5, 'full');
    else if (other) w = replaceEnd(w, other.length, '');
    return w.join('');
  }

  // ---- English (Porter2) ----

  const EN_VOWELS = 'aeiouy';
  const isV = (c) => c !== undefined && EN_VOWELS.includes(c);
  const EN_EXCEPTIONS = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
    ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
    atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
  };
  const EN_AFTER_1A = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  const EN_STEP2 = {
    tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize',
    ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful',
    ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', ogi: 'og',
    fulli: 'ful', lessli: 'less', li: '',
  };
  const EN_STEP3 = {
    tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: '', ative: '',
  };
  const EN_STEP4 = [
    'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ism', 'ate', 'iti', 'ous',
    'ive', 'ize', 'ion',
  ];

  // After the first non-vowel that follows a vowel, from `from`.
  function enRegion(w, from) {
    let i = from;
    while (i < w.length && !isV(w[i])) i++;
    while (i < w.length && isV(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  }

  // Whether w[0..end) ends in a short syllable.
  function shortSyllable(w, end) {
    const a = w[end - 1];
    const b = w[end - 2];
    if (a === undefined || b === undefined) return false;
    if (end === 2) return !isV(a) && isV(b);
    const c = w[end - 3];
    return !isV(a) && !'wxY'.includes(a) && isV(b) && !isV(c);
  }

  function hasVowel(w, end) {
    for (let i = 0; i < end; i++) if (isV(w[i])) return true;
    return false;
  }

  function stemEnglish(word) {
    if (Object.prototype.hasOwnProperty.call(EN_EXCEPTIONS, word)) return EN_EXCEPTIONS[word];
    let w = Array.from(word);
    if (w.length < 3) return word;
    if (w[0] === "'") w = w.slice(1);
    // y at the start or after a vowel is a consonant: Y until the end.
    if (w[0] === 'y') w[0] = 'Y';
    for (let i = 1; i < w.length; i++) if (w[i] === 'y' && isV(w[i - 1])) w[i] = 'Y';
    const start = w.join('');
    const prefix = ['gener', 'commun', 'arsen'].find((p) => start.startsWith(p));
    const p1 = prefix ? prefix.length : enRegion(w, 0);
    const p2 = enRegion(w, p1);

    // Step 0: apostrophes at the end.
    const s0 = longestSuffix(w, ["'", "'s", "'s'"], 0);
    if (s0) w = w.slice(0, w.length - s0.length);

    // Step 1a.
    const s1a = longestSuffix(w, ['sses', 'ied', 'ies', 's', 'us', 'ss'], 0);
    if (s1a === 'sses') w = replaceEnd(w, 4, 'ss');
    else if (s1a === 'ied' || s1a === 'ies') w = replaceEnd(w, 3, w.length > 4 ? 'i' : 'ie');
    else if (s1a === 's' && hasVowel(w, w.length - 2)) w = w.slice(0, -1);
    if (EN_AFTER_1A.includes(w.join(''))) return w.join('').replace(/Y/g, 'y');

    // Step 1b.
    const s1b = longestSuffix(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly'], 0);
    if (s1b === 'eed' || s1b === 'eedly') {
      if (w.length - s1b.length >= p1) w = replaceEnd(w, s1b.length, 'ee');
    } else if (s1b && hasVowel(w, w.length - s1b.length)) {
      w = w.slice(0, w.length - s1b.length);
      const end = longestSuffix(w, ['at', 'bl', 'iz', 'bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'], 0);
      if (end === 'at' || end === 'bl' || end === 'iz') w.push('e');
      else if (end) w = w.slice(0, -1);
      else if (w.length === p1 && shortSyllable(w, w.length)) w.push('e');
    }

    // Step 1c.
    const last = w[w.length - 1];
    if ((last === 'y' || last === 'Y') && w.length > 2 && !isV(w[w.length - 2])) w[w.length - 1] = 'i';

    // Step 2.
    const s2 = longestSuffix(w, Object.keys(EN_STEP2), 0);
    if (s2 && w.length - s2.length >= p1) {
      const before = w[w.length - s2.length - 1];
      if (s2 === 'ogi') {
        if (before === 'l') w = replaceEnd(w, 3, 'og');
      } else if (s2 === 'li') {
        if (before !== undefined && 'cdeghkmnrt'.includes(before)) w = w.slice(0, -2);
      } else {
        w = replaceEnd(w, s2.length, EN_STEP2[s2]);
      }
    }

    // Step 3.
    const s3 = longestSuffix(w, Object.keys(EN_STEP3), 0);
    if (s3 && w.length - s3.length >= p1) {
      if (s3 !== 'ative' || w.length - s3.length >= p2) w = replaceEnd(w, s3.length, EN_STEP3[s3]);
    }

    // Step 4.
    const s4 = longestSuffix(w, EN_STEP4, 0);
    if (s4 && w.length - s4.length >= p2) {
      if (s4 !== 'ion') w = w.slice(0, w.length - s4.length);
      else if ('st'.includes(w[w.length - 4] || '-')) w = w.slice(0, -3);
    }

    // Step 5.
    const e = w.length - 1;
    if (w[e] === 'e') {
      if (e >= p2 || (e >= p1 && !shortSyllable(w, e))) w = w.slice(0, -1);
    } else if (w[e] === 'l') {
      if (e >= p2 && w[e - 1] === 'l') w = w.slice(0, -1);
    }
    return w.join('').replace(/Y/g, 'y');
  }

  root.samtalStem = { sv: stemSwedish, en: stemEnglish };
})(typeof window !== 'undefined' ? window : globalThis);
