/**
 * Ends a run with how many tests were skipped and why: suites and tests that need a server or a program the
 * environment lacks are declared skipped, with `(skipped: <reason>)` in their title or in a surrounding describe's
 * (describeIf and testIf, test/support/skippable.ts). A skipped test that names no reason is counted as 'skipped in
 * the code'.
 */
export default class SkippedReporter {
  onRunComplete(_contexts, results) {
    const byReason = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending') continue;
        const reason = [test.title, ...test.ancestorTitles].map((title) => /\(skipped: ([^)]+)\)/.exec(title)?.[1]).find(Boolean) ?? 'skipped in the code';
        const entry = byReason.get(reason) ?? { tests: 0, files: new Set() };
        entry.tests += 1;
        entry.files.add(file.testFilePath);
        byReason.set(reason, entry);
      }
    }
    for (const [reason, { tests, files }] of byReason) {
      const hint = reason.startsWith('COMMERCE_TEST_') ? ' (bash .ci/run sets it)' : '';
      const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
      process.stderr.write(`Skipped ${count(tests, 'test')} in ${count(files.size, 'file')}: ${reason}${hint}.\n`);
    }
  }
}
