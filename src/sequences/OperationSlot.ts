/**
 * A named, typed place in an operation's context where one component leaves what later components of the same
 * operation read: `const Orders = defineSlot<Order[]>('orders')`, then `context.set(Orders, orders)` in one step and
 * `context.require(Orders)` in a later one. A slot is its own key: two slots never meet, whatever their names.
 */
export interface OperationSlot<T> {
  readonly name: string;
  /** Marks the slot's value type for the type checker only. */
  readonly __value?: T;
}

export function defineSlot<T>(name: string): OperationSlot<T> {
  return Object.freeze({ name });
}

/** What `require` throws when no earlier step filled the slot: a sequence misses the component that fills it. */
export class EmptySlotError extends Error {
  constructor(slot: OperationSlot<unknown>, handler: string) {
    super(`nothing is in the slot "${slot.name}" of ${handler}: a component that fills it must run earlier in the sequence`);
    this.name = 'EmptySlotError';
  }
}
