// Copies GOV.UK Frontend's compiled styles, script, fonts and images and the dashboard's own files
// into the web root given as the first argument, and lays out its pages. Run by the gateway's build.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = process.argv[2];
if (!target) {
  console.error('usage: node build.mjs <web root>');
  process.exit(2);
}

const govuk = join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, 'assets'), { recursive: true });
cpSync(join(govuk, 'govuk-frontend.min.css'), join(target, 'assets', 'govuk-frontend.min.css'));
cpSync(join(govuk, 'govuk-frontend.min.js'), join(target, 'assets', 'govuk-frontend.min.js'));
cpSync(join(govuk, 'assets'), join(target, 'assets'), { recursive: true });
cpSync(join(here, 'src'), target, { recursive: true });

// Each page is its main content, headed by a comment naming its title, script and width; the layout
// gives every page the same head, service navigation and footer.
const layout = readFileSync(join(here, 'layout.html'), 'utf8');
for (const name of readdirSync(join(here, 'pages'))) {
  const page = readFileSync(join(here, 'pages', name), 'utf8');
  const [, title, script, width] = page.match(/^<!-- title: (.+?) \| script: (.+?) \| width: (wide|standard) -->\n/);
  const body = page.slice(page.indexOf('\n') + 1);
  writeFileSync(join(target, name), layout
    .replace('{{title}}', title)
    .replace('{{script}}', script)
    .replace('{{width}}', width === 'wide' ? ' dashboard-wide' : '')
    .replace('{{body}}', body));
}
console.log(`dashboard front end written to ${target}`);
