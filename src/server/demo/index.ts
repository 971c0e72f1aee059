/**
 * The test-mode refund demo's backend: `createDemoHandler` answers `/api/demo/*` as a Web `Request → Response`
 * function. Environment: STRIPE_SECRET_KEY (a test key; live keys are refused), STRIPE_EMULATOR_URL (an
 * emulator already running; with neither, one starts in-process), DEMO_RATE_LIMIT (actions per minute per
 * client, 20 by default, 0 for none).
 */
export { createDemoHandler, type DemoHandler, type DemoHandlerOptions } from './handler.ts';
export { assertSafeKey, DemoConfigError, loadDemoConfig, type DemoConfig, type StripeMode } from './config.ts';
export { createMemoryRateLimiter, type RateLimiter, type RateLimitDecision } from './rate-limit.ts';
export type { DemoPayment, DemoRefund, DemoRefundReason } from './view.ts';
