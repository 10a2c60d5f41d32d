// Keeps one failing handler from taking the server down: an exception is caught, logged once
// (the same failure in the same place is not logged again) and the handler answers its fallback.

export class ErrorReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly write: (message: string) => void) {}

  report(where: string, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    const key = `${where}\u0000${message}`;
    if (this.seen.has(key)) return;
    if (this.seen.size >= 500) this.seen.clear();
    this.seen.add(key);
    try {
      this.write(`Portolan: ${where} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
    } catch {
      // Nowhere left to report to (the connection is gone).
    }
  }

  /** `fn`, with its exceptions and rejections reported and turned into `fallback`. */
  guard<A extends unknown[], R>(where: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => R | Promise<R> {
    return (...args: A) => {
      try {
        const result = fn(...args);
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            this.report(where, err);
            return fallback;
          });
        }
        return result;
      } catch (err) {
        this.report(where, err);
        return fallback;
      }
    };
  }
}
