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

/** A route that takes `expand` and the parameters it `accepts`, refusing any other as Stripe does. */
export function route(
  method: Route['method'],
  pattern: RegExp,
  answers: Kind,
  accepts: readonly string[],
  run: (params: FormObject, id: string) => object,
): Route {
  return {
    method,
    pattern,
    answers,
    handle(params, id) {
      allowOnly(params, ['expand', ...accepts]);
      return run(params, id);
    },
  };
}
