import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';

/**
 * Compiles each schema of a lookup table once to a checking function: `Value.Check` walks a schema anew on
 * every call, which showed up per invoke in the profile (docs/performance.md).
 */
export function compileAll<K>(schemas: ReadonlyMap<K, TSchema>): ReadonlyMap<K, TypeCheck<TSchema>> {
  return new Map([...schemas].map(([key, schema]) => [key, TypeCompiler.Compile(schema)]));
}
