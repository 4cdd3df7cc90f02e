// Lists the event types of the platform's AsyncAPI document, each with what it means, who publishes it
// and an example, so a person can see what a subscription would bring.
import { escapeHtml } from './dashboard.js';

async function load() {
  const status = document.getElementById('events-status');
  const response = await fetch('/asyncapi.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    status.textContent = `The event catalogue is unavailable (${response.status}).`;
    return;
  }

  const asyncapi = await response.json();
  const messages = asyncapi.components.messages;
  const names = Object.keys(asyncapi.channels.webhook.messages);
  status.textContent = `${names.length} event types.`;
  document.getElementById('events').innerHTML = names.map((name) => {
    const message = messages[name];
    const example = message.examples?.[0]?.payload;
    return `
      <section class="dashboard-section" aria-labelledby="event-${escapeHtml(name)}">
        <h3 class="govuk-heading-m" id="event-${escapeHtml(name)}"><code>${escapeHtml(message.name)}</code></h3>
        <p class="govuk-body">${escapeHtml(message.summary)}</p>
        <p class="govuk-body-s">Published by ${escapeHtml(example?.source ?? '')}; on the broker: <code>${escapeHtml(asyncapi.channels[name]?.address ?? '')}</code></p>
        <details class="govuk-details">
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Example</span></summary>
          <div class="govuk-details__text"><pre class="dashboard-example">${escapeHtml(JSON.stringify(example, null, 2))}</pre></div>
        </details>
      </section>`;
  }).join('');
}

load().catch((error) => {
  document.getElementById('events-status').textContent = `The event catalogue could not be read: ${error.message}`;
});
