/**
 * The report page of this server process, for the Astro route: the settings as the platform gives them
 * (runtime-env.ts), the feedback handler's own store (so the page reads the database the votes went to, on every
 * target), and one limiter of sign-in attempts kept for the life of the instance.
 */
import { loadConfig } from '../config.ts';
import { clientAddressOf } from '../http/client-address.ts';
import { createMemoryRateLimiter } from '../http/rate-limit.ts';
import { runtimeEnv } from '../runtime-env.ts';
import { feedbackHandler } from '../feedback/instance.ts';
import { teamReportPage, type TeamPage } from './report-page.ts';

/** Sign-in attempts a client may make per minute: plenty for a person, useless for guessing a 32-character token. */
const signInLimiter = createMemoryRateLimiter({ limit: 10, windowMs: 60_000 });

export async function teamPage(request: Request, clientAddress: string | undefined): Promise<TeamPage> {
  const { reportToken, trustProxy, allowedOrigins } = loadConfig(runtimeEnv());
  // Unset, nothing else is touched: not even the store is opened.
  if (reportToken === undefined) return { kind: 'not-found', status: 404 };
  return teamReportPage(request, {
    token: reportToken,
    store: feedbackHandler().store,
    limiter: signInLimiter,
    clientId: clientAddressOf(request, clientAddress, trustProxy) ?? 'anonymous',
    allowedOrigins,
  });
}
