// GOV.UK Frontend's styles for pages where script runs; a file of its own, as the policy allows no inline script.
document.body.className += ' js-enabled govuk-frontend-supported';
