import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { commands } from '../db/schema/index.js';

export async function findCommand(db: Executor, id: string): Promise<{ userId: string; name: string; seq: number } | undefined> {
  const [row] = await db
    .select({ userId: commands.userId, name: commands.name, seq: commands.seq })
    .from(commands)
    .where(eq(commands.id, id))
    .limit(1);
  return row;
}

export async function recordCommand(db: Executor, row: { id: string; userId: string; name: string; seq: number }): Promise<void> {
  await db.insert(commands).values(row);
}
