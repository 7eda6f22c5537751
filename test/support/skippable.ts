/**
 * Suites and tests that need what the environment may lack (a server, a program). Without it they are still declared,
 * skipped, with `(skipped: <why>)` in their title: the skipped-tests reporter (skippedReporter.js) sums the run's
 * skipped tests up by that reason, so that a run says what it did not test and why.
 */

/** `describe(title, suite)` when `ready`; else the suite is declared skipped, saying `why`. */
export function describeIf(ready: boolean, why: string, title: string, suite: () => void): void {
  if (ready) describe(title, suite);
  else describe.skip(`${title} (skipped: ${why})`, suite);
}

/** `test(title, fn, timeout)` when `ready`; else the test is declared skipped, saying `why`. */
export function testIf(ready: boolean, why: string, title: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (ready) test(title, fn, timeout);
  else test.skip(`${title} (skipped: ${why})`, fn, timeout);
}
