import { initAll } from '/assets/govuk-frontend.min.js';
import { signIn } from '/dashboard.js';

initAll();
const form = document.getElementById('sign-in');

// Only a path of this site is followed after sign-in: never another origin, a scheme such as
// javascript:, or a protocol-relative //host.
export function sameOriginPath(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }

  const target = new URL(next, window.location.origin);
  return target.origin === window.location.origin ? target.pathname + target.search + target.hash : '/';
}

function proceed() {
  window.location.assign(sameOriginPath(new URLSearchParams(window.location.search).get('next')));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = document.getElementById('token').value.trim();
  const error = document.getElementById('token-error');
  error.hidden = token.length > 0;
  document.getElementById('token-group').classList.toggle('govuk-form-group--error', token.length === 0);
  if (token) {
    signIn(token);
    proceed();
  }
});
