/** Limits a draft must respect before we call Graph (Graph's own limits are looser or undocumented). */
export const LIMITS = {
  topicMaxLength: 255,
  bodyMaxLength: 32_000,
  maxParticipants: 100,
} as const;
