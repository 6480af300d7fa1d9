// Imported first by a file that runs Payload on a pool of one usable connection, before the
// config reads DATABASE_POOL_MAX. Payload's db-postgres connect() takes one client at start and
// never gives it back, so a pool of 2 leaves one: any transaction that awaits a query on another
// connection then waits forever, at once, instead of only when load has taken every connection.
process.env.DATABASE_POOL_MAX = '2'
