import { useId, type ReactNode } from 'react';
import { InfoTip } from '@/components/dashboard/InfoTip';

interface StatCardProps {
  label: string;
  value: string;
  detail?: ReactNode;
  /** What the figure means, in one line (a tooltip by the label). */
  meaning?: string;
  tone?: 'normal' | 'good' | 'bad' | 'warn';
  /** A smaller card, for the second row. */
  compact?: boolean;
}

const VALUE_TONES = { normal: 'text-slate-900', good: 'text-emerald-700', bad: 'text-red-700', warn: 'text-amber-700' } as const;

/** One figure of the range, named by its label (a group, so tests and screen readers find it by name). */
export function StatCard({ label, value, detail, meaning, tone = 'normal', compact = false }: StatCardProps) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="flex items-center">
        <p id={id} className="text-xs font-medium text-slate-500">
          {label}
        </p>
        {meaning && <InfoTip label={label} text={meaning} />}
      </div>
      <p className={`mt-1 font-semibold tabular-nums ${compact ? 'text-lg' : 'text-2xl'} ${VALUE_TONES[tone]}`}>{value}</p>
      {detail && <div className="mt-0.5 text-xs text-slate-500">{detail}</div>}
    </div>
  );
}
