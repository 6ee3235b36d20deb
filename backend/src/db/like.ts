/** The user's query as an ILIKE pattern, with its own wildcards taken literally. */
export function likePattern(query: string): string {
  return `%${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
