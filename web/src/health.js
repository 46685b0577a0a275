// The data health findings (数据体检) in the planner tab: GET /api/v1/diagnostics, each
// finding with its severity, its message in the page's language (which ends with the fix)
// and the figure behind it; errors first, as the service orders them.
import { get } from './api.js';
import { el, fill } from './dom.js';
import { lang, t } from './i18n.js';

/** The most findings listed; the rest are counted (lifecircle check lists them all). */
const maxListed = 40;

/** loadDiagnostics fetches the findings of the district the server answers from. */
export function loadDiagnostics() {
  return get('/api/v1/diagnostics');
}

/** renderDiagnostics shows the count by severity and the findings (null: nothing). */
export function renderDiagnostics(ans) {
  fill('health', ans, () => {
    const s = ans.summary ?? {};
    const findings = ans.findings ?? [];
    const items = findings.slice(0, maxListed).map((f) => el('li', { class: `finding ${f.severity}`, dataset: { code: f.code } },
      el('span', { class: 'severity' }, t(`severity_${f.severity}`)), ' ',
      el('span', { class: 'message' }, lang() === 'zh' ? f.message_zh : f.message_en)));
    const rest = findings.length - items.length;
    return [
      el('h3', {}, t('healthTitle')),
      el('p', { class: 'health-summary' }, t('healthSummary', s.errors ?? 0, s.warnings ?? 0, s.infos ?? 0)),
      findings.length ? el('ul', { class: 'findings' }, items) : el('p', { class: 'empty' }, t('healthClean')),
      ...(rest > 0 ? [el('p', { class: 'empty' }, t('healthMore', rest))] : []),
      ...(ans.note ? [el('p', { class: 'empty' }, ans.note)] : [])];
  });
}
