// API tokens (createToken...): one ApiToken node per token, found by the hash of its secret.
CREATE CONSTRAINT api_token_hash IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.hash IS UNIQUE
