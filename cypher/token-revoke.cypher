// Revokes the live token $name (no row when there is none).
MATCH (t:ApiToken {liveName: $name})
SET t.revoked = timestamp()
REMOVE t.liveName
RETURN t.name AS name, t.role AS role, t.created AS created, t.revoked AS revoked, t.lastUsed AS lastUsed
