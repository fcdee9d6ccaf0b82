// Loaded only when a capture connects: importing ws costs every other command start-up time.
import type WebSocket from 'ws';
import { CaptureError } from './errors.js';

/**
 * A small Chrome DevTools Protocol client over the inspector's WebSocket (Node 20 has no
 * WebSocket client of its own): commands with ids, and events by method name.
 */
export class InspectorClient {
  readonly #socket: WebSocket;
  readonly #pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  readonly #listeners = new Map<string, (params: Record<string, unknown>) => void>();
  #nextId = 1;
  #closed: Error | undefined;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#receive(data.toString()));
    socket.on('close', () =>
      this.#fail(new CaptureError('the inspector closed the connection', 'INSPECTOR_FAILED')),
    );
    socket.on('error', (error) =>
      this.#fail(new CaptureError(`inspector connection failed (${error.message})`, 'INSPECTOR_FAILED')),
    );
  }

  static async connect(url: string, timeoutMs = 5000): Promise<InspectorClient> {
    const { default: WebSocket } = await import('ws');
    return new Promise((resolve, reject) => {
      // Snapshot chunks are small, but a command's answer may not be: no payload limit of ws's own.
      const socket = new WebSocket(url, {
        maxPayload: 0,
        handshakeTimeout: timeoutMs,
        perMessageDeflate: false,
      });
      socket.once('open', () => resolve(new InspectorClient(socket)));
      socket.once('error', (error) =>
        reject(
          new CaptureError(
            `cannot connect to the inspector at ${url} (${error.message})`,
            'INSPECTOR_FAILED',
          ),
        ),
      );
    });
  }

  /** Sends a command and resolves with its result (rejects with the protocol's error). */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** One listener per event method; a later one replaces it. */
  on(method: string, listener: (params: Record<string, unknown>) => void): void {
    this.#listeners.set(method, listener);
  }

  /** Stops reading messages until resume(), so a slow disk holds back the sender (TCP backpressure). */
  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  /** Resolves once the connection is closed (by either side). */
  close(): Promise<void> {
    if (this.#socket.readyState === this.#socket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.close();
    });
  }

  /** Resolves when the other side closes the connection, or after `ms`. */
  closedWithin(ms: number): Promise<boolean> {
    if (this.#socket.readyState === this.#socket.CLOSED) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.#socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  #receive(text: string): void {
    let message: {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: unknown;
      error?: { message?: string };
    };
    try {
      message = JSON.parse(text);
    } catch {
      return; // not a protocol message: nothing waits for it
    }
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error)
        pending.reject(
          new CaptureError(`the inspector refused: ${message.error.message ?? 'error'}`, 'INSPECTOR_FAILED'),
        );
      else pending.resolve(message.result ?? {});
      return;
    }
    if (message.method) this.#listeners.get(message.method)?.(message.params ?? {});
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const { reject } of this.#pending.values()) reject(error);
    this.#pending.clear();
  }
}
