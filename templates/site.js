/* news-digest issue pages: a progressive enhancement; the page works without this file. */
(function () {
  'use strict';

  // A link to a sentence inside a closed <details> must open it (not every browser does so by itself).
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    for (var node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS' && !node.open) node.open = true;
    }
    target.scrollIntoView({ block: 'center' });
  }
  window.addEventListener('hashchange', revealTarget);
  if (location.hash) revealTarget();
})();
