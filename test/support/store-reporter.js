// Prints, after the run, how many tests ran against each store and how many checked the
// quotes against the source texts: suites tag their describe blocks with "[store: <kind>]"
// and quote tests with "[sources]", so a skipped store or an unchecked quote shows as such.
//
// Under CI (CI set, and not "false" or "0") a run where any of these tests was skipped, or
// none of them ran, fails (jest exits 1): a green CI means both stores were tested and
// every quote was checked.
const GROUPS = [
  { key: 'embedded', label: 'Tests on store embedded', hint: 'these run on every machine; look for a skip in the suites tagged [store: embedded]' },
  { key: 'neo4j', label: 'Tests on store neo4j', hint: 'NEO4J_TEST_URI must name a running Neo4j (bash scripts/neo4j-server.sh start; .ci/run does it)' },
  { key: 'sources', label: 'Quote checks against the source texts', hint: 'SOURCES_DIR must name the folder of the source documents (.ci/run uses ../shared/sources)' },
];

function isCI(env = process.env) {
  const value = (env.CI ?? '').trim().toLowerCase();
  return value !== '' && value !== 'false' && value !== '0';
}

/** Counts tests by tag: "[store: kind]" for the store suites, "[sources]" for the quote checks. */
function countTags(results) {
  const counts = Object.fromEntries(GROUPS.map((g) => [g.key, { passed: 0, failed: 0, skipped: 0 }]));
  for (const file of results.testResults) {
    for (const test of file.testResults) {
      const keys = [];
      const store = /\[store: ([^\]]+)\]/.exec(test.fullName);
      if (store) keys.push(store[1]);
      // A quote check skipped with its store's suite is that store's skip, reported as such.
      const skippedWithStore = store && test.status !== 'passed' && test.status !== 'failed';
      if (test.fullName.includes('[sources]') && !skippedWithStore) keys.push('sources');
      for (const key of keys) {
        const c = (counts[key] ??= { passed: 0, failed: 0, skipped: 0 });
        if (test.status === 'passed') c.passed++;
        else if (test.status === 'failed') c.failed++;
        else c.skipped++; // pending, skipped, todo, disabled
      }
    }
  }
  return counts;
}

/** What CI refuses: a group with a skipped test, or with no test run at all. */
function ciProblems(counts) {
  const problems = [];
  for (const group of GROUPS) {
    const c = counts[group.key];
    if (c.skipped > 0) problems.push(`${group.label}: ${c.skipped} skipped (${group.hint})`);
    else if (c.passed + c.failed === 0) problems.push(`${group.label}: none ran (${group.hint})`);
  }
  return problems;
}

class StoreReporter {
  constructor(_globalConfig, _options, _context, env = process.env) {
    this.ci = isCI(env);
    this.error = undefined;
  }

  onRunComplete(_contexts, results) {
    const counts = countTags(results);
    for (const group of GROUPS) {
      const c = counts[group.key];
      process.stdout.write(`${group.label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
    }
    if (!this.ci) return;
    const problems = ciProblems(counts);
    if (problems.length === 0) return;
    const message = `CI=true: this run does not count as tested, so it fails:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`;
    process.stdout.write(`\n${message}`);
    this.error = new Error(message);
  }

  /** Jest fails the run (exit code 1) when a reporter returns an error here. */
  getLastError() {
    return this.error;
  }
}

module.exports = StoreReporter;
module.exports.countTags = countTags;
module.exports.ciProblems = ciProblems;
module.exports.isCI = isCI;
