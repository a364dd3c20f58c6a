// Prints, after the run, how many tests ran against each store: suites tag their
// describe blocks with "[store: <kind>]", so a skipped store shows as such.
class StoreReporter {
  onRunComplete(_contexts, results) {
    const counts = {};
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const match = /\[store: ([^\]]+)\]/.exec(test.fullName);
        if (!match) continue;
        const c = (counts[match[1]] ??= { passed: 0, failed: 0, skipped: 0 });
        if (test.status === 'passed') c.passed++;
        else if (test.status === 'failed') c.failed++;
        else c.skipped++;
      }
    }
    for (const kind of ['embedded', 'neo4j']) {
      const c = counts[kind] ?? { passed: 0, failed: 0, skipped: 0 };
      process.stdout.write(`Tests on store ${kind}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
    }
  }
}
module.exports = StoreReporter;
