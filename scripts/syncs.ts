/**
 * `npm run syncs -- <command>`: manage Braze syncs from a terminal (the same validation and
 * storage as the UI).
 *   list
 *   create --name NAME --endpoint URL|CLUSTER --rest-api-key KEY [--app-id ID] [--enable]
 *          [--identifier-property user_id] [--identifier-type EXTERNAL_ID|BRAZE_ID|USER_ALIAS|EMAIL]
 *          [--alias-label LABEL] [--update-users-only]
 *   enable ID | disable ID | delete ID
 * Acts on the first (default) project. The REST API key is never printed.
 */
import { parseArgs } from 'node:util';
import { disconnectPrisma } from '@/lib/db/prisma';
import { envOrExit } from '@/lib/env';
import { ensureDefaultProject } from '@/lib/projects/bootstrap';
import { createSync, deleteSync, listSyncs, setSyncEnabled } from '@/lib/syncs/repository';
import { createSyncSchema } from '@/lib/syncs/schema';

async function main(argv: string[]): Promise<void> {
  envOrExit(); // Loads .env first, so its settings count here too.
  const [command, ...rest] = argv;
  const project = await ensureDefaultProject();
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      endpoint: { type: 'string' },
      'rest-api-key': { type: 'string' },
      'app-id': { type: 'string' },
      enable: { type: 'boolean', default: false },
      'identifier-property': { type: 'string' },
      'identifier-type': { type: 'string' },
      'alias-label': { type: 'string' },
      'update-users-only': { type: 'boolean', default: false },
    },
  });
  switch (command) {
    case 'list': {
      for (const s of await listSyncs(project.id)) {
        console.log(`${s.id}\t${s.status}${s.pausedReason ? ` (paused: ${s.pausedReason})` : ''}\t${s.name}\t${s.brazeEndpoint}`);
      }
      return;
    }
    case 'create': {
      const parsed = createSyncSchema.safeParse({
        name: values.name,
        brazeEndpoint: values.endpoint,
        restApiKey: values['rest-api-key'],
        appId: values['app-id'],
        enabled: values.enable,
        identifierProperty: values['identifier-property'],
        identifierType: values['identifier-type'],
        aliasLabel: values['alias-label'],
        updateUsersOnly: values['update-users-only'],
      });
      if (!parsed.success) {
        throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('\n'));
      }
      const sync = await createSync(project.id, parsed.data);
      console.log(`Created sync ${sync.id} (${sync.status}) → ${sync.brazeEndpoint}`);
      return;
    }
    case 'enable':
    case 'disable': {
      const sync = await setSyncEnabled(project.id, requireId(positionals), command === 'enable');
      console.log(`Sync ${sync.id} is ${sync.status}`);
      return;
    }
    case 'delete': {
      const id = requireId(positionals);
      await deleteSync(project.id, id);
      console.log(`Deleted sync ${id}`);
      return;
    }
    default:
      throw new Error('Usage: npm run syncs -- list | create --name … --endpoint … --rest-api-key … [--enable] | enable ID | disable ID | delete ID');
  }
}

function requireId(positionals: string[]): string {
  const id = positionals[0];
  if (!id) throw new Error('Give the sync id (see `npm run syncs -- list`)');
  return id;
}

main(process.argv.slice(2))
  .catch((err: Error) => {
    console.error(err.message);
    process.exitCode = 1;
  })
  .finally(() => disconnectPrisma());
