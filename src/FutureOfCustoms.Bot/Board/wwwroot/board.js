// The group's live board. One page for every section; in Teams it follows the tab's context (conversation,
// theme, locale) and signs in with Teams SSO; in a plain browser the same things come from the URL.
'use strict';
(() => {
  const query = new URLSearchParams(location.search);
  const segments = location.pathname.split('/').filter(Boolean);
  const views = ['polls', 'poll', 'discussion', 'suggestions', 'moderation'];
  const state = {
    view: views.includes(segments[1]) ? segments[1] : 'polls',
    conversation: query.get('conversation') || '',
    lang: (query.get('lang') || navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en',
    theme: query.get('theme') || 'default',
    dev: query.get('as'),
    poll: query.get('poll'),
    token: null,
    teams: null,
    me: null,
    strings: {},
  };
  const streams = [];

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  };
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  };
  const t = (key, ...args) => (state.strings[key] || key).replace(/\{(\d)\}/g, (_, i) => args[Number(i)] ?? '');
  const date = (iso) => iso ? new Intl.DateTimeFormat(state.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
  const main = () => document.getElementById('main');
  // Sections are lists of nodes and lists of lists: one level flattened, nulls left out.
  const show = (...children) => main().replaceChildren(...children.flat().filter(c => c !== null && c !== undefined));
  const say = (text) => { document.getElementById('live').textContent = text; };

  function applyTheme(theme) {
    state.theme = theme === 'dark' || theme === 'contrast' ? theme : 'default';
    document.documentElement.dataset.theme = state.theme;
  }

  // Teams' context, or null in a plain browser (no Teams host answers the library there).
  async function teamsContext() {
    if (!window.microsoftTeams || window.parent === window) return null;
    try {
      await Promise.race([microsoftTeams.app.initialize(), new Promise((_, reject) => setTimeout(reject, 4000))]);
      return await microsoftTeams.app.getContext();
    } catch {
      return null;
    }
  }

  function pageQuery(extra = {}) {
    const params = new URLSearchParams();
    if (state.conversation) params.set('conversation', state.conversation);
    params.set('lang', state.lang);
    if (state.dev) params.set('as', state.dev);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return params;
  }

  function link(view, extra = {}) {
    const params = pageQuery(extra);
    if (!state.teams && state.theme !== 'default') params.set('theme', state.theme);
    return `/board/${view}?${params}`;
  }

  class HttpError extends Error {
    constructor(status) { super(`HTTP ${status}`); this.status = status; }
  }

  async function api(path, init = {}) {
    const headers = Object.assign({ Accept: 'application/json' }, init.headers || {});
    if (state.token) headers.Authorization = `Bearer ${state.token}`;
    const response = await fetch(`/board/api${path}?${pageQuery()}`, Object.assign({}, init, { headers }));
    if (!response.ok && response.status !== 409) throw new HttpError(response.status);
    return response;
  }

  const getJson = async (path) => (await api(path)).json();

  function showError(error) {
    const key = { 401: 'Error_SignIn', 403: 'Error_Forbidden', 404: 'Error_NotFound' }[error.status] || 'Error_Load';
    show(el('p', { class: 'error', role: 'alert', text: t(key) }));
  }

  // ---- charts: horizontal bars drawn in SVG, the numbers as text beside them ----
  function chart(options, label) {
    const max = Math.max(1, ...options.map(o => o.votes || 0));
    return el('ul', { class: 'chart', 'aria-label': label },
      options.map(o => {
        const bar = svgEl('rect', { class: 'bar', x: '0', y: '2', height: '18', width: `${((o.votes || 0) / max) * 100}%`, rx: '3' });
        const svg = svgEl('svg', { 'aria-hidden': 'true', focusable: 'false', preserveAspectRatio: 'none' });
        svg.append(svgEl('rect', { class: 'track', x: '0', y: '2', height: '18', width: '100%', rx: '3' }), bar);
        return el('li', { 'data-option-id': o.id },
          el('span', { class: 'label', text: o.text }),
          svg,
          el('span', { class: 'count', 'data-votes': String(o.votes ?? 0), text: o.votesLabel || '' }));
      }));
  }

  function updateChart(card, counts) {
    const list = card.querySelector('.chart');
    if (!counts.countsVisible) return;
    if (!list) {
      card.querySelector('.hidden-note')?.remove();
      card.querySelector('.chart-slot').replaceChildren(chart(counts.options, t('Poll_ChartLabel')));
    } else {
      const max = Math.max(1, ...counts.options.map(o => o.votes || 0));
      for (const option of counts.options) {
        const row = list.querySelector(`li[data-option-id="${CSS.escape(option.id)}"]`);
        if (!row) continue;
        row.querySelector('.bar').setAttribute('width', `${((option.votes || 0) / max) * 100}%`);
        const count = row.querySelector('.count');
        count.dataset.votes = String(option.votes);
        count.textContent = option.votesLabel;
      }
    }
    card.querySelector('.ballots').textContent = counts.ballotsLabel;
    card.dataset.version = String(counts.version);
  }

  // ---- live counts: server-sent events read through fetch, so the sign-in token goes in a header ----
  function follow(poll, card) {
    const controller = new AbortController();
    streams.push(controller);
    let delay = 500;
    const run = async () => {
      while (!controller.signal.aborted) {
        try {
          // SSO tokens last about an hour: each reconnection asks Teams again (it answers from its cache while valid).
          if (state.teams) state.token = await microsoftTeams.authentication.getAuthToken();
          const headers = { Accept: 'text/event-stream' };
          if (state.token) headers.Authorization = `Bearer ${state.token}`;
          const response = await fetch(`/board/api/polls/${encodeURIComponent(poll.id)}/live?${pageQuery()}`, { headers, signal: controller.signal });
          if (!response.ok) return;
          delay = 500;
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          let open = true;
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const data = block.split('\n').filter(line => line.startsWith('data: ')).map(line => line.slice(6)).join('\n');
              if (!data) continue;
              const counts = JSON.parse(data);
              updateChart(card, counts);
              say(`${poll.question}: ${counts.ballotsLabel}`);
              open = counts.open;
            }
          }
          if (!open) {
            card.dataset.closed = 'true';
            return;
          }
        } catch (error) {
          if (controller.signal.aborted) return;
        }
        await new Promise(resolve => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10000);
      }
    };
    run();
  }

  function pollCard(poll, headingLevel = 'h3') {
    const meta = [poll.anonymous ? t('Poll_Anonymous') : t('Poll_Named')];
    if (poll.open && poll.closesAt) meta.push(t('Poll_ClosesAt', date(poll.closesAt)));
    if (!poll.open && poll.closedAt) meta.push(t('Poll_ClosedAt', date(poll.closedAt)));
    const card = el('article', { class: 'card poll', 'data-poll-id': poll.id, 'aria-labelledby': `poll-${poll.id}` },
      el(headingLevel, { id: `poll-${poll.id}`, text: poll.question }),
      el('p', { class: 'muted', text: meta.join(' · ') }),
      el('div', { class: 'chart-slot' }, poll.countsVisible ? chart(poll.options, t('Poll_ChartLabel')) : el('p', { class: 'hidden-note', text: poll.countsHiddenNote })),
      el('p', { class: 'ballots', text: poll.ballotsLabel }));
    if (poll.voters && poll.voters.length) {
      card.append(el('details', {}, el('summary', { text: t('Poll_Voters') }),
        el('table', {}, el('tbody', {}, poll.voters.map(v => el('tr', {}, el('th', { scope: 'row', text: v.name }), el('td', { text: v.choices.join(', ') })))))));
    }
    const actions = el('div', { class: 'actions' });
    if (state.view !== 'poll') actions.append(el('a', { href: link('poll', { poll: poll.id }), text: t('Poll_OpenOnBoard') }));
    if (state.teams?.meeting?.id && state.me?.isModerator && poll.open) {
      actions.append(el('button', { type: 'button', onclick: () => shareToStage(poll), text: t('Poll_ShareToStage') }));
    }
    if (state.closeAtEnd?.includes(poll.id) && poll.open) {
      card.append(el('p', { class: 'closes-at-end', text: t('Poll_ClosesAtMeetingEnd') }));
    } else if (state.closeAtEnd && state.me?.isModerator && poll.open) {
      actions.append(el('button', { type: 'button', class: 'secondary', onclick: () => closeAtMeetingEnd(poll), text: t('Poll_CloseAtMeetingEnd') }));
    }
    if (actions.childElementCount) card.append(actions);
    if (poll.open) follow(poll, card);
    return card;
  }

  async function closeAtMeetingEnd(poll) {
    await api(`/polls/${encodeURIComponent(poll.id)}/close-at-meeting-end`, { method: 'POST' });
    streams.splice(0).forEach(s => s.abort());
    await renderPolls();
  }

  function shareToStage(poll) {
    const url = `${location.origin}/board/poll?${pageQuery({ poll: poll.id })}`;
    microsoftTeams.meeting.shareAppContentToStage((error) => { if (error) say(t('Error_Load')); }, url);
  }

  // ---- sections ----
  async function renderPolls() {
    const polls = await getJson('/polls');
    state.closeAtEnd = state.me?.meeting ? (await getJson('/meeting')).closeAtEnd : null;
    const open = polls.filter(p => p.open);
    const closed = polls.filter(p => !p.open);
    show(
      el('h2', { text: t('Polls_Open') }),
      open.length ? open.map(p => pollCard(p)) : el('p', { text: t('Polls_NoneOpen') }),
      el('h2', { text: t('Polls_Closed') }),
      closed.length ? closed.map(p => pollCard(p)) : el('p', { text: t('Polls_NoneClosed') }));
  }

  async function renderPoll() {
    document.body.classList.add('stage');
    const id = state.poll || state.teams?.page?.subPageId;
    if (!id) throw new HttpError(404);
    const poll = await getJson(`/polls/${encodeURIComponent(id)}`);
    show(pollCard(poll, 'h2'), poll.open ? el('p', { class: 'muted', text: t('Poll_Live') }) : el('p', { text: t('Stage_Closed') }));
  }

  async function renderDiscussion() {
    const discussion = await getJson('/discussion');
    if (!discussion.started) {
      show(el('h2', { text: t('Nav_Discussion') }), el('p', { text: t('Discussion_NotStarted') }));
      return;
    }
    show(
      el('h2', { text: discussion.title }),
      discussion.open ? null : el('p', { class: 'muted', text: t('Discussion_Closed') }),
      el('p', { text: discussion.participation }),
      el('h3', { text: t('Discussion_ByAdministration') }),
      discussion.administrations.length
        ? el('table', {}, el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('Discussion_Administration') }), el('th', { scope: 'col', text: t('Discussion_Answers') }))),
          el('tbody', {}, discussion.administrations.map(a => el('tr', {}, el('th', { scope: 'row', text: a.name }), el('td', { text: a.label })))))
        : el('p', { text: t('Discussion_NoAnswer') }),
      discussion.questions.map(q => el('section', { class: 'card answers', 'aria-labelledby': `q-${q.number}` },
        el('h3', { id: `q-${q.number}`, text: `${q.number}. ${q.text}` }),
        el('p', { class: 'muted', text: q.answersLabel }),
        q.tally ? chart(q.tally.map((c, i) => ({ id: `q${q.number}-${i}`, text: c.name, votes: c.count, votesLabel: c.label })), t('Discussion_Tally')) : null,
        q.answers.map(a => el('div', {},
          el('p', {}, el('strong', { text: a.author }), ` (${a.administration})${a.choice ? ` · ${a.choice}` : ''}`),
          el('blockquote', { text: a.text }))))));
  }

  function reviewForm(suggestion, targets) {
    const reasonId = `reason-${suggestion.id}`;
    const targetId = `target-${suggestion.id}`;
    const reason = el('textarea', { id: reasonId, rows: '2', maxlength: '1000' });
    const target = el('select', { id: targetId }, targets.filter(x => x.value !== `suggestion-${suggestion.id}`).map(x => el('option', { value: x.value, text: x.title })));
    const outcome = el('p', { role: 'status' });
    const send = async (action, extra) => {
      const response = await api(`/suggestions/${encodeURIComponent(suggestion.id)}/review`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(Object.assign({ action }, extra)),
      });
      const body = await response.json();
      if (response.status === 409) {
        outcome.className = 'error';
        outcome.textContent = body.message;
        return;
      }
      await renderSuggestions();
      say(body.message || '');
    };
    return el('fieldset', { class: 'review' },
      el('legend', { text: t('Review_Title') }),
      el('div', { class: 'actions' }, el('button', { type: 'button', onclick: () => send('accept', {}), text: t('Review_Accept') })),
      el('label', { for: reasonId, text: t('Review_Reason') }), reason,
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: () => send('decline', { reason: reason.value }), text: t('Review_Decline') })),
      el('label', { for: targetId, text: t('Review_MergeTarget') }), target,
      el('div', { class: 'actions' }, el('button', { type: 'button', class: 'secondary', onclick: () => send('merge', { target: target.value }), text: t('Review_Merge') })),
      outcome);
  }

  async function renderSuggestions() {
    const { items, mergeTargets } = await getJson('/suggestions');
    show(
      el('h2', { text: t('Nav_Suggestions') }),
      items.length ? items.map(s => el('article', { class: 'card suggestion', 'data-suggestion-id': s.id, 'data-status': s.status, 'aria-labelledby': `s-${s.id}` },
        el('h3', { id: `s-${s.id}`, text: `#${s.number} ${s.title}` }),
        el('p', { class: 'status', text: t('Suggestion_Status', s.statusName) }),
        el('p', { class: 'muted', text: t('Suggestion_By', s.author, s.administration, date(s.createdAt)) }),
        el('p', { text: s.why }),
        s.reviewerName ? el('p', { class: 'muted', text: t('Suggestion_Reviewed', s.reviewerName) }) : null,
        s.reviewReason ? el('p', { text: t('Suggestion_Reason', s.reviewReason) }) : null,
        s.mergedIntoTitle ? el('p', { text: t('Suggestion_MergedInto', s.mergedIntoTitle) }) : null,
        s.pending && mergeTargets ? reviewForm(s, mergeTargets) : null))
        : el('p', { text: t('Suggestions_None') }));
  }

  async function renderModeration() {
    if (!state.me.isModerator) {
      show(el('h2', { text: t('Nav_Moderation') }), el('p', { text: t('Moderation_Only') }));
      return;
    }
    const moderation = await getJson('/moderation');
    show(
      el('h2', { text: t('Moderation_Unanswered', moderation.windowDays) }),
      moderation.unanswered.length
        ? el('ul', { class: 'unanswered' }, moderation.unanswered.map(q => el('li', {}, el('span', { text: q.text }), ' ', el('span', { class: 'muted', text: `(${q.askedLabel}, ${date(q.lastAskedAt)})` }))))
        : el('p', { text: t('Moderation_NoUnanswered') }),
      el('h2', { text: t('Moderation_Digest') }),
      el('div', { class: 'card digest' }, moderation.digestPreview.map(line => el('p', { text: line }))));
  }

  function renderNav() {
    const items = [['polls', 'Nav_Polls'], ['discussion', 'Nav_Discussion'], ['suggestions', 'Nav_Suggestions']];
    if (state.me?.isModerator) items.push(['moderation', 'Nav_Moderation']);
    const nav = document.getElementById('nav');
    nav.setAttribute('aria-label', t('Nav_Label'));
    nav.replaceChildren(el('ul', {}, items.map(([view, key]) => el('li', {},
      el('a', { href: link(view), 'aria-current': state.view === view ? 'page' : null, text: t(key) })))));
  }

  // The configurable tab's settings page: the board needs no choice, only where its page is.
  function configure() {
    microsoftTeams.pages.config.registerOnSaveHandler(async (save) => {
      await microsoftTeams.pages.config.setConfig({ entityId: 'board', suggestedDisplayName: t('Nav_Polls'), contentUrl: `${location.origin}/board/polls`, websiteUrl: `${location.origin}/board/polls` });
      save.notifySuccess();
    });
    microsoftTeams.pages.config.setValidityState(true);
  }

  async function start() {
    const context = await teamsContext();
    if (context) {
      state.teams = context;
      state.lang = (context.app.locale || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
      state.conversation = context.channel?.id || context.chat?.id || '';
      applyTheme(context.app.theme);
      microsoftTeams.app.registerOnThemeChangeHandler(applyTheme);
      if (context.page?.frameContext === 'meetingStage') state.view = 'poll';
    } else {
      applyTheme(state.theme);
    }
    document.documentElement.lang = state.lang;
    state.strings = await (await fetch(`/board/api/strings?lang=${state.lang}`)).json();
    document.title = t('Title');
    document.getElementById('title').textContent = t('Title');
    document.querySelector('.skip').textContent = state.lang === 'fr' ? 'Aller au contenu' : 'Skip to content';
    try {
      if (context?.page?.frameContext === 'settings') {
        configure();
        show(el('p', { text: t('Title') }));
        return;
      }
      if (context) state.token = await microsoftTeams.authentication.getAuthToken();
      state.me = await getJson('/me');
      if (!state.conversation) state.conversation = state.me.conversation;
      renderNav();
      await { polls: renderPolls, poll: renderPoll, discussion: renderDiscussion, suggestions: renderSuggestions, moderation: renderModeration }[state.view]();
      document.body.dataset.ready = 'true';
      if (context) microsoftTeams.app.notifySuccess();
    } catch (error) {
      showError(error);
      document.body.dataset.ready = 'error';
    }
  }

  window.addEventListener('pagehide', () => streams.forEach(s => s.abort()));
  start();
})();
