/**
 * graphql-js and Apollo word their refusals of a malformed request in English; a person reads them
 * (GraphiQL, the web client's error banner). format-error.ts, the one error mapper, passes every
 * request error's message through `inFrench`. Each rule rewrites one phrase, so that composite
 * messages ("Variable … got invalid value …; Int cannot represent …") are rewritten part by part; a
 * message no rule knows keeps its English words under a French heading.
 */
type Rule = [RegExp, string];

const RULES: Rule[] = [
  [
    /^Operation batching disabled\.$/,
    'Les opérations groupées (un tableau JSON de requêtes) ne sont pas acceptées : envoyez une opération par requête.',
  ],
  // the parser recurses once per level: thousands of nested braces exhaust its stack
  [/^Maximum call stack size exceeded$/, 'Requête trop imbriquée pour être analysée.'],
];

/** " Did you mean …?" as graphql-js appends it to validation and input-coercion messages. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** The message without its suggestions: in production they would map the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function inFrench(message: string): string {
  let french = message;
  for (const [pattern, replacement] of RULES) french = french.replace(pattern, replacement);
  return french;
}
