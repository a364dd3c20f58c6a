import StoreReporter from './store-reporter';

/** A run's results as jest hands them to a reporter, from test names and statuses. */
function results(...tests: [string, string][]): StoreReporter.Results {
  return { testResults: [{ testResults: tests.map(([fullName, status]) => ({ fullName, status })) }] };
}

const bothStoresAndQuotes: [string, string][] = [
  ['GraphStore contract [store: embedded] finds an entity', 'passed'],
  ['Neo4j store [store: neo4j] GraphStore contract [store: neo4j] finds an entity', 'passed'],
  ['the seed quotes the document verbatim [sources]', 'passed'],
];

/** Runs the reporter over results with the environment given, its output kept apart. */
function report(env: NodeJS.ProcessEnv, tests: [string, string][]): { error: Error | undefined; output: string } {
  const reporter = new StoreReporter({}, {}, {}, env);
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    reporter.onRunComplete([], results(...tests));
    return { error: reporter.getLastError(), output: write.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    write.mockRestore();
  }
}

describe('the store reporter', () => {
  it('counts tests by store tag and the quote checks, a test under both tags in both', () => {
    const counts = StoreReporter.countTags(
      results(
        ['a [store: embedded] x', 'passed'],
        ['a [store: embedded] y', 'failed'],
        ['b [store: neo4j] x', 'pending'],
        ['b [store: neo4j] quotes [sources]', 'passed'],
        ['c untagged', 'passed'],
      ),
    );
    expect(counts).toEqual({
      embedded: { passed: 1, failed: 1, skipped: 0 },
      neo4j: { passed: 1, failed: 0, skipped: 1 },
      sources: { passed: 1, failed: 0, skipped: 0 },
    });
  });

  it('counts a quote check skipped with its store suite as that store\'s skip only', () => {
    const counts = StoreReporter.countTags(
      results(['a [store: embedded] quotes [sources]', 'passed'], ['b [store: neo4j] quotes [sources]', 'pending'], ['quotes [sources]', 'pending']),
    );
    expect(counts.neo4j).toEqual({ passed: 0, failed: 0, skipped: 1 });
    expect(counts.sources).toEqual({ passed: 1, failed: 0, skipped: 1 });
  });

  it('fails a CI run where the Neo4j tests were skipped, saying why', () => {
    const { error, output } = report({ CI: 'true' }, [...bothStoresAndQuotes, ['Neo4j faults [store: neo4j] restarts', 'pending']]);
    expect(error?.message).toMatch(/Tests on store neo4j: 1 skipped \(NEO4J_TEST_URI must name a running Neo4j/);
    expect(output).toContain('CI=true: this run does not count as tested, so it fails');
  });

  it('fails a CI run where no Neo4j test ran, or no quote was checked', () => {
    const { error } = report({ CI: 'true' }, [bothStoresAndQuotes[0]!]);
    expect(error?.message).toContain('Tests on store neo4j: none ran');
    expect(error?.message).toContain('Quote checks against the source texts: none ran (SOURCES_DIR must name');
    expect(error?.message).not.toContain('store embedded');
  });

  it('passes a CI run where every tagged test ran, failed ones included (jest fails those itself)', () => {
    expect(report({ CI: 'true' }, [...bothStoresAndQuotes, ['x [store: neo4j] y', 'failed']]).error).toBeUndefined();
  });

  it('only counts outside CI, skips and all', () => {
    for (const env of [{}, { CI: 'false' }, { CI: '0' }, { CI: '' }]) {
      const { error, output } = report(env, [['b [store: neo4j] x', 'pending']]);
      expect(error).toBeUndefined();
      expect(output).toContain('Tests on store neo4j: 0 passed, 0 failed, 1 skipped\n');
    }
  });

  it('reads CI as CI services set it', () => {
    expect([{ CI: 'true' }, { CI: '1' }, { CI: 'TRUE' }, { CI: 'yes' }].map((env) => StoreReporter.isCI(env))).toEqual([true, true, true, true]);
    expect([{}, { CI: 'false' }, { CI: '0' }, { CI: ' ' }].map((env) => StoreReporter.isCI(env))).toEqual([false, false, false, false]);
  });
});
