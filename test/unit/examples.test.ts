import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleTabs } from '../../src/http/graphiql-page';
import { PROJECT_ROOT } from '../../src/paths';

/** GraphiQL's tabs (examples/) are the README's queries word for word: neither can drift from the other. */
describe('the example queries', () => {
  const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
  // The section of the questions: from its heading to the next second-level one.
  const section = readme.slice(readme.indexOf("## The MP's five questions")).split(/^## (?!#)/m)[1] ?? '';
  const readmeQueries = [...section.matchAll(/^### (.+)\n[\s\S]*?```graphql\n([\s\S]*?)```/gm)].map((m) => `# ${m[1]}\n${m[2]}`);

  it('holds each README query, its heading as the title line', () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(6);
    const tabs = exampleTabs().map((t) => t.query);
    for (const q of readmeQueries) expect(tabs).toContain(q);
    expect(tabs).toHaveLength(readmeQueries.length);
  });
});
