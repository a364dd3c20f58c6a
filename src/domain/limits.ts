import { BadInputError } from './errors';

/** Bounds on what one query may ask; resolvers check arguments against them before any store call. */
export const LIMITS = {
  maxFirst: 100,
  maxNeighbourhoodDepth: 3,
  maxTraversalDepth: 10,
  defaultNodeLimit: 200,
  maxNodeLimit: 1000,
  maxSearchText: 200,
} as const;

export function checkRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadInputError(`Argument "${argument}" must be an integer from ${min} to ${max}; got ${value}.`, argument);
  }
  return value;
}
