import type { NextFunction, Request, Response } from 'express';
import {
  ASTNode,
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLError,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isInputType,
  isScalarType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  parse,
  SelectionSetNode,
  ValidationContext,
  typeFromAST,
  ValidationRule,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { AppConfig, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@app/core';

/**
 * The limits a single operation must respect. Each refusal is a validation error (HTTP 400,
 * `extensions.code` GRAPHQL_VALIDATION_FAILED) with a French message and `extensions.limit` naming
 * the limit: MAX_DEPTH, MAX_COST or MAX_ALIASES. Parsing itself is bounded by MAX_TOKENS.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export type LimitName = 'MAX_DEPTH' | 'MAX_COST' | 'MAX_ALIASES' | 'MAX_TOKENS' | 'MAX_REPEATED_SELECTIONS';

/**
 * Most lexical tokens graphql-js reads before it gives up parsing (`parse`'s `maxTokens`): the
 * parser stops there instead of reading a 1 MB query to the end. The largest real operations are
 * far below it: GraphiQL's introspection query is about 250 tokens, the longest walkthrough
 * mutation a few hundred, a spreadsheet import's base64 file is one string token.
 */
export const MAX_TOKENS = 1000;

/** graphql-js's refusal once MAX_TOKENS is reached (graphql 16 writes "more that"). */
const TOKEN_LIMIT_MESSAGE =
  /^Syntax Error: Document contains more th(?:an|at) \d+ tokens\. Parsing aborted\.$/;

/** The limit a request error hit, when graphql-js does not name it itself (the token bound). */
export function limitOfParseError(message: string): LimitName | undefined {
  return TOKEN_LIMIT_MESSAGE.test(message) ? 'MAX_TOKENS' : undefined;
}

/**
 * Deepest nesting of braces, brackets and parentheses read before parsing: the parser recurses once
 * per level, and even under MAX_TOKENS a few hundred levels cost more than any real operation needs
 * (MAX_DEPTH is 10 fields; input objects and lists add a few levels).
 */
export const MAX_NESTING = 64;

/**
 * Most fields of one response name, or fragment spreads, in one selection set, checked before the
 * validation: OverlappingFieldsCanBeMergedRule compares them pairwise (quadratic), and 250
 * repetitions of `me { id }` (1,000 tokens) cost it half a second. Real operations select a field
 * under one name once or twice (merged fragments do not count: they are spread, not repeated).
 */
export const MAX_REPEATED_SELECTIONS = 10;

/** What an unpaginated list of objects (grants, heads, reviews, transfers…) is assumed to hold. */
export const UNPAGINATED_LIST_ESTIMATE = 10;

/**
 * Selections the cost analysis evaluates at most (graphql-query-complexity's `maxQueryNodes`): it
 * expands fragments, so fragments spread inside fragments would otherwise make it exponential.
 * Reaching it means the operation is far too costly anyway.
 */
const MAX_QUERY_NODES = 50_000;
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

/** Introspection's `ofType` chains unwrap one type (at most a few levels): they are no nesting. */
const INTROSPECTION_TYPE_WRAPPER = 'ofType';

/**
 * The price of one field (graphql-query-complexity estimator): every field costs 1; the fields
 * under a paginated field (one with a `first` argument) count `first` times (DEFAULT_PAGE_SIZE when
 * absent, never more than MAX_PAGE_SIZE since pagination refuses larger pages); the fields under any
 * other list of objects count UNPAGINATED_LIST_ESTIMATE times, except a connection's `nodes` (its
 * page size is already counted). Introspection (`__schema`, `__type`, `__typename`) costs nothing:
 * it is switched off in production and bounded by the depth limit.
 */
const fieldCost: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
  if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
  let multiplier = 1;
  if (field.args.some((a) => a.name === 'first')) {
    const first = args.first as unknown;
    multiplier = typeof first === 'number' ? Math.min(Math.max(first, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  } else if (
    isListType(getNullableType(field.type)) &&
    node.selectionSet &&
    !type.name.endsWith('Connection')
  ) {
    multiplier = UNPAGINATED_LIST_ESTIMATE;
  }
  return 1 + multiplier * childComplexity;
};

/**
 * A worst-case value for a variable the operation declares without default. Validation is done once
 * per query text (Apollo caches the validated document), so it does not see the variables: a page
 * size given by a variable without default is priced as the largest page (an Int is MAX_PAGE_SIZE),
 * and every other variable gets a valid stand-in so that the estimate can be made.
 */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) && f.defaultValue === undefined)
        .map((f) => [f.name, sampleValue(f.type)]),
    );
  }
  if (isScalarType(type)) {
    if (type.name === 'Int' || type.name === 'Float') return MAX_PAGE_SIZE;
    if (type.name === 'Boolean') return true;
    const candidates: unknown[] = ['0', new Date(0).toISOString(), '1970-01-01', 0, true];
    return candidates.find((candidate) => {
      try {
        return type.parseValue(candidate) !== undefined;
      } catch {
        return false;
      }
    });
  }
  return undefined;
}

function sampleVariables(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) continue;
    const type = typeFromAST(context.getSchema(), definition.type);
    // an unknown or non-input type: the specified rules report it
    if (type && isInputType(type)) variables[definition.variable.name.value] = sampleValue(type);
  }
  return variables;
}

/** Estimated cost of one operation, or 'TOO_LARGE' when it has more selections than can be walked. */
function operationCost(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): number | 'TOO_LARGE' | null {
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...fragmentsOf(context)],
  };
  try {
    return getComplexity({
      schema: context.getSchema(),
      query: document,
      variables: sampleVariables(context, operation),
      estimators: [fieldCost],
      maxQueryNodes: MAX_QUERY_NODES,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) return 'TOO_LARGE';
    // an argument or variable the specified rules refuse: no estimate, the operation fails anyway
    return null;
  }
}

function fragmentsOf(context: ValidationContext): FragmentDefinitionNode[] {
  return context
    .getDocument()
    .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
}

/**
 * Depth (the deepest field; a root field is at depth 1; `__typename` and introspection's `ofType` do
 * not count) and aliases (every aliased field, as many times as it is selected), fragments expanded.
 * Each fragment is measured once (memoised), so that fragments spread inside fragments cost nothing
 * more to measure; a cyclic spread counts nothing (NoFragmentCyclesRule reports it).
 */
function measure(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): { depth: number; aliases: number } {
  const memo = new Map<string, { depth: number; aliases: number }>();
  const inProgress = new Set<string>();
  const walk = (
    selectionSet: SelectionSetNode,
    introspection: boolean,
  ): { depth: number; aliases: number } => {
    let depth = 0;
    let aliases = 0;
    for (const selection of selectionSet.selections) {
      let inner: { depth: number; aliases: number };
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (selection.alias) aliases += 1;
        if (name === '__typename') continue;
        const inIntrospection = introspection || name === '__schema' || name === '__type';
        const own = inIntrospection && name === INTROSPECTION_TYPE_WRAPPER ? 0 : 1;
        const child = selection.selectionSet
          ? walk(selection.selectionSet, inIntrospection)
          : { depth: 0, aliases: 0 };
        inner = { depth: own + child.depth, aliases: child.aliases };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(selection.selectionSet, introspection);
      } else {
        const key = `${selection.name.value}:${introspection}`;
        const fragment = context.getFragment(selection.name.value);
        if (!fragment || inProgress.has(key)) continue; // unknown or cyclic: the specified rules report it
        let measured = memo.get(key);
        if (!measured) {
          inProgress.add(key);
          measured = walk(fragment.selectionSet, introspection);
          inProgress.delete(key);
          memo.set(key, measured);
        }
        inner = measured;
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
    return { depth, aliases };
  };
  return walk(operation.selectionSet, false);
}

function limitError(limit: LimitName, message: string, node: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { limit } });
}

/** Refuses an operation too deep, too costly or with too many aliases (one error per limit). */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const { depth, aliases } = measure(context, operation);
      const name = operation.name ? `« ${operation.name.value} » ` : '';
      if (depth > limits.maxDepth) {
        context.reportError(
          limitError(
            'MAX_DEPTH',
            `Requête ${name}trop imbriquée : ${depth} niveaux, ${limits.maxDepth} au plus.`,
            operation,
          ),
        );
      }
      const cost = operationCost(context, operation);
      if (cost === 'TOO_LARGE' || (cost !== null && cost > limits.maxCost)) {
        const estimate = cost === 'TOO_LARGE' ? 'hors limite' : String(cost);
        context.reportError(
          limitError(
            'MAX_COST',
            `Requête ${name}trop coûteuse : coût estimé ${estimate}, ${limits.maxCost} au plus. ` +
              'Demandez moins de champs ou des pages plus petites (first).',
            operation,
          ),
        );
      }
      if (aliases > limits.maxAliases) {
        context.reportError(
          limitError(
            'MAX_ALIASES',
            `Trop d’alias dans la requête ${name}: ${aliases}, ${limits.maxAliases} au plus.`,
            operation,
          ),
        );
      }
      return false; // the measures above have seen the whole operation
    },
  });
}

/**
 * The deepest nesting of `{`, `[` and `(` in a query text, strings and comments skipped: a linear
 * scan, run before parsing (Apollo's didResolveSource), so that thousands of nested braces are
 * refused before the parser recurses into them.
 */
export function nestingOf(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '"') {
      const block = source.startsWith('"""', i);
      const end = block ? '"""' : '"';
      i += end.length;
      while (i < source.length && !source.startsWith(end, i)) i += source[i] === '\\' ? 2 : 1;
      i += end.length - 1;
    } else if (c === '{' || c === '[' || c === '(') {
      max = Math.max(max, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return max;
}

/** The selection repeated most in one selection set: fields of one response name, or fragment spreads. */
export function mostRepeatedSelection(document: DocumentNode): number {
  let most = 0;
  const check = (selectionSet: SelectionSetNode): void => {
    const seen = new Map<string, number>();
    let spreads = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        spreads += 1;
        continue;
      }
      if (selection.kind === Kind.FIELD) {
        const name = (selection.alias ?? selection.name).value;
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
      if (selection.selectionSet) check(selection.selectionSet);
    }
    most = Math.max(most, spreads, ...seen.values());
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      check(definition.selectionSet);
    }
  }
  return most;
}

/**
 * The cheap checks, before any work that grows faster than the request, and before authentication
 * (done at execution) or the database: the body size is bounded by the JSON parser (app.setup.ts);
 * this middleware then bounds the nesting (a linear scan, before the parser recurses), parses once
 * under MAX_TOKENS and bounds repeated selections, before Apollo's validation, whose
 * OverlappingFieldsCanBeMergedRule is quadratic in them. What it lets through, Apollo parses again
 * (under the same `maxTokens`, app.module.ts) and validates: depth, cost and aliases come next.
 * A query it cannot parse goes on, so that Apollo answers the syntax error itself.
 */
export function graphqlRequestBounds(
  refuse: (
    res: Response,
    code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED',
    message: string,
    limit?: string,
  ) => void,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : req.query?.query;
    if (typeof query !== 'string') return next();
    if (nestingOf(query) > MAX_NESTING) {
      // the same answer as the parser's exhausted stack (graphql-messages.ts)
      return refuse(res, 'GRAPHQL_PARSE_FAILED', 'Requête trop imbriquée pour être analysée.');
    }
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: MAX_TOKENS });
    } catch {
      return next();
    }
    const repeated = mostRepeatedSelection(document);
    if (repeated > MAX_REPEATED_SELECTIONS) {
      return refuse(
        res,
        'GRAPHQL_VALIDATION_FAILED',
        `Requête refusée : une même sélection y est répétée ${repeated} fois, ${MAX_REPEATED_SELECTIONS} au plus.`,
        'MAX_REPEATED_SELECTIONS',
      );
    }
    next();
  };
}

/**
 * The API has no subscriptions: graphql-js 16 validates a `subscription` operation against a schema
 * without a Subscription type and only execution fails, as an internal error. Refused here instead,
 * as the client's mistake (GRAPHQL_VALIDATION_FAILED) before anything else is measured.
 */
export const noSubscriptionRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION || context.getSchema().getSubscriptionType()) {
      return undefined;
    }
    context.reportError(
      new GraphQLError(
        'Les abonnements (subscription) ne sont pas proposés : envoyez une lecture (query) ou une mutation.',
        { nodes: [operation] },
      ),
    );
    return false;
  },
});

/** GraphQL abuse limits (depth, cost, aliases): validation rules added to every request. */
export function graphqlValidationRules(config: AppConfig): ValidationRule[] {
  return [
    noSubscriptionRule,
    operationLimitsRule({
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxCost: config.GRAPHQL_MAX_COST,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
    }),
  ];
}
