/** One hop of a walk: `relationship` leads from `from` (in the frontier) to `to`. */
export interface Step {
  relationship: string;
  from: string;
  to: string;
}

type Expand = (frontier: readonly string[]) => Step[];

/**
 * Level by level from `start`, one `expand` call per level, never more than
 * `limit` nodes. Nodes of a level are taken in id order, so a cut is the same on every run.
 */
export function breadthFirst(start: string, depth: number, limit: number, expand: Expand): { visited: string[]; truncated: boolean } {
  const seen = new Set([start]);
  let frontier = [start];
  for (let level = 1; level <= depth && frontier.length; level++) {
    const next = [...new Set(expand(frontier).map((s) => s.to))].filter((id) => !seen.has(id)).sort();
    const room = limit - seen.size;
    if (next.length > room) {
      next.slice(0, room).forEach((id) => seen.add(id));
      return { visited: [...seen], truncated: true };
    }
    next.forEach((id) => seen.add(id));
    frontier = next;
  }
  return { visited: [...seen], truncated: false };
}

/** Breadth-first from `from` until `to` is reached; ties go to the smallest relationship id. */
export function shortestPathBfs(from: string, to: string, maxDepth: number, expand: Expand): { nodes: string[]; relationships: string[] } | null {
  if (from === to) return { nodes: [from], relationships: [] };
  const parent = new Map<string, Step | null>([[from, null]]);
  let frontier = [from];
  for (let level = 1; level <= maxDepth && frontier.length; level++) {
    const steps = expand(frontier).sort((a, b) => a.relationship.localeCompare(b.relationship));
    const next: string[] = [];
    for (const step of steps) {
      if (parent.has(step.to)) continue;
      parent.set(step.to, step);
      next.push(step.to);
    }
    if (parent.has(to)) {
      const nodes = [to];
      const relationships: string[] = [];
      for (let step = parent.get(to); step; step = parent.get(step.from)) {
        relationships.unshift(step.relationship);
        nodes.unshift(step.from);
      }
      return { nodes, relationships };
    }
    frontier = next;
  }
  return null;
}
