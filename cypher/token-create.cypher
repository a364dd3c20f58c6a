// A new token $name with role $role and hash $hash, unless a live one has that name
// (no row then). Times are epoch milliseconds on the server's clock.
OPTIONAL MATCH (live:ApiToken {liveName: $name})
WITH count(live) AS taken
WHERE taken = 0
CREATE (t:ApiToken {hash: $hash, name: $name, liveName: $name, role: $role, created: timestamp()})
RETURN t.name AS name, t.role AS role, t.created AS created, null AS revoked, null AS lastUsed
