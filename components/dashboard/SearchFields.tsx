'use client';

import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/Field';

export interface SearchValues {
  userId?: string;
  eventType?: string;
  from?: string;
  to?: string;
}

/** `datetime-local` is the viewer's local time; the API takes ISO instants. */
const toInstant = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** User ID, event type and a time window; Search applies them, Clear drops them. */
export function SearchFields({ label, initial, onSearch }: { label: string; initial: SearchValues; onSearch: (values: SearchValues) => void }) {
  const id = useId();
  const [userId, setUserId] = useState(initial.userId ?? '');
  const [eventType, setEventType] = useState(initial.eventType ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({ userId: userId.trim() || undefined, eventType: eventType.trim() || undefined, from: toInstant(from), to: toInstant(to) });
  };
  const clear = () => {
    setUserId('');
    setEventType('');
    setFrom('');
    setTo('');
    onSearch({});
  };
  const field = (suffix: string, text: string, control: React.ReactNode) => (
    <div className="min-w-36 flex-1 space-y-1">
      <label htmlFor={`${id}-${suffix}`} className="block text-xs font-medium text-slate-700">
        {text}
      </label>
      {control}
    </div>
  );
  return (
    <form role="search" aria-label={label} onSubmit={submit} className="flex flex-wrap items-end gap-3">
      {field('user', 'User ID', <input id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)} className={inputClass} autoComplete="off" />)}
      {field('event', 'Event type', <input id={`${id}-event`} value={eventType} onChange={(e) => setEventType(e.target.value)} className={inputClass} autoComplete="off" />)}
      {field('from', 'From', <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className={inputClass} />)}
      {field('to', 'To', <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} className={inputClass} />)}
      <div className="flex gap-2">
        <Button type="submit" variant="primary">
          Search
        </Button>
        <Button onClick={clear}>Clear</Button>
      </div>
    </form>
  );
}
