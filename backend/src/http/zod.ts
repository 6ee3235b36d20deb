import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Import `z` from here, never from 'zod': schemas need `.openapi()` before they are built. */
extendZodWithOpenApi(z);

export { z };
