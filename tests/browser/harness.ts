/** What every browser test needs; the site and browser come from scripts/lib/browser-site.ts. */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export { launchBrowser, startSite, type Site } from '../../scripts/lib/browser-site.ts';

/** A fresh page; errors thrown by the page's own scripts are collected for the test to check. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}
