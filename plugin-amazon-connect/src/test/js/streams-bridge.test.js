"use strict";
// Specification of streams-bridge.js (bridge protocol v1, DESIGN §6), run with `node --test`.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { createFakeConnect, FakeWebSocket, fakeTimers } = require("./fake-connect.js");

const SCRIPT = path.resolve(__dirname, "../../main/resources/META-INF/resources/softphone/streams-bridge.js");
const SoftphoneBridge = require(SCRIPT);

function setup(extra) {
  FakeWebSocket.instances = [];
  const fake = createFakeConnect();
  const timers = fakeTimers();
  const statuses = [];
  const fetched = [];
  const bridge = SoftphoneBridge.start(Object.assign({
    url: "ws://app.test/softphone/bridge",
    token: "tok/en+1",
    container: { id: "ccp" },
    ccp: { ccpUrl: "https://alias.my.connect.aws/ccp-v2/", loginOptions: { autoClose: true } },
    connect: fake.connect,
    WebSocket: FakeWebSocket,
    timers,
    random: () => 0.5,
    fetch: (url, init) => { fetched.push({ url, init }); return Promise.resolve({}); },
    onStatus: (s, d) => statuses.push({ s, d }),
    log: { warn() {}, info() {} },
    pageId: "page-1"
  }, extra || {}));
  const socket = () => FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
  const bus = () => fake.connect.core.getEventBus();
  return { fake, timers, statuses, fetched, bridge, socket, bus };
}

function connected(extra) {
  const t = setup(extra);
  t.socket().serverOpen();
  return t;
}

function command(t, op, args) {
  const id = "id-" + op + "-" + Math.random().toString(36).slice(2);
  t.socket().serverSend({ type: "command", id, op, args: args || {} });
  const result = t.socket().sent.filter((m) => m.type === "result" && m.id === id);
  assert.equal(result.length, 1, "exactly one result for " + op);
  return result[0];
}

function lastCall(t) {
  return t.fake.calls[t.fake.calls.length - 1];
}

test.describe("start", () => {
  test.it("runs initCCP with the page's container and options, then subscribes on the new event bus", () => {
    const t = setup();
    assert.deepEqual(t.fake.calls[0].method, "core.initCCP");
    assert.deepEqual(t.fake.calls[0].args.container, { id: "ccp" });
    assert.equal(t.fake.calls[0].args.options.loginOptions.autoClose, true);
    assert.equal(t.bus().count(), 1 + SoftphoneBridge.RELAYED_EVENTS.length, "agent::update + relayed events");
  });

  test.it("skips initCCP when the page already started Streams", () => {
    const t = setup({ initCCP: false, container: undefined });
    assert.equal(t.fake.calls.filter((c) => c.method === "core.initCCP").length, 0);
  });

  test.it("refuses to start without url, token or Streams", () => {
    assert.throws(() => SoftphoneBridge.start({ token: "t", connect: createFakeConnect().connect }), /url/);
    assert.throws(() => SoftphoneBridge.start({ url: "ws://x", connect: createFakeConnect().connect }), /token/);
    assert.throws(() => SoftphoneBridge.start({ url: "ws://x", token: "t", connect: {} }), /amazon-connect-streams/);
  });

  test.it("opens the socket with the token as an encoded query parameter and says hello first", () => {
    const t = connected();
    assert.equal(t.socket().url, "ws://app.test/softphone/bridge?token=tok%2Fen%2B1");
    assert.deepEqual(t.socket().sent[0], { type: "hello", protocol: 1, streamsVersion: "2.28.2", page: "page-1" });
    assert.equal(t.bridge.status(), "connected");
  });
});

test.describe("relay", () => {
  test.it("relays every agent::update as agent.update with seq increasing from 1", () => {
    const t = connected();
    const when = new Date("2025-03-04T10:14:02.000Z");
    t.bus().trigger("agent::update", { snapshot: { state: { name: "Available", startTimestamp: when }, contacts: [] },
      configuration: { name: "Jane" } });
    t.bus().trigger("agent::update", { snapshot: { state: { name: "Lunch" }, contacts: [] }, configuration: {} });
    const updates = t.socket().sent.slice(1);
    assert.deepEqual(updates.map((m) => [m.type, m.seq]), [["agent.update", 1], ["agent.update", 2]]);
    assert.equal(updates[0].data.snapshot.state.startTimestamp, "2025-03-04T10:14:02.000Z");
    assert.equal(updates[0].data.configuration.name, "Jane");
  });

  for (const name of ["terminated", "auth_fail", "access_denied", "iframe_retries_exhausted", "agent::mute_toggle",
    "agent::softphone_error", "init"]) {
    test.it("relays " + name + " as streams.event", () => {
      const t = connected();
      t.bus().trigger(name, name === "agent::mute_toggle" ? { muted: true } : { detail: name });
      const m = t.socket().sent[1];
      assert.equal(m.type, "streams.event");
      assert.equal(m.name, name);
      assert.equal(m.seq, 1);
      assert.deepEqual(m.data, name === "agent::mute_toggle" ? { muted: true } : { detail: name });
    });
  }

  test.it("relays contact::accepted with just the contact id of the live Contact object", () => {
    const t = connected();
    t.bus().trigger("contact::accepted", { getContactId: () => "c-9", other: () => 1 });
    assert.deepEqual(t.socket().sent[1].data, { contactId: "c-9" });
  });

  test.it("does not relay snapshot-derived events such as agent::state_change", () => {
    const t = connected();
    t.bus().trigger("agent::state_change", { newState: "Lunch" });
    assert.equal(t.socket().sent.length, 1);
  });
});

test.describe("commands", () => {
  test.it("setState finds the agent state object by ARN and passes enqueueNextState", () => {
    const t = connected();
    const r = command(t, "setState", { state: { agentStateARN: "arn:s2", name: "Lunch" }, enqueueNextState: true });
    assert.equal(r.ok, true);
    assert.deepEqual(lastCall(t), { method: "agent.setState",
      args: { state: t.fake.state.agentStates[1], options: { enqueueNextState: true } } });
  });

  test.it("setState by name, and an unknown state fails with the known names", () => {
    const t = connected();
    assert.equal(command(t, "setState", { state: { name: "Available" } }).ok, true);
    assert.equal(lastCall(t).args.state.agentStateARN, "arn:s1");
    const r = command(t, "setState", { state: { name: "Gym" } });
    assert.equal(r.ok, false);
    assert.equal(r.error.type, "UnknownAgentState");
    assert.match(r.error.message, /Available, Lunch, Offline/);
  });

  test.it("connect dials a phone endpoint on the given queue", () => {
    const t = connected();
    const r = command(t, "connect", { endpoint: { type: "phone_number", phoneNumber: "+15551234" }, queueARN: "arn:q/x" });
    assert.equal(r.ok, true);
    assert.equal(lastCall(t).args.endpoint.phoneNumber, "+15551234");
    assert.equal(lastCall(t).args.queueARN, "arn:q/x");
    command(t, "connect", { phoneNumber: "+15550000" });
    assert.equal(lastCall(t).args.endpoint.type, "phone_number");
  });

  test.it("addConnection passes a quick-connect endpoint to the contact", () => {
    const t = connected();
    const ep = { endpointARN: "arn:td/1", type: "queue", name: "Billing QC" };
    assert.equal(command(t, "addConnection", { contactId: "c-1", endpoint: ep }).ok, true);
    assert.equal(lastCall(t).method, "contact.addConnection");
    assert.equal(lastCall(t).args.endpoint.endpointARN, "arn:td/1");
    assert.equal(lastCall(t).args.endpoint.name, "Billing QC");
  });

  const contactOps = { conference: "contact.conferenceConnections", toggle: "contact.toggleActiveConnections",
    accept: "contact.accept", reject: "contact.reject", clear: "contact.clear" };
  for (const [op, method] of Object.entries(contactOps)) {
    test.it(op + " calls " + method, () => {
      const t = connected();
      assert.equal(command(t, op, { contactId: "c-1" }).ok, true);
      assert.deepEqual(lastCall(t), { method, args: { contactId: "c-1" } });
    });
  }

  for (const op of ["hold", "resume", "destroy"]) {
    test.it(op + " acts on the named connection", () => {
      const t = connected();
      assert.equal(command(t, op, { contactId: "c-1", connectionId: "k-customer" }).ok, true);
      assert.deepEqual(lastCall(t), { method: "connection." + op, args: { contactId: "c-1", connectionId: "k-customer" } });
    });
  }

  test.it("sendDigits sends the digits on the connection", () => {
    const t = connected();
    assert.equal(command(t, "sendDigits", { contactId: "c-1", connectionId: "k-agent", digits: "12#" }).ok, true);
    assert.equal(lastCall(t).method, "connection.sendDigits");
    assert.equal(lastCall(t).args.arg, "12#");
  });

  test.it("mute and unmute use the agent's local mute, or the server-side participant mute for a connection", () => {
    const t = connected();
    assert.equal(command(t, "mute").ok, true);
    assert.equal(lastCall(t).method, "agent.mute");
    assert.equal(command(t, "unmute").ok, true);
    assert.equal(lastCall(t).method, "agent.unmute");
    assert.equal(command(t, "mute", { contactId: "c-1", connectionId: "k-agent" }).ok, true);
    assert.equal(lastCall(t).method, "connection.muteParticipant");
  });

  test.it("getEndpoints asks for the routing-profile queues plus the default outbound queue", () => {
    const t = connected();
    t.fake.behavior["agent.getEndpoints"] = () => ({ data: { endpoints: [new t.fake.connect.Endpoint({
      endpointARN: "arn:td/1", type: "agent", name: "Bob" })] } });
    const r = command(t, "getEndpoints");
    assert.deepEqual(lastCall(t).args.queueARNs, ["arn:q/support", "arn:q/agent/me", "arn:q/outbound"]);
    assert.equal(r.ok, true);
    assert.equal(r.data.endpoints[0].name, "Bob");
    assert.equal(r.data.endpoints[0].endpointARN, "arn:td/1");
  });

  test.it("a Streams failure comes back as ok:false with the service error's type and message", () => {
    const t = connected();
    t.fake.behavior["connection.hold"] = () => ({
      fail: JSON.stringify({ type: "InvalidStateException", message: "Cannot put call on hold" }) });
    const r = command(t, "hold", { contactId: "c-1", connectionId: "k-customer" });
    assert.deepEqual(r, { type: "result", id: r.id, ok: false,
      error: { type: "InvalidStateException", message: "Cannot put call on hold" } });
  });

  test.it("a plain-text failure and a thrown Streams error are reported too", () => {
    const t = connected();
    t.fake.behavior["contact.accept"] = () => ({ fail: "error" });
    assert.deepEqual(command(t, "accept", { contactId: "c-1" }).error, { type: "StreamsError", message: "error" });
    t.fake.connect.agent.initialized = false;
    const r = command(t, "accept", { contactId: "c-1" });
    assert.deepEqual(r.error, { type: "StateError", message: "The agent is not yet initialized!" });
  });

  test.it("unknown contacts, connections and ops fail clearly", () => {
    const t = connected();
    assert.equal(command(t, "hold", { contactId: "nope", connectionId: "k" }).error.type, "ContactNotFound");
    assert.equal(command(t, "hold", { contactId: "c-1", connectionId: "nope" }).error.type, "ConnectionNotFound");
    assert.equal(command(t, "teleport", {}).error.type, "UnknownCommand");
    assert.equal(command(t, "toString", {}).error.type, "UnknownCommand");
  });

  test.it("logout: offline state (enqueued), then the instance logout, then TERMINATE upstream", () => {
    const t = connected();
    const r = command(t, "logout");
    assert.equal(r.ok, true);
    const steps = t.fake.calls.filter((c) => c.method !== "core.initCCP").map((c) => c.method);
    assert.deepEqual(steps, ["agent.setState", "upstream.sendUpstream"]);
    assert.equal(t.fake.calls[1].args.state.name, "Offline");
    assert.deepEqual(t.fake.calls[1].args.options, { enqueueNextState: true });
    assert.deepEqual(t.fake.calls[2].args, { event: "terminate", data: undefined });
    assert.deepEqual(t.fetched, [{ url: "https://alias.my.connect.aws/logout",
      init: { credentials: "include", mode: "no-cors" } }]);
    assert.equal(r.data.offline, "Offline");
  });

  test.it("logout still terminates when the offline state is refused", () => {
    const t = connected();
    t.fake.behavior["agent.setState"] = () => ({ fail: '{"type":"InvalidStateException","message":"busy"}' });
    const r = command(t, "logout", { logoutUrl: "https://alias.my.connect.aws/connect/logout" });
    assert.equal(r.ok, true);
    assert.equal(r.data.offline, "failed: busy");
    assert.equal(lastCall(t).method, "upstream.sendUpstream");
    assert.equal(t.fetched[0].url, "https://alias.my.connect.aws/connect/logout");
  });

  test.it("closeLoginPopup closes the login window Streams opened", () => {
    const t = connected();
    let closed = 0;
    t.fake.connect.core.loginWindow = { close: () => { closed++; } };
    assert.deepEqual(command(t, "closeLoginPopup").data, { closed: true });
    assert.equal(closed, 1);
    assert.deepEqual(command(t, "closeLoginPopup").data, { closed: false });
  });

  test.it("ignores messages that are not commands", () => {
    const t = connected();
    t.socket().serverSend("not json");
    t.socket().serverSend({ type: "something" });
    assert.equal(t.socket().sent.length, 1);
  });
});

test.describe("reconnect", () => {
  test.it("retries with exponential backoff, then sends hello and the latest snapshot, seq continuing", () => {
    const t = connected();
    t.bus().trigger("agent::update", { snapshot: { n: 1 } });
    const first = t.socket();
    first.serverClose(1006, "");
    assert.equal(t.bridge.status(), "disconnected");
    t.bus().trigger("agent::update", { snapshot: { n: 2 } });
    t.bus().trigger("agent::update", { snapshot: { n: 3 } });
    t.bus().trigger("agent::mute_toggle", { muted: true });

    assert.equal(t.timers.runNext(), 500);
    t.socket().serverClose(1006, "");
    assert.equal(t.timers.runNext(), 1000);
    t.socket().serverClose(1006, "");
    assert.equal(t.timers.runNext(), 2000);
    const last = t.socket();
    assert.notEqual(last, first);
    last.serverOpen();

    assert.deepEqual(last.sent.map((m) => [m.type, m.seq, m.name]), [
      ["hello", undefined, undefined], ["agent.update", 2, undefined], ["streams.event", 3, "agent::mute_toggle"]]);
    assert.deepEqual(last.sent[1].data, { snapshot: { n: 3 } }, "only the latest snapshot");
    assert.equal(last.sent[0].page, "page-1", "same page id across reconnects");
    // backoff resets after a successful connect
    last.serverClose(1001, "going away");
    assert.equal(t.timers.runNext(), 500);
  });

  test.it("caps the backoff at maxDelayMs", () => {
    const t = setup({ reconnect: { initialDelayMs: 1000, maxDelayMs: 3000, jitter: 0 } });
    const delays = [];
    for (let i = 0; i < 4; i++) {
      t.socket().serverClose(1006, "");
      delays.push(t.timers.runNext());
    }
    assert.deepEqual(delays, [1000, 2000, 3000, 3000]);
  });

  for (const [code, why] of [[4401, "unauthorized"], [4403, "forbidden-origin"], [4409, "taken-over"],
    [4410, "phone-gone"], [4400, "bad-protocol"]]) {
    test.it("stops for good after close code " + code + " (" + why + ")", () => {
      const t = connected();
      t.socket().serverClose(code, "because");
      assert.equal(t.bridge.status(), "stopped");
      assert.equal(t.timers.pending.length, 0);
      assert.deepEqual(t.statuses[t.statuses.length - 1], { s: "stopped", d: { code, reason: "because", why } });
    });
  }

  test.it("stop() unsubscribes, closes the socket and cancels a pending retry", () => {
    const t = connected();
    const ws = t.socket();
    t.bridge.stop();
    assert.deepEqual(ws.closedWith, { code: 1000, reason: "page stopped the bridge" });
    assert.equal(t.bus().count(), 0);
    const t2 = connected();
    t2.socket().serverClose(1006, "");
    t2.bridge.stop();
    assert.equal(t2.timers.pending[0].cleared, true);
  });
});
