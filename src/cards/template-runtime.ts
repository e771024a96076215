/**
 * What the compiled card templates (src/cards/compiled/, written by scripts/compile-cards.ts) call: each helper
 * is one rule of adaptivecards-templating 2.3.1 and adaptive-expressions 4.23.3, which stay the reference
 * (test/unit/compiled-cards.test.ts renders every template both ways).
 */

/** An expression that failed to evaluate (adaptive-expressions' `error`), as a value the caller must handle. */
export const FAILED: unique symbol = Symbol('failed');

/**
 * A property of a data object as adaptive-expressions reads it: nothing from a falsy scope, the own
 * enumerable key, else the first own key equal to it ignoring case. (The reference takes the first
 * case-insensitive match even when an exact key comes later; card data never holds two such keys.)
 */
export function get(scope: unknown, key: string): unknown {
  if (!scope) return undefined;
  const object = scope as Record<string, unknown>;
  if (Object.prototype.propertyIsEnumerable.call(object, key)) return object[key];
  const lower = key.toLowerCase();
  for (const own of Object.keys(object)) if (own.toLowerCase() === lower) return object[own];
  return undefined;
}

/** A path whose value is missing, where the templating engine substitutes: the `${path}` text itself. */
export function orPath(value: unknown, path: string): unknown {
  return value === undefined ? `\${${path}}` : value;
}

/** adaptive-expressions' truth: booleans as they are, null and undefined false, anything else true. */
export function truthy(value: unknown): boolean {
  if (value === FAILED) return false;
  if (typeof value === 'boolean') return value;
  return value !== null && value !== undefined;
}

/** `==` against a literal; an operand that failed makes the comparison false, never an error. */
export function equals(left: unknown, right: string | number | boolean): boolean {
  if (left === FAILED || left === null || left === undefined) return false;
  if (typeof left === 'number' && typeof right === 'number' && !Number.isNaN(left) && !Number.isNaN(right))
    if (Math.abs(left - right) < Number.EPSILON) return true;
  return left === right;
}

/** `!=` against a literal: false, not true, when the operand failed (the reference starts from false). */
export function differs(left: unknown, right: string | number | boolean): boolean {
  if (left === FAILED) return false;
  return !equals(left, right);
}

/** `>`: false when an operand failed or is null; numbers with numbers, strings with strings, else a failure. */
export function greater(left: unknown, right: unknown): boolean | typeof FAILED {
  if (left === FAILED || right === FAILED || left === null || left === undefined) return false;
  if (right === null || right === undefined) return false;
  const bothNumbers = isNumber(left) && isNumber(right);
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  const bothDates = left instanceof Date && right instanceof Date;
  if (bothNumbers || bothStrings || bothDates) return (left as number) > (right as number);
  return FAILED;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

/** `count(x)`: a string's or a list's length, an object's key count; anything else fails. */
export function count(value: unknown): number | typeof FAILED {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return FAILED;
}

/** A `$when`: only a boolean true keeps the element. */
export function isTrue(value: unknown): boolean {
  return value === true;
}

/** A whole-value `${…}` or a `$data`: a failure aborts the card, as the reference throws. */
export function whole<T>(result: T | typeof FAILED, expression: string): T {
  if (result === FAILED) throw new Error(`Card template expression failed: ${expression}`);
  return result;
}

/**
 * One piece of an interpolated string: its `toString()` (so null throws, as in the reference), or the
 * `${expression}` text itself when it failed.
 */
export function piece(result: unknown, expression: string): string {
  if (result === FAILED) return `\${${expression}}`;
  return (result as { toString(): string }).toString();
}

/**
 * An array's items: a dropped element (null) leaves no hole and an element that expanded to several
 * (a `$data` list, a value that is a list) adds each of them.
 */
export function items(expanded: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of expanded) {
    if (item === null) continue;
    if (Array.isArray(item)) for (const each of item) out.push(each);
    else out.push(item);
  }
  return out;
}

/**
 * A `$data` element: expanded once per item of a list (once for a single value), each time with that item
 * as `$data` (an undefined item keeps the one before). None left is null, one is itself, more are a list.
 */
export function repeat(
  contexts: unknown,
  outer: unknown,
  expand: (data: unknown) => Record<string, unknown> | null,
): Record<string, unknown> | Record<string, unknown>[] | null {
  const list: readonly unknown[] = Array.isArray(contexts) ? contexts : [contexts];
  const out: Record<string, unknown>[] = [];
  let data = outer;
  for (let i = 0; i < list.length; i++) {
    if (list[i] !== undefined) data = list[i];
    const expanded = expand(data);
    if (expanded !== null) out.push(expanded);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? out[0] : out;
}
