import { initAll } from '/assets/govuk-frontend.min.js';
import { signIn } from '/dashboard.js';

initAll();
const form = document.getElementById('sign-in');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = document.getElementById('token').value.trim();
  const error = document.getElementById('token-error');
  error.hidden = token.length > 0;
  document.getElementById('token-group').classList.toggle('govuk-form-group--error', token.length === 0);
  if (token) {
    signIn(token);
    window.location.assign(new URLSearchParams(window.location.search).get('next') || '/');
  }
});
