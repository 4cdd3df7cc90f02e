import { initAll } from '/assets/govuk-frontend.min.js';
import { barChart } from '/charts.js';
import { escapeHtml, fetchFromGateway, generatedAt, gradeTag, number, offerCsvDownloads, percent, unavailable, words } from '/dashboard.js';

initAll();

const columns = [
  { key: 'name', label: 'Authority', value: (r) => r.name, cell: (r) => `<a class="govuk-link" href="/authority.html?la=${encodeURIComponent(r.localAuthority)}">${escapeHtml(r.name)}</a>` },
  { key: 'region', label: 'Region', value: (r) => r.region },
  { key: 'grade', label: 'Latest grade', value: (r) => r.latestGrade?.overall ?? '', cell: (r) => `${gradeTag(r.latestGrade?.overall)}${r.latestGrade?.providerId ? ' <span class="govuk-body-s">(its trust)</span>' : ''}` },
  { key: 'published', label: 'Published', value: (r) => r.latestGrade?.publicationDate ?? '' },
  { key: 'intervention', label: 'Intervention', value: (r) => r.intervention?.status ?? 'none', cell: (r) => escapeHtml(words(r.intervention?.status ?? 'none')) },
  { key: 'commissioner', label: 'Commissioner', value: (r) => r.intervention?.commissioner ?? '' },
  { key: 'overdue', label: 'Overdue', value: (r) => (r.intervention?.overdue ?? []).length, cell: (r) => escapeHtml((r.intervention?.overdue ?? []).map(words).join(', ') || '–') },
  { key: 'trust', label: 'Trust', value: (r) => r.trust?.status ?? '', cell: (r) => escapeHtml(words(r.trust?.status ?? '–')) },
  { key: 'caseload', label: 'Caseload', numeric: true, value: (r) => r.workforce?.measures?.caseload ?? -1, cell: (r) => number(r.workforce?.measures?.caseload) },
  { key: 'agency', label: 'Agency', numeric: true, value: (r) => r.workforce?.measures?.agencyRate ?? -1, cell: (r) => percent(r.workforce?.measures?.agencyRate) },
  { key: 'turnover', label: 'Turnover', numeric: true, value: (r) => r.workforce?.measures?.turnoverRate ?? -1, cell: (r) => percent(r.workforce?.measures?.turnoverRate) },
];

const gradeBars = [
  { key: 'outstanding', label: 'Outstanding', colour: '#00703c' },
  { key: 'good', label: 'Good', colour: '#28a197' },
  { key: 'requires-improvement', label: 'Requires improvement', colour: '#b58840' },
  { key: 'inadequate', label: 'Inadequate', colour: '#d4351c' },
  { key: 'not-inspected', label: 'Not inspected', colour: '#505a5f' },
];
const measureNames = { caseload: 'Caseload', 'agency-rate': 'Agency rate', 'turnover-rate': 'Turnover' };

function headlineCard(id, title, figures, unavailableReason) {
  const body = unavailableReason
    ? `<p class="govuk-body">Unavailable: ${escapeHtml(unavailableReason)}</p>`
    : `<ul class="govuk-list">${figures.map(([count, label]) => `<li><span class="dashboard-figure">${count}</span> ${escapeHtml(label)}</li>`).join('')}</ul>`;
  return `<div class="dashboard-headline" id="${id}"><h3 class="govuk-heading-s">${escapeHtml(title)}</h3>${body}</div>`;
}

const thresholdKeys = { caseload: 'caseload', 'agency-rate': 'agencyRate', 'turnover-rate': 'turnoverRate' };

/** W6's threshold of a measure, as the workforce service is configured. */
function describeThreshold(measure, thresholds) {
  const threshold = thresholds?.[thresholdKeys[measure]];
  if (threshold === undefined) {
    return `${measureNames[measure]} above its threshold`;
  }

  return `${measureNames[measure]} above ${measure === 'caseload' ? number(threshold, 0) : percent(threshold).replace('.0%', '%')}`;
}

function showHeadlines(picture) {
  const h = picture.headlines;
  const reason = (section) => (picture.sections[section].status === 'available' ? null : picture.sections[section].reason ?? 'no answer');
  const openCases = Object.entries(h.openCasesByState ?? {});
  document.getElementById('headline-figures').innerHTML = [
    headlineCard('headline-grades', 'Authorities by latest grade', gradeBars.map((g) => [h.authoritiesByLatestGrade?.[g.key] ?? 0, g.label.toLowerCase()]), reason('grades')),
    headlineCard('headline-cases', 'Open intervention cases',
      [[openCases.reduce((sum, [, count]) => sum + count, 0), 'open in all'], ...openCases.map(([state, count]) => [count, words(state)])], reason('intervention')),
    headlineCard('headline-overdue', 'Overdue deadlines',
      [[h.overdueDeadlines ?? 0, 'deadlines passed'], [h.authoritiesWithOverdueDeadlines ?? 0, 'authorities with one overdue']], reason('intervention')),
    headlineCard('headline-workforce', 'Authorities above a workforce threshold',
      Object.entries(h.authoritiesAboveThreshold ?? {}).map(([measure, count]) => [count, describeThreshold(measure, h.workforceThresholds)]), reason('workforce')),
  ].join('');
  document.getElementById('grade-chart').innerHTML = h.authoritiesByLatestGrade
    ? barChart({ title: 'Authorities by latest Ofsted grade', bars: gradeBars.map((g) => ({ label: g.label, value: h.authoritiesByLatestGrade[g.key] ?? 0, colour: g.colour })) })
    : '';
  document.getElementById('headlines').hidden = false;
}

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
  showHeadlines(picture);
  render();
  offerCsvDownloads(document.querySelector('main'));
} catch (error) {
  document.getElementById('generated').textContent = `The national picture could not be loaded: ${error.message}`;
}
