/** Latencies in milliseconds, kept whole: a benchmark run records at most a few hundred thousand. */
export class Histogram {
  private values: number[] = [];

  record(ms: number): void {
    this.values.push(ms);
  }

  percentile(p: number): number {
    if (this.values.length === 0) return 0;
    const sorted = [...this.values].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
    return Math.round((sorted[Math.max(0, index)] as number) * 100) / 100;
  }
}
