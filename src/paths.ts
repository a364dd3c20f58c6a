import { resolve } from 'node:path';

/** The project's root, where schema/ and seed/ live, whether running from src/ (tests) or dist/ (build). */
export const PROJECT_ROOT = resolve(__dirname, '..');
