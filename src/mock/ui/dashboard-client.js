// The mock dashboard's client, inlined into the page (no framework, no request outside the mock).
// It reads /__mock/ui/view, re-reads it when /__mock/ui/events says the mock changed, and changes
// the mock only through the control endpoints a test uses. Every value is written with textContent
// or as an attribute value: nothing the mock holds is ever parsed as markup.
(() => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  let view;
  let zoomDays = 1;
  /** The journal's filters, as the view's query takes them. */
  let filterQuery = '';
  let inFlight = false;
  let again = false;
  let clockBase = { epochMs: 0, at: 0, frozen: true };
  let focusedRun;

  /** An element with properties (`text`, `className`, attributes) and children (nodes or text). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /** `2026-01-15 12:00:00 UTC`: the mock's dates are UTC. */
  const when = (ms) =>
    ms === null || ms === undefined ? '—' : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const short = (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

  function say(text, isError) {
    const status = $('status');
    status.textContent = text;
    status.className = isError ? 'status error' : 'status';
    clearTimeout(say.timer);
    say.timer = setTimeout(() => {
      status.textContent = '';
    }, 6000);
  }

  // ---- reading the mock -------------------------------------------------------------------

  let refreshTimer;
  let nextAllowed = 0;
  // a person reads a page once a second at most; a mock under load changes far more often
  const MIN_READ_GAP_MS = 1000;

  /**
   * Reads the view soon: at once, unless a read is under way (then once more after it), and at most
   * once a second; after a slow read (a busy mock) it waits three times as long as that read took.
   * The page's own act (a button, a filter, the zoom) is shown at once: the gap is for the mock's
   * changes, which come far more often than a person clicks.
   */
  function refresh(ownAct) {
    if (inFlight) {
      again = again === 'own' || ownAct ? 'own' : 'change';
      return;
    }
    if (ownAct && refreshTimer) {
      clearTimeout(refreshTimer);
      refreshTimer = undefined;
    }
    if (refreshTimer) return;
    refreshTimer = setTimeout(
      () => {
        refreshTimer = undefined;
        readView();
      },
      ownAct ? 0 : Math.max(0, nextAllowed - performance.now()),
    );
  }

  async function readView() {
    inFlight = true;
    const began = performance.now();
    const query = new URLSearchParams(filterQuery);
    query.set('days', String(zoomDays));
    try {
      const res = await fetch(`/__mock/ui/view?${query}`, { cache: 'no-store', credentials: 'same-origin' });
      const body = await res.json();
      if (!res.ok) say(body.error ?? `The view answered ${res.status}.`, true);
      else {
        view = body;
        render();
      }
    } catch {
      $('live').textContent = 'The mock does not answer.';
    } finally {
      inFlight = false;
      nextAllowed = performance.now() + Math.max(MIN_READ_GAP_MS, Math.min(5000, 3 * (performance.now() - began)));
      if (again) {
        const own = again === 'own';
        again = false;
        refresh(own);
      }
    }
  }

  function follow() {
    const events = new EventSource('/__mock/ui/events');
    events.onopen = () => {
      $('live').textContent = 'Live.';
    };
    events.onmessage = (event) => {
      if (!view || Number(event.data) !== view.revision) refresh();
    };
    events.onerror = () => {
      $('live').textContent = 'Reconnecting…';
    };
  }

  // ---- changing the mock: the control endpoints ----------------------------------------------

  async function control(path, method, fields, done) {
    const init = { method, credentials: 'same-origin', mode: 'same-origin' };
    if (fields) init.body = new URLSearchParams(fields);
    try {
      const res = await fetch(path, init);
      const body = await res.json().catch(() => ({}));
      if (!res.ok || body.error) {
        const error = body.error ?? {};
        say([error.message ?? `${path} answered ${res.status}.`, ...(error.details ?? [])].join(' '), true);
        return;
      }
      say(done);
      refresh(true);
    } catch {
      say(`${path} could not be reached.`, true);
    }
  }

  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () =>
      control('/__mock/clock', 'POST', { advance: button.dataset.advance }, `Clock moved by ${button.textContent}.`),
    );
  }
  $('freeze').addEventListener('click', () => {
    const frozen = view?.clock.frozen;
    control(
      '/__mock/clock',
      'POST',
      frozen ? { resume: 'true' } : { freeze: 'true' },
      frozen ? 'Clock resumed.' : 'Clock frozen.',
    );
  });
  $('set-clock').addEventListener('submit', (event) => {
    event.preventDefault();
    const instant = $('set-instant').value.trim();
    control('/__mock/clock', 'POST', { set: instant }, `Clock set to ${instant}.`);
  });
  $('outcome-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const [kind, value] = String(form.get('target')).split(':');
    const fields = { [kind]: value, outcome: String(form.get('outcome')) };
    const times = String(form.get('times') ?? '').trim();
    const message = String(form.get('message') ?? '');
    if (times !== '') fields.times = times;
    if (message !== '') fields.message = message;
    control('/__mock/outcomes', 'POST', fields, 'Rule set.');
  });
  $('backup-fails').addEventListener('click', () =>
    control(
      '/__mock/outcomes',
      'POST',
      { taskType: 'CreateBackup', outcome: 'failed', times: '1' },
      'The next backup fails.',
    ),
  );
  $('clear-outcomes').addEventListener('click', () =>
    control('/__mock/outcomes', 'DELETE', undefined, 'Rules cleared.'),
  );
  $('scenario-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('scenario-select').value;
    control('/__mock/scenario', 'POST', { name }, `Scenario ${name} loaded.`);
  });
  $('reset').addEventListener('click', () => control('/__mock/reset', 'POST', {}, 'Mock reset.'));

  $('journal-filter').addEventListener('change', () => {
    const fields = new URLSearchParams();
    for (const [name, value] of new FormData($('journal-filter'))) {
      if (String(value).trim() !== '') fields.set(name, String(value).trim());
    }
    filterQuery = fields.toString();
    refresh(true);
  });
  $('journal-filter').addEventListener('submit', (event) => event.preventDefault());

  for (const button of document.querySelectorAll('[data-zoom]')) {
    button.addEventListener('click', () => {
      zoomDays = Number(button.dataset.zoom);
      for (const other of document.querySelectorAll('[data-zoom]'))
        other.setAttribute('aria-pressed', String(other === button));
      refresh(true); // the view carries the runs of the zoom's reach
    });
  }

  // ---- rendering -------------------------------------------------------------------------

  function render() {
    renderClock();
    renderTasks();
    renderTimeline();
    renderJournal();
    renderSteering();
  }

  function renderClock() {
    const { clock } = view;
    clockBase = { epochMs: clock.epochMs, at: performance.now(), frozen: clock.frozen };
    tickClock();
    $('clock-state').textContent = clock.frozen ? 'frozen' : 'running';
    $('freeze').textContent = clock.frozen ? 'Resume' : 'Freeze';
    $('scenario-name').textContent = view.scenario ?? 'none';
  }

  function tickClock() {
    const ms = clockBase.frozen ? clockBase.epochMs : clockBase.epochMs + (performance.now() - clockBase.at);
    const now = $('clock-now');
    now.textContent = when(Math.floor(ms / 1000) * 1000);
    now.setAttribute('datetime', new Date(ms).toISOString());
  }

  function renderTasks() {
    $('task-count').textContent = `(${view.tasks.length})`;
    const rows = view.tasks.map((task) =>
      el(
        'tr',
        { 'data-task-id': task.taskId },
        el('td', { text: task.title }),
        el('td', { text: task.taskType }),
        el(
          'td',
          {},
          el('span', { className: task.taskState === 'active' ? 'badge' : 'badge bad', text: task.taskState }),
        ),
        el(
          'td',
          {},
          el('span', { className: 'words', text: task.scheduleWords ?? 'not a Quartz schedule' }),
          el('code', { text: task.cronExpression }),
        ),
        el('td', { className: 'nowrap', text: when(task.lastStartMs) }),
        el(
          'td',
          {},
          task.nextFires.length === 0
            ? 'none'
            : el('ul', { className: 'fires' }, ...task.nextFires.map((ms) => el('li', { text: when(ms) }))),
        ),
        el(
          'td',
          {},
          el(
            'a',
            { href: task.jsonUrl },
            'JSON',
            el('span', { className: 'visually-hidden', text: ` of ${task.title}` }),
          ),
        ),
      ),
    );
    $('task-rows').replaceChildren(...rows);
    labelCells($('task-rows'));
  }

  /** Each cell names its column (narrow screens show tables as one block per row). */
  function labelCells(body) {
    const names = Array.from(body.closest('table').querySelectorAll('thead th')).map((th) => th.textContent);
    for (const row of body.rows) for (const cell of row.cells) cell.dataset.label = names[cell.cellIndex] ?? '';
  }

  function runLabel(task, run) {
    const ended = run.status === 'scheduled' || run.status === 'executing' ? '' : `, ended ${when(run.modifiedMs)}`;
    return `${task.title}: ${run.status}, fired ${when(run.createdMs)}${ended}. ${run.result || 'No result text.'}`;
  }

  function showRun(node) {
    $('run-detail').textContent = node.getAttribute('aria-label');
  }

  function renderTimeline() {
    const box = $('timeline');
    const width = Math.max(320, box.clientWidth || 800);
    const pad = 12;
    const axisH = 26;
    const rowH = 46;
    const now = view.clock.epochMs;
    const span = zoomDays * DAY;
    const from = now - span;
    const to = now + span;
    const x = (t) => pad + ((t - from) / (to - from)) * (width - 2 * pad);
    const drawn = view.tasks.slice(0, view.timelineTasks);
    $('timeline-note').textContent =
      drawn.length < view.tasks.length ? `The first ${drawn.length} of ${view.tasks.length} tasks are drawn.` : '';
    const height = axisH + rowH * drawn.length + 8;
    const root = svg('svg', {
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'group',
      'aria-labelledby': 'timeline-h',
      'aria-describedby': 'timeline-hint',
    });
    const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
    const step = zoomDays === 1 ? 6 * HOUR : zoomDays === 3 ? 12 * HOUR : DAY;
    const labelEvery = width < 600 ? 2 : 1;
    let index = 0;
    for (let t = Math.ceil(from / step) * step; t <= to; t += step, index++) {
      axis.append(svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: axisH - 6, y2: height }));
      const edge = x(t) < 40 || x(t) > width - 40;
      if (index % labelEvery === 0 && !edge)
        axis.append(
          svg('text', { x: x(t), y: 12, 'text-anchor': 'middle' }, step === DAY ? short(t).slice(0, 5) : short(t)),
        );
    }
    axis.append(svg('line', { class: 'now', x1: x(now), x2: x(now), y1: axisH - 8, y2: height }));
    root.append(axis);
    const runs = [];
    drawn.forEach((task, row) => {
      const y = axisH + row * rowH;
      const group = svg('g', { 'data-row': row });
      group.append(svg('text', { x: pad, y: y + 14, 'aria-hidden': 'true' }, `${task.title} · ${task.taskType}`));
      const mid = y + 30;
      group.append(svg('line', { class: 'track', x1: x(from), x2: x(to), y1: mid, y2: mid, 'aria-hidden': 'true' }));
      for (const t of task.firings) {
        if (t > to) break;
        group.append(
          svg('line', { class: 'firing', x1: x(t), x2: x(t), y1: mid - 7, y2: mid + 7, 'aria-hidden': 'true' }),
        );
      }
      for (const run of task.runs) {
        if (run.createdMs < from || run.createdMs > to) continue;
        const label = runLabel(task, run);
        const dot = svg('circle', {
          class: `run status-${run.status}`,
          cx: x(run.createdMs),
          cy: mid,
          r: 6,
          tabindex: -1,
          role: 'img',
          'aria-label': label,
          'data-run-id': run.runId,
          'data-row': row,
        });
        dot.append(svg('title', {}, label));
        group.append(dot);
        runs.push(dot);
      }
      root.append(group);
    });
    const restore = runs.find((dot) => dot.dataset.runId === focusedRun) ?? runs.at(-1);
    if (restore) restore.setAttribute('tabindex', '0');
    const hadFocus = box.contains(document.activeElement);
    box.replaceChildren(root);
    if (hadFocus && restore) restore.focus();
  }

  /** Arrow keys move between runs (left/right in a row, up/down to the nearest in time), Home and End jump. */
  $('timeline').addEventListener('keydown', (event) => {
    const current = event.target;
    if (!current.dataset?.runId) return;
    const runs = Array.from($('timeline').querySelectorAll('.run'));
    const row = current.dataset.row;
    const inRow = runs.filter((dot) => dot.dataset.row === row);
    let next;
    if (event.key === 'ArrowRight') next = inRow[inRow.indexOf(current) + 1];
    else if (event.key === 'ArrowLeft') next = inRow[inRow.indexOf(current) - 1];
    else if (event.key === 'Home') next = runs[0];
    else if (event.key === 'End') next = runs.at(-1);
    else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const rows = [...new Set(runs.map((dot) => dot.dataset.row))];
      const target = rows[rows.indexOf(row) + (event.key === 'ArrowDown' ? 1 : -1)];
      const cx = Number(current.getAttribute('cx'));
      const candidates = runs.filter((dot) => dot.dataset.row === target);
      next = candidates.sort((a, b) => Math.abs(a.getAttribute('cx') - cx) - Math.abs(b.getAttribute('cx') - cx))[0];
    } else return;
    event.preventDefault();
    if (!next) return;
    current.setAttribute('tabindex', '-1');
    next.setAttribute('tabindex', '0');
    next.focus();
  });
  $('timeline').addEventListener('focusin', (event) => {
    if (!event.target.dataset?.runId) return;
    focusedRun = event.target.dataset.runId;
    showRun(event.target);
  });
  $('timeline').addEventListener('mouseover', (event) => {
    if (event.target.dataset?.runId) showRun(event.target);
  });

  function nearMiss(miss) {
    if (!miss) return el('p', { className: 'near-miss', text: 'No operation of the contract comes close.' });
    return el(
      'div',
      { className: 'near-miss' },
      el('span', {}, 'Near miss: ', el('code', { text: `${miss.method} ${miss.path}` }), ` (${miss.operationId})`),
      el('ul', {}, ...miss.differences.map((d) => el('li', { text: d.message }))),
    );
  }

  function fieldsOf(request) {
    const fields = {};
    if (Object.keys(request.query).length > 0) fields.query = request.query;
    if (Object.keys(request.form).length > 0) fields.form = request.form;
    return Object.keys(fields).length === 0 ? undefined : fields;
  }

  function renderJournal() {
    const { journal } = view;
    const select = document.querySelector('#journal-filter select[name="operationId"]');
    fillSelect(select, [['', 'any'], ...journal.operationIds.map((id) => [id, id])]);
    $('journal-count').textContent = journal.enabled
      ? `(newest ${journal.requests.length} shown of ${journal.held} held)`
      : '(off: the mock runs with journal size 0)';
    const open = new Set(Array.from($('journal-rows').querySelectorAll('details[open]')).map((d) => d.dataset.seq));
    const rows = journal.requests.map((request) => {
      const fields = fieldsOf(request);
      const status =
        request.status === null
          ? 'no answer'
          : `${request.status}${request.errorCode === null ? '' : ` · error ${request.errorCode}`}`;
      const details = fields
        ? el(
            'details',
            { 'data-seq': request.seq },
            el('summary', { text: 'fields (as journaled, secrets masked)' }),
            el('pre', { text: JSON.stringify(fields, null, 1) }),
          )
        : undefined;
      if (details && open.has(String(request.seq))) details.open = true;
      return el(
        'tr',
        { className: request.unmatched ? 'unmatched' : undefined, 'data-seq': request.seq },
        el('td', { className: 'nowrap', text: when(Date.parse(request.mockTime)) }),
        el('td', { text: request.method }),
        el(
          'td',
          {},
          el('code', { text: request.path }),
          request.unmatched ? ' ' : undefined,
          request.unmatched ? el('span', { className: 'badge bad', text: 'unmatched' }) : undefined,
          request.unmatched ? nearMiss(request.nearMiss) : undefined,
          details,
        ),
        el('td', { text: request.operationId ?? '—' }),
        el('td', { className: 'nowrap', text: status }),
        el('td', { text: request.durationMs.toFixed(1) }),
      );
    });
    if (rows.length === 0)
      rows.push(
        el('tr', {}, el('td', { colspan: 6, text: journal.enabled ? 'No request yet.' : 'The journal is off.' })),
      );
    $('journal-rows').replaceChildren(...rows);
    labelCells($('journal-rows'));
  }

  /** Replaces a select's options only when they changed, keeping what is selected. */
  function fillSelect(select, options) {
    const key = JSON.stringify(options);
    if (select.dataset.options === key) return;
    const value = select.value;
    select.replaceChildren(...options.map(([optionValue, label]) => el('option', { value: optionValue, text: label })));
    select.dataset.options = key;
    if (options.some(([optionValue]) => optionValue === value)) select.value = value;
  }

  function targetText(target) {
    if (target.taskType) return `every ${target.taskType} task`;
    const task = view.tasks.find((t) => t.taskId === target.taskId);
    return `task ${task ? task.title : target.taskId}`;
  }

  function renderSteering() {
    const rules = view.outcomes.map((rule) => {
      const times = rule.timesLeft === undefined ? 'every firing' : `the next ${rule.timesLeft} firing(s)`;
      const message = rule.message === undefined ? '' : ` with "${rule.message}"`;
      return el('li', { text: `${targetText(rule.target)}: ${rule.outcome} for ${times}${message}` });
    });
    if (rules.length === 0) rules.push(el('li', { text: 'None: every firing succeeds.' }));
    $('outcome-list').replaceChildren(...rules);
    fillSelect($('outcome-target'), [
      ...view.taskTypes.map((type) => [`taskType:${type}`, `every ${type} task`]),
      ...view.tasks.map((task) => [`taskId:${task.taskId}`, `task ${task.title}`]),
    ]);
    fillSelect(
      $('outcome-outcome'),
      view.steeredOutcomes.map((outcome) => [outcome, outcome]),
    );
    fillSelect(
      $('scenario-select'),
      view.scenarios.map((name) => [name, name]),
    );
  }

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => view && renderTimeline(), 150);
  });
  setInterval(() => {
    if (view && !clockBase.frozen) tickClock();
  }, 1000);

  refresh();
  follow();
})();
