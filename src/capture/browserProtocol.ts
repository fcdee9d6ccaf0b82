import type { CDPSession } from 'puppeteer-core';
import type { SnapshotProtocol } from './captureProcess.js';

/** The part of puppeteer's CDPSession used here, by method name (its typed API takes literal names). */
interface LooseSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, handler: (params: Record<string, unknown>) => void): unknown;
  off(event: string, handler: (params: Record<string, unknown>) => void): unknown;
}

/**
 * A puppeteer CDPSession seen as streamSnapshot's protocol: one listener per event method, as
 * InspectorClient has. puppeteer reads its socket on its own, so pause and resume do nothing:
 * while the disk is behind, chunks wait in memory (a page's snapshot is seldom over a few
 * hundred MB).
 */
export class BrowserProtocol implements SnapshotProtocol {
  readonly #session: LooseSession;
  readonly #listeners = new Map<string, (params: Record<string, unknown>) => void>();

  constructor(session: CDPSession) {
    this.#session = session as unknown as LooseSession;
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    return this.#session.send(method, params) as Promise<T>;
  }

  on(method: string, listener: (params: Record<string, unknown>) => void): void {
    const previous = this.#listeners.get(method);
    if (previous) this.#session.off(method, previous);
    this.#listeners.set(method, listener);
    this.#session.on(method, listener);
  }

  pause(): void {}

  resume(): void {}

  /** Removes the listeners this protocol added. */
  dispose(): void {
    for (const [method, listener] of this.#listeners) this.#session.off(method, listener);
    this.#listeners.clear();
  }
}
