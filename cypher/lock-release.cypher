// Releases the lock $name if $holder still holds it.
MATCH (l:StoreLock {name: $name, holder: $holder})
DELETE l
RETURN count(*) AS released
