// What every dashboard page shares: the token, calls to the gateway, and how figures and missing
// sections are shown.
const tokenKey = 'platform-token';

export function signIn(token) {
  sessionStorage.setItem(tokenKey, token);
}

export async function fetchFromGateway(path) {
  const token = sessionStorage.getItem(tokenKey);
  if (!token) {
    window.location.assign(`/sign-in.html?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new Error('Not signed in.');
  }

  const response = await fetch(path, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
  if (response.status === 401) {
    sessionStorage.removeItem(tokenKey);
    window.location.assign(`/sign-in.html?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    throw new Error('The token was refused.');
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
