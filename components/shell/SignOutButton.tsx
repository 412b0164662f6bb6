'use client';

import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/Button';
import { useSignOut } from '@/lib/client/use-sign-out';

export function SignOutButton() {
  const router = useRouter();
  const signOut = useSignOut();
  return (
    <Button
      size="sm"
      variant="ghost"
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          onSettled: () => {
            router.replace('/login');
            router.refresh();
          },
        })
      }
    >
      Sign out
    </Button>
  );
}
