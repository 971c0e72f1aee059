/** The events endpoints: find what happened, by type (`refund.*` for a group) and time. */
import { limitParam } from './customer-routes.ts';
import { invalidRequest, resourceMissing } from './errors.ts';
import { cursorParams, listPage, rangeParam } from './list-page.ts';
import { optionalBoolean, optionalString, stringArray } from './params.ts';
import { route, type Route } from './route.ts';
import type { State } from './state.ts';

export function createEventRoutes(state: State): Route[] {
  return [
    route(
      'GET',
      /^\/v1\/events$/,
      'list:event',
      ['created', 'delivery_success', 'ending_before', 'limit', 'starting_after', 'type', 'types'],
      (params) => {
        const type = optionalString(params, 'type');
        const types = stringArray(params, 'types');
        if (type !== undefined && types !== undefined) {
          throw invalidRequest('You may only specify one of these parameters: type, types.', { param: 'types' });
        }
        const patterns = (types ?? (type === undefined ? [] : [type])).map(typePattern);
        const created = rangeParam(params, 'created');
        // The emulator has no webhook endpoints, so no event waits for one (`pending_webhooks` is 0): every event
        // counts as delivered, and asking for the undelivered ones finds none.
        const deliverySuccess = optionalBoolean(params, 'delivery_success');
        const { data, hasMore } = listPage(
          [...state.events],
          (event) =>
            (patterns.length === 0 || patterns.some((pattern) => pattern.test(event.type))) &&
            (created === undefined || created(event.created)) &&
            (deliverySuccess === undefined || deliverySuccess === (event.pending_webhooks === 0)),
          cursorParams(params, limitParam(params)),
          'event',
        );
        return { object: 'list', data, has_more: hasMore, url: '/v1/events' };
      },
    ),
    route('GET', /^\/v1\/events\/([^/]+)$/, 'event', [], (_params, id) => {
      const event = state.events.get(id);
      if (!event) throw resourceMissing('event', id);
      return event;
    }),
  ];
}

/** `refund.created` exactly, or `refund.*` for every refund event. */
function typePattern(type: string): RegExp {
  const escaped = type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^]*');
  return new RegExp(`^${escaped}$`);
}
