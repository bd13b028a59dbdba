/** A rate as people read it on a form: 87.5%, or — when there was nothing to count. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}
