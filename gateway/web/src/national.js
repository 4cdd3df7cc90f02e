import { initAll } from '/assets/govuk-frontend.min.js';
import { escapeHtml, fetchFromGateway, generatedAt, gradeTag, number, percent, unavailable, words } from '/dashboard.js';

initAll();

const columns = [
  { key: 'name', label: 'Authority', value: (r) => r.name, cell: (r) => `<a class="govuk-link" href="/authority.html?la=${encodeURIComponent(r.localAuthority)}">${escapeHtml(r.name)}</a>` },
  { key: 'region', label: 'Region', value: (r) => r.region },
  { key: 'grade', label: 'Latest grade', value: (r) => r.latestGrade?.overall ?? '', cell: (r) => gradeTag(r.latestGrade?.overall) },
  { key: 'published', label: 'Published', value: (r) => r.latestGrade?.publicationDate ?? '' },
  { key: 'intervention', label: 'Intervention', value: (r) => r.intervention?.status ?? 'none', cell: (r) => escapeHtml(words(r.intervention?.status ?? 'none')) },
  { key: 'commissioner', label: 'Commissioner', value: (r) => r.intervention?.commissioner ?? '' },
  { key: 'overdue', label: 'Overdue', value: (r) => (r.intervention?.overdue ?? []).length, cell: (r) => escapeHtml((r.intervention?.overdue ?? []).map(words).join(', ') || '–') },
  { key: 'trust', label: 'Trust', value: (r) => r.trust?.status ?? '', cell: (r) => escapeHtml(words(r.trust?.status ?? '–')) },
  { key: 'caseload', label: 'Caseload', numeric: true, value: (r) => r.workforce?.measures?.caseload ?? -1, cell: (r) => number(r.workforce?.measures?.caseload) },
  { key: 'agency', label: 'Agency', numeric: true, value: (r) => r.workforce?.measures?.agencyRate ?? -1, cell: (r) => percent(r.workforce?.measures?.agencyRate) },
  { key: 'turnover', label: 'Turnover', numeric: true, value: (r) => r.workforce?.measures?.turnoverRate ?? -1, cell: (r) => percent(r.workforce?.measures?.turnoverRate) },
];

let rows = [];
let sort = { key: 'name', direction: 'ascending' };
const filters = document.getElementById('filters');

function render() {
  const region = filters.region.value;
  const grade = filters.grade.value;
  const intervention = filters.intervention.value;
  const column = columns.find((c) => c.key === sort.key);
  const shown = rows
    .filter((r) => !region || r.region === region)
    .filter((r) => !grade || (r.latestGrade?.overall ?? '') === grade)
    .filter((r) => !intervention || (r.intervention?.status ?? 'none') === intervention)
    .sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      const order = column.numeric ? x - y : String(x).localeCompare(String(y));
      return sort.direction === 'ascending' ? order : -order;
    });

  document.getElementById('national-head').innerHTML = columns.map((c) => `
    <th scope="col" class="govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}" aria-sort="${c.key === sort.key ? sort.direction : 'none'}">
      <button type="button" class="dashboard-sort" data-sort="${c.key}">${escapeHtml(c.label)}</button>
    </th>`).join('');
  document.getElementById('national-body').innerHTML = shown.map((r) => `
    <tr class="govuk-table__row" data-gss="${escapeHtml(r.localAuthority)}">
      ${columns.map((c) => `<td class="govuk-table__cell${c.numeric ? ' govuk-table__cell--numeric' : ''}">${c.cell ? c.cell(r) : escapeHtml(c.value(r) || '–')}</td>`).join('')}
    </tr>`).join('');
  document.getElementById('count').textContent = `${shown.length} of ${rows.length} authorities shown.`;
}

function options(select, values, describe) {
  select.insertAdjacentHTML('beforeend', values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(describe(v))}</option>`).join(''));
}

document.getElementById('national-head').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-sort]');
  if (!button) {
    return;
  }

  const key = button.dataset.sort;
  sort = { key, direction: sort.key === key && sort.direction === 'ascending' ? 'descending' : 'ascending' };
  render();
  document.querySelector(`button[data-sort="${key}"]`).focus();
});
filters.addEventListener('change', render);

try {
  const picture = await fetchFromGateway('/api/dashboard/national');
  rows = picture.authorities;
  document.getElementById('generated').textContent = generatedAt(picture.generatedAt);
  const names = { grades: 'Latest grades', intervention: 'Intervention', trusts: 'Trusts', workforce: 'Workforce' };
  document.getElementById('sections').innerHTML = Object.entries(picture.sections)
    .filter(([, section]) => section.status === 'unavailable')
    .map(([key, section]) => unavailable(names[key] ?? key, section)).join('');
  options(filters.region, [...new Set(rows.map((r) => r.region))].sort(), (v) => v);
  options(filters.grade, ['outstanding', 'good', 'requires-improvement', 'inadequate'], words);
  options(filters.intervention, ['none', 'opened', 'commissioner-required', 'commissioner-appointed', 'outcome-decided', 'closed'], words);
  render();
} catch (error) {
  document.getElementById('generated').textContent = `The national picture could not be loaded: ${error.message}`;
}
