/**
 * The test-mode refund demo's backend: `createDemoHandler` answers `/api/demo/*` as a Web `Request → Response`
 * function. Its settings (STRIPE_SECRET_KEY, STRIPE_EMULATOR_URL, DEMO_RATE_LIMIT, DEMO_ALLOWED_ORIGINS,
 * TRUST_PROXY) are read by src/server/config.ts.
 */
export { createDemoHandler, type DemoHandler, type DemoHandlerOptions } from './handler.ts';
export { ConfigError, loadConfig, type Config, type StripeMode } from '../config.ts';
export { createMemoryRateLimiter, type RateLimiter, type RateLimitDecision } from '../http/rate-limit.ts';
export type { DemoPayment, DemoRefund, DemoRefundReason } from './view.ts';
