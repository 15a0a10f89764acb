// The zod API the contract schemas use, for the browser bundle: zod's classic entry without its 40-odd
// locales and JSON-Schema converters, which a `z` namespace import would otherwise pull in whole.
// web/build.ts points `zod` here; the server code keeps the real package.
export * from '../node_modules/zod/v4/classic/schemas.js';
export * from '../node_modules/zod/v4/classic/checks.js';
export * from '../node_modules/zod/v4/classic/errors.js';
export * from '../node_modules/zod/v4/classic/parse.js';
export * from '../node_modules/zod/v4/classic/compat.js';
export { ZodISODateTime, ZodISODate, ZodISOTime, ZodISODuration } from '../node_modules/zod/v4/classic/iso.js';
export * as iso from '../node_modules/zod/v4/classic/iso.js';
export * as coerce from '../node_modules/zod/v4/classic/coerce.js';
export { config, NEVER } from '../node_modules/zod/v4/core/index.js';
import * as z from './zod-web.mjs';
export { z, z as default };
