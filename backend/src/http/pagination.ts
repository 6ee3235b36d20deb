import { z } from './zod';

/** `?page=1&pageSize=20` as the contract fixes it; lists answer `{ items, total, page, pageSize }`. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export function offsetOf(query: { page: number; pageSize: number }): number {
  return (query.page - 1) * query.pageSize;
}

/** A page of a list as the API answers it: `{ items, total, page, pageSize }`. */
export type Page<T> = Omit<z.output<ReturnType<typeof pageSchema>>, 'items'> & { items: T[] };

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
