import { Bench, type Fn, type FnOptions } from 'tinybench';

export interface Side {
  readonly run: Fn;
  readonly options?: FnOptions;
  /** Operations one run performs (a run of a batch of 100 counts 100). */
  readonly perRun?: number;
}

export interface Comparison {
  /** Median over the rounds of each side's median latency, per operation, in milliseconds. */
  readonly frameworkMs: number;
  readonly baselineMs: number;
  /** framework ÷ baseline: 1.10 means 10 % slower than the hand-written code. */
  readonly ratio: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export interface MeasureOptions {
  readonly rounds: number;
  readonly timeMs: number;
  readonly warmupMs: number;
}

/** The median latency of one task per round (tinybench, with warm-up), per operation, median over rounds. */
export async function measure(side: Side, options: MeasureOptions): Promise<number> {
  const samples: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, iterations: 16 });
    bench.add('task', side.run, side.options);
    await bench.run();
    const result = bench.tasks[0]?.result;
    if (!result || result.state !== 'completed') throw new Error(`the task did not complete: ${JSON.stringify(result)}`);
    samples.push(result.latency.p50 / (side.perRun ?? 1));
  }
  return median(samples);
}

/**
 * Several sides in one process, in interleaved rounds: round r runs the sides in an order rotated by r (A B C D,
 * B C D A, …), so that drift of the machine hits every side alike and none always runs first. Per side, the median
 * of its per-round medians, in milliseconds per operation.
 */
export async function compareAll(sides: readonly Side[], options: MeasureOptions): Promise<number[]> {
  const rounds: number[][] = sides.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    const one = { ...options, rounds: 1 };
    for (let k = 0; k < sides.length; k++) {
      const index = (k + round) % sides.length;
      const side = sides[index];
      if (side) rounds[index]?.push(await measure(side, one));
    }
  }
  return rounds.map(median);
}

/** The framework and one baseline, in alternating rounds (compareAll of two), or operation by operation (comparePaired). */
export async function compare(framework: Side, baseline: Side, options: MeasureOptions, method = compareAll): Promise<Comparison> {
  const [frameworkMs = NaN, baselineMs = NaN] = await method([framework, baseline], options);
  return { frameworkMs, baselineMs, ratio: frameworkMs / baselineMs };
}

/**
 * Two or more sides alternated operation by operation (A B, B A, A B, …): each side's setup (its beforeEach) runs
 * untimed right before each of its operations, and each operation is timed alone. Drift of the machine (a disk's
 * flush that slows for some seconds, another process) then hits every side alike, where rounds of seconds each can
 * catch it on one side only; for sides doing nearly the same work, whose ratio should be 1, this is the fairer
 * measure. Runs for as long as compareAll would (rounds × time per side) after the warm-up. Per side, the median
 * latency, in milliseconds per operation.
 */
export async function comparePaired(sides: readonly Side[], options: MeasureOptions): Promise<number[]> {
  const times: number[][] = sides.map(() => []);
  const warmUntil = performance.now() + options.warmupMs * sides.length;
  const budget = options.rounds * options.timeMs * sides.length;
  let measuredFrom: number | undefined;
  for (let i = 0; measuredFrom === undefined || performance.now() - measuredFrom < budget; i++) {
    const warm = performance.now() < warmUntil;
    if (!warm) measuredFrom ??= performance.now();
    for (let k = 0; k < sides.length; k++) {
      const index = (k + i) % sides.length;
      const side = sides[index];
      if (!side) continue;
      await side.options?.beforeEach?.call(undefined as never, 'run');
      const started = performance.now();
      await side.run();
      const took = performance.now() - started;
      if (!warm) times[index]?.push(took / (side.perRun ?? 1));
    }
  }
  return times.map(median);
}
