/**
 * Vitest bench reports mean, p75 and p99; the issue asks for p50 and p95. Each measured call records its own
 * duration here, and the file prints one table (and the ratios it asks for) when it ends.
 */
export class Samples {
  private readonly byName = new Map<string, number[]>();

  /** Times one call of `fn` under `name`. */
  async time<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.record(name, performance.now() - started);
    }
  }

  record(name: string, ms: number): void {
    const list = this.byName.get(name) ?? [];
    list.push(ms);
    this.byName.set(name, list);
  }

  /** The q-quantile (0..1) of a name's samples, nearest rank; NaN without samples. */
  quantile(name: string, q: number): number {
    const sorted = [...(this.byName.get(name) ?? [])].sort((a, b) => a - b);
    if (!sorted.length) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  }

  table(title: string, ratios: Array<[label: string, name: string, baseline: string]> = []): string {
    const rows = [...this.byName.entries()].map(([name, list]) => {
      const mean = list.reduce((a, b) => a + b, 0) / list.length;
      return `| ${name} | ${list.length} | ${this.quantile(name, 0.5).toFixed(2)} | ${this.quantile(name, 0.95).toFixed(2)} | ${mean.toFixed(2)} |`;
    });
    const ratioRows = ratios.map(([label, name, baseline]) => {
      const p50 = this.quantile(name, 0.5) / this.quantile(baseline, 0.5);
      const p95 = this.quantile(name, 0.95) / this.quantile(baseline, 0.95);
      return `| ${label} | ${p50.toFixed(2)}× | ${p95.toFixed(2)}× |`;
    });
    return [
      `\n## ${title}\n`,
      '| case | n | p50 ms | p95 ms | mean ms |',
      '|---|---|---|---|---|',
      ...rows,
      ...(ratioRows.length ? ['', '| ratio | at p50 | at p95 |', '|---|---|---|', ...ratioRows] : []),
      '',
    ].join('\n');
  }
}
