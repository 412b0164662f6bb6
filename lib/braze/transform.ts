/**
 * The pure Amplitude → Braze transforms, one module each, gathered here for readers looking
 * for "the transform".
 */
export { resolveIdentifier } from '@/lib/braze/identifier';
export { buildBrazeEvent, type BuildEventOptions, type BuiltEvent } from '@/lib/braze/event';
export { selectProperties, type PropertySelection, type SelectedProperties } from '@/lib/braze/select-properties';
export {
  buildBrazeAttributes,
  type AttributeChange,
  type BuildAttributesOptions,
  type BuiltAttributes,
} from '@/lib/braze/attributes';
export type { SourceEvent } from '@/lib/braze/source-event';
