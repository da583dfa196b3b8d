/**
 * In-process mutual exclusion by key. Writes to one synchronization schema are a
 * read-modify-write of the whole document (Graph's PUT replaces it), so two AttributeMapping
 * resources on the same job must take turns or one loses the other's changes. The engine runs
 * resource operations concurrently in one provider process, which is where this lock lives.
 */
const tails = new Map<string, Promise<void>>();

export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
