import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'warning' | 'error';

const TONES: Record<Tone, { box: string; icon: string }> = {
  info: { box: 'border-sky-200 bg-sky-50 text-sky-900', icon: 'ℹ' },
  success: { box: 'border-emerald-200 bg-emerald-50 text-emerald-900', icon: '✓' },
  warning: { box: 'border-amber-200 bg-amber-50 text-amber-900', icon: '!' },
  error: { box: 'border-red-200 bg-red-50 text-red-900', icon: '✕' },
};

interface AlertProps {
  tone: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /** Announce it when it appears (results of an action); static notes leave this off. */
  live?: boolean;
  action?: ReactNode;
  className?: string;
}

export function Alert({ tone, title, children, live = false, action, className = '' }: AlertProps) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div role={role} className={`flex gap-3 rounded-lg border px-4 py-3 text-sm ${TONES[tone].box} ${className}`}>
      <span aria-hidden="true" className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-current/10 text-xs font-bold">
        {TONES[tone].icon}
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="leading-relaxed">{children}</div>}
        {action && <div className="pt-1">{action}</div>}
      </div>
    </div>
  );
}
