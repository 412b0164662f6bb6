import type { PropertyIssue, PropertyIssueReason } from '@/lib/braze/types';

export function dropped(key: string, reason: PropertyIssueReason, detail: string): PropertyIssue {
  return { key, action: 'dropped', reason, detail };
}

export function changed(key: string, reason: PropertyIssueReason, detail: string): PropertyIssue {
  return { key, action: 'changed', reason, detail };
}
