import { TimeoutError } from '../domain/errors';
import type { CallOptions } from './store';

/** True when the call's signal has aborted or its deadline has passed. */
export function isOver(call: CallOptions | undefined): boolean {
  if (!call) return false;
  return call.signal?.aborted === true || (call.deadline !== undefined && Date.now() >= call.deadline);
}

/** The TimeoutError a call gets when its deadline passed; `what` names the call, for the logs and the client. */
export function timeoutError(what: string): TimeoutError {
  return new TimeoutError(`The request's deadline passed: ${what} was stopped.`);
}

/** Throws TimeoutError when the call is over: stores call it before each step of their work. */
export function checkCall(call: CallOptions | undefined, what: string): void {
  if (isOver(call)) throw timeoutError(what);
}

/** Milliseconds left before the call's deadline, or undefined when it has none. */
export function timeLeft(call: CallOptions | undefined): number | undefined {
  return call?.deadline === undefined ? undefined : call.deadline - Date.now();
}

/**
 * Resolves when the call's signal aborts; never when it has none. `stop` removes the
 * listener: call it when the work ends first.
 */
export function whenAborted(call: CallOptions | undefined): { aborted: Promise<void>; stop: () => void } {
  const signal = call?.signal;
  if (!signal) return { aborted: new Promise<void>(() => undefined), stop: () => undefined };
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { aborted, stop: () => signal.removeEventListener('abort', onAbort) };
}
