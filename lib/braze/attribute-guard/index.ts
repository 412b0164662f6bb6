/**
 * The attribute type guard's Braze side: data types, lossless coercion, the per-object guard and
 * the `GET /custom_attributes` export. Where rules come from (the workspace's declared
 * attributes, or the first type a sync sent) is lib/pipeline/guard's business.
 */
export { GUARD_TYPES, isDateLike, readDataType, typeOfValue, type GuardType } from '@/lib/braze/attribute-guard/data-types';
export { coerceToType, type Coerced } from '@/lib/braze/attribute-guard/coerce';
export {
  NON_CUSTOM_FIELDS,
  guardAttributesObject,
  type AttributeRule,
  type GuardedObject,
  type HeldBackAttribute,
} from '@/lib/braze/attribute-guard/guard-object';
export {
  MAX_EXPORT_PAGES,
  exportCustomAttributes,
  nextCursorOf,
  type AttributeExport,
  type DeclaredAttribute,
} from '@/lib/braze/attribute-guard/export-attributes';
