import { setTimeout as delay } from 'node:timers/promises';
import { Deadlines } from '../../src/pipeline/Deadlines.js';

describe('the deadlines of running operations, on one timer', () => {
  test('a shorter deadline watched after a longer one expires first; one that is done never expires; each expires once', async () => {
    const deadlines = new Deadlines();
    const expired: string[] = [];
    const long = deadlines.watch(10_000, () => expired.push('long'));
    deadlines.watch(30, () => expired.push('short'));
    const finished = deadlines.watch(20, () => expired.push('finished'));
    finished();
    deadlines.watch(60, () => expired.push('later'));
    await delay(150);
    expect(expired).toEqual(['short', 'later']);
    long();
  });
});
