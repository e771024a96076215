/** Limits a draft must respect before we call Graph (Graph's own limits are looser or undocumented). */
export const LIMITS = {
  topicMaxLength: 255,
  /**
   * UTF-8 bytes, not characters: a form shown again after a failure carries the body, and a Teams card must
   * stay under ~100 KB (413 above; see docs/decisions.md "Cards fit"). 32,000 ASCII letters, or about
   * 10,600 characters of Chinese, Japanese or Korean text.
   */
  bodyMaxBytes: 32_000,
  maxParticipants: 100,
  /** Raw text of the people and e-mail fields: 100 long addresses fit; a pasted novel does not. */
  addressListMaxLength: 10_000,
  /** Group names in a card's choice list: Entra allows 256 characters, 100 of them twice would not fit. */
  groupNameMaxLength: 80,
} as const;
