import Link from 'next/link';
import type { ReactNode } from 'react';
import { LogoMark } from '@/components/shell/LogoMark';
import { NavLink } from '@/components/shell/NavLink';
import { SignOutButton } from '@/components/shell/SignOutButton';

export function AppShell({ email, children }: { email: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-8 px-6">
          <Link href="/catalog" className="flex items-center gap-2 font-semibold text-slate-900">
            <LogoMark />
            Braze Event Streaming
          </Link>
          <nav aria-label="Main">
            <ul className="flex gap-1">
              <NavLink href="/catalog">Catalog</NavLink>
              <NavLink href="/dashboard">Delivery</NavLink>
              <NavLink href="/settings">Settings</NavLink>
            </ul>
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-500 sm:inline" title="Signed in">
              {email}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-6 py-8">
        {children}
      </main>
    </div>
  );
}
