import type { ConnectionProblem } from '@/lib/braze';

/**
 * What Test connection tells a person, in plain words, for each problem lib/braze can name.
 * Braze answers a wrong key and a key of another cluster with the same 401, so one message
 * names both (braze-api.md §1.1).
 */
export const CONNECTION_MESSAGES: Readonly<Record<ConnectionProblem, string>> = {
  invalid_key_or_cluster:
    'Braze did not accept this REST API Key. Check that the key is copied whole and that the selected REST API Endpoint is the cluster of your Braze workspace: a key only works on its own cluster.',
  missing_permission:
    'The REST API Key is valid but lacks the users.track permission. In Braze, open Settings → APIs and Identifiers, edit the key and allow users.track.',
  wrong_endpoint: 'This address answered, but it is not a Braze REST API Endpoint. Select the REST endpoint of your cluster.',
  endpoint_not_allowed: 'This REST API Endpoint is not allowed on this server.',
  rate_limited: 'Braze is rate-limiting this key right now. The key works; try again in a minute.',
  braze_unavailable: 'Braze is unavailable right now (a server error). Try again in a few minutes.',
  unreachable: 'Could not reach the REST API Endpoint (no answer or a network error). Check the endpoint and this server’s outbound network.',
  unexpected_response: 'Braze gave an answer this product did not expect. Check the endpoint and try again.',
};

export const CONNECTION_OK_MESSAGE = 'Connected. The REST API Endpoint and the REST API Key work, with permission to send users and events.';
