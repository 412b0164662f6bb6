/**
 * A Prometheus histogram whose bucket counts are already known: the latency histograms are
 * counted by every worker into Postgres (lib/metrics/recorder), and a scrape only shows them.
 * prom-client's Histogram can only `observe` one value at a time, so this one is given each
 * series' counts per bucket and their sum, and answers what prom-client's registry formats
 * (`_bucket` cumulative with `le`, then `_sum` and `_count`) from its `getForPromString`, the
 * method the registry reads for the text format and `get()` builds on.
 */
import { Histogram, type Registry } from 'prom-client';

type Label = 'sync_id' | 'le';
type Value = { metricName: string; labels: Partial<Record<Label, string | number>>; value: number };

export interface HistogramSeries {
  syncId: string;
  /** Counts per bucket of `upperBounds`, then the count above the last bound. */
  counts: readonly number[];
  sum: number;
}

export class CountedHistogram extends Histogram<Label> {
  private readonly series: HistogramSeries[] = [];
  private readonly bounds: readonly number[];
  private readonly metricName: string;
  private readonly helpText: string;

  constructor(config: { name: string; help: string; upperBounds: readonly number[]; registry: Registry }) {
    super({ name: config.name, help: config.help, labelNames: ['sync_id'], buckets: [...config.upperBounds], registers: [config.registry] });
    this.bounds = config.upperBounds;
    this.metricName = config.name;
    this.helpText = config.help;
  }

  setSeries(series: HistogramSeries): void {
    this.series.push(series);
  }

  async getForPromString() {
    const values: Value[] = [];
    const bucket = `${this.metricName}_bucket`;
    for (const s of this.series) {
      let seen = 0;
      this.bounds.forEach((le, i) => {
        seen += s.counts[i] ?? 0;
        values.push({ metricName: bucket, labels: { sync_id: s.syncId, le }, value: seen });
      });
      const count = seen + (s.counts[this.bounds.length] ?? 0);
      values.push({ metricName: bucket, labels: { sync_id: s.syncId, le: '+Inf' }, value: count });
      values.push({ metricName: `${this.metricName}_sum`, labels: { sync_id: s.syncId }, value: s.sum });
      values.push({ metricName: `${this.metricName}_count`, labels: { sync_id: s.syncId }, value: count });
    }
    return { name: this.metricName, help: this.helpText, type: 'histogram', aggregator: 'sum', values };
  }
}
