/**
 * Compiles the Adaptive Card templates (src/cards/templates/*.json) to plain TypeScript functions
 * (src/cards/compiled/*.ts), so the bot never loads adaptivecards-templating, adaptive-expressions or antlr4ts.
 * Every `${…}` is parsed by adaptive-expressions itself, exactly as adaptivecards-templating 2.3.1 prepares a
 * template; the emitted code follows that engine's expansion rule for rule (src/cards/template-runtime.ts).
 * An expression this compiler does not know fails the build, naming the template and the expression.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  Constant,
  Expression,
  ExpressionEvaluator,
  ExpressionFunctions,
  ExpressionType,
  ReturnType,
} from 'adaptive-expressions';
import { REPO_ROOT } from './repo-root';

export const TEMPLATES_DIR = join(REPO_ROOT, 'src/cards/templates');
export const COMPILED_DIR = join(REPO_ROOT, 'src/cards/compiled');

/** Fields adaptivecards-templating never copies into a card (EvaluationContext._reservedFields). */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

export class CardTemplateError extends Error {}

/** What an expanded node can be: always one value, always a list, or possibly null or a list. */
type Kind = 'one' | 'many' | 'maybe';

interface Code {
  code: string;
  kind: Kind;
}

/** A compiled expression: whether it can evaluate to FAILED, and whether it is always a boolean. */
interface Compiled {
  code: string;
  fails: boolean;
  boolean: boolean;
}

interface Scope {
  /** The JavaScript variable holding `$data` here. */
  data: string;
  depth: number;
}

/** The parser setup adaptivecards-templating uses: unknown functions parse, and fail when evaluated. */
function lookup(type: string): ExpressionEvaluator {
  return (
    ExpressionFunctions.standardFunctions.get(type) ??
    new ExpressionEvaluator(
      type,
      () => {
        throw new Error(`Unknown function ${type}`);
      },
      ReturnType.String,
    )
  );
}

/** Template.parseInterpolatedString: plain text, one whole-value expression, or an interpolation. */
function parseTemplateString(text: string): string | Expression {
  if (!text.includes('${')) return text;
  const parsed = Expression.parse(`\`${text}\``, lookup);
  if (parsed.type !== ExpressionType.Concat) return text;
  const children = parsed.children;
  if (children.length === 1 && !(children[0] instanceof Constant)) return children[0];
  if (
    children.length === 2 &&
    children[0] instanceof Constant &&
    children[0].value === '' &&
    !(children[1] instanceof Constant)
  )
    return children[1];
  return parsed;
}

class TemplateCompiler {
  readonly helpers = new Set<string>();

  constructor(private readonly name: string) {}

  fail(where: string, expression: string, why: string): never {
    throw new CardTemplateError(`${this.name}: ${where}: ${why}: ${expression}`);
  }

  use(helper: string): string {
    this.helpers.add(helper);
    return helper;
  }

  /** The card: a plain object at the top, never dropped nor repeated. */
  card(template: unknown): string {
    if (template === null || typeof template !== 'object' || Array.isArray(template))
      this.fail('$', JSON.stringify(template), 'a template must be an object');
    const record = template as Record<string, unknown>;
    if ('$when' in record || '$data' in record)
      this.fail('$', '$when/$data', 'the card itself cannot be conditional or repeated');
    return this.object(record, { data: 'root', depth: 0 }, '$');
  }

  node(node: unknown, scope: Scope, where: string): Code {
    if (typeof node === 'string') return this.text(node, scope, where);
    if (Array.isArray(node)) return this.array(node, scope, where);
    if (node !== null && typeof node === 'object')
      return this.element(node as Record<string, unknown>, scope, where);
    if (node === null || typeof node === 'number' || typeof node === 'boolean')
      return { code: JSON.stringify(node), kind: node === null ? 'maybe' : 'one' };
    return this.fail(where, String(node), 'not JSON');
  }

  text(text: string, scope: Scope, where: string): Code {
    const parsed = this.parse(text, where);
    if (typeof parsed === 'string') return { code: JSON.stringify(parsed), kind: 'one' };
    if (parsed.type !== ExpressionType.Concat) {
      // A whole-value `${x}` keeps x's type: a list spreads into its array, null drops out of one.
      return { code: this.whole(this.expression(parsed, scope, true, where, text), parsed), kind: 'maybe' };
    }
    const pieces: string[] = [];
    for (const child of parsed.children) {
      if (child instanceof Constant) {
        if (typeof child.value !== 'string')
          this.fail(where, text, 'a non-text constant in an interpolation');
        if (child.value !== '') pieces.push(JSON.stringify(child.value));
      } else {
        const value = this.expression(child, scope, true, where, text).code;
        pieces.push(`${this.use('piece')}(${value}, ${JSON.stringify(child.toString())})`);
      }
    }
    return { code: pieces.length === 0 ? '""' : pieces.join(' + '), kind: 'one' };
  }

  array(list: readonly unknown[], scope: Scope, where: string): Code {
    const expanded = list
      .map((item, index) => ({ item, index }))
      .filter(({ item }) => item !== null)
      .map(({ item, index }) => this.node(item, scope, `${where}[${index}]`));
    if (expanded.some(({ kind }) => kind === 'maybe'))
      return { code: `${this.use('items')}([${expanded.map(({ code }) => code).join(', ')}])`, kind: 'many' };
    return {
      code: `[${expanded.map(({ code, kind }) => (kind === 'many' ? `...${code}` : code)).join(', ')}]`,
      kind: 'many',
    };
  }

  /** An object: kept, dropped by `$when` (null), or repeated over `$data`. */
  element(record: Record<string, unknown>, scope: Scope, where: string): Code {
    const when = record.$when;
    const data = record.$data;
    if (data === undefined && when === undefined)
      return { code: this.object(record, scope, where), kind: 'one' };
    if (data === undefined) {
      const condition = this.condition(when, scope, `${where}.$when`);
      return { code: `(${condition} ? ${this.object(record, scope, where)} : null)`, kind: 'maybe' };
    }
    const contexts = this.wholeExpression(data, scope, `${where}.$data`);
    const inner: Scope = { data: `data${scope.depth + 1}`, depth: scope.depth + 1 };
    const object = this.object(record, inner, where);
    const body =
      when === undefined ? object : `(${this.condition(when, inner, `${where}.$when`)} ? ${object} : null)`;
    return {
      code: `${this.use('repeat')}(${contexts}, ${scope.data}, (${inner.data}) => (${body}))`,
      kind: 'maybe',
    };
  }

  object(record: Record<string, unknown>, scope: Scope, where: string): string {
    const properties: string[] = [];
    for (const [key, value] of Object.entries(record)) {
      if (RESERVED.has(key)) continue;
      if (key === '__proto__') this.fail(`${where}.${key}`, key, 'a property that would set the prototype');
      properties.push(`${JSON.stringify(key)}: ${this.node(value, scope, `${where}.${key}`).code}`);
    }
    return `{\n${properties.join(',\n')}\n}`;
  }

  /** A `$when`: one expression, evaluated without substitution; true only when it is the boolean true. */
  condition(when: unknown, scope: Scope, where: string): string {
    const parsed = typeof when === 'string' ? this.parse(when, where) : when;
    if (!(parsed instanceof Expression) || parsed.type === ExpressionType.Concat)
      return this.fail(where, JSON.stringify(when), 'a $when must be one whole expression');
    const compiled = this.expression(parsed, scope, false, where, String(when));
    return compiled.boolean ? compiled.code : `${this.use('isTrue')}(${compiled.code})`;
  }

  /** A `$data`: one expression, evaluated with substitution; a failure aborts the card. */
  wholeExpression(source: unknown, scope: Scope, where: string): string {
    const parsed = typeof source === 'string' ? this.parse(source, where) : source;
    if (!(parsed instanceof Expression) || parsed.type === ExpressionType.Concat)
      return this.fail(where, JSON.stringify(source), 'a $data must be one whole expression');
    return this.whole(this.expression(parsed, scope, true, where, String(source)), parsed);
  }

  /** A value that can fail aborts the card when it does (the reference throws). */
  whole(compiled: Compiled, expression: Expression): string {
    if (!compiled.fails) return compiled.code;
    return `${this.use('whole')}(${compiled.code}, ${JSON.stringify(expression.toString())})`;
  }

  parse(text: string, where: string): string | Expression {
    try {
      return parseTemplateString(text);
    } catch (error) {
      return this.fail(
        where,
        text,
        `does not parse (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  /**
   * An expression's value, or FAILED where adaptive-expressions reports an error. `substitute`: whether a
   * missing path reads as its own `${path}` text (on for values and `$data`, off under `$when`, comparisons
   * and logic, as Options.nullSubstitution is).
   */
  expression(
    expression: Expression,
    scope: Scope,
    substitute: boolean,
    where: string,
    source: string,
  ): Compiled {
    const operand = (child: Expression, keep: boolean) =>
      this.expression(child, scope, keep, where, source).code;
    const logic = (child: Expression) => {
      const compiled = this.expression(child, scope, false, where, source);
      return compiled.boolean ? compiled.code : `${this.use('truthy')}(${compiled.code})`;
    };
    const children = expression.children;
    switch (expression.type) {
      case ExpressionType.Accessor:
        return {
          code: this.path(expression, scope, substitute, where, source),
          fails: false,
          boolean: false,
        };
      case ExpressionType.Constant:
        return { code: this.constant(expression, where, source), fails: false, boolean: false };
      case ExpressionType.And:
      case ExpressionType.Or: {
        const joined = children.map(logic).join(expression.type === ExpressionType.And ? ' && ' : ' || ');
        return { code: `(${joined})`, fails: false, boolean: true };
      }
      case ExpressionType.Not:
        return { code: `!${logic(children[0])}`, fails: false, boolean: true };
      case ExpressionType.Equal:
      case ExpressionType.NotEqual: {
        const [left, right] = children;
        const literal = right instanceof Constant ? right : left instanceof Constant ? left : undefined;
        const other = literal === right ? left : right;
        if (!literal || children.length !== 2)
          return this.fail(where, source, `${expression.type} needs a literal on one side`);
        const helper = this.use(expression.type === ExpressionType.Equal ? 'equals' : 'differs');
        const code = `${helper}(${operand(other, false)}, ${this.constant(literal, where, source)})`;
        return { code, fails: false, boolean: true };
      }
      case ExpressionType.GreaterThan: {
        const code = `${this.use('greater')}(${operand(children[0], false)}, ${operand(children[1], false)})`;
        return { code, fails: true, boolean: false };
      }
      case ExpressionType.Count:
        return {
          code: `${this.use('count')}(${operand(children[0], substitute)})`,
          fails: true,
          boolean: false,
        };
      default:
        return this.fail(where, source, `"${expression.type}" is not supported by scripts/card-compiler.ts`);
    }
  }

  constant(expression: Expression, where: string, source: string): string {
    const value = (expression as Constant).value;
    if (
      typeof value === 'string' ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value))
    )
      return JSON.stringify(value);
    return this.fail(where, source, 'only text, number and boolean literals are supported');
  }

  /** A memory path (`a.b`, `$root.a.b`, `$data.a`) read as SimpleObjectMemory reads it. */
  path(expression: Expression, scope: Scope, substitute: boolean, where: string, source: string): string {
    const segments: string[] = [];
    let node: Expression | undefined = expression;
    while (node) {
      if (node.type !== ExpressionType.Accessor)
        return this.fail(where, source, 'only plain paths can be read');
      const [name, left]: Expression[] = node.children;
      const segment = (name as Constant).value;
      // A segment parseInt reads as a number would index a list; one with . [ ] quotes would split further.
      if (
        typeof segment !== 'string' ||
        /[.[\]'"]/.test(segment) ||
        !Number.isNaN(Number.parseInt(segment, 10))
      )
        return this.fail(where, source, 'an unsupported path segment');
      segments.unshift(segment);
      node = left;
    }
    const [head, ...rest] = segments;
    let base = scope.data;
    let keys = segments;
    if (head === '$root' || head === '$data') {
      base = head === '$root' ? 'root' : scope.data;
      keys = rest;
    } else if (head.startsWith('$')) return this.fail(where, source, `${head} is not supported`);
    const read = keys.reduce((code, key) => `${this.use('get')}(${code}, ${JSON.stringify(key)})`, base);
    return substitute ? `${this.use('orPath')}(${read}, ${JSON.stringify(segments.join('.'))})` : read;
  }
}

/** form.json → expandForm, draft-status.json → expandDraftStatus. */
export function functionName(file: string): string {
  const base = file.replace(/\.json$/, '');
  return `expand${base.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase())}`;
}

/** The TypeScript of one template, unformatted. */
export function compileTemplate(file: string, template: unknown): string {
  const compiler = new TemplateCompiler(file);
  const body = compiler.card(template);
  const helpers = [...compiler.helpers].sort();
  return [
    `/** Generated from src/cards/templates/${file} by scripts/compile-cards.ts (npm run cards:compile). */`,
    '// Edit the template, never this file: test/unit/compiled-cards.test.ts fails until it is regenerated.',
    `import { ${helpers.join(', ')} } from '../template-runtime';`,
    '',
    `export function ${functionName(file)}(root: unknown): Record<string, unknown> {`,
    `return ${body};`,
    '}',
    '',
  ].join('\n');
}

/**
 * The template's hash, first line of its compiled file: scripts/fresh-build.js (plain JavaScript, before
 * anything is compiled) compares it with the template to recompile an edited one on `npm start`.
 */
function hashLine(templateText: string): string {
  return `// Template SHA-256: ${createHash('sha256').update(templateText).digest('hex')}\n`;
}

/** Biome's formatting and safe fixes, so the generated files pass `npm run lint` as written. */
function formatted(file: string, source: string): string {
  // Biome's own launcher under this Node, not node_modules/.bin (a .cmd shim on Windows).
  const biome = require.resolve('@biomejs/biome/bin/biome');
  const args = [biome, 'check', '--write', `--stdin-file-path=src/cards/compiled/${file}`];
  const result = spawnSync(process.execPath, args, {
    cwd: REPO_ROOT,
    input: source,
    encoding: 'utf8',
  });
  if (result.status !== 0 || result.stderr.trim() !== '')
    throw new CardTemplateError(`Biome rejects the code generated for ${file}:\n${result.stderr}`);
  return result.stdout;
}

export function templateFiles(dir = TEMPLATES_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export interface CompileOptions {
  /** Write what differs from the committed files; otherwise only report it. */
  write: boolean;
  templatesDir?: string;
  compiledDir?: string;
}

/** Compiles every template; returns the generated files that differ from what is there (or was there). */
export function compileCards(options: CompileOptions): { changed: string[] } {
  const { write, templatesDir = TEMPLATES_DIR, compiledDir = COMPILED_DIR } = options;
  const changed: string[] = [];
  const expected = new Set<string>();
  for (const file of templateFiles(templatesDir)) {
    const name = file.replace(/\.json$/, '.ts');
    expected.add(name);
    const text = readFileSync(join(templatesDir, file), 'utf8');
    const source = formatted(name, hashLine(text) + compileTemplate(file, JSON.parse(text)));
    const target = join(compiledDir, name);
    if (existsSync(target) && readFileSync(target, 'utf8') === source) continue;
    changed.push(name);
    if (!write) continue;
    mkdirSync(compiledDir, { recursive: true });
    writeFileSync(target, source);
  }
  const strays = existsSync(compiledDir)
    ? readdirSync(compiledDir).filter((file) => !expected.has(file))
    : [];
  if (strays.length > 0)
    throw new CardTemplateError(
      `${relative(REPO_ROOT, compiledDir)} holds files no template gives: ${strays.join(', ')}`,
    );
  return { changed };
}
