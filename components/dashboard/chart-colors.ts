/** One colour per counter, the same in every chart and legend. */
export const CHART_COLORS = {
  delivered: '#10b981',
  notDelivered: '#ef4444',
  expired: '#f59e0b',
  skipped: '#94a3b8',
  filtered: '#8b5cf6',
  retried: '#f97316',
  rateLimited: '#b91c1c',
  requests: '#3b6cf6',
  dataPointsSent: '#3b6cf6',
  dataPointsSaved: '#10b981',
  latencyP50Ms: '#93c5fd',
  latencyP95Ms: '#2552e0',
  latencyP99Ms: '#1e3a8a',
} as const;

export type ChartKey = keyof typeof CHART_COLORS;
