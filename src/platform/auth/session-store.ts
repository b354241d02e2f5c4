// Sessions are kept in the database (web_session), so they survive a restart and can be ended centrally
// (for example when an admin disables a user). A small in-process cache in front of the table keeps
// signed-in requests from costing a query each: entries live at most cacheMs, and every change made
// through this process (sign-in, sign-out, endSessionsOf) updates the cache at once. With several
// app instances, a session ended on one may live on another for up to cacheMs.
import type { Session } from 'fastify';
import type { Db } from '../db/connect.ts';

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, session?: Session | null) => void;

interface Cached {
  session: Session;
  expiresAt: number;
  cachedAt: number;
}

const cacheMs = 60_000;
const cacheMax = 20_000;
const caches = new WeakMap<Db, Map<string, Cached>>();

function cacheFor(db: Db): Map<string, Cached> {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
}

export class DbSessionStore {
  private readonly cache: Map<string, Cached>;

  constructor(private readonly db: Db, private readonly defaultMs = 8 * 60 * 60 * 1000) {
    this.cache = cacheFor(db);
  }

  private remember(sid: string, session: Session, expiresAt: number): void {
    if (this.cache.size >= cacheMax) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(sid, { session, expiresAt, cachedAt: Date.now() });
  }

  set(sid: string, session: Session, cb: Callback): void {
    const cookieExpiry = (session as unknown as { cookie?: { expires?: string | Date | null } }).cookie?.expires;
    const expires = cookieExpiry ? new Date(cookieExpiry) : new Date(Date.now() + this.defaultMs);
    const data = JSON.stringify(session);
    this.db
      .insertInto('web_session')
      .values({ sid, data, expires_at: expires })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data, expires_at: expires }))
      .execute()
      .then(() => {
        this.remember(sid, JSON.parse(data) as Session, expires.getTime());
        cb();
      }, cb);
  }

  get(sid: string, cb: GetCallback): void {
    const hit = this.cache.get(sid);
    const now = Date.now();
    if (hit && now - hit.cachedAt < cacheMs) {
      if (hit.expiresAt < now) {
        this.cache.delete(sid);
        return cb(null, null);
      }
      // A copy: the session plugin mutates what it is given.
      return cb(null, structuredClone(hit.session));
    }
    this.db
      .selectFrom('web_session')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then(
        (row) => {
          if (!row || row.expires_at.getTime() < Date.now()) {
            this.cache.delete(sid);
            return cb(null, null);
          }
          const session = row.data as unknown as Session;
          this.remember(sid, session, row.expires_at.getTime());
          cb(null, structuredClone(session));
        },
        (err: unknown) => cb(err),
      );
  }

  destroy(sid: string, cb: Callback): void {
    this.cache.delete(sid);
    this.db.deleteFrom('web_session').where('sid', '=', sid).execute().then(() => cb(), cb);
  }
}

/** Ends every session of a user (on disable, role change or password reset). */
export async function endSessionsOf(db: Db, userId: string): Promise<void> {
  const cache = cacheFor(db);
  for (const [sid, c] of cache) {
    if ((c.session as unknown as { userId?: string }).userId === userId) cache.delete(sid);
  }
  await db.deleteFrom('web_session').where((eb) => eb(eb.ref('data', '->>').key('userId' as never), '=', userId)).execute();
}
