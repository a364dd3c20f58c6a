import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleTabs } from '../../src/http/graphiql-page';
import { PROJECT_ROOT } from '../../src/paths';

const read = (file: string) => readFileSync(join(PROJECT_ROOT, file), 'utf8');

/** A section of `text`: from `heading` to the next heading of the same level. */
function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`no heading "${heading}"`);
  const level = /^#+/.exec(heading)![0];
  const rest = text.slice(start + heading.length);
  const end = rest.search(new RegExp(`^${level} `, 'm'));
  return heading + (end < 0 ? rest : rest.slice(0, end));
}

/** The first ```graphql block under each heading of `level` in `text`, its heading as the title line. */
const queriesUnder = (text: string, level: string) =>
  [...text.matchAll(new RegExp(`^${level} (.+)\\n[\\s\\S]*?\`\`\`graphql\\n([\\s\\S]*?)\`\`\``, 'gm'))].map((m) => `# ${m[1]}\n${m[2]}`);

/**
 * GraphiQL's tabs (examples/) are the README's queries and the one of "For frontends"
 * (docs/explorer-and-exports.md) word for word: neither can drift from the other.
 */
describe('the example queries', () => {
  const readmeQueries = [
    ...queriesUnder(section(read('README.md'), "## The MP's five questions"), '###'),
    ...queriesUnder(section(read('docs/explorer-and-exports.md'), '## For frontends'), '##'),
  ];

  it('holds each README query, its heading as the title line', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(7);
    const tabs = exampleTabs().map((t) => t.query);
    for (const q of readmeQueries) expect(tabs).toContain(q);
    expect(tabs).toHaveLength(readmeQueries.length);
  });
});
