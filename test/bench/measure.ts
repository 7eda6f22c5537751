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
 * The framework and the hand-written code in one process, in alternating rounds (so that drift of the machine hits
 * both alike); medians of per-round medians.
 */
export async function compare(framework: Side, baseline: Side, options: MeasureOptions): Promise<Comparison> {
  const frameworkRounds: number[] = [];
  const baselineRounds: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const one = { ...options, rounds: 1 };
    if (round % 2 === 0) {
      frameworkRounds.push(await measure(framework, one));
      baselineRounds.push(await measure(baseline, one));
    } else {
      baselineRounds.push(await measure(baseline, one));
      frameworkRounds.push(await measure(framework, one));
    }
  }
  const frameworkMs = median(frameworkRounds);
  const baselineMs = median(baselineRounds);
  return { frameworkMs, baselineMs, ratio: frameworkMs / baselineMs };
}
