import Ajv, { type ErrorObject } from 'ajv';
import { seedFileSchema } from './seed-schema';
import type { SeedFile } from './seed-file';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(seedFileSchema);

/** Checks a parsed file against the seed schema; reports every violation on the file. */
export function validateSchema(file: SeedFile): boolean {
  if (validate(file.data)) return true;
  for (const error of validate.errors ?? []) {
    // if/then wrappers repeat the real error found inside them.
    if (error.keyword === 'if') continue;
    const segments = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    file.report(...describe(segments, error));
  }
  return false;
}

function describe(segments: (string | number)[], error: ErrorObject): [(string | number)[], string] {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [segments, `missing required field "${String(p.missingProperty)}"`];
    case 'additionalProperties':
      return [[...segments, String(p.additionalProperty)], 'unknown field'];
    case 'enum':
      return [segments, `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`];
    case 'dependencies':
      return [segments, `"${String(p.property)}: true" needs a "${String(p.missingProperty)}": one line saying what the value is read from`];
    case 'pattern':
      return [segments, `malformed value (must match ${String(p.pattern)})`];
    default:
      return [segments, error.message ?? error.keyword];
  }
}
