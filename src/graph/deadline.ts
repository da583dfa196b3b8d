import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One deadline per resource operation (create, read, update, delete), shared by every Graph call
 * the operation makes, so an operation of five calls is bounded by `operationTimeoutSeconds`,
 * not five times that. The provider's dispatcher opens the scope; calls read it.
 */
const scope = new AsyncLocalStorage<number>();

export function withDeadline<T>(timeoutInMs: number, work: () => Promise<T>): Promise<T> {
  return scope.run(Date.now() + timeoutInMs, work);
}

/** The deadline of the operation in progress, if any. */
export function currentDeadline(): number | undefined {
  return scope.getStore();
}
