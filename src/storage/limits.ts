import type { ExpiryLimits } from './expiring-map';

/** How long, and how much, bot state and claims are kept when they live in process memory. */

/**
 * A day: Teams resends an invoke within seconds and a pending card refreshes within minutes of being seen.
 * A draft untouched for a day is over (its form was replaced by the confirmation; a late "check" answers "no
 * record" rather than posting again). The budgets keep one instance's state to about 100 MB however many
 * drafts are posted; past them the oldest entries go first (docs/security.md, "Bounded state").
 */
export const MEMORY_STATE_LIMITS: ExpiryLimits = { ttlMs: 24 * 60 * 60 * 1000, maxBytes: 64 * 1024 * 1024 };
export const MEMORY_CLAIM_LIMITS: ExpiryLimits = { ttlMs: 24 * 60 * 60 * 1000, maxBytes: 32 * 1024 * 1024 };
