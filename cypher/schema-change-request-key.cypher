// The changes committed under a request key (an idempotency key): what a retry of the same
// request finds instead of committing again.
CREATE INDEX change_request_key IF NOT EXISTS
FOR (c:Change) ON (c.requestKey)
