/**
 * Gives every `h2`/`h3` in an article a stable id and a link to itself, so agents can share a section.
 *
 * Written as a Sätteri hast plugin because Astro 7's default Markdown processor (Sätteri, in Rust) does not run
 * rehype plugins such as rehype-autolink-headings, and switching to the unified pipeline would cost build speed.
 * Ids use github-slugger, as Astro's own heading-ids step does, which then keeps ours and lists the headings.
 * The link carries no text (its `#` is drawn by CSS), so heading text in the table of contents stays clean.
 */
import GithubSlugger from 'github-slugger';
import type { HastPluginEntry } from 'satteri';
import { sectionLinkLabel } from '../../i18n/en.ts';
import { format } from '../../i18n/format.ts';

export function headingAnchors(): HastPluginEntry {
  return () => {
    const slugger = new GithubSlugger();
    return {
      name: 'help-center:heading-anchors',
      element: {
        filter: ['h2', 'h3'],
        visit(node, ctx) {
          const text = ctx.textContent(node).trim();
          const existing = node.properties?.id;
          const id = typeof existing === 'string' ? existing : slugger.slug(text);
          if (typeof existing !== 'string') ctx.setProperty(node, 'id', id);
          ctx.appendChild(node, {
            type: 'element',
            tagName: 'a',
            // With JavaScript a click also copies the section's link (see src/client/actions); without, it is a link.
            properties: {
              className: ['heading-anchor'],
              href: `#${id}`,
              dataAction: 'copy-link',
              ariaLabel: format(sectionLinkLabel, { section: text }),
            },
            children: [],
          });
        },
      },
    };
  };
}
