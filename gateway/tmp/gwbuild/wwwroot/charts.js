// Small SVG charts drawn from the gateway's figures; each carries a text alternative and sits beside
// a table of the same figures.
import { escapeHtml } from '/dashboard.js';

const width = 600;
const height = 260;
const margin = { top: 20, right: 20, bottom: 40, left: 60 };

function scale(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

/** Lines over years: series = [{ name, colour, dash, points: [{ x: year, y }] }]. */
export function lineChart({ title, series, format }) {
  const points = series.flatMap((s) => s.points).filter((p) => p.y !== null && p.y !== undefined);
  if (points.length === 0) {
    return `<p class="govuk-body">No figures for ${escapeHtml(title.toLowerCase())}.</p>`;
  }

  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = scale(Math.min(...xs), Math.max(...xs), margin.left, width - margin.right);
  const y = scale(0, Math.max(...ys) * 1.1, height - margin.bottom, margin.top);
  const years = [...new Set(xs)].sort();
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((share) => share * Math.max(...ys) * 1.1);
  const lines = series.map((s) => {
    const path = s.points.filter((p) => p.y !== null && p.y !== undefined).map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    return `<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="3" ${s.dash ? `stroke-dasharray="${s.dash}"` : ''}/>`;
  }).join('');
  const summary = series.map((s) => `${s.name}: ${s.points.map((p) => `${p.x} ${format(p.y)}`).join(', ')}`).join('; ');
  return `<figure class="govuk-!-margin-0">
    <svg class="dashboard-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`${title}. ${summary}`)}">
      ${ticks.map((t) => `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#b1b4b6" stroke-width="1"/><text x="${margin.left - 8}" y="${y(t) + 4}" text-anchor="end">${escapeHtml(format(t))}</text>`).join('')}
      ${years.map((year) => `<text x="${x(year)}" y="${height - margin.bottom + 20}" text-anchor="middle">${year}</text>`).join('')}
      ${lines}
    </svg>
    <figcaption class="govuk-body-s">${escapeHtml(title)}</figcaption>
  </figure>`;
}

const gradeOrder = ['inadequate', 'requires-improvement', 'good', 'outstanding'];

/** Overall grades over time, one point per graded inspection, better grades higher. */
export function gradeTimeline(points) {
  if (points.length === 0) {
    return '<p class="govuk-body">No graded inspections.</p>';
  }

  const dates = points.map((p) => new Date(p.publicationDate).getTime());
  const left = 170;
  const x = scale(Math.min(...dates), Math.max(...dates), left + 20, width - margin.right - 20);
  const y = scale(0, 3, height - margin.bottom, margin.top + 10);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(new Date(p.publicationDate).getTime()).toFixed(1)},${y(gradeOrder.indexOf(p.overall)).toFixed(1)}`).join(' ');
  const summary = points.map((p) => `${p.publicationDate} ${p.overall.replaceAll('-', ' ')}`).join(', ');
  return `<svg class="dashboard-chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(`Overall grade timeline: ${summary}`)}">
    ${gradeOrder.map((grade, i) => `<line x1="${left}" x2="${width - margin.right}" y1="${y(i)}" y2="${y(i)}" stroke="#b1b4b6"/><text x="${left - 8}" y="${y(i) + 4}" text-anchor="end">${grade.replaceAll('-', ' ')}</text>`).join('')}
    <path d="${path}" fill="none" stroke="#1d70b8" stroke-width="3"/>
    ${points.map((p) => `<circle cx="${x(new Date(p.publicationDate).getTime())}" cy="${y(gradeOrder.indexOf(p.overall))}" r="6" fill="#1d70b8"/>`).join('')}
    ${points.map((p) => `<text x="${x(new Date(p.publicationDate).getTime())}" y="${height - margin.bottom + 20}" text-anchor="middle">${p.publicationDate.slice(0, 4)}</text>`).join('')}
  </svg>`;
}

/** Horizontal bars, one per category: bars = [{ label, value, colour }]. */
export function barChart({ title, bars }) {
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  if (total === 0) {
    return `<p class="govuk-body">No figures for ${escapeHtml(title.toLowerCase())}.</p>`;
  }

  const rowHeight = 34;
  const left = 190;
  const chartHeight = bars.length * rowHeight + 10;
  const x = scale(0, Math.max(...bars.map((bar) => bar.value)), 0, width - left - 60);
  const summary = bars.map((bar) => `${bar.label} ${bar.value}`).join(', ');
  return `<figure class="govuk-!-margin-0">
    <svg class="dashboard-chart" viewBox="0 0 ${width} ${chartHeight}" role="img" aria-label="${escapeHtml(`${title}: ${summary}`)}">
      ${bars.map((bar, i) => `
        <text x="${left - 10}" y="${i * rowHeight + 24}" text-anchor="end">${escapeHtml(bar.label)}</text>
        <rect x="${left}" y="${i * rowHeight + 8}" width="${Math.max(x(bar.value), 1).toFixed(1)}" height="${rowHeight - 12}" fill="${bar.colour}"/>
        <text x="${left + x(bar.value) + 8}" y="${i * rowHeight + 24}">${bar.value}</text>`).join('')}
    </svg>
    <figcaption class="govuk-body-s">${escapeHtml(title)}</figcaption>
  </figure>`;
}
