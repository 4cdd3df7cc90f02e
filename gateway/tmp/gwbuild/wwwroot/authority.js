import { initAll } from '/assets/govuk-frontend.min.js';
import { lineChart, gradeTimeline } from '/charts.js';
import { escapeHtml, fetchFromGateway, generatedAt, gradeTag, number, offerCsvDownloads, percent, ratingTag, unavailable, words } from '/dashboard.js';

initAll();

const gss = new URLSearchParams(window.location.search).get('la') ?? '';
const colours = { authority: '#1d70b8', neighbours: '#f47738', england: '#505a5f' };

function show(id, html) {
  document.getElementById(id).innerHTML = html;
}

function summaryList(entries) {
  return `<dl class="govuk-summary-list">${entries.filter(([, value]) => value).map(([key, value]) => `
    <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(key)}</dt><dd class="govuk-summary-list__value">${value}</dd></div>`).join('')}</dl>`;
}

function judgements(section) {
  if (section.status !== 'available') {
    return unavailable('Judgements', section);
  }

  const history = section.data;
  const predecessors = history.predecessors ?? [];
  return `${gradeTimeline(history.trajectory)}
    ${judgementTable('Judgements, newest first', history.judgements)}
    ${predecessors.map((p) => judgementTable(
      `Judgements of ${p.name} (${p.localAuthority}), this authority's predecessor until ${p.endedOn}`, p.judgements)).join('')}`;
}

function judgementTable(caption, rows) {
  return `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">${escapeHtml(caption)}</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Published</th><th scope="col" class="govuk-table__header">Framework</th><th scope="col" class="govuk-table__header">Overall</th></tr></thead>
      <tbody class="govuk-table__body">${rows.map((j) => `<tr class="govuk-table__row"><td class="govuk-table__cell">${escapeHtml(j.publicationDate)}</td><td class="govuk-table__cell">${escapeHtml(words(j.framework))}</td><td class="govuk-table__cell">${gradeTag(j.overall)}</td></tr>`).join('')}</tbody>
    </table>`;
}

function intervention(section) {
  if (section.status === 'none') {
    return '<p class="govuk-body">No intervention case.</p>';
  }

  if (section.status !== 'available') {
    return unavailable('Intervention', section);
  }

  const c = section.data;
  return summaryList([
    ['State', escapeHtml(words(c.status))],
    ['Why', escapeHtml(c.explanation?.text ?? '')],
    ['Improvement plan due', escapeHtml(c.improvementPlanDue)],
    ['Progress review due', escapeHtml(c.progressReviewDue)],
    ['Commissioner', escapeHtml(c.commissioner ?? '')],
    ['Outcome due', escapeHtml(c.outcomeDue ?? '')],
    ['Outcome', escapeHtml(words(c.outcome ?? ''))],
  ]);
}

function contracts(section) {
  if (section.status !== 'available') {
    return section.status === 'none' ? '<p class="govuk-body">No contracts.</p>' : unavailable('Contracts', section);
  }

  const items = section.data.items;
  if (items.length === 0) {
    return '<p class="govuk-body">No contracts.</p>';
  }

  return `<table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">Contracts and their latest review</caption>
    <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Contract</th><th scope="col" class="govuk-table__header">Provider</th><th scope="col" class="govuk-table__header">Status</th><th scope="col" class="govuk-table__header">Latest review</th></tr></thead>
    <tbody class="govuk-table__body">${items.map((c) => {
      const latest = c.reviews.at(-1);
      const ratings = latest ? latest.ratings.map((r) => `${escapeHtml(words(r.measure))} ${ratingTag(r.rating)}`).join('<br>') : 'Not reviewed yet';
      return `<tr class="govuk-table__row"><td class="govuk-table__cell">${escapeHtml(c.title)}</td><td class="govuk-table__cell">${escapeHtml(c.provider.name ?? c.providerId)}</td><td class="govuk-table__cell">${escapeHtml(words(c.status))}</td><td class="govuk-table__cell">${ratings}</td></tr>`;
    }).join('')}</tbody></table>`;
}

/** Whose return a year's figures are: the authority's own, a joint return, or a predecessor's (I3c, W7). */
function whoseFigures(year) {
  if (year.predecessor) {
    return `${year.predecessor.name}'s, its predecessor until ${year.predecessor.endedOn}`;
  }

  if (year.jointReturn) {
    const names = year.jointReturn.localAuthorities.map((a) => a.name).join(' and ');
    return `Joint return of ${names}${year.jointReturn.trust ? ` by ${year.jointReturn.trust}` : ''}`;
  }

  return 'Own return';
}

const measures = [
  { key: 'caseload', label: 'Caseload', pick: (m) => m.caseload, format: (v) => number(v) },
  { key: 'agency-rate', label: 'Agency rate', pick: (m) => m.agencyRate, format: percent },
  { key: 'turnover-rate', label: 'Turnover', pick: (m) => m.turnoverRate, format: percent },
  { key: 'vacancy-rate', label: 'Vacancy rate', pick: (m) => m.vacancyRate, format: percent },
];

function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' })[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The latest year's place among the statistical neighbours on each measure, lowest first. */
function neighbourRanks(year) {
  if (!year?.neighbourRanks) {
    return '';
  }

  const ranks = Object.fromEntries(year.neighbourRanks.map((r) => [r.measure, r]));
  return `<table class="govuk-table" id="neighbour-ranks"><caption class="govuk-table__caption govuk-table__caption--s">Against its statistical neighbours, ${year.censusYear}</caption>
    <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Measure</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">This authority</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Neighbours (median)</th><th scope="col" class="govuk-table__header">Place (lowest first)</th></tr></thead>
    <tbody class="govuk-table__body">${measures.map((m) => {
      const rank = ranks[m.key];
      const place = !rank?.rank ? 'No figure' : rank.of < 2 ? 'No neighbour has a figure' : `${ordinal(rank.rank)} of ${rank.of}`;
      return `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escapeHtml(m.label)}</th><td class="govuk-table__cell govuk-table__cell--numeric">${m.format(m.pick(year.authority))}</td><td class="govuk-table__cell govuk-table__cell--numeric">${m.format(m.pick(year.neighbours.measures))}</td><td class="govuk-table__cell">${escapeHtml(place)}</td></tr>`;
    }).join('')}</tbody></table>`;
}

function workforce(section) {
  if (section.status !== 'available') {
    return section.status === 'none' ? '<p class="govuk-body">No workforce returns yet.</p>' : unavailable('Workforce', section);
  }

  const years = section.data.years;
  const series = (pick) => [
    { name: 'This authority', colour: colours.authority, points: years.map((y) => ({ x: y.censusYear, y: pick(y.authority) })) },
    { name: 'Statistical neighbours (median)', colour: colours.neighbours, dash: '8 4', points: years.map((y) => ({ x: y.censusYear, y: pick(y.neighbours.measures) })) },
    { name: 'England', colour: colours.england, dash: '2 4', points: years.map((y) => ({ x: y.censusYear, y: pick(y.england.measures) })) },
  ];
  const legend = `<ul class="dashboard-legend govuk-body-s">
    <li style="color:${colours.authority}"><span style="color:#0b0c0c">This authority</span></li>
    <li style="color:${colours.neighbours}"><span style="color:#0b0c0c">Statistical neighbours (median)</span></li>
    <li style="color:${colours.england}"><span style="color:#0b0c0c">England</span></li></ul>`;
  return `${legend}<div class="dashboard-charts" id="workforce-charts">
      ${lineChart({ title: 'Caseload (cases per case-holding FTE)', series: series((m) => m.caseload), format: (v) => number(v) })}
      ${lineChart({ title: 'Agency social workers', series: series((m) => m.agencyRate), format: percent })}
      ${lineChart({ title: 'Turnover', series: series((m) => m.turnoverRate), format: percent })}
    </div>
    ${neighbourRanks(years.at(-1))}
    <table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--s">Workforce by census year</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Year</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Caseload</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Neighbours</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">England</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Agency</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Turnover</th><th scope="col" class="govuk-table__header">Above threshold</th><th scope="col" class="govuk-table__header">Whose figures</th></tr></thead>
      <tbody class="govuk-table__body">${years.map((y) => `<tr class="govuk-table__row"><td class="govuk-table__cell">${y.censusYear}</td><td class="govuk-table__cell govuk-table__cell--numeric">${number(y.authority.caseload)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${number(y.neighbours.measures.caseload)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${number(y.england.measures.caseload)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${percent(y.authority.agencyRate)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${percent(y.authority.turnoverRate)}</td><td class="govuk-table__cell">${escapeHtml(y.thresholdsCrossed.map((t) => words(t.measure)).join(', ') || '–')}</td><td class="govuk-table__cell">${escapeHtml(whoseFigures(y))}</td></tr>`).join('')}</tbody>
    </table>`;
}

try {
  const picture = await fetchFromGateway(`/api/dashboard/authorities/${encodeURIComponent(gss)}`);
  const name = picture.authority.data?.name ?? gss;
  document.getElementById('authority-name').textContent = name;
  document.title = `${name} – Children's social care oversight`;
  document.getElementById('generated').textContent = generatedAt(picture.generatedAt);
  show('judgements', judgements(picture.judgements));
  show('intervention', intervention(picture.intervention));
  show('contracts', contracts(picture.contracts));
  show('workforce', workforce(picture.workforce));
  offerCsvDownloads(document.querySelector('main'));
} catch (error) {
  document.getElementById('generated').textContent = `This authority's picture could not be loaded: ${error.message}`;
}
