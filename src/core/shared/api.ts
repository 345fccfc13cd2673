import type { z } from 'zod';

/**
 * An action of a cloud function, as data: its input schema and a line for the API reference.
 * Handlers validate with `input`; the API reference is generated from it; the typed client
 * takes its payload type from it, so the three cannot drift apart.
 */
export interface ActionSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  summary: string;
  input: I;
  /** A description of `data` in the successful reply, for the API reference. */
  reply: string;
  /** Only for typing the client: never read at run time. */
  readonly output?: O;
}

export type ApiSpec = Record<string, ActionSpec>;

/** `action<Output>()({ summary, input, reply })`: the output type is named, the input inferred. */
export const action =
  <O>() =>
  <I extends z.ZodType>(spec: { summary: string; input: I; reply: string }): ActionSpec<I, O> =>
    spec as ActionSpec<I, O>;

export type InputOf<S> = S extends ActionSpec<infer I, unknown> ? z.input<I> : never;
export type OutputOf<S> = S extends ActionSpec<z.ZodType, infer O> ? O : never;

/** The largest request body a function accepts, in bytes of JSON; larger is INVALID_INPUT. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
