/**
 * Names of Microsoft 365 groups Graph showed us recently, so a submit whose draft does not carry its
 * group's name (the form always does) can still skip a `GET /groups/{id}` before posting.
 */

/** Short: a renamed group shows its old name on new confirmations for at most this long. */
const TTL_MS = 5 * 60_000;
/** Bounds memory whatever the traffic: the oldest entries go first. */
const MAX_ENTRIES = 10_000;

export class GroupNameCache {
  private readonly entries = new Map<string, { name: string; expiresAt: number }>();

  constructor(
    private readonly ttlMs = TTL_MS,
    private readonly maxEntries = MAX_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Only for Microsoft 365 ("Unified") groups: a hit means the group can hold conversations. */
  remember(groupId: string, name: string): void {
    this.entries.delete(groupId);
    this.entries.set(groupId, { name, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  nameOf(groupId: string): string | undefined {
    const entry = this.entries.get(groupId);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.name;
    this.entries.delete(groupId);
    return undefined;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One per process. Keyed by group id alone: ids are unique across tenants, and a name is only shown on the
 * confirmation of a post Graph accepted, so a user never learns a name from a group they cannot post to.
 */
export const groupNames = new GroupNameCache();
