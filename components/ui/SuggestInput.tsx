import type { ComponentProps } from 'react';
import { inputClass } from '@/components/ui/Field';

interface SuggestInputProps extends Omit<ComponentProps<'input'>, 'list'> {
  id: string;
  suggestions: readonly string[];
}

/** A text input that offers known names (a native datalist) and accepts any typed one. */
export function SuggestInput({ id, suggestions, className = '', ...props }: SuggestInputProps) {
  const listId = `${id}-suggestions`;
  return (
    <>
      <input id={id} list={listId} autoComplete="off" className={`${inputClass} ${className}`} {...props} />
      <datalist id={listId}>
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}
