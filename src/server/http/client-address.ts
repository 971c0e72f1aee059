/**
 * Who a request comes from, for the rate limits. By default the address of the connection, as the platform
 * reports it: forwarded headers are written by whoever sends the request, so trusting them by default would let
 * any client pick its own rate-limit bucket. Behind proxies the connection is the proxy's, and every reader
 * would share one bucket: with TRUST_PROXY = the number of proxies in front, the client is the address the
 * outermost of them saw, read from `Forwarded` (RFC 7239) or else `X-Forwarded-For`.
 */

/** The client's address; `socketAddress` when no proxy is trusted or none left a trace. */
export function clientAddressOf(
  request: Request,
  socketAddress: string | undefined,
  trustedProxies: number,
): string | undefined {
  if (trustedProxies <= 0) return socketAddress;
  const hops = forwardedFor(request.headers.get('forwarded')) ?? listOf(request.headers.get('x-forwarded-for'));
  if (hops.length === 0) return socketAddress;
  // Each proxy appends the address it received the request from; entries left of the trusted ones are the
  // client's own claims. With fewer entries than proxies, the leftmost is the furthest address known.
  return hops[Math.max(0, hops.length - trustedProxies)];
}

function listOf(header: string | null): string[] {
  return (header ?? '')
    .split(',')
    .map((entry) => bareAddress(entry.trim()))
    .filter((entry) => entry !== '');
}

/** The `for=` of each element of a `Forwarded` header, or undefined when there is none. */
function forwardedFor(header: string | null): string[] | undefined {
  if (header === null) return undefined;
  const hops = header.split(',').flatMap((element) => {
    const pair = element.split(';').find((part) => part.trim().toLowerCase().startsWith('for='));
    return pair === undefined ? [] : [bareAddress(pair.trim().slice(4).replace(/^"|"$/g, ''))];
  });
  return hops.length > 0 ? hops : undefined;
}

/** `1.2.3.4:5678` → `1.2.3.4`, `[2001:db8::1]:4711` → `2001:db8::1`: one client, whatever port it used. */
function bareAddress(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed?.[1]) return bracketed[1];
  return /^[\d.]+:\d+$/.test(entry) ? entry.slice(0, entry.lastIndexOf(':')) : entry;
}
