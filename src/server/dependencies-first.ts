/**
 * Loads the bot's large dependencies with source maps off, before any of our own modules. index.ts imports
 * this right after telemetry.ts (whose instrumentations must patch these modules as they load).
 *
 * Under `--enable-source-maps` (npm start, the App Service command line) Node keeps the source map of every
 * file it loads, sourcesContent included, for the life of the process: 7 MB of live heap for the packages
 * the bot then loaded (@azure/*, botbuilder, and adaptive-expressions and antlr4ts, which the compiled card
 * templates no longer need), which V8's heap sizing turns into ~25 MB of RSS under load
 * (docs/performance.md). Only maps of files loaded while source maps are enabled are kept
 * (https://nodejs.org/api/process.html#processsetsourcemapsenabledval), so our own files, loaded after
 * this, keep theirs: stack traces still point into src/*.ts; through a dependency they show its published
 * JavaScript, which is what its maintainers debug anyway.
 */
const enabled = process.sourceMapsEnabled;
if (enabled) process.setSourceMapsEnabled(false);
require('botbuilder');
require('@microsoft/microsoft-graph-client');
require('@sinclair/typebox/compiler');
require('restify');
if (enabled) process.setSourceMapsEnabled(true);
