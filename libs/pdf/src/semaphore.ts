/**
 * At most `limit` tasks at once; up to `maxWaiting` more wait in line (first come, first served),
 * beyond that `run` refuses at once. Rendering a register holds its document in memory: this bounds
 * how many can be held together.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a place is free; `onFull` builds the error thrown when the line is full. */
  async run<T>(task: () => Promise<T>, onFull: () => Error): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw onFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // the place passes straight to the next task in line: `running` stays the same
      if (next) next();
      else this.running--;
    }
  }
}
