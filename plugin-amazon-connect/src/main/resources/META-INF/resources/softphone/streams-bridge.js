/*
 * streams-bridge.js — relays Amazon Connect Streams to the softphone-sdk Java side over a WebSocket
 * (bridge protocol v1, DESIGN §6) and runs the commands Java sends. It holds no business logic: every
 * decision is made in Java from the raw Streams data.
 *
 * Usage (after amazon-connect-streams is loaded):
 *   const bridge = SoftphoneBridge.start({
 *     url: "wss://app.example.com/softphone/bridge",
 *     token: "<pairing token from the application>",
 *     container: document.getElementById("ccp"),
 *     ccp: { ccpUrl: "https://alias.my.connect.aws/ccp-v2/", loginOptions: { autoClose: true } }
 *   });
 *
 * Served from the plugin jar at /softphone/streams-bridge.js. Types: streams-bridge.d.ts.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) {
    module.exports = api;
  }
  if (root) {
    root.SoftphoneBridge = api;
  }
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";

  var PROTOCOL = 1;

  /** Streams events that are not part of the agent snapshot, relayed as `streams.event` (DESIGN §6). */
  var RELAYED_EVENTS = [
    "terminated",
    "auth_fail",
    "access_denied",
    "iframe_retries_exhausted",
    "agent::mute_toggle",
    "agent::softphone_error",
    "contact::accepted",
    "init"
  ];

  /** Close codes after which reconnecting cannot help (PageClose in Java). */
  var FINAL_CLOSE_CODES = {
    4400: "bad-protocol",
    4401: "unauthorized",
    4403: "forbidden-origin",
    4409: "taken-over",
    4410: "phone-gone"
  };

  /** Events buffered while the socket is down; the oldest are dropped beyond this. */
  var MAX_BUFFERED_EVENTS = 200;

  var DEFAULT_RECONNECT = { initialDelayMs: 500, maxDelayMs: 30000, factor: 2, jitter: 0.2 };

  function randomId() {
    var c = typeof crypto !== "undefined" ? crypto : null;
    if (c && typeof c.randomUUID === "function") {
      return c.randomUUID();
    }
    return "page-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function withToken(url, token) {
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "token=" + encodeURIComponent(token);
  }

  /** Makes a Streams payload JSON-safe: live API objects become their plain data. */
  function plain(name, data) {
    if (data === undefined || data === null) {
      return null;
    }
    if (name === "contact::accepted" && typeof data.getContactId === "function") {
      return { contactId: data.getContactId() };
    }
    if (name === "contact::accepted" && data.contactId) {
      return { contactId: data.contactId };
    }
    try {
      return JSON.parse(JSON.stringify(data));
    } catch (e) {
      return { unserializable: String(data) };
    }
  }

  /** Turns a Streams failure (often a JSON string of the service error) into {type, message}. */
  function toError(err) {
    if (err && typeof err === "object" && !(err instanceof Error) && (err.type || err.message)) {
      return { type: String(err.type || "StreamsError"), message: String(err.message || "") };
    }
    if (typeof err === "string") {
      try {
        var parsed = JSON.parse(err);
        if (parsed && typeof parsed === "object" && (parsed.type || parsed.message)) {
          return { type: String(parsed.type || "StreamsError"), message: String(parsed.message || "") };
        }
      } catch (ignored) {
        // not JSON: the text itself is the message
      }
      return { type: "StreamsError", message: err };
    }
    if (err instanceof Error) {
      return { type: err.name || "Error", message: err.message || String(err) };
    }
    return { type: "StreamsError", message: err === undefined ? "failed" : String(err) };
  }

  /**
   * Starts the bridge.
   * @param {object} options see streams-bridge.d.ts (BridgeOptions)
   * @returns {{stop: function(): void, status: function(): string, pageId: string}}
   */
  function start(options) {
    if (!options || typeof options.url !== "string" || !options.url) {
      throw new Error("SoftphoneBridge.start: options.url (the bridge WebSocket URL) is required");
    }
    if (typeof options.token !== "string" || !options.token) {
      throw new Error("SoftphoneBridge.start: options.token (the pairing token the application issued) is required");
    }
    var connect = options.connect || (typeof globalThis !== "undefined" ? globalThis.connect : undefined);
    if (!connect || !connect.core) {
      throw new Error("SoftphoneBridge.start: amazon-connect-streams is not loaded (no global `connect`)");
    }
    var WebSocketImpl = options.WebSocket || (typeof WebSocket !== "undefined" ? WebSocket : undefined);
    if (!WebSocketImpl) {
      throw new Error("SoftphoneBridge.start: no WebSocket implementation");
    }
    var timers = options.timers || {
      setTimeout: function (f, ms) { return setTimeout(f, ms); },
      clearTimeout: function (id) { clearTimeout(id); }
    };
    var random = options.random || Math.random;
    var fetchImpl = options.fetch || (typeof fetch !== "undefined" ? fetch : null);
    var reconnect = Object.assign({}, DEFAULT_RECONNECT, options.reconnect || {});
    var onStatus = typeof options.onStatus === "function" ? options.onStatus : function () {};
    var log = options.log || (typeof console !== "undefined" ? console : { warn: function () {}, info: function () {} });

    var pageId = options.pageId || randomId();
    var seq = 0;
    var socket = null;
    var status = "connecting";
    var stopped = false;
    var attempt = 0;
    var retryTimer = null;
    var latestUpdate = null;
    var buffered = [];
    var subscriptions = [];

    function setStatus(s, detail) {
      status = s;
      try {
        onStatus(s, detail);
      } catch (e) {
        log.warn("softphone bridge: onStatus failed", e);
      }
    }

    function isOpen() {
      return socket !== null && socket.readyState === 1;
    }

    function sendNow(message) {
      socket.send(JSON.stringify(message));
    }

    function envelope(type, name, data) {
      seq += 1;
      var m = { type: type, seq: seq };
      if (name !== null) {
        m.name = name;
      }
      m.data = data;
      return m;
    }

    // ---- Streams -> Java ----

    function onAgentUpdate(data) {
      latestUpdate = plain("agent::update", data);
      if (isOpen()) {
        sendNow(envelope("agent.update", null, latestUpdate));
      }
      // While disconnected only the latest snapshot matters: it is sent right after the next hello.
    }

    function onStreamsEvent(name, data) {
      var payload = plain(name, data);
      if (isOpen()) {
        sendNow(envelope("streams.event", name, payload));
        return;
      }
      buffered.push({ name: name, data: payload });
      if (buffered.length > MAX_BUFFERED_EVENTS) {
        buffered.shift();
      }
    }

    function streamsVersion() {
      return typeof connect.version === "string" ? connect.version : "unknown";
    }

    // ---- Java -> Streams: commands ----

    function agent() {
      return new connect.Agent();
    }

    function contact(args) {
      if (!args || !args.contactId) {
        throw { type: "BadArguments", message: "contactId is required" };
      }
      var found = agent().getContacts().filter(function (c) { return c.getContactId() === args.contactId; })[0];
      if (!found) {
        throw { type: "ContactNotFound", message: "no contact " + args.contactId + " in the current snapshot" };
      }
      return found;
    }

    function connection(args) {
      if (!args || !args.connectionId) {
        throw { type: "BadArguments", message: "connectionId is required" };
      }
      var c = contact(args);
      var found = c.getConnections().filter(function (k) { return k.getConnectionId() === args.connectionId; })[0];
      if (!found) {
        throw { type: "ConnectionNotFound",
          message: "no connection " + args.connectionId + " on contact " + args.contactId };
      }
      return found;
    }

    function endpoint(e) {
      if (!e) {
        throw { type: "BadArguments", message: "endpoint is required" };
      }
      if (typeof e === "string") {
        return connect.Endpoint.byPhoneNumber(e);
      }
      return new connect.Endpoint(e);
    }

    function agentState(wanted) {
      if (!wanted) {
        throw { type: "BadArguments", message: "state is required" };
      }
      var states = agent().getAgentStates();
      var found = states.filter(function (s) {
        return wanted.agentStateARN ? s.agentStateARN === wanted.agentStateARN : s.name === wanted.name;
      })[0];
      if (!found) {
        throw { type: "UnknownAgentState", message: "no agent state " + JSON.stringify(wanted)
          + " among " + states.map(function (s) { return s.name; }).join(", ") };
      }
      return found;
    }

    function defaultQueueARNs() {
      var a = agent();
      var arns = a.getAllQueueARNs();
      var rp = a.getRoutingProfile();
      var dq = rp && rp.defaultOutboundQueue && rp.defaultOutboundQueue.queueARN;
      if (dq && arns.indexOf(dq) < 0) {
        arns = arns.concat([dq]);
      }
      return arns;
    }

    function logoutUrl(args) {
      if (args && args.logoutUrl) {
        return args.logoutUrl;
      }
      var ccpUrl = options.ccp && (typeof options.ccp === "string" ? options.ccp : options.ccp.ccpUrl);
      if (!ccpUrl) {
        return null;
      }
      try {
        return new URL(ccpUrl).origin + "/logout";
      } catch (e) {
        return null;
      }
    }

    /** Each op calls done(data) or fail(error); sync throws are failures too. */
    var OPS = {
      setState: function (args, cb) {
        agent().setState(agentState(args.state), cb, { enqueueNextState: !!args.enqueueNextState });
      },
      connect: function (args, cb) {
        var params = { success: cb.success, failure: cb.failure };
        if (args.queueARN) { params.queueARN = args.queueARN; }
        if (args.relatedContactId) { params.relatedContactId = args.relatedContactId; }
        if (typeof args.timeoutMs === "number") { params.timeout = args.timeoutMs; }
        agent().connect(endpoint(args.endpoint || args.phoneNumber), params);
      },
      addConnection: function (args, cb) { contact(args).addConnection(endpoint(args.endpoint), cb); },
      conference: function (args, cb) { contact(args).conferenceConnections(cb); },
      toggle: function (args, cb) { contact(args).toggleActiveConnections(cb); },
      hold: function (args, cb) { connection(args).hold(cb); },
      resume: function (args, cb) { connection(args).resume(cb); },
      destroy: function (args, cb) { connection(args).destroy(cb); },
      sendDigits: function (args, cb) {
        if (typeof args.digits !== "string" || !args.digits) {
          throw { type: "BadArguments", message: "digits is required" };
        }
        connection(args).sendDigits(args.digits, cb);
      },
      mute: function (args, cb) {
        if (args.connectionId) { connection(args).muteParticipant(cb); return; }
        agent().mute();
        cb.success({});
      },
      unmute: function (args, cb) {
        if (args.connectionId) { connection(args).unmuteParticipant(cb); return; }
        agent().unmute();
        cb.success({});
      },
      accept: function (args, cb) { contact(args).accept(cb); },
      reject: function (args, cb) { contact(args).reject(cb); },
      clear: function (args, cb) { contact(args).clear(cb); },
      getEndpoints: function (args, cb) {
        var arns = args.queueARNs && args.queueARNs.length ? args.queueARNs : defaultQueueARNs();
        agent().getEndpoints(arns, {
          success: function (data) {
            cb.success({ endpoints: plain("endpoints", (data && data.endpoints) || []) });
          },
          failure: cb.failure
        });
      },
      logout: function (args, cb) {
        // The documented recipe: an offline state first (logout alone keeps the agent's status), then the
        // instance logout and TERMINATE upstream so every CCP of this browser shuts down.
        var report = { offline: null, logoutFetch: null };
        function finish() {
          try {
            if (fetchImpl && report.logoutUrl) {
              report.logoutFetch = "sent";
              Promise.resolve(fetchImpl(report.logoutUrl, { credentials: "include", mode: "no-cors" }))
                .catch(function (e) { log.warn("softphone bridge: logout fetch failed", e); });
            }
            connect.core.getUpstream().sendUpstream(connect.EventType.TERMINATE);
            cb.success(report);
          } catch (e) {
            cb.failure(e);
          }
        }
        report.logoutUrl = logoutUrl(args);
        var offline = null;
        if (args.setOffline !== false) {
          offline = agent().getAgentStates().filter(function (s) {
            return s.type === connect.AgentStateType.OFFLINE;
          })[0] || null;
        }
        if (!offline) {
          report.offline = args.setOffline === false ? "skipped" : "no offline state";
          finish();
          return;
        }
        agent().setState(offline, {
          success: function () { report.offline = offline.name; finish(); },
          failure: function (err) { report.offline = "failed: " + toError(err).message; finish(); }
        }, { enqueueNextState: true });
      },
      closeLoginPopup: function (args, cb) {
        var w = connect.core.loginWindow;
        if (w && typeof w.close === "function") {
          w.close();
          connect.core.loginWindow = null;
          cb.success({ closed: true });
          return;
        }
        cb.success({ closed: false });
      }
    };

    function runCommand(message) {
      var id = message.id;
      var answered = false;
      function answer(result) {
        if (answered) {
          return;
        }
        answered = true;
        result.type = "result";
        result.id = id;
        if (isOpen()) {
          sendNow(result);
        }
        // When the socket is gone Java has already failed this command (PageSink contract).
      }
      var cb = {
        success: function (data) { answer({ ok: true, data: plain("result", data) || {} }); },
        failure: function (err) { answer({ ok: false, error: toError(err) }); }
      };
      var op = OPS.hasOwnProperty(message.op) ? OPS[message.op] : null;
      if (!op) {
        cb.failure({ type: "UnknownCommand", message: "unknown op '" + message.op + "'" });
        return;
      }
      try {
        op(message.args || {}, cb);
      } catch (e) {
        cb.failure(e);
      }
    }

    function onSocketMessage(event) {
      var message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        log.warn("softphone bridge: ignored a message that is not JSON", event.data);
        return;
      }
      if (!message || message.type !== "command" || typeof message.id !== "string") {
        log.warn("softphone bridge: ignored a message that is not a command", event.data);
        return;
      }
      runCommand(message);
    }

    // ---- the socket ----

    function open() {
      if (stopped) {
        return;
      }
      retryTimer = null;
      setStatus(attempt === 0 ? "connecting" : "reconnecting");
      var ws;
      try {
        ws = new WebSocketImpl(withToken(options.url, options.token));
      } catch (e) {
        log.warn("softphone bridge: could not open the socket", e);
        scheduleReconnect();
        return;
      }
      socket = ws;
      ws.onopen = function () {
        if (socket !== ws) {
          return;
        }
        attempt = 0;
        sendNow({ type: "hello", protocol: PROTOCOL, streamsVersion: streamsVersion(), page: pageId });
        if (latestUpdate !== null) {
          sendNow(envelope("agent.update", null, latestUpdate));
        }
        var pending = buffered;
        buffered = [];
        pending.forEach(function (e) { sendNow(envelope("streams.event", e.name, e.data)); });
        setStatus("connected");
      };
      ws.onmessage = function (event) {
        if (socket === ws) {
          onSocketMessage(event);
        }
      };
      ws.onclose = function (event) {
        if (socket !== ws) {
          return;
        }
        socket = null;
        var finalWhy = FINAL_CLOSE_CODES[event.code];
        if (finalWhy) {
          stopped = true;
          setStatus("stopped", { code: event.code, reason: event.reason, why: finalWhy });
          log.warn("softphone bridge: closed by the server (" + event.code + " " + event.reason
            + "); not reconnecting");
          return;
        }
        scheduleReconnect({ code: event.code, reason: event.reason });
      };
      ws.onerror = function () {
        // onclose follows and decides.
      };
    }

    function scheduleReconnect(detail) {
      if (stopped) {
        return;
      }
      var base = Math.min(reconnect.maxDelayMs, reconnect.initialDelayMs * Math.pow(reconnect.factor, attempt));
      var delay = Math.round(base * (1 + reconnect.jitter * (2 * random() - 1)));
      attempt += 1;
      setStatus("disconnected", Object.assign({ retryInMs: delay }, detail || {}));
      retryTimer = timers.setTimeout(open, delay);
    }

    // ---- start ----

    if (options.initCCP !== false) {
      if (!options.container) {
        throw new Error("SoftphoneBridge.start: options.container (the element for the CCP iframe) is required "
          + "unless initCCP is false");
      }
      connect.core.initCCP(options.container, options.ccp);
    }
    // initCCP replaces the event bus, so subscribe only now.
    var bus = connect.core.getEventBus();
    subscriptions.push(bus.subscribe(connect.AgentEvents.UPDATE, onAgentUpdate));
    RELAYED_EVENTS.forEach(function (name) {
      subscriptions.push(bus.subscribe(name, function (data) { onStreamsEvent(name, data); }));
    });
    open();

    return {
      pageId: pageId,
      status: function () { return status; },
      stop: function () {
        stopped = true;
        if (retryTimer !== null) {
          timers.clearTimeout(retryTimer);
          retryTimer = null;
        }
        subscriptions.forEach(function (s) {
          if (s && typeof s.unsubscribe === "function") { s.unsubscribe(); }
        });
        subscriptions = [];
        if (socket !== null) {
          var ws = socket;
          socket = null;
          ws.close(1000, "page stopped the bridge");
        }
        setStatus("stopped", { why: "stopped" });
      }
    };
  }

  return { start: start, PROTOCOL: PROTOCOL, RELAYED_EVENTS: RELAYED_EVENTS.slice() };
});
