import { In } from 'typeorm';
import { canRead } from '../access';
import { callerOf, GraphqlContext } from '../common/graphql-context';
import { groupBy, RequestLoaders } from '../common/request-loaders';
import { ToolDeclarationEntity } from './tool-declaration.entity';
import { ToolDeclaration } from './tool-declaration.model';

/** The declarations filed under each treatment, newest first, unscoped: `visibleDeclarationsOf` applies the read rule. */
export const declarationsByTreatment = (loaders: RequestLoaders) =>
  loaders.get<string, ToolDeclarationEntity[]>('declarationsByTreatment', async (treatmentIds, ds) => {
    const rows = await ds.getRepository(ToolDeclarationEntity).find({
      where: { treatmentId: In([...treatmentIds]) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return groupBy(rows, treatmentIds, (d) => d.treatmentId as string);
  });

/** Treatment.declarations: the declarations filed under a treatment that the caller reads. */
export const visibleDeclarationsOf = (
  ctx: GraphqlContext,
  treatmentId: string,
): ToolDeclaration[] | Promise<ToolDeclaration[]> => {
  const caller = callerOf(ctx);
  return declarationsByTreatment(ctx.loaders).now(treatmentId, (declarations) =>
    declarations.filter((d) => canRead(caller, 'declaration', d)).map(ToolDeclaration.from),
  );
};
