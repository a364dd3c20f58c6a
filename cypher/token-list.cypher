// Every token, revoked ones included, by creation then name; never the hash.
MATCH (t:ApiToken)
RETURN t.name AS name, t.role AS role, t.created AS created, t.revoked AS revoked, t.lastUsed AS lastUsed
ORDER BY created, name
