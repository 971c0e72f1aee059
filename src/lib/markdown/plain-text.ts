/** Markdown to plain text, for places that can't show markup: descriptions, structured data, feeds. */
export function plainText(markdown: string): string {
  return (
    markdown
      .replace(/```[\s\S]*?```/g, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^#{1,6}\s+/gm, '')
      // Underscores stay: they belong to API words (requires_action) far more often than to emphasis here.
      .replace(/[*`>]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
