/** One page of a Relay connection: its edges with their cursors, their nodes, the total and pageInfo. */
export function connection<N>(edges: { cursor: string; node: N }[], totalCount: number, hasMore: boolean, after: string | null | undefined) {
  return {
    edges,
    nodes: edges.map((e) => e.node),
    totalCount,
    pageInfo: {
      hasNextPage: hasMore,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
