import { useState } from 'react';
import { describeCause, describeReplayState } from '@/components/dashboard/failure-kinds';
import { formatMoment } from '@/components/dashboard/format';
import { JsonBlock } from '@/components/dashboard/JsonBlock';
import { Badge } from '@/components/ui/Badge';
import type { DeadLetterView } from '@/lib/client/dashboard-types';
import { isContentError, isEventObject, isReplayableKind, sourceFixOf } from '@/lib/dead-letters/letter-kinds';

/** Whether a letter can be picked for replay: of a replayable kind, and not replaying, delivered or superseded. */
export const isSelectable = (l: DeadLetterView) => isReplayableKind(l.kind) && (l.replayState === null || l.replayState === 'failed');

/** "Event: Purchase", or "User update (from Purchase)": which Braze array the object was for. */
function objectOf(l: DeadLetterView): string {
  const isEvent = l.kind === 'invalid' || (typeof l.payload === 'object' && l.payload !== null && isEventObject(l.payload as Record<string, unknown>));
  if (isEvent) return `Event: ${l.eventType ?? '—'}`;
  return l.eventType ? `User update (from ${l.eventType})` : 'User update';
}

interface DeadLetterRowProps {
  letter: DeadLetterView;
  selected: boolean;
  onToggle: (id: string) => void;
}

export function DeadLetterRow({ letter, selected, onToggle }: DeadLetterRowProps) {
  const [open, setOpen] = useState(false);
  const state = describeReplayState(letter.replayState);
  const name = `${letter.eventType ?? 'object'} of ${letter.userId ?? 'no user'} at ${formatMoment(letter.createdAt)}`;
  return (
    <>
      <tr className="align-top">
        <td className="px-3 py-2">
          <input
            type="checkbox"
            aria-label={`Select ${name}`}
            checked={selected}
            disabled={!isSelectable(letter)}
            onChange={() => onToggle(letter.id)}
            className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500 disabled:opacity-40"
          />
        </td>
        <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatMoment(letter.createdAt)}</td>
        <td className="px-3 py-2 font-mono text-xs">{letter.userId ?? '—'}</td>
        <td className="px-3 py-2">{objectOf(letter)}</td>
        <td className="px-3 py-2">
          <p className="text-xs font-medium text-slate-700">{describeCause(letter.kind, letter.status)}</p>
          <p className="break-words font-mono text-xs text-red-800">{letter.error}</p>
          {isContentError(letter.kind) && <p className="mt-1 text-xs text-amber-900">{sourceFixOf(letter.error)}</p>}
        </td>
        <td className="px-3 py-2">
          {state ? <Badge tone={state.tone}>{state.label}</Badge> : <span className="text-xs text-slate-500">{isContentError(letter.kind) ? 'Fix in the source' : 'Not replayed'}</span>}
          {letter.supersededFields.length > 0 && (
            <p className="mt-1 text-xs text-slate-500">Superseded, not sent: {letter.supersededFields.join(', ')} (a newer value was already sent)</p>
          )}
        </td>
        <td className="px-3 py-2 text-right">
          <button type="button" aria-expanded={open} aria-label={`${open ? 'Hide' : 'Show'} ${name}`} onClick={() => setOpen(!open)} className="text-xs font-medium text-brand-700 underline hover:text-brand-600">
            {open ? 'Hide' : 'Show'}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td />
          <td colSpan={6} className="px-3 pb-3">
            <JsonBlock value={letter.payload} label={`What was (or would have been) sent: ${name}`} />
          </td>
        </tr>
      )}
    </>
  );
}
