import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

type Role = 'admin' | 'viewer';

export interface Account {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
}

interface IssuedToken {
  readonly role: Role;
  readonly expires: number;
}

/** What a presented token turned out to be. */
export type TokenCheck = { readonly role: Role } | 'invalid' | 'expired';
const ROLE_CHECKS: { readonly [R in Role]: { readonly role: R } } = {
  admin: { role: 'admin' },
  viewer: { role: 'viewer' },
};

/** Default and longest token lifetime, in minutes (ArcGIS: 60 by default, two weeks at most). */
const DEFAULT_EXPIRATION_MINUTES = 60;
const MAX_EXPIRATION_MINUTES = 20_160;
/** Tokens kept at most; the oldest go first, so a client that logs in in a loop cannot exhaust memory. */
const MAX_TOKENS = 10_000;
/** Digests of recently presented tokens kept at most (clients send the same token request after request). */
const MAX_RECENT_DIGESTS = 64;

function sha256(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** The digest as map key; `crypto.hash` (one shot) is several times faster than a Hash object for short text. */
function sha256Key(text: string): string {
  return hash('sha256', text, 'base64');
}

/**
 * The mock's users and the tokens it issued. Passwords are compared as SHA-256 digests with
 * `timingSafeEqual`, tokens are found by their digest: either way, the time taken says nothing about
 * how much of a secret matched. Issued tokens are kept only as digests (the few last presented are
 * kept with their digest, see `recentDigests`).
 *
 * @example
 * const accounts = new Accounts([{ username: 'admin', password: 'admin', role: 'admin' }], Date.now);
 * const { token } = accounts.issue('admin', 60)!;
 * accounts.check(token); // { role: 'admin' }
 */
export class Accounts {
  private readonly users: { username: Buffer; password: Buffer; account: Account }[];
  private readonly tokens = new Map<string, IssuedToken>();
  /**
   * The digest of each recently presented token (issued or not): hashing it was 3% of the CPU of a
   * GET. A digest is a function of the text alone, so an entry never goes stale; the lookup compares
   * the text with tokens presented before, never with the issued ones. Bounded.
   */
  private readonly recentDigests = new Map<string, string>();
  /** Tokens last at most this long, whatever a client asks for (a scenario's `tokens.maxLifetimeSeconds`). */
  maxLifetimeMs: number | undefined;

  constructor(
    accounts: readonly Account[],
    private readonly now: () => number,
  ) {
    this.users = accounts.map((account) => ({
      username: sha256(account.username),
      password: sha256(account.password),
      account,
    }));
  }

  /** The account these credentials belong to; every user is compared, whatever matches first. */
  authenticate(username: string, password: string): Account | undefined {
    const u = sha256(username);
    const p = sha256(password);
    let found: Account | undefined;
    for (const user of this.users) {
      const nameMatches = timingSafeEqual(u, user.username);
      const passwordMatches = timingSafeEqual(p, user.password);
      if (nameMatches && passwordMatches && !found) found = user.account;
    }
    return found;
  }

  /** A new token for the account, valid for `expirationMinutes` (clamped to 1..two weeks, and to `maxLifetimeMs`). */
  issue(account: Account, expirationMinutes = DEFAULT_EXPIRATION_MINUTES): { token: string; expires: number } {
    const minutes = Math.min(Math.max(Math.trunc(expirationMinutes), 1), MAX_EXPIRATION_MINUTES);
    const token = randomBytes(48).toString('base64url');
    const expires = this.now() + Math.min(minutes * 60_000, this.maxLifetimeMs ?? Number.POSITIVE_INFINITY);
    const key = sha256Key(token);
    if (this.tokens.size >= MAX_TOKENS) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(key, { role: account.role, expires });
    return { token, expires };
  }

  check(token: string): TokenCheck {
    // Tokens are looked up by their SHA-256 digest: how long the lookup takes depends on the digest,
    // which says nothing about how much of a presented token matches an issued one.
    const issued = this.tokens.get(this.digestOf(token));
    if (!issued) return 'invalid';
    if (issued.expires <= this.now()) return 'expired';
    return ROLE_CHECKS[issued.role];
  }

  private digestOf(token: string): string {
    let digest = this.recentDigests.get(token);
    if (digest === undefined) {
      digest = sha256Key(token);
      if (this.recentDigests.size >= MAX_RECENT_DIGESTS) this.recentDigests.clear();
      // a long token is hashed each time: the cache keeps only what a client may send often
      // a copy: the presented text is a slice of the request's URL or body, which it would keep alive
      if (token.length <= 256) this.recentDigests.set(` ${token}`.slice(1), digest);
    }
    return digest;
  }

  get issuedCount(): number {
    return this.tokens.size;
  }
}
