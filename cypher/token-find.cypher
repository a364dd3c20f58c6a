// The live token of hash $hash, if any.
MATCH (t:ApiToken {hash: $hash})
WHERE t.revoked IS NULL
RETURN t.name AS name, t.role AS role, t.lastUsed AS lastUsed
