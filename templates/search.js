/* news-digest archive search: shows the search box only when this script runs; without it the index lists every issue. */
(function () {
  'use strict';

  var form = document.getElementById('search');
  if (!form) return;
  var input = document.getElementById('search-query');
  var status = document.getElementById('search-status');
  var results = document.getElementById('search-results');
  var list = document.getElementById('issue-list');
  var MAX_RESULTS = 50;
  var FIELDS = [['people', 'People'], ['places', 'Places'], ['organizations', 'Organisations'], ['aliases', 'Also named']];
  var records = null;
  var loading = false;

  function fold(text) {
    return String(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var UNSPACED_SCRIPT = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

  // Terms match at the start of a word ("sol" finds Solberg, "3" does not find 13); scripts written without
  // spaces between words match anywhere.
  function position(text, term) {
    var anywhere = UNSPACED_SCRIPT.test(term);
    for (var at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
      if (anywhere || at === 0 || !WORD_CHAR.test(text.charAt(at - 1))) return at;
    }
    return -1;
  }

  // One record per issue: every searchable text with the label a hit is shown under.
  function prepare(index) {
    return index.issues.map(function (issue) {
      var fields = [{ label: 'Headline', text: issue.headline }];
      issue.stories.forEach(function (story) {
        fields.push({ label: 'Story', text: story.title });
        FIELDS.forEach(function (pair) {
          (story[pair[0]] || []).forEach(function (name) { fields.push({ label: pair[1], text: name }); });
        });
        fields.push({ label: 'Key sentences', text: story.summary, long: true });
      });
      fields.forEach(function (field) { field.folded = fold(field.text); });
      return { issue: issue, fields: fields, all: fields.map(function (f) { return f.folded; }).join('\n') };
    });
  }

  function load() {
    if (records || loading) return;
    loading = true;
    status.textContent = 'Loading the search index…';
    var script = document.createElement('script');
    script.src = form.getAttribute('data-index');
    script.onload = function () {
      var index = window.digestSearchIndex;
      if (!index || !index.issues) return failed();
      records = prepare(index);
      status.textContent = '';
      search();
    };
    script.onerror = failed;
    document.head.appendChild(script);
  }

  function failed() {
    loading = false;
    status.textContent = 'Search is not available right now; the list below has every issue.';
  }

  function snippet(field, term) {
    if (!field.long) return field.text;
    var at = Math.max(0, position(field.folded, term));
    var start = Math.max(0, at - 60);
    var end = Math.min(field.text.length, at + term.length + 80);
    return (start > 0 ? '…' : '') + field.text.slice(start, end).trim() + (end < field.text.length ? '…' : '');
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatDate(iso) {
    try {
      return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    } catch (e) {
      return iso.slice(0, 10);
    }
  }

  function showList(show) {
    if (list) list.hidden = !show;
    results.hidden = show;
  }

  function search() {
    var query = input.value.trim();
    if (!query) {
      results.textContent = '';
      status.textContent = '';
      showList(true);
      return;
    }
    if (!records) return load();
    var terms = fold(query).split(/\s+/).filter(Boolean);
    var matches = records.filter(function (record) {
      return terms.every(function (term) { return position(record.all, term) >= 0; });
    });
    results.textContent = '';
    matches.slice(0, MAX_RESULTS).forEach(function (record) {
      var item = element('li');
      var heading = element('h3');
      var link = element('a', '', '#' + record.issue.number + ': ' + record.issue.headline);
      link.href = record.issue.href;
      heading.appendChild(link);
      item.appendChild(heading);
      item.appendChild(element('p', 'meta', formatDate(record.issue.publishedAt)));
      var shown = 0;
      record.fields.forEach(function (field) {
        if (shown >= 4 || field.label === 'Headline') return;
        var term = terms.filter(function (t) { return position(field.folded, t) >= 0; })[0];
        if (term === undefined) return;
        var hit = element('p', 'hit');
        hit.appendChild(element('span', 'field', field.label + ': '));
        hit.appendChild(document.createTextNode(snippet(field, term)));
        item.appendChild(hit);
        shown++;
      });
      results.appendChild(item);
    });
    var count = matches.length;
    status.textContent = count === 0
      ? 'No issue mentions “' + query + '”.'
      : count + (count === 1 ? ' issue mentions' : ' issues mention') + ' “' + query + '”' + (count > MAX_RESULTS ? '; the newest ' + MAX_RESULTS + ' are shown.' : '.');
    showList(false);
  }

  form.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); search(); });
  input.addEventListener('focus', load);
  input.addEventListener('input', search);
  var initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    load();
  }
})();
