/** What every browser test needs; the site and browser come from scripts/lib/browser-site.ts. */
import { after, before } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchBrowser, startSite, type Site } from '../../scripts/lib/browser-site.ts';

export type { Site };

/**
 * Starts the built site (with `env` added to its environment) and Chromium before the file's tests, hands them
 * over, and stops both after.
 */
export function useSite(ready: (site: Site, browser: Browser) => void, env: Record<string, string> = {}): void {
  let site: Site | undefined;
  let browser: Browser | undefined;
  before(async () => {
    [site, browser] = await Promise.all([startSite(env), launchBrowser()]);
    ready(site, browser);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}

/** A fresh page; errors thrown by the page's own scripts are collected for the test to check. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}
