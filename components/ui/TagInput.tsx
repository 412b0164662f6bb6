'use client';

import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { describedBy, FieldError } from '@/components/ui/Field';

interface TagInputProps {
  id: string;
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  suggestions?: readonly string[];
  placeholder?: string;
  hint?: string;
  error?: string;
}

/**
 * A list of names: type one (or pick a known one) and press Enter to add it; each added name
 * has its own remove button. A name still typed when focus leaves is added too, so nothing
 * typed is silently lost.
 */
export function TagInput({ id, label, values, onChange, suggestions = [], placeholder, hint, error }: TagInputProps) {
  const [draft, setDraft] = useState('');
  const listId = `${id}-suggestions`;

  const add = (raw: string) => {
    const name = raw.trim();
    setDraft('');
    if (name && !values.includes(name)) onChange([...values, name]);
  };

  const onInput = (e: ChangeEvent<HTMLInputElement>) => {
    const picked = (e.nativeEvent as InputEvent).inputType === 'insertReplacementText' || (e.nativeEvent as InputEvent).inputType === undefined;
    // Choosing an entry of the suggestion list adds it at once; typing waits for Enter.
    if (picked && suggestions.includes(e.target.value)) add(e.target.value);
    else setDraft(e.target.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  };

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex min-h-10 flex-wrap items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2 py-1.5 shadow-sm focus-within:border-brand-500 focus-within:ring-2 focus-within:ring-brand-500/30">
        {values.length > 0 && (
          <ul aria-label={`${label}: selected`} className="contents">
            {values.map((value) => (
              <li key={value} className="inline-flex items-center gap-1 rounded-md bg-brand-50 py-0.5 pl-2 pr-1 font-mono text-xs text-brand-700 ring-1 ring-brand-100">
                {value}
                <button
                  type="button"
                  onClick={() => onChange(values.filter((v) => v !== value))}
                  aria-label={`Remove ${value} from ${label}`}
                  className="rounded px-1 text-brand-700 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          {...describedBy(id, { hint: hint ?? true, error })}
          list={listId}
          value={draft}
          onChange={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => add(draft)}
          placeholder={values.length === 0 ? placeholder : 'Add another…'}
          autoComplete="off"
          className="min-w-40 flex-1 border-0 bg-transparent px-1 py-1 text-sm outline-none placeholder:text-slate-400"
        />
        <datalist id={listId}>
          {suggestions
            .filter((name) => !values.includes(name))
            .map((name) => (
              <option key={name} value={name} />
            ))}
        </datalist>
      </div>
      <p id={`${id}-hint`} className="text-sm text-slate-500">
        {hint ?? 'Type a name or pick one seen in your events, then press Enter.'}
      </p>
      <FieldError id={id} error={error} />
    </div>
  );
}
