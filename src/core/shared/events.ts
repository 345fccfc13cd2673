/**
 * Domain events: what happened, returned by a use case and handed to the dispatcher after the
 * write has succeeded, so a notification is never sent for something that did not happen.
 */
export interface DomainEvent<T extends string = string, P = Record<string, unknown>> {
  type: T;
  estateId: string | null;
  at: number;
  payload: P;
}

/** A use case's result: the data for the reply and the events for the dispatcher. */
export interface Outcome<T> {
  data: T;
  events: DomainEvent[];
}

export const outcome = <T>(data: T, events: DomainEvent[] = []): Outcome<T> => ({ data, events });
