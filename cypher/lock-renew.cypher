// Extends the lease of $holder on the lock $name while its work runs.
MATCH (l:StoreLock {name: $name, holder: $holder})
SET l.expires = timestamp() + $leaseMs
RETURN count(l) AS renewed
