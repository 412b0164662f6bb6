export { startFakeAmplitude } from '@/test/fakes/amplitude/server';
export type { FakeAmplitude, FakeAmplitudeOptions, Fault as AmplitudeFault, IngestedEvent, Identification } from '@/test/fakes/amplitude/types';
