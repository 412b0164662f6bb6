/**
 * Startup: the admin account from `ADMIN_EMAIL` exists and signs in with the admin password
 * from the environment or DATA_DIR/secrets.json. When that password changed since the last
 * start, the stored hash is replaced, so the documented password always works.
 */
import { auth } from '@/lib/auth/auth';
import { env } from '@/lib/env';
import { loadSecrets } from '@/lib/secrets';

const CREDENTIAL_PROVIDER = 'credential';

export type AdminUserChange = 'created' | 'password_updated' | 'unchanged';

export async function ensureAdminUser(): Promise<AdminUserChange> {
  const config = env();
  const password = loadSecrets(config).adminPassword;
  const ctx = await auth().$context;
  const adapter = ctx.internalAdapter;
  const hash = () => ctx.password.hash(password);

  const found = await adapter.findUserByEmail(config.ADMIN_EMAIL, { includeAccounts: true });
  if (!found) {
    const user = await adapter.createUser(
      { email: config.ADMIN_EMAIL, name: 'Admin', emailVerified: true },
      { method: 'admin' },
    );
    await adapter.linkAccount({ userId: user.id, providerId: CREDENTIAL_PROVIDER, accountId: user.id, password: await hash() });
    return 'created';
  }
  const credential = found.accounts.find((a) => a.providerId === CREDENTIAL_PROVIDER);
  if (!credential?.password) {
    await adapter.linkAccount({ userId: found.user.id, providerId: CREDENTIAL_PROVIDER, accountId: found.user.id, password: await hash() });
    return 'password_updated';
  }
  if (await ctx.password.verify({ hash: credential.password, password })) return 'unchanged';
  await adapter.updatePassword(found.user.id, await hash());
  // Whoever signed in with the old password is signed out.
  await adapter.deleteUserSessions(found.user.id);
  return 'password_updated';
}
