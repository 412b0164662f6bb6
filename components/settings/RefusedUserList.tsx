'use client';

import { formatMoment } from '@/components/dashboard/format';
import { Button } from '@/components/ui/Button';
import { useAllowUserAgain } from '@/lib/client/use-privacy-mutations';
import type { PrivacyOverview } from '@/lib/privacy/overview';

/**
 * Deleted users whose events are refused now. "Allow again" is how a user comes back on purpose
 * before the grace period ends (e.g. the person signed up again): their events are taken again.
 */
export function RefusedUserList({ users }: { users: PrivacyOverview['refusedUsers'] }) {
  const allow = useAllowUserAgain();
  if (users.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">Events refused (grace period)</h3>
      <ul aria-label="Users whose events are refused" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {users.map((u) => (
          <li key={u.userId} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-sm">
            <span className="font-mono text-slate-900">{u.userId}</span>
            <span className="text-slate-500">
              until {formatMoment(u.until)} · {u.refusedEvents} event{u.refusedEvents === 1 ? '' : 's'} refused
            </span>
            <Button size="sm" variant="ghost" className="ml-auto" loading={allow.isPending && allow.variables === u.userId} onClick={() => allow.mutate(u.userId)}>
              Allow again
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
