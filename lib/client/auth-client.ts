/** better-auth's browser client, for signing in and out (same origin: /api/auth). */
import { createAuthClient } from 'better-auth/react';

export const authClient = createAuthClient();
