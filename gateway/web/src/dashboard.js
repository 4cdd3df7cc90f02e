// What every dashboard page shares: calls to the gateway (the session is the gateway's HttpOnly
// cookie: this script never sees a token), and how figures and missing sections are shown.

function signIn() {
  window.location.assign(`/sign-in?returnUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
}

export async function fetchFromGateway(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    signIn();
    // The browser is on its way to sign in: the page keeps saying it is loading rather than show an error.
    return new Promise(() => {});
  }

  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.detail || body.title || `The gateway answered ${response.status}.`);
  }

  return body;
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function words(value) {
  return value ? String(value).replaceAll('-', ' ') : '';
}

export function percent(rate) {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)}%`;
}

export function number(value, digits = 1) {
  return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
}

const gradeColours = { outstanding: 'govuk-tag--green', good: 'govuk-tag--turquoise', 'requires-improvement': 'govuk-tag--yellow', inadequate: 'govuk-tag--red' };
const ratingColours = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red', 'not-rated': 'govuk-tag--grey' };

export function gradeTag(grade) {
  return grade ? `<strong class="govuk-tag ${gradeColours[grade] ?? 'govuk-tag--grey'}">${escapeHtml(words(grade))}</strong>` : '–';
}

export function ratingTag(rating) {
  return `<strong class="govuk-tag ${ratingColours[rating] ?? 'govuk-tag--grey'}">${escapeHtml(words(rating))}</strong>`;
}

/** A section the gateway could not fill: said plainly, the rest of the page goes on. */
export function unavailable(what, section) {
  return `<div class="govuk-warning-text" data-section-status="${escapeHtml(section?.status ?? 'unavailable')}">
    <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
    <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${escapeHtml(what)} unavailable: ${escapeHtml(section?.reason ?? 'no answer')}</strong>
  </div>`;
}

export function generatedAt(iso) {
  return `Figures as of ${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' })}.`;
}

/** A cell as a CSV field: quoted when it must be, and never read by a spreadsheet as a formula. */
function csvField(text) {
  const value = /^[=+@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The table as shown (its header and the rows on screen) in CSV. */
export function tableAsCsv(table) {
  return [...table.querySelectorAll('tr')]
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => csvField(cell.innerText.trim())).join(','))
    .join('\r\n') + '\r\n';
}

function fileName(table) {
  const caption = table.querySelector('caption')?.innerText ?? 'table';
  return `${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`;
}

/**
 * Puts a download link under every table in the container that lacks one: analysts take the figures
 * away as CSV, as DfE's statistics dashboards let them. The file is made when the link is followed,
 * so a filtered or re-sorted table downloads as it is shown.
 */
export function offerCsvDownloads(container) {
  for (const table of container.querySelectorAll('table')) {
    if (table.nextElementSibling?.classList.contains('dashboard-download')) {
      continue;
    }

    const paragraph = document.createElement('p');
    paragraph.className = 'govuk-body-s dashboard-download';
    const link = document.createElement('a');
    link.className = 'govuk-link';
    link.href = '#';
    link.download = fileName(table);
    link.textContent = `Download ${table.querySelector('caption')?.innerText.trim().toLowerCase() ?? 'this table'} (CSV)`;
    link.addEventListener('click', () => {
      link.href = URL.createObjectURL(new Blob([tableAsCsv(table)], { type: 'text/csv' }));
    });
    paragraph.append(link);
    table.after(paragraph);
  }
}
