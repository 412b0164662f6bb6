import { auth } from '@/lib/auth/auth';

// better-auth's own endpoints (sign-in, sign-out, session), with its origin checks and throttling.
export const GET = (request: Request) => auth().handler(request);
export const POST = (request: Request) => auth().handler(request);
