// A faithful fake of Braze's REST API for tests, benchmarks and trying the product without a
// Braze account (braze-api.md §10).
export { startFakeBraze } from '@/test/fakes/braze/server';
export { ALL_PERMISSIONS, DEFAULT_API_KEY } from '@/test/fakes/braze/http/authenticate';
export type {
  AcceptedAttributes,
  AcceptedEvent,
  AcceptedObject,
  AcceptedPurchase,
  ActivitySummary,
  FakeBraze,
  FakeBrazeOptions,
  FakeBrazeStats,
  FakeKeyConfig,
  Fault,
  InputArray,
  MinorError,
  ObjectLimitMode,
  ProfileSnapshot,
  QueuedFault,
  RateLimit,
  RateLimitFault,
  RecordedRequest,
  ServerErrorFault,
  TimeoutFault,
  UserAlias,
} from '@/test/fakes/braze/types';
