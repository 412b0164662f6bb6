/** How the estimate's figures read: whole numbers with separators, shares as percentages. */
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return whole.format(n);
}

/** A share of the rate limit (0–1); tiny shares say so rather than 0 %. */
export function formatShare(share: number): string {
  if (share === 0) return '0 %';
  if (share < 0.0001) return '< 0.01 %';
  return `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: share < 0.01 ? 2 : 1 })} %`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "12 minutes", "3 hours": how long the pace was read over. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.round(minutes / 60)} hours`;
}
