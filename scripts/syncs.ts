/**
 * `npm run syncs -- <command>`: manage Braze syncs from a terminal, with every setting of the
 * setup wizard, validated by the wizard's own schema (lib/syncs/schema). `help` lists it all.
 * Works on this installation's database, or on another installation's management API with
 * `--url URL --token TOKEN` (an API token from Settings). The REST API key is never printed.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { disconnectPrisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import { AppError } from '@/lib/http/app-error';
import { RemoteApiError, remoteSyncStore } from '@/lib/syncs/remote-sync-store';
import { createSyncSchema, updateSyncSchema } from '@/lib/syncs/schema';
import { planSyncImport, SyncConfigError, toSyncConfig, toSyncConfigFile } from '@/lib/syncs/sync-config';
import { applySyncFlags, flagForPath, FlagError, NEW_SYNC_VALUES } from '@/lib/syncs/sync-flags';
import { findSync, localSyncStore, type SyncStore } from '@/lib/syncs/sync-store';
import type { SyncView } from '@/lib/syncs/sync-view';

const USAGE = `Usage: npm run syncs -- <command> [options]

Commands
  list                          Id, state, name and endpoint of every sync
  show ID|NAME                  One sync's settings as JSON (the format of export)
  create --name NAME --endpoint URL|INSTANCE --rest-api-key KEY [settings]
                                (the key may come from BRAZE_REST_API_KEY instead, out of shell history)
  update ID|NAME [settings]     Change only the settings given; the REST API key is kept unless given
  enable ID|NAME | disable ID|NAME | dry-run ID|NAME | delete ID|NAME
                                (dry-run: measure what the sync would send, send nothing)
  export                        Every sync's settings as JSON on stdout (no REST API keys)
  import FILE|- [--rest-api-key KEY] [--prune] [--dry-run]
                                Create or update syncs by name from export's JSON; a new sync takes
                                "restApiKey" from its entry, else --rest-api-key / BRAZE_REST_API_KEY;
                                --prune also deletes the syncs the file does not name

Settings (create and update)
  --name NAME  --endpoint URL|INSTANCE  --rest-api-key KEY  --app-id ID
  --enable | --disable | --dry-run
  --identifier-property PROP  --identifier-type EXTERNAL_ID|BRAZE_ID|USER_ALIAS|EMAIL  --alias-label LABEL
  --update-users-only | --no-update-users-only
  --forward-deletions | --no-forward-deletions   send user deletions to this workspace (default on)
  --send-events | --no-send-events      --send-users | --no-send-users
  --event TYPE      select an event (repeat for more); --all-events selects every event; --no-events none
  --where "SCOPE.PROPERTY OPERATOR [VALUES]"
                    filter the --event before it; SCOPE event|user|field; OPERATOR is, is_not, contains,
                    does_not_contain, starts_with, greater_than, less_than, is_set, is_not_set;
                    VALUES comma-separated or a JSON array. Example: --event Purchase --where "event.plan is pro,team"
  --event-property NAME        event property sent with events (repeat; replaces the list)
  --event-user-property NAME   user property sent as an event property (repeat; replaces the list)
  --user-property NAME         user property sent as a custom attribute by Send Users (repeat)
  --object-limit-mode combined75|legacy75each|mau50
  --send-anonymous-users | --no-send-anonymous-users   devices without user_id as alias profiles, merged on login
  --anonymous-alias-label LABEL   their alias_label (default amplitude_device_id)
  --revenue-mode ecommerce|purchases|events   how revenue reaches Braze (default ecommerce)
  --currency-property NAME  --default-currency CODE
  --order-event TYPE           an order event with a products array (repeat; replaces the list)
  --refund-revenue-type TYPE   a revenueType that marks a refund (repeat; replaces the list)
  --email-subscribe NAME  --push-subscribe NAME   user property sent as email_subscribe / push_subscribe
  --subscription-group NAME=GROUP_ID   user property sent as that subscription group's state (repeat; replaces the list)
  --clear event-properties|event-user-properties|user-properties|app-id|alias-label
          |currency-property|order-events|refund-revenue-types|email-subscribe|push-subscribe|subscription-groups

Remote installation (any command): --url https://streaming.example.com --token bzs_…
  (or BRAZE_STREAMING_URL and BRAZE_STREAMING_TOKEN)`;

class UsageError extends Error {}

function requireTarget(args: string[]): [string, string[]] {
  const [target, ...rest] = args;
  if (!target || target.startsWith('--')) throw new UsageError('Give the sync id or name (see `npm run syncs -- list`)');
  return [target, rest];
}

/** Zod's issues under the flags that set the fields. */
function flagProblems(error: ZodError): string {
  return error.issues.map((i) => `${flagForPath(i.path.join('.'))}: ${i.message}`).join('\n');
}

/** The status as the list and messages say it. */
function statusWord(sync: SyncView): string {
  if (sync.dryRun) return 'dry run';
  return sync.enabled ? 'enabled' : 'disabled';
}

function printSync(verb: string, sync: SyncView): void {
  console.log(`${verb} sync ${sync.id} "${sync.name}" (${statusWord(sync)}) → ${sync.brazeEndpoint}`);
}

async function create(store: SyncStore, args: string[]): Promise<void> {
  const values = applySyncFlags({ ...NEW_SYNC_VALUES, restApiKey: process.env.BRAZE_REST_API_KEY }, args);
  const parsed = createSyncSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(flagProblems(parsed.error));
  printSync('Created', await store.create(parsed.data));
}

async function update(store: SyncStore, args: string[]): Promise<void> {
  const [target, rest] = requireTarget(args);
  const sync = findSync(await store.list(), target);
  const parsed = updateSyncSchema.safeParse(applySyncFlags(toSyncConfig(sync), rest));
  if (!parsed.success) throw new UsageError(flagProblems(parsed.error));
  printSync('Updated', await store.update(sync.id, parsed.data));
}

function readInput(file: string): unknown {
  const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file === '-' ? 'stdin' : file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function importSyncs(store: SyncStore, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'rest-api-key': { type: 'string' }, prune: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new UsageError('Give one file to import, or - for stdin');
  const steps = planSyncImport(readInput(positionals[0]!), await store.list(), {
    defaultRestApiKey: values['rest-api-key'] ?? process.env.BRAZE_REST_API_KEY,
    prune: values.prune,
  });
  const endpoints = new Set(steps.flatMap((step) => ('input' in step ? [step.input.brazeEndpoint] : [])));
  for (const endpoint of endpoints) await store.checkEndpoint(endpoint);
  for (const step of steps) {
    if (values['dry-run']) console.log(`Would ${step.action} "${step.name}"`);
    else if (step.action === 'create') printSync('Created', await store.create(step.input));
    else if (step.action === 'update') printSync('Updated', await store.update(step.id, step.input));
    else {
      await store.remove(step.id);
      console.log(`Deleted sync ${step.id} "${step.name}"`);
    }
  }
  if (steps.length === 0) console.log('Nothing to do: the file has no syncs');
}

async function run(store: SyncStore, command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'list':
      for (const s of await store.list()) {
        console.log(`${s.id}\t${statusWord(s)}${s.pausedReason ? ` (paused: ${s.pausedReason})` : ''}\t${s.name}\t${s.brazeEndpoint}`);
      }
      return;
    case 'show':
      console.log(JSON.stringify(toSyncConfig(findSync(await store.list(), requireTarget(args)[0])), null, 2));
      return;
    case 'export':
      console.log(JSON.stringify(toSyncConfigFile(await store.list()), null, 2));
      return;
    case 'import':
      return importSyncs(store, args);
    case 'create':
      return create(store, args);
    case 'update':
      return update(store, args);
    case 'enable':
    case 'disable':
    case 'dry-run': {
      const sync = findSync(await store.list(), requireTarget(args)[0]);
      const verb = { enable: 'Enabled', disable: 'Disabled', 'dry-run': 'Dry run of' }[command];
      printSync(verb, await store.setEnabled(sync.id, command === 'enable', command === 'dry-run'));
      return;
    }
    case 'delete': {
      const sync = findSync(await store.list(), requireTarget(args)[0]);
      await store.remove(sync.id);
      console.log(`Deleted sync ${sync.id} "${sync.name}"`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
}

/** `--url` and `--token` may stand anywhere; the rest belongs to the command. */
function splitRemoteFlags(argv: string[]): { url?: string; token?: string; rest: string[] } {
  const rest: string[] = [];
  const found: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    if (flag === '--url' || flag === '--token') {
      const value = inline ?? argv[++i];
      if (!value) throw new UsageError(`${flag} needs a value`);
      found[flag.slice(2)] = value;
    } else rest.push(arg);
  }
  return { url: found.url ?? process.env.BRAZE_STREAMING_URL, token: found.token ?? process.env.BRAZE_STREAMING_TOKEN, rest };
}

async function main(argv: string[]): Promise<void> {
  envOrExit(); // Loads .env first, so its settings count here too.
  const { url, token, rest } = splitRemoteFlags(argv);
  const [command, ...args] = rest;
  if (command === 'help' || command === '--help') return console.log(USAGE);
  if (!command) throw new UsageError(USAGE);
  if (Boolean(url) !== Boolean(token)) throw new UsageError('Give both --url and --token to work on another installation');
  const store = url && token ? remoteSyncStore(url, token) : await localSyncStore();
  await run(store, command, args);
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.field ? `${flagForPath(error.field)}: ${error.message}` : error.message;
  if (error instanceof RemoteApiError) {
    const issues = Object.entries(error.issues).map(([path, messages]) => `${flagForPath(path)}: ${messages.join(' ')}`);
    return issues.length > 0 ? issues.join('\n') : error.message;
  }
  if (error instanceof ZodError) return flagProblems(error);
  if (error instanceof UsageError || error instanceof FlagError || error instanceof SyncConfigError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2))
  .catch((error: unknown) => {
    console.error(describe(error));
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
