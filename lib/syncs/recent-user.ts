/** The most recently updated user of a project, so the Preview starts from real user data. */
import { prisma } from '@/lib/db/prisma';

export interface RecentUser {
  userId?: string;
  deviceId?: string;
  userProperties: Record<string, unknown>;
}

/** UserProfile keys are "u:<user_id>", or "d:<device_id>" for users without a user_id. */
export function parseUserKey(userKey: string): Pick<RecentUser, 'userId' | 'deviceId'> {
  if (userKey.startsWith('u:')) return { userId: userKey.slice(2) };
  if (userKey.startsWith('d:')) return { deviceId: userKey.slice(2) };
  return {};
}

export async function readRecentUser(projectId: string): Promise<RecentUser | null> {
  const profile = await prisma().userProfile.findFirst({ where: { projectId }, orderBy: { updatedAt: 'desc' } });
  if (!profile) return null;
  const properties = profile.properties;
  const userProperties = properties && typeof properties === 'object' && !Array.isArray(properties) ? (properties as Record<string, unknown>) : {};
  return { ...parseUserKey(profile.userKey), userProperties };
}
