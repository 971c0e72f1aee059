/**
 * The Worker's bindings as named in wrangler.jsonc, for the code that reads them (./bindings.ts) and the build step
 * that writes the rate limits (src/integrations/cloudflare-bindings.ts). Plain names: this module runs anywhere.
 */
export const feedbackDatabaseBinding = 'FEEDBACK_DB';

/** The rate-limit bindings, each with the setting its limit comes from and how it is derived. */
export const rateLimitBindings = {
  /** Posts per minute per client, for each feedback endpoint (the key names the endpoint). */
  feedback: { name: 'FEEDBACK_RATE_LIMITER', setting: 'FEEDBACK_RATE_LIMIT', perSetting: 1 },
  /** The demo's refunds and other writes, per minute per client. */
  demoActions: { name: 'DEMO_ACTIONS_RATE_LIMITER', setting: 'DEMO_RATE_LIMIT', perSetting: 1 },
  /** The demo's reads: four for each action it allows (as src/server/demo/handler.ts counts them). */
  demoReads: { name: 'DEMO_READS_RATE_LIMITER', setting: 'DEMO_RATE_LIMIT', perSetting: 4 },
} as const;

export type RateLimitBindingKey = keyof typeof rateLimitBindings;

/** Every limit is per minute: the period the settings are given in, and one of the two Cloudflare takes. */
export const rateLimitPeriodSeconds = 60;
