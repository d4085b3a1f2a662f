// The peer comparison of benchmark 1 (docs/performance.md): the real amazon-connect-streams library diffing the same
// agent.update messages under Node. Each message is JSON.parse'd and handed to connect.core.AgentDataProvider through
// the event bus, as the Streams worker's updates reach it in a CCP page; the typical application handlers are
// subscribed (agent onRefresh / onStateChange, contact onRefresh).
//
// Streams is a browser bundle: it runs here in a vm context with minimal DOM shims (window = the context, a
// document whose elements accept and ignore everything, empty storage, no network). None of them is on the path
// measured: AgentDataProvider, the event bus, connect.Agent/Contact and the event graphs are plain JavaScript.
//
// usage: node streams-bench.js --streams <dir of amazon-connect-streams> --recording <dir> --seconds N --out <file>
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const seconds = Number(args.seconds || 5);

const noop = () => {};
const element = () => ({ style: {}, setAttribute: noop, appendChild: noop, addEventListener: noop,
  removeEventListener: noop, getElementsByTagName: () => [], querySelector: () => null });
const storage = { getItem: () => null, setItem: noop, removeItem: noop };
const ctx = {
  console, setTimeout, clearTimeout, setInterval, clearInterval, performance, URL, URLSearchParams, TextEncoder,
  TextDecoder, Promise, JSON, Math, Date,
  navigator: { userAgent: 'node', language: 'en' },
  location: { href: 'https://agent.example.com/desk', origin: 'https://agent.example.com', protocol: 'https:',
    host: 'agent.example.com', hostname: 'agent.example.com', search: '', hash: '' },
  document: { createElement: element, getElementById: () => null, getElementsByTagName: () => [],
    addEventListener: noop, removeEventListener: noop, querySelector: () => null, body: element(),
    head: element(), cookie: '', documentElement: element() },
  addEventListener: noop, removeEventListener: noop, localStorage: storage, sessionStorage: storage,
  crypto: require('crypto').webcrypto, fetch: () => Promise.reject(new Error('no network in the benchmark')),
};
ctx.window = ctx; ctx.self = ctx; ctx.top = ctx; ctx.parent = ctx; ctx.globalThis = ctx;
vm.createContext(ctx);
const bundle = path.join(args.streams, 'release', 'connect-streams.js');
vm.runInContext(fs.readFileSync(bundle, 'utf8'), ctx, { filename: bundle });
const connect = ctx.connect;
const version = JSON.parse(fs.readFileSync(path.join(args.streams, 'package.json'), 'utf8')).version;

const bus = new connect.EventBus();
connect.core.eventBus = bus;
connect.core.getEventBus = () => bus;
connect.core.agentDataProvider = new connect.core.AgentDataProvider(bus);
let seen = 0;
bus.subscribe(connect.AgentEvents.REFRESH, (agent) => { seen += agent.getState().name.length; });
bus.subscribe(connect.AgentEvents.STATE_CHANGE, (change) => { seen += change.newState.length; });
bus.subscribe(connect.ContactEvents.REFRESH, (contact) => { seen += contact.getStatus().type.length; });

const read = (name) => fs.readFileSync(path.join(args.recording, name), 'utf8').split('\n').filter((l) => l);
const deliver = (line) => {
  const msg = JSON.parse(line);
  if (msg.type === 'agent.update') bus.trigger(connect.AgentEvents.UPDATE, msg.data);
};
read('setup.jsonl').forEach(deliver);

function measure(lines) {
  // warm up for a third of the time, then count whole passes for the rest
  const run = (ms) => {
    let n = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(ms * 1e6));
    let now = start;
    while (now < end) {
      for (const l of lines) deliver(l);
      n += lines.length;
      now = process.hrtime.bigint();
    }
    return Number(now - start) / n;
  };
  run(seconds * 1000 / 3);
  return run(seconds * 1000);
}
const changed = read('changed.jsonl');
const unchanged = read('unchanged.jsonl');
read('changed.jsonl').forEach(deliver); // ends on the picture the re-polls repeat
const nsUnchanged = measure(unchanged);
const nsChanged = measure(changed.slice(0, changed.length - changed.length % 2));
console.log(`amazon-connect-streams ${version} under Node ${process.version}: changed ${nsChanged.toFixed(0)} ns, ` +
  `unchanged ${nsUnchanged.toFixed(0)} ns per snapshot (handlers saw ${seen})`);
if (args.out) {
  fs.writeFileSync(args.out, JSON.stringify({
    'streamsJs.nanosPerSnapshot.changed': nsChanged,
    'streamsJs.nanosPerSnapshot.unchanged': nsUnchanged,
  }, null, 2) + '\n');
}
process.exit(0); // Streams starts timers that would keep Node alive
