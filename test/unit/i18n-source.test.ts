import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Issue #12 item 4: every user-facing string lives in the catalog (src/i18n/<language>/*.json). This test
 * reads the source with the TypeScript compiler and fails on any string or template literal that looks like
 * prose, wherever it stands, unless its position shows it is for machines or operators. A catalog key
 * ('messages.chat.failed') is one "word" of dotted identifiers and never looks like prose.
 */

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'src');
/**
 * Not scanned: src/server answers hostile or malformed HTTP requests (in English, for whoever sent them),
 * src/index.ts writes the operator's start-up lines, src/i18n is the catalog itself, src/cards/compiled is
 * generated from the card templates (their text is held to `${strings.…}` by i18n-cards.test.ts, and the
 * literals left are Adaptive Card values such as "Bolder").
 */
const NOT_SCANNED = new Set(
  ['server', 'index.ts', 'i18n', join('cards', 'compiled')].map((entry) => join(SRC, entry)),
);

/**
 * Prose: two words of letters in a row ("Sign in", "Enter a topic."), or one capitalised word as a
 * label or a name shown alone ("Someone", "Topic:"). Identifiers, keys, MIME types, URLs, paths and codes
 * ("BadRequest", "application/vnd.microsoft.error", "draft.answered") have neither.
 */
const TWO_WORDS = /(?<![\p{L}\p{N}_./$@-])\p{L}[\p{L}’'-]* +\p{L}/u;
const LONE_WORD = /^\p{Lu}\p{Ll}{3,}[.:!?…]?$/u;

/**
 * Capitalised words that are protocol values, not labels: Adaptive Cards' color enum (a TextBlock's
 * `color`), the HTTP header Graph's token goes in, and Graph's `groupTypes` value of a Microsoft 365 group.
 */
const PROTOCOL_WORDS = new Set([
  'Default',
  'Good',
  'Warning',
  'Attention',
  'Accent',
  'Authorization',
  'Unified',
]);

/** URLs, paths and OData query options (`?$filter=lastDeliveredDateTime ge …`): Graph's syntax, not words. */
const URL_OR_QUERY = /^(\w+:\/\/|\/)|(^|[?&])\$\w+=/;

/**
 * Values for the Teams client and the log, never shown to a user: the `failureDetail` of a 412 token
 * exchange answer (a 412 that makes Teams fall back to the sign-in card: https://learn.microsoft.com/dotnet/api/microsoft.teams.apps.oauth.tokenexchangeinvokeresponse)
 * and the `detail` a token provider explains an exchange failure with.
 */
const DIAGNOSTIC_NAMES = new Set(['detail', 'failureDetail']);

/** A comment that exempts the statement or property after it; it must say why (see src/cards/contract.ts). */
const EXEMPTION = /i18n-exempt: \S/;

/** Calls whose arguments are for operators (log lines), never shown to a user. */
const LOG_METHODS = new Set(['debug', 'info', 'warn', 'error', 'log']);

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
]);

interface Finding {
  file: string;
  line: number;
  text: string;
}

function userFacingLiterals(fileName: string, sourceText: string): Finding[] {
  const source = ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, true);
  const findings: Finding[] = [];

  const report = (node: ts.Node, text: string) => {
    if (!looksLikeProse(text)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    findings.push({ file: fileName, line, text });
  };

  const visit = (node: ts.Node): void => {
    if (isForMachines(node, source)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) report(node, node.text);
    // A template's literal parts, a number standing for each value: `${n} characters long` is prose.
    if (ts.isTemplateExpression(node))
      report(node, [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('0'));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function looksLikeProse(text: string): boolean {
  const trimmed = text.trim();
  if (URL_OR_QUERY.test(trimmed)) return false;
  return TWO_WORDS.test(trimmed) || (LONE_WORD.test(trimmed) && !PROTOCOL_WORDS.has(trimmed));
}

/** Positions where a literal is code, not text: module paths, types, keys, comparisons, logs, thrown errors. */
function isForMachines(node: ts.Node, source: ts.SourceFile): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return true;
  if (ts.isImportTypeNode(node) || ts.isExternalModuleReference(node)) return true;
  if (parent && isKeyPosition(node, parent)) return true;
  if (ts.isCallExpression(node) && isLogCall(node)) return true;
  // Internal errors (`new Error(…)`, `new GraphFailure(…)`'s message) are for logs and stack traces.
  if (ts.isNewExpression(node) && /Error$/.test(node.expression.getText(source))) return true;
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && extendsError(node))
    return true;
  if ((ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && ts.isIdentifier(node.name))
    if (DIAGNOSTIC_NAMES.has(node.name.text)) return true;
  return hasExemption(node, source);
}

function isKeyPosition(node: ts.Node, parent: ts.Node): boolean {
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (ts.isCaseClause(parent) && parent.expression === node) return true;
  return ts.isBinaryExpression(parent) && COMPARISONS.has(parent.operatorToken.kind);
}

function isLogCall(call: ts.CallExpression): boolean {
  return ts.isPropertyAccessExpression(call.expression) && LOG_METHODS.has(call.expression.name.text);
}

function extendsError(node: ts.Node): boolean {
  let current: ts.Node | undefined = node;
  while (current && !ts.isClassDeclaration(current)) current = current.parent;
  const heritage = current && ts.isClassDeclaration(current) ? current.heritageClauses : undefined;
  return (heritage ?? []).some((clause) =>
    clause.types.some((type) => /Error$/.test(type.expression.getText())),
  );
}

function hasExemption(node: ts.Node, source: ts.SourceFile): boolean {
  const isAnchor =
    ts.isStatement(node) || ts.isPropertyAssignment(node) || ts.isArrayLiteralExpression(node.parent ?? node);
  if (!isAnchor) return false;
  const comments = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  return comments.some((range) => EXEMPTION.test(source.text.slice(range.pos, range.end)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (NOT_SCANNED.has(path)) return [];
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('user-facing text lives in the catalog, not in code', () => {
  test('no string or template literal in src/ (outside server/ and i18n/) reads like prose', () => {
    const files = sourceFiles(SRC);
    expect(files.map((file) => relative(ROOT, file))).toEqual(
      expect.arrayContaining(['src/teams/chat-entry.ts', 'src/domain/validation.ts', 'src/app.ts']),
    );
    const findings = files.flatMap((file) =>
      userFacingLiterals(relative(ROOT, file), readFileSync(file, 'utf8')),
    );
    expect(findings).toEqual([]);
  });

  test('a planted English sentence, label or template is caught', () => {
    const planted = [
      "await context.sendActivity('Your draft was saved.');",
      'const label = { title: "Someone" };',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the planted source holds a template literal
      'const notice = `The reply is ${over} characters too long`;',
      'errors.push({ field: "topic", message: "Enter a topic." });',
      "throw new InvokeRefusal(name, 400, 'BadRequest', 'This action is not available here.');",
    ].join('\n');
    expect(userFacingLiterals('planted.ts', planted).map((finding) => finding.line)).toEqual([1, 2, 3, 4, 5]);
  });

  test('code positions and machine strings pass: keys, types, comparisons, logs, internal errors, MIME types', () => {
    const code = [
      "import { text } from '../i18n/catalog';",
      "type Kind = 'sign in' | 'sign out';",
      "if (context.activity.name === 'composeExtension/query' || name === 'adaptive card') return;",
      "switch (verb) { case 'post anyway': break; }",
      "deps.logger.warn('signin.exchange_failed', { reason: 'token service said no' });",
      "throw new Error('The token provider has no token and no way to sign in.');",
      "const body = { type: 'application/vnd.microsoft.error', url: 'https://learn.microsoft.com/graph' };",
      "const message = text(language, 'messages.chat.failed');",
      "const map = { 'Content Type': 1 };",
      '// i18n-exempt: command words users type, the same in every language',
      "const COMMANDS = new Map([['sign out', signOut]]);",
    ].join('\n');
    expect(userFacingLiterals('code.ts', code)).toEqual([]);
  });
});
