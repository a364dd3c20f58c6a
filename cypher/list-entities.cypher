// A page of entities in id order, and how many match the filter in all.
// `during` compares against the entity's date intervals, kept as two parallel
// lists of ISO days (intervalStarts[i]..intervalEnds[i]), which compare as strings.
CALL () {
  MATCH (e:Entity)
  WHERE ($type IS NULL OR e.type = $type)
    AND ($start IS NULL OR any(i IN range(0, size(e.intervalStarts) - 1)
         WHERE e.intervalStarts[i] <= $end AND e.intervalEnds[i] >= $start))
  RETURN count(e) AS totalCount
}
CALL () {
  MATCH (e:Entity)
  WHERE e.id > $after
    AND ($type IS NULL OR e.type = $type)
    AND ($start IS NULL OR any(i IN range(0, size(e.intervalStarts) - 1)
         WHERE e.intervalStarts[i] <= $end AND e.intervalEnds[i] >= $start))
  WITH e ORDER BY e.id LIMIT $limit
  RETURN collect(e {.id, .type, .category, .label, .names, .status, .inferred, .properties, .sources, .record}) AS entities
}
RETURN totalCount, entities
