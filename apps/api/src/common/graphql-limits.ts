import { ApolloServerPlugin } from '@apollo/server';
import {
  ASTNode,
  FieldNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLNamedType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
} from 'graphql';
import { AppConfig, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../../libs/core/src';

/**
 * The limits a single operation must respect. Each refusal is a validation error (HTTP 400,
 * `extensions.code` GRAPHQL_VALIDATION_FAILED) with a French message and `extensions.limit` naming
 * the limit: MAX_DEPTH, MAX_COST or MAX_ALIASES.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
}

export type LimitName = 'MAX_DEPTH' | 'MAX_COST' | 'MAX_ALIASES';

/** What an unpaginated list of objects (grants, heads, reviews, transfers…) is assumed to hold. */
export const UNPAGINATED_LIST_ESTIMATE = 10;

/**
 * Field selections walked per operation at most: fragments spread inside fragments could otherwise
 * make the analysis itself exponential. Reaching it means the operation is far too costly anyway.
 */
const MAX_VISITED_FIELDS = 50_000;

/** Introspection's `ofType` chains unwrap one type (at most a few levels): they are no nesting. */
const INTROSPECTION_TYPE_WRAPPER = 'ofType';

interface Analysis {
  maxDepth: number;
  aliases: number;
  visited: number;
  tooLarge: boolean;
}

/**
 * Measures one operation, fragments expanded:
 * - depth: the deepest field (a root field is at depth 1; `__typename` and introspection's `ofType`
 *   do not count);
 * - cost: every field costs 1; the fields under a paginated field (one with a `first` argument)
 *   count `first` times (DEFAULT_PAGE_SIZE when absent, MAX_PAGE_SIZE when a variable without
 *   default gives it, never more than MAX_PAGE_SIZE since pagination refuses larger pages); the
 *   fields under any other list of objects count UNPAGINATED_LIST_ESTIMATE times, except a
 *   connection's `nodes` (its page size is already counted). Introspection (`__schema`, `__type`)
 *   costs nothing: it is switched off in production and bounded by the depth limit;
 * - aliases: every aliased field, as many times as it is selected.
 */
export function analyseOperation(
  context: ValidationContext,
  operation: OperationDefinitionNode,
): Analysis & { cost: number } {
  const schema = context.getSchema();
  const rootType =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const variableDefaults = new Map<string, ValueNode | undefined>(
    (operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]),
  );
  const analysis: Analysis = { maxDepth: 0, aliases: 0, visited: 0, tooLarge: false };

  const pageSize = (field: FieldNode): number => {
    const argument = field.arguments?.find((a) => a.name.value === 'first');
    let value: ValueNode | undefined = argument?.value;
    if (value?.kind === Kind.VARIABLE) {
      value = variableDefaults.get(value.name.value);
      if (!value) return MAX_PAGE_SIZE;
    }
    if (!value || value.kind === Kind.NULL) return DEFAULT_PAGE_SIZE;
    if (value.kind !== Kind.INT) return DEFAULT_PAGE_SIZE; // a wrong type: validation refuses it anyway
    const n = Number(value.value);
    return Math.min(Math.max(n, 1), MAX_PAGE_SIZE);
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | null | undefined,
    depth: number,
    introspection: boolean,
    fragmentPath: ReadonlySet<string>,
  ): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (analysis.tooLarge) return cost;
      switch (selection.kind) {
        case Kind.FIELD: {
          if (++analysis.visited > MAX_VISITED_FIELDS) {
            analysis.tooLarge = true;
            return cost;
          }
          const name = selection.name.value;
          if (selection.alias) analysis.aliases += 1;
          if (name === '__typename') break;
          const inIntrospection = introspection || name === '__schema' || name === '__type';
          const fieldDepth = inIntrospection && name === INTROSPECTION_TYPE_WRAPPER ? depth : depth + 1;
          analysis.maxDepth = Math.max(analysis.maxDepth, fieldDepth);
          const fieldDef =
            name === '__schema'
              ? SchemaMetaFieldDef
              : name === '__type'
                ? TypeMetaFieldDef
                : isObjectType(parentType) || isInterfaceType(parentType)
                  ? parentType.getFields()[name]
                  : undefined;
          const childCost = selection.selectionSet
            ? walk(
                selection.selectionSet,
                fieldDef ? getNamedType(fieldDef.type) : undefined,
                fieldDepth,
                inIntrospection,
                fragmentPath,
              )
            : 0;
          if (inIntrospection) break;
          let multiplier = 1;
          if (fieldDef?.args.some((a) => a.name === 'first')) {
            multiplier = pageSize(selection);
          } else if (
            fieldDef &&
            isListType(getNullableType(fieldDef.type)) &&
            selection.selectionSet &&
            !parentType?.name.endsWith('Connection')
          ) {
            multiplier = UNPAGINATED_LIST_ESTIMATE;
          }
          cost += 1 + multiplier * childCost;
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition
            ? schema.getType(selection.typeCondition.name.value)
            : parentType;
          cost += walk(selection.selectionSet, type, depth, introspection, fragmentPath);
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = context.getFragment(name);
          // an unknown or cyclic fragment: the specified rules report it
          if (!fragment || fragmentPath.has(name)) break;
          cost += walk(
            fragment.selectionSet,
            schema.getType(fragment.typeCondition.name.value),
            depth,
            introspection,
            new Set([...fragmentPath, name]),
          );
          break;
        }
      }
    }
    return cost;
  };

  const cost = walk(operation.selectionSet, rootType, 0, false, new Set());
  return { ...analysis, cost };
}

function limitError(limit: LimitName, message: string, node: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { limit } });
}

/** Refuses an operation too deep, too costly or with too many aliases (one error per limit). */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const analysis = analyseOperation(context, operation);
      const name = operation.name ? `« ${operation.name.value} » ` : '';
      if (analysis.maxDepth > limits.maxDepth) {
        context.reportError(
          limitError(
            'MAX_DEPTH',
            `Requête ${name}trop imbriquée : ${analysis.maxDepth} niveaux, ${limits.maxDepth} au plus.`,
            operation,
          ),
        );
      }
      if (analysis.tooLarge || analysis.cost > limits.maxCost) {
        const estimate = analysis.tooLarge ? 'hors limite' : String(analysis.cost);
        context.reportError(
          limitError(
            'MAX_COST',
            `Requête ${name}trop coûteuse : coût estimé ${estimate}, ${limits.maxCost} au plus. ` +
              'Demandez moins de champs ou des pages plus petites (first).',
            operation,
          ),
        );
      }
      if (analysis.aliases > limits.maxAliases) {
        context.reportError(
          limitError(
            'MAX_ALIASES',
            `Trop d’alias dans la requête ${name}: ${analysis.aliases}, ${limits.maxAliases} au plus.`,
            operation,
          ),
        );
      }
      return false; // the walk above has seen the whole operation
    },
  });
}

/** GraphQL abuse limits (depth, cost, aliases): validation rules added to every request. */
export function graphqlValidationRules(config: AppConfig): ValidationRule[] {
  return [
    operationLimitsRule({
      maxDepth: config.GRAPHQL_MAX_DEPTH,
      maxCost: config.GRAPHQL_MAX_COST,
      maxAliases: config.GRAPHQL_MAX_ALIASES,
    }),
  ];
}

/** " Did you mean …?" as graphql-js appends it to validation and input-coercion messages. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * In production, error messages name no field, type or enum value the client did not write:
 * suggestions would map the schema for someone whom introspection is refused to.
 */
export function hideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const errors = response.body.singleResult.errors;
          if (errors?.length) {
            response.body.singleResult.errors = errors.map((error) => ({
              ...error,
              message: withoutSuggestions(error.message),
            }));
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Apollo plugins enforcing request-level limits. Batched operations are refused by Apollo itself
 * (allowBatchedHttpRequests defaults to false) and the body size by app.setup.ts. */
export function graphqlLimitPlugins(config: AppConfig): ApolloServerPlugin[] {
  return config.NODE_ENV === 'production' ? [hideSuggestionsPlugin()] : [];
}
