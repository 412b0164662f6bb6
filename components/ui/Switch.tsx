import type { ReactNode } from 'react';

interface SwitchProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** Said next to the switch: what its current position means. */
  onText?: ReactNode;
  offText?: ReactNode;
  disabled?: boolean;
  /** A smaller switch without visible label text, e.g. in a table row. */
  compact?: boolean;
}

/** An on/off control: a checkbox with role="switch", so Space toggles it and it is named by its label. */
export function Switch({ id, label, checked, onChange, onText, offText, disabled, compact = false }: SwitchProps) {
  const state = checked ? onText : offText;
  return (
    <div className="flex items-center gap-3">
      <span className="relative inline-flex shrink-0">
        {/* The real control lies over the drawn track, so a click anywhere on it toggles it. */}
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="peer absolute inset-0 z-10 m-0 h-full w-full cursor-pointer appearance-none rounded-full opacity-0 disabled:cursor-not-allowed"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
          aria-labelledby={`${id}-label`}
          aria-describedby={state ? `${id}-state` : undefined}
        />
        <span
          aria-hidden="true"
          className={`inline-flex items-center rounded-full transition-colors peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 peer-disabled:opacity-60 ${
            compact ? 'h-5 w-9' : 'h-6 w-11'
          } ${checked ? 'bg-brand-600' : 'bg-slate-300'}`}
        >
          <span
            className={`inline-block transform rounded-full bg-white shadow transition-transform ${compact ? 'h-4 w-4' : 'h-5 w-5'} ${
              checked ? (compact ? 'translate-x-4.5' : 'translate-x-5.5') : 'translate-x-0.5'
            }`}
          />
        </span>
      </span>
      <label id={`${id}-label`} htmlFor={id} className={compact ? 'sr-only' : 'cursor-pointer text-sm font-medium text-slate-800'}>
        {label}
      </label>
      {state && (
        <span id={`${id}-state`} className={`text-sm ${checked ? 'font-medium text-emerald-700' : 'text-slate-500'}`}>
          {state}
        </span>
      )}
    </div>
  );
}
