/** One endpoint of the emulator, as the listener matches it and the routes tables declare it. */
import type { Kind } from './expand.ts';
import type { FormObject } from './form.ts';
import { allowOnly } from './params.ts';

export interface Route {
  method: 'DELETE' | 'GET' | 'POST';
  pattern: RegExp;
  /** What the route answers, so its `expand` paths can be checked before it runs. */
  answers: Kind;
  handle(params: FormObject, id: string): object;
}

/** A route that takes no parameter but `expand`. */
export function expandOnly(
  method: Route['method'],
  pattern: RegExp,
  answers: Kind,
  run: (id: string) => object,
): Route {
  return {
    method,
    pattern,
    answers,
    handle(params, id) {
      allowOnly(params, ['expand']);
      return run(id);
    },
  };
}
