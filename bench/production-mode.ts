/**
 * Imported first by the bench: the API is measured as it runs in production (docker-compose sets
 * NODE_ENV=production). graphql-js reads NODE_ENV once, when it is loaded, and outside production
 * runs a slower instanceOf check on every type test of every field.
 */
process.env.NODE_ENV ??= 'production';
