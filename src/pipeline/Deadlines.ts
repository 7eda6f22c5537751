/** A running operation under a deadline: `expire` is called once, if it is still running then. */
interface Watch {
  readonly deadline: number;
  readonly expire: () => void;
}

/**
 * The deadlines of the operations running, on one timer for all of them: watching an operation costs a set entry,
 * not a timer of its own (which would cost every operation about half a microsecond). The timer is set for the
 * earliest deadline and, when it fires, expires what is due and sets itself for the next.
 */
export class Deadlines {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;

  /** Calls `expire` once `ms` have passed, unless the returned `done` is called first. */
  watch(ms: number, expire: () => void): () => void {
    const watch: Watch = { deadline: performance.now() + ms, expire };
    this.watches.add(watch);
    if (watch.deadline < this.timerAt) this.schedule(watch.deadline);
    return () => this.watches.delete(watch);
  }

  private schedule(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.fire();
    }, Math.max(0, at - performance.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const watch of [...this.watches]) {
      if (watch.deadline <= now) {
        this.watches.delete(watch);
        watch.expire();
      } else next = Math.min(next, watch.deadline);
    }
    if (next < Infinity) this.schedule(next);
  }
}
