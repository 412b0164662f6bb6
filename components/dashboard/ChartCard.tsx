import type { ReactNode } from 'react';

/** A chart with its title and, for screen readers, what it adds up to. */
export function ChartCard({ id, title, summary, children }: { id: string; title: string; summary: string; children: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-title`} className="rounded-xl border border-slate-200 bg-white px-4 pb-3 pt-4 shadow-sm">
      <figcaption className="mb-2 px-1">
        <span id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {title}
        </span>
        <span className="sr-only">. {summary}</span>
      </figcaption>
      {children}
    </figure>
  );
}
