import type { UseFormRegisterReturn } from 'react-hook-form';

export type RadioCardOption = { value: string; label: string; description: string };

/**
 * A choice shown as cards, each with the line that explains it (its accessible description), so
 * every option is read before one is picked. The form registers the field once for all cards.
 */
export function RadioCards({
  idPrefix,
  field,
  options,
  columns,
}: {
  idPrefix: string;
  field: UseFormRegisterReturn;
  options: readonly RadioCardOption[];
  /** A Tailwind grid-columns class, e.g. `sm:grid-cols-2`. */
  columns: string;
}) {
  return (
    <div className={`mt-2 grid gap-3 ${columns}`}>
      {options.map((option) => (
        <div key={option.value} className="flex items-start gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/50">
          <input
            id={`${idPrefix}-${option.value}`}
            type="radio"
            value={option.value}
            aria-describedby={`${idPrefix}-${option.value}-hint`}
            className="mt-0.5 h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500"
            {...field}
          />
          <div>
            <label htmlFor={`${idPrefix}-${option.value}`} className="text-sm font-medium text-slate-800">
              {option.label}
            </label>
            <p id={`${idPrefix}-${option.value}-hint`} className="text-sm text-slate-500">
              {option.description}
            </p>
          </div>
        </div>
      ))}
    </div>
  );
}
