/**
 * What `import Stripe from 'stripe'` gives a Node sample: the real SDK, pointed at the emulator when the runner
 * says so, with an HTTP client that notes each response's status and JSON body for the runner to compare.
 * Requests still go over HTTP through the SDK's own Node client: nothing is mocked.
 */
import { appendFileSync } from 'node:fs';
import Stripe from 'stripe';

const out = process.env.EXAMPLES_RESPONSES;
const emulator = process.env.EXAMPLES_EMULATOR_URL ? new URL(process.env.EXAMPLES_EMULATOR_URL) : undefined;

function recording(inner: Stripe.HttpClient): Stripe.HttpClient {
  const client = Object.create(inner) as Stripe.HttpClient;
  client.makeRequest = async (...args: Parameters<Stripe.HttpClient['makeRequest']>) => {
    const response = await inner.makeRequest(...args);
    const toJSON = response.toJSON.bind(response);
    response.toJSON = async () => {
      const body: unknown = await toJSON();
      if (out) appendFileSync(out, `${JSON.stringify({ status: response.getStatusCode(), body })}\n`);
      return body;
    };
    return response;
  };
  return client;
}

export default class SampleStripe extends Stripe {
  constructor(key: string, config: Stripe.StripeConfig = {}) {
    super(key, {
      ...config,
      ...(emulator && {
        host: emulator.hostname,
        port: Number(emulator.port),
        protocol: emulator.protocol.replace(':', '') as 'http',
      }),
      httpClient: recording(Stripe.createNodeHttpClient()),
    });
  }
}
