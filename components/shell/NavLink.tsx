'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`) || (href === '/catalog' && pathname.startsWith('/syncs/'));
  return (
    <li>
      <Link
        href={href}
        aria-current={active ? 'page' : undefined}
        className={`rounded-md px-3 py-2 text-sm font-medium ${active ? 'bg-slate-100 text-slate-900' : 'text-slate-600 hover:bg-slate-50 hover:text-slate-900'}`}
      >
        {children}
      </Link>
    </li>
  );
}
