import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: string;
  lastSeen: number;
}

/**
 * Sessions live in memory only: a restart of the app signs everybody out, which is what a
 * workstation should do. A session idle longer than `idleMs` is gone.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly idleMs: number, private readonly now: () => number) {}

  create(userId: string): Session {
    const session = { token: randomBytes(32).toString('base64url'), userId, lastSeen: this.now() };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token (and marks it used), 'expired' for one that idled out, null for none. */
  touch(token: string): Session | 'expired' | null {
    const session = this.sessions.get(token);
    if (!session) return null;
    if (this.now() - session.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return 'expired';
    }
    session.lastSeen = this.now();
    return session;
  }

  end(token: string): void {
    this.sessions.delete(token);
  }

  endAllOf(userId: string): void {
    for (const [token, session] of this.sessions) if (session.userId === userId) this.sessions.delete(token);
  }
}
