// Lets `node -r ./test/measure/swc-register.js file.ts` run the TypeScript sources directly (with the same
// @swc/core that Jest uses), so a measurement can put the bot in a process of its own without a build.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
