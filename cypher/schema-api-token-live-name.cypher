// A live token's name is unique: `liveName` is its name while it is live, removed on revoke
// (a uniqueness constraint ignores nodes without the property).
CREATE CONSTRAINT api_token_live_name IF NOT EXISTS
FOR (t:ApiToken) REQUIRE t.liveName IS UNIQUE
