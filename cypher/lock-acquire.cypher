// Takes the lock $name for $holder when it is free: never taken, released (no node),
// already $holder's, or its lease expired (a holder that crashed). The lease runs
// $leaseMs on the server's clock, so clients' clocks need not agree.
MERGE (l:StoreLock {name: $name})
ON CREATE SET l.holder = $holder, l.expires = timestamp() + $leaseMs
WITH l, l.holder = $holder OR l.expires < timestamp() AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.expires = CASE WHEN free THEN timestamp() + $leaseMs ELSE l.expires END
RETURN l.holder = $holder AS acquired, l.holder AS holder, l.expires - timestamp() AS expiresInMs
