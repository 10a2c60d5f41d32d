// A restartable timer: the re-check runs once, `delay` after the last change asked for it.

export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private immediate = false;

  constructor(private readonly run: () => void) {}

  /**
   * Runs `delayMs` from now; asking again restarts the wait (typing), except that a pending
   * immediate run (a save, a file changed on disk) is never pushed back.
   */
  schedule(delayMs: number): void {
    const delay = Math.max(0, delayMs);
    const due = Date.now() + delay;
    if (this.timer !== undefined && this.immediate && this.due <= due) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.due = due;
    this.immediate = delay === 0;
    this.timer = setTimeout(() => this.fire(), delay);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Runs now if a run is pending. */
  flush(): void {
    if (this.timer !== undefined) this.fire();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.cancel();
    this.run();
  }
}
