/**
 * `npm run cards:compile [-- --check]`: writes src/cards/compiled/*.ts from src/cards/templates/*.json
 * (scripts/card-compiler.ts); `--check` only reports which generated files are out of date.
 */
import { CardTemplateError, compileCards } from './card-compiler';

try {
  const write = !process.argv.includes('--check');
  const { changed } = compileCards({ write });
  if (changed.length === 0)
    process.stdout.write('src/cards/compiled: every template is compiled as it is.\n');
  else if (write) process.stdout.write(`Written: src/cards/compiled/{${changed.join(',')}}\n`);
  else {
    process.stderr.write(
      `Out of date in src/cards/compiled (run npm run cards:compile): ${changed.join(', ')}\n`,
    );
    process.exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`${error instanceof CardTemplateError ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
