// Click a fact row or a sentence: every sentence that reports the same fact lights up, in every column.
(function () {
  function clear() { document.querySelectorAll('.active').forEach(function (e) { e.classList.remove('active'); }); }
  function show(ids) {
    clear();
    var first = null;
    ids.forEach(function (id) {
      document.querySelectorAll('[data-facts~="' + id + '"]').forEach(function (e) { e.classList.add('active'); if (!first && e.classList.contains('s')) first = e; });
      var row = document.getElementById('fact-' + id); if (row) row.classList.add('active');
    });
    return first;
  }
  document.querySelectorAll('tr[data-fact]').forEach(function (row) {
    row.addEventListener('click', function () { var f = show([row.dataset.fact]); if (f) f.scrollIntoView({block: 'center', behavior: 'smooth'}); });
  });
  document.querySelectorAll('.s[data-facts]').forEach(function (s) {
    s.addEventListener('click', function () { show(s.dataset.facts.split(' ').filter(Boolean)); });
  });
  // Click a name or an entity row: every mention of that entity lights up, whatever its spelling.
  function showEntity(id) {
    clear();
    document.querySelectorAll('[data-entity="' + id + '"], [data-entity-row="' + id + '"]').forEach(function (e) { e.classList.add('active'); });
  }
  document.querySelectorAll('.m[data-entity]').forEach(function (m) {
    m.addEventListener('click', function (event) { event.stopPropagation(); showEntity(m.dataset.entity); });
  });
  document.querySelectorAll('tr[data-entity-row]').forEach(function (row) {
    row.addEventListener('click', function () { showEntity(row.dataset.entityRow); });
  });
})();
