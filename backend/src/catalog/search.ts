/**
 * What catalog text search matches: a product's name, its institution's name and its
 * description, lower-cased. Substring matching (ILIKE) finds 快贷 in 水城快贷, which
 * word-based full-text search would not without a Chinese tokenizer; at catalog scale
 * (hundreds of listed products) it is also fast.
 */
export function searchTextOf(product: { name: string; description: string }, institutionName: string): string {
  return [product.name, institutionName, product.description].join('\n').toLowerCase();
}
