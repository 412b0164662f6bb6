import type { ReactNode } from 'react';

interface SectionCardProps {
  id: string;
  title: string;
  description?: ReactNode;
  /** Step number in a setup flow, shown before the title. */
  step?: number;
  aside?: ReactNode;
  children: ReactNode;
}

/** A titled white card; a landmark named by its heading. */
export function SectionCard({ id, title, description, step, aside, children }: SectionCardProps) {
  return (
    <section aria-labelledby={`${id}-title`} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 py-4">
        <div className="flex gap-3">
          {step !== undefined && (
            <span aria-hidden="true" className="mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-700 ring-1 ring-brand-100">
              {step}
            </span>
          )}
          <div>
            <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {title}
            </h2>
            {description && <div className="mt-0.5 text-sm text-slate-500">{description}</div>}
          </div>
        </div>
        {aside}
      </header>
      <div className="space-y-6 px-6 py-5">{children}</div>
    </section>
  );
}
