import { cacheExchange, Client, CombinedError, fetchExchange, mapExchange } from 'urql';

/**
 * The one GraphQL client: same origin (/graphql), the session in its httpOnly cookie, POST only,
 * and a non-simple header on every request so that the API's CSRF prevention accepts it.
 * `onUnauthenticated` is called when the API says the session is gone (expired, revoked).
 */
export function createApiClient(onUnauthenticated: (error: CombinedError) => void): Client {
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({
      credentials: 'same-origin',
      headers: { 'apollo-require-preflight': 'true' },
    }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
            onUnauthenticated(error);
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
