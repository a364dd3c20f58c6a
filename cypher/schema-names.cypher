// The names of the indexes the database has (a constraint's index bears its name):
// the schema statements whose index exists already are not run again.
SHOW INDEXES YIELD name
RETURN collect(name) AS names
