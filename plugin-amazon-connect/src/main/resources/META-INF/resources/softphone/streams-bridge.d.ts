/**
 * Types of streams-bridge.js: the page side of the softphone-sdk Amazon Connect bridge (protocol v1).
 * Load amazon-connect-streams first, then this script; it defines the global `SoftphoneBridge`.
 */

/** Reconnect backoff: delay = min(maxDelayMs, initialDelayMs * factor^attempt), randomized by ±jitter. */
export interface ReconnectOptions {
  /** First retry delay in milliseconds. Default 500. */
  initialDelayMs?: number;
  /** Largest retry delay in milliseconds. Default 30000. */
  maxDelayMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
  /** Random spread as a fraction of the delay (0..1). Default 0.2. */
  jitter?: number;
}

/** What the bridge is doing; `stopped` is final (refused, taken over, phone gone, or stop() called). */
export type BridgeStatus = "connecting" | "connected" | "disconnected" | "reconnecting" | "stopped";

export interface BridgeStatusDetail {
  /** WebSocket close code, e.g. 4401 (token refused), 4403 (origin refused), 4409 (taken over), 4410 (phone gone). */
  code?: number;
  reason?: string;
  /** For `stopped`: bad-protocol, unauthorized, forbidden-origin, taken-over, phone-gone or stopped. */
  why?: string;
  /** For `disconnected`: when the next attempt runs. */
  retryInMs?: number;
}

/** The options of `connect.core.initCCP` that the bridge passes through unchanged. */
export interface CcpOptions {
  ccpUrl: string;
  region?: string;
  /** SSO: the IdP-initiated URL opened in the login popup instead of the CCP. */
  loginUrl?: string;
  loginPopup?: boolean;
  loginPopupAutoClose?: boolean;
  loginOptions?: {
    autoClose?: boolean;
    height?: number;
    width?: number;
    top?: number;
    left?: number;
    disableAuthPopupAfterLogout?: boolean;
  };
  softphone?: {
    allowFramedSoftphone?: boolean;
    disableRingtone?: boolean;
    ringtoneUrl?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface BridgeOptions {
  /** The bridge socket, e.g. "wss://app.example.com/softphone/bridge". The token is appended as ?token=. */
  url: string;
  /** The pairing token the application issued for this agent's phone. */
  token: string;
  /** The element the CCP iframe goes into (required unless initCCP is false). */
  container?: HTMLElement;
  /** initCCP options: CCP URL, loginUrl for SSO, loginOptions.autoClose, disableAuthPopupAfterLogout, softphone. */
  ccp?: CcpOptions;
  /** false when the page already called connect.core.initCCP itself. Default true. */
  initCCP?: boolean;
  reconnect?: ReconnectOptions;
  /** Called on every status change. */
  onStatus?: (status: BridgeStatus, detail?: BridgeStatusDetail) => void;
  /** Identifies this page load in hello (default: a random UUID). */
  pageId?: string;
  /** Test seams: the Streams global, WebSocket class, timers, random source, fetch and logger to use. */
  connect?: unknown;
  WebSocket?: unknown;
  timers?: { setTimeout(f: () => void, ms: number): unknown; clearTimeout(id: unknown): void };
  random?: () => number;
  fetch?: (url: string, init: object) => Promise<unknown>;
  log?: { warn(...args: unknown[]): void; info(...args: unknown[]): void };
}

export interface BridgeHandle {
  /** The id sent as `page` in hello; the same across reconnects, new on every page load. */
  readonly pageId: string;
  status(): BridgeStatus;
  /** Unsubscribes, closes the socket (1000) and stops reconnecting. */
  stop(): void;
}

export interface SoftphoneBridgeApi {
  /** Starts Streams (unless initCCP is false), relays its events and runs Java's commands. */
  start(options: BridgeOptions): BridgeHandle;
  /** The protocol version spoken: 1. */
  readonly PROTOCOL: number;
  /** The non-snapshot Streams events relayed as streams.event. */
  readonly RELAYED_EVENTS: readonly string[];
}

declare global {
  /** Defined by streams-bridge.js. */
  var SoftphoneBridge: SoftphoneBridgeApi;
}
