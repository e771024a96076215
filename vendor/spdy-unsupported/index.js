// restify 11 requires spdy when it loads, to serve SPDY/HTTP2 if `createServer` is given `spdy` options. This
// bot never is (src/server/server.ts), and spdy's http-deceiver reads process.binding('http_parser'), which
// Node 22 deprecates at start (DEP0111) and Node 24 removed: restify would not load there at all
// (https://github.com/restify/node-restify/issues/1984). package.json "overrides" puts this module in
// spdy's place (docs/decisions.md, 32).
function createServer() {
  throw new Error('SPDY is not supported: this bot serves HTTP/1.1 (restify createServer without `spdy`).');
}

module.exports = { createServer };
