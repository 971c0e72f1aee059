/** Small file-system helpers the checks share. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './paths.ts';

/** Every file under a folder, as paths relative to it. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) =>
    statSync(path.join(dir, file)).isFile(),
  );
}

export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function kb(bytes: number): string {
  return (bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

/** The first article of the content (by category, then file name), as `<category>/<slug>`. */
export function firstArticle(): string {
  const articles = path.join(ROOT, process.env.KB_CONTENT_DIR ?? 'content', 'articles');
  for (const category of readdirSync(articles).sort()) {
    const file = readdirSync(path.join(articles, category))
      .sort()
      .find((name) => /\.mdx?$/.test(name));
    if (file) return `${category}/${file.replace(/\.mdx?$/, '')}`;
  }
  throw new Error(`no article in ${articles}`);
}
