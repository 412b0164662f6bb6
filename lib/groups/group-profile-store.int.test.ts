/**
 * Group properties reach the group profile store from the Group Identify API and from HTTP V2
 * `$groupidentify` events, through the real ingestion API, queue and worker; concurrent jobs
 * updating one group never lose an operation.
 */
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/prisma';
import { applyGroupUpdates } from '@/lib/groups/group-profile-store';
import { createProject } from '@/test/fixtures';
import { pipelineForFile } from '@/test/pipeline-rig';
import { waitFor } from '@/test/processes';

const rig = pipelineForFile({ queueSuffix: 'groups' });

const groupOf = (projectId: string, groupType: string, groupValue: string) =>
  prisma().groupProfile.findUnique({ where: { projectId_groupType_groupValue: { projectId, groupType, groupValue } } });

describe('group profiles', () => {
  it('keeps the properties of /groupidentify and of $groupidentify events, operations applied in order', async () => {
    const { id: projectId, apiKey } = await createProject();
    const identification = JSON.stringify({ group_type: 'org id', group_value: '12345678', group_properties: { $set: { plan: 'Enterprise', csm: 'Lucas' }, $add: { seats: 3 } } });
    const form = await fetch(`${rig.ingest.url}/groupidentify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: apiKey, identification }).toString(),
    });
    expect(form.status).toBe(200);
    await waitFor(async () => (await groupOf(projectId, 'org id', '12345678'))?.properties, { what: 'the group profile' });

    const event = { event_type: '$groupidentify', device_id: 'group-device-1', groups: { 'org id': '12345678' }, group_properties: { $add: { seats: 2 }, $unset: { csm: '-' }, $append: { regions: 'EU' } } };
    const res = await fetch(`${rig.ingest.url}/2/httpapi`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ api_key: apiKey, events: [event] }) });
    expect(res.status).toBe(200);
    const group = await waitFor(async () => {
      const row = await groupOf(projectId, 'org id', '12345678');
      return (row?.properties as { seats?: number } | undefined)?.seats === 5 ? row : null;
    }, { what: 'the second update' });
    expect(group.properties).toEqual({ plan: 'Enterprise', seats: 5, regions: ['EU'] });
  });

  it('applies concurrent updates of one group one after the other', async () => {
    const { id: projectId } = await createProject();
    const add = { groupType: 'team', groupValue: 'core', groupProperties: { $add: { members: 1 } } };
    await Promise.all(Array.from({ length: 20 }, () => applyGroupUpdates(projectId, [add, { ...add, groupValue: 'edge' }])));
    expect((await groupOf(projectId, 'team', 'core'))?.properties).toEqual({ members: 20 });
    expect((await groupOf(projectId, 'team', 'edge'))?.properties).toEqual({ members: 20 });
  });
});
