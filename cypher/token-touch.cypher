// Notes a use of the token of hash $hash, when the last one noted is older than $periodMs.
MATCH (t:ApiToken {hash: $hash})
WHERE t.lastUsed IS NULL OR t.lastUsed < timestamp() - $periodMs
SET t.lastUsed = timestamp()
