/**
 * graphql-js and Apollo word their refusals of a malformed request in English; a person reads them
 * (GraphiQL, the web client's error banner). format-error.ts, the one error mapper, passes every
 * request error's message through `inFrench`. Each rule rewrites one phrase, so that composite
 * messages ("Variable … got invalid value …; Int cannot represent …") are rewritten part by part; a
 * message no rule knows keeps its English words under a French heading.
 */
type Rule = [RegExp, string];

const RULES: Rule[] = [
  // parser and lexer
  [
    /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/,
    'Requête trop longue : plus de $1 éléments lexicaux (noms, valeurs, ponctuation), analyse abandonnée.',
  ],
  [/^Syntax Error: /, 'Erreur de syntaxe : '],
  [/^(Erreur de syntaxe : )Unexpected <EOF>\.$/, '$1fin de la requête inattendue.'],
  [/^(Erreur de syntaxe : )Unexpected character: (.+)\.$/, '$1caractère inattendu : $2.'],
  [/^(Erreur de syntaxe : )Unexpected (.+)\.$/, '$1$2 inattendu.'],
  [/^(Erreur de syntaxe : )Expected Name, found (.+)\.$/, '$1un nom est attendu, trouvé : $2.'],
  [/^(Erreur de syntaxe : )Expected (.+?), found (.+)\.$/, '$1$2 attendu, trouvé : $3.'],
  [/^(Erreur de syntaxe : )Unterminated string\.$/, '$1chaîne de caractères non terminée.'],
  [/^(Erreur de syntaxe : )Invalid number, (.+)$/, '$1nombre invalide ($2)'],
  [/^(Erreur de syntaxe : .*)<EOF>/, '$1la fin de la requête'],
  [/^(Erreur de syntaxe : .*)\bName "/, '$1nom "'],
  // values given in the query or in the variables
  [/Expected value of type "([^"]+)", found (.+?)([;.])/, 'valeur de type « $1 » attendue, reçu : $2$3'],
  [
    /Variable "\$([^"]+)" got invalid value (.+?) at "([^"]+)"; /,
    'La variable « $$$1 » a reçu une valeur invalide $2 en « $3 » : ',
  ],
  [/Variable "\$([^"]+)" got invalid value (.+?); /, 'La variable « $$$1 » a reçu une valeur invalide $2 : '],
  [
    /Variable "\$([^"]+)" of required type "([^"]+)" was not provided\./,
    'La variable « $$$1 » (type « $2 ») est obligatoire mais n’a pas été fournie.',
  ],
  [
    /Variable "\$([^"]+)" of non-null type "([^"]+)" must not be null\./,
    'La variable « $$$1 » (type « $2 ») ne peut pas être nulle.',
  ],
  [
    /Variable "\$([^"]+)" is not defined(?: by operation "[^"]+")?\./,
    'La variable « $$$1 » n’est pas déclarée par l’opération.',
  ],
  [
    /Variable "\$([^"]+)" is never used(?: in operation "[^"]+")?\./,
    'La variable « $$$1 » n’est jamais utilisée.',
  ],
  [
    /Variable "\$([^"]+)" of type "([^"]+)" used in position expecting type "([^"]+)"\./,
    'La variable « $$$1 » (type « $2 ») est employée là où le type « $3 » est attendu.',
  ],
  [
    /Variable "\$([^"]+)" cannot be non-input type "([^"]+)"\./,
    'La variable « $$$1 » ne peut pas être du type « $2 », qui n’est pas un type d’entrée.',
  ],
  [
    /Value "([^"]+)" does not exist in "([^"]+)" enum\./,
    'la valeur « $1 » n’existe pas dans l’énumération « $2 ».',
  ],
  [
    /Enum "([^"]+)" cannot represent non-(?:enum|string) value: (.+?)\./,
    'l’énumération « $1 » attend un nom de valeur, pas : $2.',
  ],
  [/Int cannot represent non-integer value: /, 'un nombre entier est attendu, pas : '],
  [/Int cannot represent non 32-bit signed integer value: /, 'un entier sur 32 bits est attendu, pas : '],
  [/Float cannot represent non numeric value: /, 'un nombre est attendu, pas : '],
  [/String cannot represent a non string value: /, 'un texte est attendu, pas : '],
  [/Boolean cannot represent a non boolean value: /, 'true ou false est attendu, pas : '],
  [/ID cannot represent value: /, 'un identifiant est attendu, pas : '],
  [/Expected type "([^"]+)" to be an object\./, 'un objet de type « $1 » est attendu.'],
  [
    /Field "([^"]+)" of required type "([^"]+)" was not provided\./,
    'le champ « $1 » (type « $2 ») est obligatoire mais n’a pas été fourni.',
  ],
  [/Field "([^"]+)" is not defined by type "([^"]+)"\./, 'le champ « $1 » n’existe pas dans le type « $2 ».'],
  [/Field "([^"]+)" must be non-null\./, 'le champ « $1 » ne peut pas être nul.'],
  // the operation's shape
  [/Cannot query field "([^"]+)" on type "([^"]+)"\./, 'Le champ « $1 » n’existe pas sur le type « $2 ».'],
  [/Unknown argument "([^"]+)" on field "([^"]+)"\./, 'Argument « $1 » inconnu sur le champ « $2 ».'],
  [/Unknown argument "([^"]+)" on directive "([^"]+)"\./, 'Argument « $1 » inconnu sur la directive « $2 ».'],
  [
    /Field "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./,
    'L’argument « $2 » (type « $3 ») du champ « $1 » est obligatoire mais n’a pas été fourni.',
  ],
  [
    /Directive "([^"]+)" argument "([^"]+)" of type "([^"]+)" is required, but it was not provided\./,
    'L’argument « $2 » (type « $3 ») de la directive « $1 » est obligatoire mais n’a pas été fourni.',
  ],
  [
    /Field "([^"]+)" must not have a selection since type "([^"]+)" has no subfields\./,
    'Le champ « $1 » ne prend pas de sélection : le type « $2 » n’a pas de sous-champs.',
  ],
  [
    /Field "([^"]+)" of type "([^"]+)" must have a selection of subfields\./,
    'Le champ « $1 » (type « $2 ») demande une sélection de sous-champs.',
  ],
  [/Unknown type "([^"]+)"\./, 'Type « $1 » inconnu.'],
  [/Unknown fragment "([^"]+)"\./, 'Fragment « $1 » inconnu.'],
  [/Unknown directive "([^"]+)"\./, 'Directive « $1 » inconnue.'],
  [/Directive "([^"]+)" may not be used on (\w+)\./, 'La directive « $1 » ne s’emploie pas sur $2.'],
  [/Fragment "([^"]+)" is never used\./, 'Le fragment « $1 » n’est jamais utilisé.'],
  [/Cannot spread fragment "([^"]+)" within itself[^.]*\./, 'Le fragment « $1 » s’inclut lui-même.'],
  [
    /Fragment (?:"([^"]+)" )?cannot be spread here as objects of type "([^"]+)" can never be of type "([^"]+)"\./,
    'Fragment $1 impossible ici : un objet de type « $2 » n’est jamais de type « $3 ».',
  ],
  [/There can be only one operation named "([^"]+)"\./, 'Une seule opération peut s’appeler « $1 ».'],
  [
    /There can be only one (\w+(?: \w+)?) named "([^"]+)"\./,
    'Le nom « $2 » est employé plusieurs fois ($1).',
  ],
  [
    /This anonymous operation must be the only defined operation\./,
    'Une opération anonyme doit être seule dans la requête.',
  ],
  [
    /Fields "([^"]+)" conflict because (.+)\. Use different aliases on the fields to fetch both if this was intentional\./,
    'Les champs « $1 » sont en conflit ($2) : donnez-leur des alias différents pour obtenir les deux.',
  ],
  // Apollo's own refusals
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    'La requête contient plusieurs opérations : nommez celle à exécuter (operationName).',
  ],
  [/^Unknown operation named "([^"]+)"\.$/, 'Aucune opération ne s’appelle « $1 » dans la requête.'],
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    'Une opération GraphQL doit contenir un champ « query » non vide.',
  ],
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    'Corps de requête absent ou vide : un objet JSON (Content-Type: application/json) est attendu.',
  ],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    'Une requête GET ne peut porter qu’une lecture (query), pas une opération $1 : employez POST.',
  ],
  [
    /^Operation batching disabled\.$/,
    'Les opérations groupées (un tableau JSON de requêtes) ne sont pas acceptées : envoyez une opération par requête.',
  ],
  // the parser recurses once per level: thousands of nested braces exhaust its stack
  [/^Maximum call stack size exceeded$/, 'Requête trop imbriquée pour être analysée.'],
  [/^PersistedQueryNotFound$/, 'Requête persistée inconnue : envoyez le texte de la requête.'],
  [/^PersistedQueryNotSupported$/, 'Les requêtes persistées ne sont pas acceptées.'],
  // suggestions (kept outside production only)
  [/ Did you mean the enum value (.+?)\?/, ' Vouliez-vous dire la valeur $1 ?'],
  [/ Did you mean (.+?)\?/, ' Vouliez-vous dire $1 ?'],
  [/", or "/g, '" ou "'],
];

/** A phrase left in English once the rules have run: the message gets a French heading. */
const ENGLISH = /\b(the|is|are|must|cannot|of|was|not|found|expected|value|type)\b/i;

/** " Did you mean …?" as graphql-js appends it to validation and input-coercion messages. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** The message without its suggestions: in production they would map the schema. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

export function inFrench(message: string): string {
  let french = message;
  for (const [pattern, replacement] of RULES) french = french.replace(pattern, replacement);
  const rest = french.replace(/"[^"]*"|« [^»]* »/g, '');
  if (french === message && ENGLISH.test(rest)) return `Requête invalide (message de GraphQL) : ${message}`;
  return french;
}
