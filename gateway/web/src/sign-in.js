import { initAll } from '/assets/govuk-frontend.min.js';
import { signIn } from '/dashboard.js';

initAll();
const form = document.getElementById('sign-in');
function proceed() {
  window.location.assign(new URLSearchParams(window.location.search).get('next') || '/');
}

// The gateway offers development tokens only when it runs in Development.
const development = document.getElementById('development-sign-in');
fetch('/dev/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ role: 'dfe' }) })
  .then((response) => (response.ok ? response.json() : null))
  .then((answer) => {
    if (answer?.token) {
      development.hidden = false;
      development.addEventListener('click', () => {
        signIn(answer.token);
        proceed();
      });
    }
  })
  .catch(() => {});

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
