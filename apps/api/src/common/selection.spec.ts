import { buildSchema, execute, GraphQLResolveInfo, parse } from 'graphql';
import { fetchSelectedRelations, selects } from './selection';

const schema = buildSchema(`
  type School { id: ID! name: String! }
  type Review { verdict: String! }
  type Treatment { id: ID! school: School! reviews: [Review!]! }
  type Page { nodes: [Treatment!]! totalCount: Int! }
  type Query { treatments: Page! }
`);

/** The `info` graphql-js hands the `treatments` resolver for `query`. */
function infoFor(query: string): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | undefined;
  void execute({
    schema,
    document: parse(query),
    rootValue: {
      treatments: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        captured = info;
        return { nodes: [], totalCount: 0 };
      },
    },
  });
  if (!captured) throw new Error('the resolver did not run');
  return captured;
}

describe('selects: what a list resolver is asked for below it', () => {
  it('finds a field selected directly, and not one that is absent', () => {
    const info = infoFor(`{ treatments { totalCount nodes { id school { name } } } }`);
    expect(selects(info, ['nodes', 'school'])).toBe(true);
    expect(selects(info, ['nodes'])).toBe(true);
    expect(selects(info, ['nodes', 'reviews'])).toBe(false);
    expect(selects(info, ['nodes', 'school', 'id'])).toBe(false);
    expect(selects(info, ['totalCount', 'school'])).toBe(false);
  });

  it('looks through named fragments and inline fragments, at any level', () => {
    const info = infoFor(`
      query { treatments { ...Page } }
      fragment Page on Page { nodes { ... on Treatment { reviews { verdict } } ...Entry } }
      fragment Entry on Treatment { school { id } }`);
    expect(selects(info, ['nodes', 'reviews'])).toBe(true);
    expect(selects(info, ['nodes', 'school', 'id'])).toBe(true);
    expect(selects(info, ['nodes', 'id'])).toBe(false);
  });

  it('sees a field under an alias by its name, and a field selected twice once is enough', () => {
    const info = infoFor(`{ treatments { entries: nodes { id } nodes { where: school { id } } } }`);
    expect(selects(info, ['nodes', 'school'])).toBe(true);
    expect(selects(info, ['entries'])).toBe(false);
  });

  it('fetchSelectedRelations runs the fetches of the relations selected under nodes, and only those', async () => {
    const ran: string[] = [];
    const fetch = (name: string) => async () => {
      ran.push(name);
    };
    await fetchSelectedRelations(infoFor(`{ treatments { totalCount nodes { reviews { verdict } } } }`), {
      school: fetch('school'),
      reviews: fetch('reviews'),
    });
    expect(ran).toEqual(['reviews']);
  });
});
