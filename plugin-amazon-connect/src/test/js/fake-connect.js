"use strict";
// A fake `connect` global (amazon-connect-streams) that records every call the bridge makes. Names and
// shapes follow amazon-connect-streams 2.28.2 (see docs/amazon-connect.md and the shared reference).

class FakeBus {
  constructor() { this.subs = new Map(); }
  subscribe(name, f) {
    if (!this.subs.has(name)) { this.subs.set(name, []); }
    const list = this.subs.get(name);
    list.push(f);
    return { unsubscribe: () => { const i = list.indexOf(f); if (i >= 0) { list.splice(i, 1); } } };
  }
  trigger(name, data) { (this.subs.get(name) || []).slice().forEach((f) => f(data, name, this)); }
  count() { let n = 0; this.subs.forEach((l) => { n += l.length; }); return n; }
}

function createFakeConnect() {
  const calls = [];
  // behavior[method] = (args) => ({ fail: err } | { data }) ; default success with {}.
  const behavior = {};
  const record = (method, args, cb) => {
    calls.push({ method, args });
    const b = behavior[method] ? behavior[method](args) : { data: {} };
    if (cb) {
      if (b.fail !== undefined) { cb.failure && cb.failure(b.fail); } else { cb.success && cb.success(b.data); }
    }
  };

  const state = {
    agentStates: [
      { agentStateARN: "arn:s1", type: "routable", name: "Available" },
      { agentStateARN: "arn:s2", type: "not_routable", name: "Lunch" },
      { agentStateARN: "arn:s3", type: "offline", name: "Offline" }
    ],
    queues: ["arn:q/support", "arn:q/agent/me"],
    defaultOutboundQueue: "arn:q/outbound",
    contacts: [
      { contactId: "c-1", connections: ["k-agent", "k-customer", "k-third"] }
    ]
  };

  class Endpoint {
    constructor(e) {
      e = e || {};
      this.endpointARN = e.endpointId || e.endpointARN || null;
      this.endpointId = this.endpointARN;
      this.type = e.type || null;
      this.name = e.name || null;
      this.phoneNumber = e.phoneNumber || null;
      this.agentLogin = e.agentLogin || null;
      this.queue = e.queue || null;
    }
    static byPhoneNumber(number, name) {
      return new Endpoint({ type: "phone_number", phoneNumber: number, name: name || null });
    }
  }

  function makeConnection(contactId, connectionId) {
    const m = (name) => (arg, cb) => record("connection." + name, { contactId, connectionId, arg }, cb);
    return {
      getConnectionId: () => connectionId,
      hold: (cb) => record("connection.hold", { contactId, connectionId }, cb),
      resume: (cb) => record("connection.resume", { contactId, connectionId }, cb),
      destroy: (cb) => record("connection.destroy", { contactId, connectionId }, cb),
      muteParticipant: (cb) => record("connection.muteParticipant", { contactId, connectionId }, cb),
      unmuteParticipant: (cb) => record("connection.unmuteParticipant", { contactId, connectionId }, cb),
      sendDigits: m("sendDigits")
    };
  }

  function makeContact(c) {
    const simple = (name) => (cb) => record("contact." + name, { contactId: c.contactId }, cb);
    return {
      contactId: c.contactId,
      getContactId: () => c.contactId,
      getConnections: () => c.connections.map((k) => makeConnection(c.contactId, k)),
      accept: simple("accept"),
      reject: simple("reject"),
      clear: simple("clear"),
      conferenceConnections: simple("conferenceConnections"),
      toggleActiveConnections: simple("toggleActiveConnections"),
      addConnection: (endpoint, cb) => record("contact.addConnection", { contactId: c.contactId, endpoint }, cb)
    };
  }

  class Agent {
    constructor() {
      if (!connect.agent.initialized) { const e = new Error("The agent is not yet initialized!"); e.name = "StateError"; throw e; }
    }
    getAgentStates() { return state.agentStates; }
    setState(s, cb, opts) { record("agent.setState", { state: s, options: opts }, cb); }
    connect(endpoint, params) {
      record("agent.connect", { endpoint, queueARN: params.queueARN, timeout: params.timeout }, params);
    }
    getContacts() { return state.contacts.map(makeContact); }
    getAllQueueARNs() { return state.queues.slice(); }
    getRoutingProfile() { return { defaultOutboundQueue: { queueARN: state.defaultOutboundQueue } }; }
    getEndpoints(arns, cb) { record("agent.getEndpoints", { queueARNs: arns }, cb); }
    mute() { calls.push({ method: "agent.mute", args: {} }); }
    unmute() { calls.push({ method: "agent.unmute", args: {} }); }
  }

  const connect = {
    version: "2.28.2",
    AgentEvents: { UPDATE: "agent::update" },
    EventType: { TERMINATE: "terminate", TERMINATED: "terminated" },
    AgentStateType: { OFFLINE: "offline", ROUTABLE: "routable", NOT_ROUTABLE: "not_routable" },
    Endpoint,
    Agent,
    agent: { initialized: true },
    core: {
      eventBus: new FakeBus(),
      loginWindow: null,
      getEventBus() { return connect.core.eventBus; },
      initCCP(container, options) {
        calls.push({ method: "core.initCCP", args: { container, options } });
        // As in Streams: initCCP replaces the event bus.
        connect.core.eventBus = new FakeBus();
      },
      getUpstream() {
        return { sendUpstream: (event, data) => calls.push({ method: "upstream.sendUpstream", args: { event, data } }) };
      }
    }
  };
  return { connect, calls, behavior, state };
}

class FakeWebSocket {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.closedWith = null;
    FakeWebSocket.instances.push(this);
  }
  send(text) {
    if (this.readyState !== 1) { throw new Error("InvalidStateError: not open"); }
    this.sent.push(JSON.parse(text));
  }
  close(code, reason) { this.closedWith = { code, reason }; this.readyState = 3; }
  // test side
  serverOpen() { this.readyState = 1; this.onopen && this.onopen({}); }
  serverSend(obj) { this.onmessage && this.onmessage({ data: typeof obj === "string" ? obj : JSON.stringify(obj) }); }
  serverClose(code, reason) { this.readyState = 3; this.onclose && this.onclose({ code, reason: reason || "" }); }
}
FakeWebSocket.instances = [];

function fakeTimers() {
  const pending = [];
  return {
    pending,
    setTimeout(f, ms) { const t = { f, ms, cleared: false }; pending.push(t); return t; },
    clearTimeout(t) { t.cleared = true; },
    runNext() {
      const t = pending.shift();
      if (!t) { throw new Error("no timer pending"); }
      if (!t.cleared) { t.f(); }
      return t.ms;
    }
  };
}

// CommonJS for node --test; a global for the real-browser test page.
if (typeof module === "object" && module.exports) {
  module.exports = { createFakeConnect, FakeWebSocket, fakeTimers, FakeBus };
} else {
  globalThis.FakeConnectKit = { createFakeConnect, FakeBus };
}
