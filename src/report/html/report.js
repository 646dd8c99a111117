// The HTML report's behaviour, inlined into every report: filters, matrix shortcuts, copy buttons,
// and every finding expanded for printing. Plain DOM, no network, nothing required to read the page.
(() => {
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const filters = all('select[data-filter]');
  const items = all('[data-item]');
  const filterStatus = document.getElementById('filter-status');
  const copyStatus = document.getElementById('copy-status');

  function applyFilters() {
    let shown = 0;
    for (const item of items) {
      const visible = filters.every(
        (filter) => filter.value === '' || item.dataset[filter.dataset.filter] === filter.value,
      );
      item.hidden = !visible;
      if (visible) shown += 1;
    }
    if (filterStatus) filterStatus.textContent = `Showing ${shown} of ${items.length}.`;
  }

  for (const filter of filters) filter.addEventListener('change', applyFilters);
  document.getElementById('filter-reset')?.addEventListener('click', () => {
    for (const filter of filters) filter.value = '';
    applyFilters();
  });

  // a matrix cell with findings narrows the list to its endpoint and check
  for (const button of all('button[data-show-endpoint]')) {
    button.addEventListener('click', () => {
      for (const filter of filters) {
        const wanted =
          filter.dataset.filter === 'endpoint'
            ? button.dataset.showEndpoint
            : filter.dataset.filter === 'check'
              ? button.dataset.showCheck
              : '';
        filter.value = Array.from(filter.options).some((option) => option.value === wanted) ? wanted : '';
      }
      applyFilters();
      const heading = document.getElementById('findings');
      heading?.scrollIntoView();
      heading?.focus();
    });
  }

  for (const button of all('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copy);
      if (!source) return;
      try {
        await navigator.clipboard.writeText(source.textContent);
        if (copyStatus) copyStatus.textContent = 'Copied the curl command.';
      } catch {
        // no clipboard (some browsers on file://): select the text for Ctrl+C instead
        const range = document.createRange();
        range.selectNodeContents(source);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        if (copyStatus) copyStatus.textContent = 'Selected the curl command: press Ctrl+C to copy it.';
      }
    });
  }

  // on paper every finding is expanded (the print styles also show closed ones where supported)
  let closed = [];
  window.addEventListener('beforeprint', () => {
    closed = all('details:not([open])');
    for (const details of closed) details.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const details of closed) details.open = false;
    closed = [];
  });

  applyFilters();
})();
