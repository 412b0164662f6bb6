import {
  findPropertiesError,
  findRequiredStringError,
  findTimeError,
  findUserError,
  type ParsedFields,
} from '@/test/fakes/braze/track/validate-common';
import { invalidField } from '@/test/fakes/braze/track/minor-errors';
import { findEcommerceError } from '@/test/fakes/braze/track/validate-ecommerce';
import type { JsonObject } from '@/test/fakes/braze/types';

/** Minor error of an event object, or null when it is valid (braze-api.md §2.6). */
export function findEventError(event: JsonObject, parsed: ParsedFields): string | null {
  return (
    findUserError(event) ??
    findRequiredStringError(event, 'name') ??
    findTimeError(event, parsed) ??
    findAppIdError(event) ??
    findPropertiesError(event) ??
    findEcommerceError(event)
  );
}

/** app_id is optional, but a string when present (braze-api.md §6). */
export function findAppIdError(object: JsonObject): string | null {
  return object.app_id === undefined || typeof object.app_id === 'string' ? null : invalidField('app_id');
}
