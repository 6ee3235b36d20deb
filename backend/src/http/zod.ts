import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Import `z` from here, never from 'zod': schemas need `.openapi()` before they are built. */
extendZodWithOpenApi(z);

export { z };

/** A [from, to] pair: a tuple, documented with its length (a JSON Schema tuple states it apart). */
export function pair<T extends z.ZodType>(item: T) {
  return z.tuple([item, item]).openapi({ minItems: 2, maxItems: 2 });
}
