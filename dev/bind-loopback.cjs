/**
 * Preloaded (`node --require`) into the Playground's process only. The Playground has no host option and
 * listens on every interface, yet it forwards anything it receives to the bot and serves a mock Teams
 * connector: on a shared network that is an open door. Defaulting unaddressed listens to 127.0.0.1 keeps it
 * on this machine without forking the tool.
 */
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (args.length === 0 || typeof first === 'function') args.unshift(0, LOOPBACK);
  else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (args.length > 1 && args[1] === undefined) args[1] = LOOPBACK;
    else if (typeof args[1] !== 'string') args.splice(1, 0, LOOPBACK);
  } else if (first && typeof first === 'object' && first.path === undefined && first.host === undefined) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};

// The launcher talks to us over IPC only to be noticed when it dies: a crashed or killed bot must not leave
// an orphaned Playground holding its port.
if (process.send) process.on('disconnect', () => process.exit(0));
